import { Client } from 'pg';

/** Throw-away databases on the local server, and the few direct reads the benchmark needs. */

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'oi-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
}

/** WITH (FORCE) ends any session still connected (a server that did not stop in time). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/**
 * A login role of the API's own for one run, as in production: the API migrates as the owner
 * (DATABASE_OWNER_URL) and serves as this role, which it refuses to do as a superuser.
 */
export async function createApplicationRole(adminUrl: string, role: string, password: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`));
}

/** After the databases it was granted privileges in are dropped. */
export async function dropApplicationRole(adminUrl: string, role: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`DROP ROLE IF EXISTS "${role}"`));
}

export function urlAsRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}

export async function serverVersion(adminUrl: string): Promise<string> {
  return withClient(adminUrl, async (client) => ((await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v ?? 'unknown'));
}

export interface Workload {
  caseIds: string[];
  /** Open cases (screening refuses closed ones). */
  openCaseIds: string[];
  /** The keyset cursor 90% of the way down the solicitor's list. */
  deepCursor: string;
  deepPosition: number;
  solicitorCases: number;
  firmCases: number;
}

export function encodeCursor(number: string): string {
  return Buffer.from(JSON.stringify([number]), 'utf8').toString('base64url');
}

export async function workload(url: string, solicitorId: string, sample = 5_000): Promise<Workload> {
  return withClient(url, async (client) => {
    const firmCases = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]?.n ?? 0);
    const solicitorCases = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM cases WHERE assigned_solicitor_id = $1', [solicitorId])).rows[0]?.n ?? 0);
    const caseIds = (await client.query<{ id: string }>('SELECT id FROM cases WHERE assigned_solicitor_id = $1 ORDER BY random() LIMIT $2', [solicitorId, sample])).rows.map((row) => row.id);
    const openCaseIds = (
      await client.query<{ id: string }>(
        `SELECT id FROM cases WHERE assigned_solicitor_id = $1 AND intake_stage IN ('enquiry', 'accepted') ORDER BY random() LIMIT $2`,
        [solicitorId, sample],
      )
    ).rows.map((row) => row.id);
    const deepPosition = Math.max(0, Math.floor(solicitorCases * 0.9));
    const deep = (await client.query<{ number: string }>('SELECT number FROM cases WHERE assigned_solicitor_id = $1 ORDER BY number DESC OFFSET $2 LIMIT 1', [solicitorId, deepPosition])).rows[0];
    if (caseIds.length === 0 || openCaseIds.length === 0 || deep === undefined) throw new Error(`the benchmark solicitor has no usable cases (${solicitorCases})`);
    return { caseIds, openCaseIds, deepCursor: encodeCursor(deep.number), deepPosition, solicitorCases, firmCases };
  });
}
