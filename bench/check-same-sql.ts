/**
 * Proves the baseline sends the API's SQL: `npx ts-node --transpile-only bench/check-same-sql.ts`.
 *
 * On a throw-away database with log_statement=all it starts the production build (dist/, `npm run build`
 * first) and the baseline with one signing secret, sends each benchmarked request to both in turn, and
 * compares (a) the statement texts each sent, in order, read back from PostgreSQL's log; (b) status codes,
 * content types, ETags and the shape of every body; (c) whole bodies where both read the same rows.
 * Exits 1 on any difference. Run it after a change to the API's SQL for these routes: the benchmark's
 * ratios mean something only while this passes.
 *
 * Environment: BENCH_PG (as npm run bench), BENCH_PG_LOG (/var/log/postgresql/postgresql-15-main.log: the
 * server's log file, readable by this user), BENCH_API_DIR (the repository: where dist/ is).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Answer, createUser, login, send } from './lib/api-client';
import { intakeBodies } from './lib/bodies';
import { createApplicationRole, createDatabase, databaseUrl, dropApplicationRole, dropDatabase, urlAsRole, withClient } from './lib/database';
import { Server, sleep, startServer } from './lib/processes';

const REPO = resolve(__dirname, '..');
const ADMIN_URL = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PG_LOG = process.env.BENCH_PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log';
const API_DIR = resolve(process.env.BENCH_API_DIR ?? REPO);

type Who = 'api' | 'baseline';
interface IntakeJson {
  client: { lastName: string; email: string };
  case: { assignedSolicitorId: string; defendantName?: string; insurerName?: string };
}

/** The body with every value replaced by its type (arrays by their first element's). */
function shape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? '[]' : [shape(value[0])];
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]));
  return typeof value;
}

function call(baseUrl: string, method: string, path: string, token: string | undefined, body?: unknown): Promise<Answer> {
  return send(baseUrl, method, path, body, token);
}

const idOf = (answer: Answer): string => (answer.body as { id: string }).id;

/** The statements each marked segment of the log holds, in order (the markers are sent on a connection of their own). */
function statementsBySegment(log: string, database: string): Map<string, string[]> {
  const segments = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of log.split('\n')) {
    if (!line.includes(`@${database} `)) continue;
    const mark = /SELECT '=== ([^']*)' AS mark/.exec(line);
    if (mark?.[1] !== undefined) {
      current = [];
      segments.set(mark[1], current);
      continue;
    }
    const statement = /LOG: {2}(?:execute [^:]*|statement): (.*)$/.exec(line)?.[1];
    if (statement !== undefined) current?.push(statement);
  }
  return segments;
}

