#!/usr/bin/env bash
# Boots the built app the way `npm start` does (no DATABASE_URL: embedded engine), checks readiness,
# the OpenAPI page and login with the printed local admin, restarts it and checks the data was kept.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir=$(mktemp -d)
port=${SMOKE_PORT:-3999}
log="$data_dir/app.log"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$data_dir"' EXIT

http() { # method url [json-body] [token] -> prints "status body"
  node -e '
    const [method, url, body, token] = process.argv.slice(1);
    const headers = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    fetch(url, { method, headers, body: body || undefined })
      .then(async (r) => console.log(r.status, (await r.text()).replace(/\s+/g, " ")))
      .catch(() => console.log(0));
  ' "$@"
}

start_app() {
  env -u DATABASE_URL DATA_DIR="$data_dir" PORT="$port" node dist/src/main.js >>"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    if [ "$(http GET "http://127.0.0.1:$port/health/ready" | cut -d' ' -f1)" = "200" ]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "app exited during start" >&2; return 1; }
    sleep 1
  done
  cat "$log"; echo "app not ready after 60 s" >&2; return 1
}

stop_app() {
  kill -TERM "$pid"
  wait "$pid" || { echo "app did not exit cleanly on SIGTERM" >&2; return 1; }
  pid=""
}

# Bad configuration stops the process with the variable's name, before anything starts.
set +e
bad=$(env -u DATABASE_URL DATA_DIR="$data_dir" PORT=not-a-port node dist/src/main.js 2>&1)
bad_status=$?
set -e
[ "$bad_status" -ne 0 ] && printf '%s' "$bad" | grep -q 'PORT' || { echo "bad PORT did not stop the app with its name: $bad" >&2; exit 1; }
set +e
bad=$(env -u DATABASE_URL -u JWT_SECRET NODE_ENV=production DATA_DIR="$data_dir" node dist/src/main.js 2>&1)
bad_status=$?
set -e
[ "$bad_status" -ne 0 ] && printf '%s' "$bad" | grep -q 'JWT_SECRET' || { echo "production without JWT_SECRET did not refuse: $bad" >&2; exit 1; }

start_app
email=$(sed -n 's/^ *email: *//p' "$log" | head -n 1)
password=$(sed -n 's/^ *password: *//p' "$log" | head -n 1)
[ -n "$email" ] && [ -n "$password" ] || { cat "$log"; echo "no local admin credentials printed" >&2; exit 1; }
[ "$(http GET "http://127.0.0.1:$port/api/docs" | cut -d' ' -f1)" = "200" ] || { echo "/api/docs not served" >&2; exit 1; }

login() { http POST "http://127.0.0.1:$port/api/v1/auth/login" "{\"email\":\"$email\",\"password\":\"$password\"}"; }
first=$(login)
[ "${first%% *}" = "200" ] || { echo "login failed: $first" >&2; exit 1; }
token=$(node -e 'console.log(JSON.parse(process.argv[1].slice(4)).accessToken)' "$first")
created=$(http POST "http://127.0.0.1:$port/api/v1/users" '{"email":"smoke@firm.example","name":"Smoke","role":"paralegal","password":"smoke-test-password"}' "$token")
[ "${created%% *}" = "201" ] || { echo "create user failed: $created" >&2; exit 1; }
stop_app

start_app
grep -c 'Local admin created' "$log" | grep -qx 1 || { echo "the local admin was created twice" >&2; exit 1; }
second=$(login)
[ "${second%% *}" = "200" ] || { echo "login after restart failed: $second" >&2; exit 1; }
kept=$(http POST "http://127.0.0.1:$port/api/v1/auth/login" '{"email":"smoke@firm.example","password":"smoke-test-password"}')
[ "${kept%% *}" = "200" ] || { echo "user created before the restart is gone: $kept" >&2; exit 1; }
stop_app
echo "smoke: embedded start, docs, login, restart and kept data all OK"
