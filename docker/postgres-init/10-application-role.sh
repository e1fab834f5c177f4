#!/bin/sh
# Runs once, when the database volume is first created: the login role the API uses. It owns nothing;
# the migrate service (logged in as the owner, POSTGRES_USER) grants it what the app needs after every
# migration, and never UPDATE/DELETE/TRUNCATE on the audit trail.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE oi_intake_app LOGIN PASSWORD :'app_password';
SQL
