import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * The database role split. One role owns the schema and runs migrations (DATABASE_OWNER_URL); the
 * application logs in as another (DATABASE_URL) that may read and write the records but can only
 * append to the audit trail: no UPDATE, DELETE or TRUNCATE of audit events, no removal of the chain
 * head, no DDL. Privilege, not only the triggers, keeps the trail append-only: an owner could drop a
 * trigger, a superuser could switch triggers off; this role can do neither.
 */

/** Tables whose rows the application may only add to (and read), never change or remove. */
const APPEND_ONLY_TABLES = ['audit_events'] as const;
/**
 * The single chain-head row: read, moved forward (SELECT … FOR UPDATE, UPDATE) and created when missing
 * (its CHECK allows one row only, so an INSERT can never start a second chain), but never removed.
 */
const NEVER_EMPTIED_TABLES = ['audit_chain_head'] as const;
/**
 * Records DESIGN.md calls immutable: written once, never changed or removed. Erasure alone may blank
 * the personal columns listed (the same ones src/privacy/personal-data.ts names; a test holds them equal).
 */
export const IMMUTABLE_TABLES: Readonly<Record<string, readonly string[]>> = {
  case_stage_changes: ['reason'],
  screenings: ['flags', 'snapshot'],
  screening_reviews: ['reason'],
};
/** The migration history: the application may see which migrations ran, never record one. */
const READ_ONLY_TABLES = ['typeorm_migrations'] as const;

/** What the connected role can do that the application's role must not. */
export interface ApplicationRoleFacts {
  role: string;
  superuser: boolean;
  /** Tables in the schema owned by this role or a role it belongs to: an owner can re-grant itself anything. */
  ownedTables: string[];
  /** `table: PRIVILEGE` pairs it holds on the audit tables beyond append and read. */
  excessAuditPrivileges: string[];
  /** It may create objects (a trigger-free copy of a table, a function) in the schema. */
  canCreateInSchema: boolean;
}

/** Why the role is not fit to run the application; empty when it is. Pure, so the rules are unit-tested. */
export function applicationRoleProblems(facts: ApplicationRoleFacts): string[] {
  const problems: string[] = [];
  if (facts.superuser) problems.push(`role ${facts.role} is a superuser`);
  if (facts.ownedTables.length > 0) problems.push(`role ${facts.role} owns tables (${facts.ownedTables.slice(0, 3).join(', ')}${facts.ownedTables.length > 3 ? ', …' : ''})`);
  if (facts.excessAuditPrivileges.length > 0) problems.push(`role ${facts.role} may change the audit trail (${facts.excessAuditPrivileges.join(', ')})`);
  if (facts.canCreateInSchema) problems.push(`role ${facts.role} may create objects in the schema`);
  return problems;
}

type Queryable = Pick<DataSource | EntityManager | QueryRunner, 'query'>;

/** The role this connection is logged in as. */
export async function currentRole(db: Queryable): Promise<string> {
  const [{ role }] = (await db.query(`SELECT current_user AS role`)) as { role: string }[];
  return role;
}

/** Reads the facts about the role this connection is logged in as (current_user). */
export async function readApplicationRoleFacts(db: Queryable): Promise<ApplicationRoleFacts> {
  const [role] = (await db.query(
    `SELECT current_user AS role, r.rolsuper AS superuser, has_schema_privilege(current_schema(), 'CREATE') AS "canCreate"
       FROM pg_roles r WHERE r.rolname = current_user`,
  )) as { role: string; superuser: boolean; canCreate: boolean }[];
  const owned = (await db.query(
    `SELECT c.relname AS name FROM pg_class c
       WHERE c.relnamespace = to_regnamespace(current_schema()) AND c.relkind IN ('r', 'p')
         AND pg_has_role(current_user, c.relowner, 'USAGE')
       ORDER BY c.relname`,
  )) as { name: string }[];
  const checks = [
    ...APPEND_ONLY_TABLES.flatMap((table) => ['UPDATE', 'DELETE', 'TRUNCATE'].map((privilege) => [table, privilege])),
    ...NEVER_EMPTIED_TABLES.flatMap((table) => ['DELETE', 'TRUNCATE'].map((privilege) => [table, privilege])),
  ];
  const excess: string[] = [];
  for (const [table, privilege] of checks) {
    const [row] = (await db.query(`SELECT to_regclass($1) IS NOT NULL AND has_table_privilege($1, $2) AS held`, [table, privilege])) as { held: boolean }[];
    if (row.held) excess.push(`${table}: ${privilege}`);
  }
  return {
    role: role.role,
    superuser: role.superuser,
    ownedTables: owned.map((table) => table.name),
    excessAuditPrivileges: excess,
    canCreateInSchema: role.canCreate,
  };
}

/**
 * Run by the owner after migrating: gives `role` exactly what the application needs on every table
 * the migrations made, so a new table is covered the next time migrations run. Idempotent.
 */
export async function grantApplicationRole(owner: QueryRunner, role: string): Promise<void> {
  const grantee = quoteIdentifier(role);
  const [{ schema }] = (await owner.query(`SELECT current_schema() AS schema`)) as { schema: string }[];
  const inSchema = quoteIdentifier(schema);
  await owner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${inSchema} FROM ${grantee}`);
  // PostgreSQL 15 no longer lets PUBLIC create in the public schema; older templates still may.
  await owner.query(`REVOKE CREATE ON SCHEMA ${inSchema} FROM PUBLIC, ${grantee}`);
  await owner.query(`GRANT USAGE ON SCHEMA ${inSchema} TO ${grantee}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${inSchema} TO ${grantee}`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${inSchema} TO ${grantee}`);
  for (const table of APPEND_ONLY_TABLES) await owner.query(`REVOKE UPDATE, DELETE ON ${quoteIdentifier(table)} FROM ${grantee}`);
  for (const table of NEVER_EMPTIED_TABLES) await owner.query(`REVOKE DELETE ON ${quoteIdentifier(table)} FROM ${grantee}`);
  for (const table of READ_ONLY_TABLES) await owner.query(`REVOKE INSERT, UPDATE, DELETE ON ${quoteIdentifier(table)} FROM ${grantee}`);
  for (const [table, erasable] of Object.entries(IMMUTABLE_TABLES)) {
    await owner.query(`REVOKE UPDATE, DELETE ON ${quoteIdentifier(table)} FROM ${grantee}`);
    await owner.query(`GRANT UPDATE (${erasable.map(quoteIdentifier).join(', ')}) ON ${quoteIdentifier(table)} TO ${grantee}`);
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
