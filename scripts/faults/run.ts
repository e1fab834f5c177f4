/**
 * `npm run test:faults`: the API (production build) under a mixed load while the database is made to
 * fail under it, then a soak; afterwards the database is searched for every acknowledged write.
 *
 * It runs on a throw-away PostgreSQL cluster of its own (created and dropped here with Debian's
 * pg_createcluster), so stopping the server abruptly touches nothing else. Prints one table, writes it
 * into docs/RELIABILITY.md, and exits non-zero when anything was lost or misanswered.
 *
 * Environment: FAULTS_PHASE_SECONDS (12), FAULTS_SOAK_SECONDS (120), FAULTS_CONCURRENCY (8),
 * FAULTS_SKIP_BUILD=1 (use the existing dist/), FAULTS_RESULTS (docs/RELIABILITY.md; "-" to not write).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import { createUser, login } from '../../bench/lib/api-client';
import { intakeBodies } from '../../bench/lib/bodies';
import { intEnv } from '../../bench/lib/env';
import { createApplicationRole, createDatabase, databaseUrl, urlAsRole } from '../../bench/lib/database';
import { run, RssSampler, Server, sleep, startServer } from '../../bench/lib/processes';
import { ThrowAwayCluster } from './cluster';
import { MixedLoad, PhaseName } from './load';
import { renderTable, RunFacts, verdicts, writeResults } from './report';
import { inspect } from './verify';

const REPO = resolve(__dirname, '..', '..');


const config = {
  phaseSeconds: intEnv('FAULTS_PHASE_SECONDS', 12, 5, 600),
  soakSeconds: intEnv('FAULTS_SOAK_SECONDS', 120, 10, 3600),
  concurrency: intEnv('FAULTS_CONCURRENCY', 8, 1, 100),
  port: intEnv('FAULTS_PORT', 3411, 1024, 65535),
  clientTimeoutMs: 10_000,
  statementTimeoutMs: 3_000,
  build: process.env.FAULTS_SKIP_BUILD !== '1',
  results: process.env.FAULTS_RESULTS ?? join(REPO, 'docs', 'RELIABILITY.md'),
};

const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const startedAt = new Date();
  if (config.build) {
    say('== build (npm run build)');
    run('npm', ['run', 'build'], { cwd: REPO, label: 'npm run build' });
  }
  say('== a throw-away PostgreSQL cluster');
  const cluster = await ThrowAwayCluster.create();
  const logDir = mkdtempSync(join(tmpdir(), 'oi-faults-'));
  let api: Server | undefined;
  let keepLogs = true;
  try {
    say(`   ${cluster.version}/${cluster.name} on port ${cluster.port}; logs in ${logDir}`);
    const database = 'oi_faults';
    await createDatabase(cluster.adminUrl, database);
    const ownerUrl = databaseUrl(cluster.adminUrl, database);
    const appRole = 'oi_faults_app';
    const appPassword = randomBytes(18).toString('hex');
    await createApplicationRole(cluster.adminUrl, appRole, appPassword);

    const admin = { email: 'faults-admin@firm.example', password: randomBytes(18).toString('base64url') };
    say(`== the API (production build), logged in as ${appRole}; a throw-away admin ${admin.email}`);
    api = await startServer({
      name: 'api',
      command: process.execPath,
      args: ['dist/src/main.js'],
      cwd: REPO,
      env: apiEnvironment({ ownerUrl, appUrl: urlAsRole(ownerUrl, appRole, appPassword), admin }),
      port: config.port,
      logFile: join(logDir, 'api.log'),
      readyPath: '/health/ready',
      timeoutMs: 90_000,
    });
    let apiExited: string | undefined;
    api.process.once('exit', (code, signal) => {
      apiExited = `exited (code ${String(code)}, signal ${String(signal)}) — see ${join(logDir, 'api.log')}`;
    });

    const adminSession = await login(api.url, admin.email, admin.password);
    const solicitor = { email: 'faults-solicitor@firm.example', password: randomBytes(18).toString('base64url') };
    const paralegal = { email: 'faults-paralegal@firm.example', password: randomBytes(18).toString('base64url') };
    const solicitorId = await createUser(api.url, adminSession.token, { ...solicitor, name: 'Faults Solicitor', role: 'solicitor' });
    const paralegalId = await createUser(api.url, adminSession.token, { ...paralegal, name: 'Faults Paralegal', role: 'paralegal' });
    const solicitorToken = (await login(api.url, solicitor.email, solicitor.password)).token;
    const paralegalToken = (await login(api.url, paralegal.email, paralegal.password)).token;

    const load = new MixedLoad({
      baseUrl: api.url,
      solicitorToken,
      paralegalToken,
      nextIntakeBody: intakeBodies(7, [{ solicitorId, paralegalId }]),
      caseIds: [],
      concurrency: config.concurrency,
      timeoutMs: config.clientTimeoutMs,
    });
    await load.prime(20);
    say(`   ${solicitor.email} took 20 cases and screened them; load: ${config.concurrency} concurrent clients`);

    const rss = new RssSampler(api.process.pid ?? 0);
    rss.start();
    load.start();
    const phase = async (name: PhaseName, fault: () => Promise<void> = async () => undefined): Promise<void> => {
      load.phase = name;
      say(`== phase ${name}`);
      const until = Date.now() + config.phaseSeconds * 1000;
      await fault();
      await sleep(Math.max(0, until - Date.now()));
    };

    await phase('steady');

    let terminatedConnections = 0;
    await phase('terminate', async () => {
      for (let round = 0; round < 2; round += 1) {
        await sleep(2_000);
        terminatedConnections += await terminateConnections(cluster.adminUrl, database, appRole);
      }
      say(`   terminated ${terminatedConnections} of the API's connections`);
    });

    let readyDuringOutage = 0;
    let recoverySeconds: number | undefined;
    await phase('restart', async () => {
      await sleep(2_000);
      cluster.crash();
      say('   PostgreSQL stopped (-m immediate)');
      const outageEnds = Date.now() + 4_000;
      while (Date.now() < outageEnds) {
        if ((await readiness(api?.url ?? '')) === 200) readyDuringOutage += 1;
        await sleep(250);
      }
      cluster.start();
      const upAt = Date.now();
      say('   PostgreSQL started again');
      while (Date.now() - upAt < 60_000) {
        if ((await readiness(api?.url ?? '')) === 200) {
          recoverySeconds = (Date.now() - upAt) / 1000;
          break;
        }
        await sleep(250);
      }
      say(`   /health/ready answered 200 again after ${recoverySeconds === undefined ? 'never (60 s)' : `${recoverySeconds.toFixed(1)} s`}`);
    });

    const lockHeldMs = config.statementTimeoutMs + 2_000;
    await phase('lock', async () => {
      await sleep(1_000);
      await holdChainHeadLock(ownerUrl, lockHeldMs);
      say(`   held the audit chain head FOR UPDATE for ${lockHeldMs} ms (statement timeout ${config.statementTimeoutMs} ms)`);
    });

    load.phase = 'soak';
    say(`== phase soak (${config.soakSeconds} s)`);
    rss.takeWindowPeakMb();
    const rssWindowsMb: number[] = [];
    for (let elapsed = 0; elapsed < config.soakSeconds; elapsed += 10) {
      await sleep(Math.min(10, config.soakSeconds - elapsed) * 1000);
      rssWindowsMb.push(rss.takeWindowPeakMb());
    }
    await load.stop();
    rss.stop();
    const pendingAfterSettle = await load.settlePending(30_000);

    say('== what the database holds');
    const verification = (await fetch(`${api.url}/api/v1/audit/verify`, { headers: { authorization: `Bearer ${adminSession.token}` } }).then((response) => response.json())) as { intact?: boolean; checkedEvents?: number };
    const findings = await inspect(ownerUrl, load.intakeKeys.values(), { screenings: load.acknowledgedScreenings, taskVersions: load.acknowledgedTaskVersions });

    const facts: RunFacts = {
      startedAt,
      commit: gitCommit(),
      machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB, node ${process.version}, PostgreSQL ${cluster.version} (throw-away cluster)`,
      settings: `${config.concurrency} concurrent clients, ${config.phaseSeconds} s per phase, ${config.soakSeconds} s soak, client timeout ${config.clientTimeoutMs / 1000} s, DB_STATEMENT_TIMEOUT_MS=${config.statementTimeoutMs}, DB_POOL_SIZE=10, mix: 35% intake (Idempotency-Key, retried after failures), 35% case reads, 15% task updates (If-Match), 15% screenings`,
      counts: load.counts,
      findings,
      pendingAfterSettle,
      auditIntact: verification.intact === true,
      auditEvents: verification.checkedEvents ?? 0,
      terminatedConnections,
      readyDuringOutage,
      recoverySeconds,
      lockHeldMs,
      rssWindowsMb,
      refusals: load.refusals,
      apiExited,
    };
    const checks = verdicts(facts);
    const table = renderTable(facts, checks);
    say(`\n${table}\n`);
    if (config.results !== '-') {
      writeResults(config.results, table);
      say(`written to ${config.results}`);
    }
    if (load.unexpected.length > 0) say(`unexpected answers (first ${load.unexpected.length}):\n  ${load.unexpected.join('\n  ')}`);
    const failed = checks.filter((check) => !check.pass);
    keepLogs = failed.length > 0;
    if (keepLogs) say(`the API's log is kept in ${logDir}`);
    say(failed.length === 0 ? 'faults: every check passed' : `faults: ${failed.length} check(s) FAILED`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await api?.stop();
    cluster.drop();
    if (!keepLogs) rmSync(logDir, { recursive: true, force: true });
  }
}

function apiEnvironment(options: { ownerUrl: string; appUrl: string; admin: { email: string; password: string } }): NodeJS.ProcessEnv {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'TEST_DATABASE_URL', 'DATA_DIR', 'DB_POOL_SIZE']) delete inherited[name];
  return {
    ...inherited,
    NODE_ENV: 'production',
    // As the production image runs it (Dockerfile).
    NODE_OPTIONS: `${inherited.NODE_OPTIONS ?? ''} --max-old-space-size=160`.trim(),
    HOST: '127.0.0.1',
    PORT: String(config.port),
    LOG_LEVEL: 'warn',
    DATABASE_URL: options.appUrl,
    DATABASE_OWNER_URL: options.ownerUrl,
    DB_POOL_SIZE: '10',
    DB_STATEMENT_TIMEOUT_MS: String(config.statementTimeoutMs),
    DB_CONNECT_TIMEOUT_MS: '2000',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    ADMIN_EMAIL: options.admin.email,
    ADMIN_PASSWORD: options.admin.password,
    LOGIN_RATE_LIMIT: '1000',
  };
}

async function terminateConnections(adminUrl: string, database: string, role: string): Promise<number> {
  const client = new Client({ connectionString: adminUrl, application_name: 'oi-faults' });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::text AS count FROM pg_stat_activity WHERE datname = $1 AND usename = $2`,
      [database, role],
    );
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

/** A row lock held past the statement timeout: every audited request waits on the chain head. */
async function holdChainHeadLock(ownerUrl: string, holdMs: number): Promise<void> {
  const client = new Client({ connectionString: ownerUrl, application_name: 'oi-faults-lock' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT 1 FROM audit_chain_head WHERE id = 1 FOR UPDATE');
    await sleep(holdMs);
    await client.query('ROLLBACK');
  } finally {
    await client.end();
  }
}

async function readiness(baseUrl: string): Promise<number> {
  try {
    return (await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
}

function gitCommit(): string {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO, encoding: 'utf8' }).stdout.trim() !== '';
  return `${result.stdout.trim() || 'unknown'}${dirty ? ' (with uncommitted changes)' : ''}`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`faults run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