async function main(): Promise<void> {
  const suffix = randomBytes(3).toString('hex');
  const database = `oi_bench_sqlcheck_${suffix}`;
  const role = `oi_bench_sqlcheck_app_${suffix}`;
  const rolePassword = randomBytes(18).toString('hex');
  const url = databaseUrl(ADMIN_URL, database);
  const secret = randomBytes(48).toString('base64url');
  const admin = { email: `sqlcheck-admin-${suffix}@bench.example`, password: randomBytes(18).toString('base64url') };
  const servers: Server[] = [];
  const problems: string[] = [];
  const logDir = mkdtempSync(join(tmpdir(), 'oi-bench-sqlcheck-'));
  const notes: string[] = [];
  await createApplicationRole(ADMIN_URL, role, rolePassword);
  await createDatabase(ADMIN_URL, database);
  try {
    await withClient(ADMIN_URL, (client) => client.query(`ALTER DATABASE "${database}" SET log_statement = 'all'`));
    const logFrom = statSync(PG_LOG).size;
    const api = await startServer({
      name: 'api',
      command: process.execPath,
      args: ['dist/src/main.js'],
      cwd: API_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '3311',
        LOG_LEVEL: 'warn',
        JWT_SECRET: secret,
        DB_MIGRATIONS_RUN: 'true',
        DATABASE_URL: urlAsRole(url, role, rolePassword),
        DATABASE_OWNER_URL: url,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
      },
      port: 3311,
      logFile: join(logDir, 'api.log'),
      readyPath: '/health/ready',
      timeoutMs: 180_000,
    });
    servers.push(api);
    const baseline = await startServer({
      name: 'baseline',
      command: process.execPath,
      args: ['-r', 'ts-node/register/transpile-only', join('bench', 'baseline-server.ts')],
      cwd: REPO,
      env: { ...process.env, TS_NODE_PROJECT: join(REPO, 'bench', 'tsconfig.json'), DATABASE_URL: url, JWT_SECRET: secret, PORT: '3312', HOST: '127.0.0.1' },
      port: 3312,
      logFile: join(logDir, 'baseline.log'),
      readyPath: '/health/ready',
      timeoutMs: 60_000,
    });
    servers.push(baseline);

    const adminSession = await login(api.url, admin.email, admin.password);
    const solicitor = { email: `sqlcheck-solicitor-${suffix}@bench.example`, password: randomBytes(18).toString('base64url') };
    const solicitorId = await createUser(api.url, adminSession.token, { ...solicitor, name: 'Check Solicitor', role: 'solicitor' });
    const paralegalId = await createUser(api.url, adminSession.token, {
      email: `sqlcheck-paralegal-${suffix}@bench.example`,
      password: randomBytes(18).toString('base64url'),
      name: 'Check Paralegal',
      role: 'paralegal',
    });
    const { token } = await login(api.url, solicitor.email, solicitor.password);
    const bodies = intakeBodies(7, [
      { solicitorId, paralegalId },
      { solicitorId, paralegalId: null },
    ]);
    for (let n = 0; n < 4; n += 1) await call(api.url, 'POST', '/api/v1/intake', token, JSON.parse(bodies()));

    const mark = (label: string) => withClient(url, (client) => client.query(`SELECT '=== ${label}' AS mark`));
    const labels: string[] = [];
    /** One request to the API, then the same to the baseline; `variant` may make each its own body. */
    const both = async (label: string, method: string, path: (who: Who) => string, bearer: string | undefined, body?: (who: Who) => unknown): Promise<Record<Who, Answer>> => {
      labels.push(label);
      const answers = {} as Record<Who, Answer>;
      for (const [who, server] of [['api', api], ['baseline', baseline]] as const) {
        await mark(`${label} ${who}`);
        answers[who] = await call(server.url, method, path(who), bearer, body?.(who));
      }
      await mark(`${label} done`);
      const { api: a, baseline: b } = answers;
      const differs = [
        a.status !== b.status && `status ${a.status} / ${b.status}`,
        a.type !== b.type && `content type ${a.type} / ${b.type}`,
        (a.etag === null) !== (b.etag === null) && `etag ${a.etag} / ${b.etag}`,
        JSON.stringify(shape(a.body)) !== JSON.stringify(shape(b.body)) && `body shape\n    API      ${JSON.stringify(shape(a.body))}\n    baseline ${JSON.stringify(shape(b.body))}`,
      ].filter((entry): entry is string => typeof entry === 'string');
      for (const entry of differs) problems.push(`${label}: ${entry}`);
      notes.push(`${label}: ${a.status}${differs.length === 0 ? ', same status, type, etag and body shape' : ''}`);
      return answers;
    };
    const equalBodies = (label: string, answers: Record<Who, Answer>): void => {
      if (JSON.stringify(answers.api.body) !== JSON.stringify(answers.baseline.body)) problems.push(`${label}: the bodies differ`);
    };
    // Each server takes in its own client (a second identical one would be a conflict match).
    const own = (template: IntakeJson, change?: (body: IntakeJson) => void) => (who: Who) => {
      const body = structuredClone(template);
      body.client.lastName += `-${who}`;
      body.client.email = `${who}.${body.client.email}`;
      change?.(body);
      return body;
    };

    const first = await both('intake (paralegal named, with a defendant)', 'POST', () => '/api/v1/intake', token, own(JSON.parse(bodies()) as IntakeJson, (body) => {
      body.case.defendantName = 'Acme Haulage Ltd';
    }));
    const second = await both('intake (no paralegal, no defendant or insurer)', 'POST', () => '/api/v1/intake', token, own(JSON.parse(bodies()) as IntakeJson, (body) => {
      delete body.case.defendantName;
      delete body.case.insurerName;
    }));
    const conflicting = JSON.parse(bodies()) as IntakeJson;
    await call(api.url, 'POST', '/api/v1/intake', token, conflicting);
    await both('intake (a potential conflict: same client again)', 'POST', () => '/api/v1/intake', token, () => conflicting);
    await both('GET /cases/{id}', 'GET', (who) => `/api/v1/cases/${idOf(who === 'api' ? first.api : first.baseline)}`, token);
    equalBodies('GET /cases/{id} (the same case)', await both('GET /cases/{id} (the same case)', 'GET', () => `/api/v1/cases/${idOf(second.baseline)}`, token));
    const page = await both('GET /cases?limit=2', 'GET', () => '/api/v1/cases?limit=2', token);
    equalBodies('GET /cases?limit=2', page);
    const cursor = (page.api.body as { nextCursor: string }).nextCursor;
    equalBodies('GET /cases?limit=2&cursor=', await both('GET /cases?limit=2&cursor=', 'GET', () => `/api/v1/cases?limit=2&cursor=${cursor}`, token));
    await both('GET /cases/{id}: no such case (404)', 'GET', () => '/api/v1/cases/00000000-0000-4000-8000-000000000000', token);
    await both('GET /cases/{id}: no token (401)', 'GET', () => `/api/v1/cases/${idOf(first.api)}`, undefined);
    await both('GET /cases/{id}: altered signature (401)', 'GET', () => `/api/v1/cases/${idOf(first.api)}`, `${token.slice(0, -4)}AAAA`);
    await both('GET /cases: malformed cursor (400)', 'GET', () => '/api/v1/cases?limit=2&cursor=zzz', token);
    await both('POST /intake: the solicitor is a paralegal (422)', 'POST', () => '/api/v1/intake', token, own(JSON.parse(bodies()) as IntakeJson, (body) => {
      body.case.assignedSolicitorId = paralegalId;
    }));
    for (const [label, created] of [
      ['the API\'s intake answer', first.api],
      ['the baseline\'s intake answer', first.baseline],
      ['the baseline\'s intake answer (no parties)', second.baseline],
    ] as const) {
      const read = await call(api.url, 'GET', `/api/v1/cases/${idOf(created)}`, token);
      if (JSON.stringify(read.body) !== JSON.stringify(created.body)) problems.push(`${label} is not what the API's GET of that case answers`);
    }

    await sleep(500);
    const segments = statementsBySegment(readFileSync(PG_LOG).subarray(logFrom).toString('utf8'), database);
    for (const label of labels) {
      const a = segments.get(`${label} api`) ?? [];
      const b = segments.get(`${label} baseline`) ?? [];
      const same = a.length === b.length && a.every((statement, index) => statement === b[index]);
      notes.push(`${label}: SQL: ${a.length} statements from the API, ${b.length} from the baseline: ${same ? 'identical' : 'DIFFERENT'}`);
      if (same) continue;
      for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
        if (a[index] !== b[index]) problems.push(`${label}: statement ${index + 1}\n    API      ${(a[index] ?? '(none)').slice(0, 300)}\n    baseline ${(b[index] ?? '(none)').slice(0, 300)}`);
      }
    }
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    await dropDatabase(ADMIN_URL, database);
    await dropApplicationRole(ADMIN_URL, role);
    if (problems.length === 0) rmSync(logDir, { recursive: true, force: true });
  }
  process.stdout.write(`${notes.join('\n')}\n`);
  if (problems.length > 0) {
    process.stdout.write(`\nThe baseline does not match the API:\n${problems.map((problem) => `- ${problem}`).join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write('\nThe baseline sends the API\'s SQL and answers as the API does.\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
