/**
 * `npm run bench`: the API (production build, on PostgreSQL) against a bare Fastify + pg baseline sending
 * the same SQL (bench/baseline-server.ts: the same statements, in the same order and transactions, with
 * the token check, the guard's user lookup, the conflict check and the audit trail), driven by autocannon
 * on loopback, scenario by scenario, interleaved (API, then baseline).
 * Prints one table, checks issue 6's targets, and writes bench/RESULTS.md.
 *
 * Environment (all optional):
 *   BENCH_CASES=10000           firm size; above BENCH_REFERENCE_CASES the run also measures that size first,
 *   BENCH_REFERENCE_CASES=10000 so the "1M within 2x of 10k" targets come from one run
 *   BENCH_DURATION=10           seconds per measured scenario       BENCH_WARMUP=2   seconds of warm-up before each
 *   BENCH_CONNECTIONS=10        autocannon connections             BENCH_SEED=42    data and request seed
 *   BENCH_PG=postgresql://postgres@127.0.0.1:5432/postgres         where throw-away databases are made
 *   BENCH_POOL_SIZE=10          DB_POOL_SIZE for the API and the baseline's pg Pool
 *   BENCH_REF=<git ref>         build, migrate, seed and run that commit (a clean `git archive` export) instead of the
 *                               working tree (the benchmark's own code, bench/, always comes from the working tree)
 *   BENCH_CORE=1                also run the core-only baseline (/core: the core reads and writes only), for information (0 to skip)
 *   BENCH_EMBEDDED=1            also measure intake on the embedded engine, for information (0 to skip)
 *   BENCH_PROFILE=1             after each API scenario, a further BENCH_PROFILE_SECONDS (5) run under V8's profiler;
 *                               profiles go to bench/profiles/, a summary of where the CPU went into the results
 *   BENCH_QUIET_PERCENT=15      before each measured run, wait (up to BENCH_QUIET_WAIT=30 s) until processes outside
 *                               the benchmark use less than this share of the CPU: the machine is shared
 *   BENCH_API_NODE_OPTIONS=--max-old-space-size=160
 *                               NODE_OPTIONS for the API process only; the default is what the Dockerfile runs it with
 *   BENCH_SKIP_BUILD=1          reuse an existing dist/
 *   BENCH_RESULTS=bench/RESULTS.md
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createUser, getJson, login, postJson } from './lib/api-client';
import { CpuWatch } from './lib/cpu';
import { intakeBodies } from './lib/bodies';
import { intEnv } from './lib/env';
import { createApplicationRole, createDatabase, databaseUrl, dropApplicationRole, dropDatabase, serverVersion, urlAsRole, withClient, workload, Workload } from './lib/database';
import { drive, Measurement } from './lib/load';
import { run, runLive, RssSampler, Server, sleep, startServer, tail } from './lib/processes';
import { summarizeProfile, writeProfileHook } from './lib/profile';
import { coreTable, cpuTable, EmbeddedResult, evaluateTargets, PhaseResult, profileTable, resultsTable, ScenarioResult, sizeLabel, targetsTable, writeResults } from './lib/report';

const REPO = resolve(__dirname, '..');

const config = {
  cases: intEnv('BENCH_CASES', 10_000, 100, 20_000_000),
  referenceCases: intEnv('BENCH_REFERENCE_CASES', 10_000, 100, 20_000_000),
  duration: intEnv('BENCH_DURATION', 10, 1, 3_600),
  warmup: intEnv('BENCH_WARMUP', 2, 0, 600),
  connections: intEnv('BENCH_CONNECTIONS', 10, 1, 1_000),
  seed: intEnv('BENCH_SEED', 42, 0, 4_294_967_295),
  poolSize: intEnv('BENCH_POOL_SIZE', 10, 1, 200),
  adminUrl: process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  ref: process.env.BENCH_REF,
  core: process.env.BENCH_CORE !== '0',
  embedded: process.env.BENCH_EMBEDDED !== '0',
  skipBuild: process.env.BENCH_SKIP_BUILD === '1',
  profile: process.env.BENCH_PROFILE === '1',
  quietPercent: intEnv('BENCH_QUIET_PERCENT', 15, 0, 100),
  quietWait: intEnv('BENCH_QUIET_WAIT', 30, 0, 3_600),
  profileSeconds: intEnv('BENCH_PROFILE_SECONDS', 5, 1, 600),
  resultsPath: resolve(REPO, process.env.BENCH_RESULTS ?? 'bench/RESULTS.md'),
  // As the production image runs it (Dockerfile); set it empty to measure an uncapped heap.
  apiNodeOptions: process.env.BENCH_API_NODE_OPTIONS ?? '--max-old-space-size=160',
  ports: { api: 3301, baseline: 3302, embedded: 3303 },
};

const say = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};

// ------------------------------------------------------------------ clean-up, even on Ctrl-C

const cleanups: { label: string; action: () => Promise<void> }[] = [];
let cleaning: Promise<void> | undefined;

function onCleanup(label: string, action: () => Promise<void>): () => void {
  const entry = { label, action };
  cleanups.push(entry);
  return () => {
    const index = cleanups.indexOf(entry);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

/** Runs the registered clean-ups newest first; each one at most once. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const entry = cleanups.pop();
      if (entry === undefined) break;
      try {
        await entry.action();
      } catch (error) {
        process.stderr.write(`clean-up "${entry.label}" failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  })().finally(() => {
    cleaning = undefined;
  });
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping servers and dropping the benchmark databases...\n`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ------------------------------------------------------------------ machine and code

function machine(): { cpu: string; cores: number; ramGb: string; node: string } {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  let cores = cpus().length;
  try {
    cores = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // keep os.cpus()
  }
  return { cpu, cores, ramGb: (totalmem() / 1024 ** 3).toFixed(1), node: process.version };
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** The directory the API is built and started from, and how to name what was measured. */
function prepareApi(workDir: string): { dir: string; commit: string } {
  if (config.ref !== undefined) {
    const commit = git(['rev-parse', '--short', config.ref]);
    if (commit === '') throw new Error(`BENCH_REF=${config.ref} is not a commit`);
    const dir = join(workDir, 'api');
    run('sh', ['-c', `mkdir -p "${dir}" && git archive "${config.ref}" | tar -x -C "${dir}"`], { cwd: REPO, label: `git archive ${config.ref}` });
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    return { dir, commit: `${commit} (clean export of ${config.ref})` };
  }
  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--', 'src', 'migrations', 'ormconfig.ts', 'package.json', 'tsconfig.build.json']);
  return { dir: REPO, commit: dirty === '' ? commit : `${commit} + uncommitted changes to ${[...new Set(dirty.split('\n').map((line) => line.slice(3).split('/')[0]))].join(', ')}` };
}

// ------------------------------------------------------------------ servers

function apiEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'TEST_DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'JWT_SECRET', 'LOG_LEVEL', 'DB_POOL_SIZE']) delete env[name];
  return {
    ...env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    DB_MIGRATIONS_RUN: 'true',
    ...(config.apiNodeOptions === '' ? {} : { NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} ${config.apiNodeOptions}`.trim() }),
    ...extra,
  };
}

async function startApi(name: string, apiDir: string, logDir: string, port: number, env: NodeJS.ProcessEnv, preload?: string): Promise<Server> {
  const server = await startServer({
    name,
    command: process.execPath,
    args: [...(preload === undefined ? [] : ['-r', preload]), 'dist/src/main.js'],
    cwd: apiDir,
    env: { ...env, PORT: String(port) },
    port,
    logFile: join(logDir, `${name}.log`),
    readyPath: '/health/ready',
    timeoutMs: 180_000,
  });
  return server;
}

interface Credentials {
  email: string;
  password: string;
}

function newCredentials(role: string, suffix: string): Credentials {
  return { email: `bench-${role}-${suffix}@bench.example`, password: randomBytes(18).toString('base64url') };
}

// ------------------------------------------------------------------ scenarios

interface Context {
  /** The benchmark database (PostgreSQL runs), to wait for it to be idle between runs. */
  database?: string;
  workload: Workload;
  solicitorToken: string;
  adminToken: string;
  bodies: () => string;
}

interface Scenario {
  key: string;
  label: string;
  method: 'GET' | 'POST';
  token: (context: Context) => string;
  next: (context: Context) => () => { path: string; body?: string };
  /** The baseline implements it (same path). */
  baseline: boolean;
}

function cycle<T>(items: readonly T[], seed: number): () => T {
  let index = seed % Math.max(items.length, 1);
  return () => {
    index = (index + 7919) % items.length;
    return items[index];
  };
}

const SCENARIOS: Scenario[] = [
  {
    key: 'get',
    label: 'GET /cases/{id}',
    method: 'GET',
    baseline: true,
    token: (context) => context.solicitorToken,
    next: (context) => {
      const id = cycle(context.workload.caseIds, 1);
      return () => ({ path: `/api/v1/cases/${id()}` });
    },
  },
  {
    key: 'list-first',
    label: 'GET /cases?limit=50 (first page)',
    method: 'GET',
    baseline: true,
    token: (context) => context.solicitorToken,
    next: () => () => ({ path: '/api/v1/cases?limit=50' }),
  },
  {
    key: 'list-deep',
    label: 'GET /cases?limit=50&cursor= (90% down)',
    method: 'GET',
    baseline: true,
    token: (context) => context.solicitorToken,
    next: (context) => () => ({ path: `/api/v1/cases?limit=50&cursor=${context.workload.deepCursor}` }),
  },
  {
    key: 'report-own',
    label: 'GET /reports/caseload (solicitor: own cases)',
    method: 'GET',
    baseline: false,
    token: (context) => context.solicitorToken,
    next: () => () => ({ path: '/api/v1/reports/caseload' }),
  },
  {
    key: 'report-firm',
    label: 'GET /reports/caseload (admin: whole firm)',
    method: 'GET',
    baseline: false,
    token: (context) => context.adminToken,
    next: () => () => ({ path: '/api/v1/reports/caseload' }),
  },
  {
    key: 'screening',
    label: 'POST /cases/{id}/screenings',
    method: 'POST',
    baseline: false,
    token: (context) => context.solicitorToken,
    next: (context) => {
      const id = cycle(context.workload.openCaseIds, 2);
      return () => ({ path: `/api/v1/cases/${id()}/screenings`, body: '{}' });
    },
  },
  {
    key: 'intake',
    label: 'POST /intake',
    method: 'POST',
    baseline: true,
    token: (context) => context.solicitorToken,
    next: (context) => () => ({ path: '/api/v1/intake', body: context.bodies() }),
  },
];

const SCALE_TARGETS = SCENARIOS.filter((scenario) => scenario.key.startsWith('list') || scenario.key.startsWith('report')).map(({ key, label }) => ({ key, label }));

/** The processes that are the benchmark (so their CPU is not "someone else's"). */
type OwnPids = () => Promise<number[]>;

interface Target {
  url: string;
  /** The server process under load, to report its CPU per request. */
  pid: number | undefined;
}

/**
 * autocannon stops at the deadline, but queries it started (a multi-second report) run on in PostgreSQL:
 * wait until the benchmark database is idle, so one scenario's tail is not measured as the next one's.
 */
async function drain(database: string | undefined): Promise<void> {
  if (database === undefined) return;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const busy = await withClient(config.adminUrl, async (client) =>
      Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND state <> 'idle' AND pid <> pg_backend_pid()`, [database])).rows[0]?.n ?? 0),
    );
    if (busy === 0) return;
    await sleep(500);
  }
  say('    (the database was still busy after 120 s: measuring anyway)');
}

async function measure(target: Target, scenario: Scenario, context: Context, ownPids: OwnPids, prefix = ''): Promise<{ measured: Measurement; warmupFailures: number }> {
  const next = scenario.next(context);
  const plan = {
    url: target.url,
    method: scenario.method,
    token: scenario.token(context),
    connections: config.connections,
    next: () => {
      const request = next();
      return { ...request, path: `${prefix}${request.path}` };
    },
  };
  await drain(context.database);
  await waitForQuiet(ownPids);
  let warmupFailures = 0;
  if (config.warmup > 0) warmupFailures = (await drive({ ...plan, durationSeconds: config.warmup })).failures;
  const cpu = new CpuWatch();
  cpu.begin(await ownPids());
  const before = context.database === undefined ? [] : await backendPids(context.database);
  const measured = await drive({ ...plan, durationSeconds: config.duration });
  const after = context.database === undefined ? [] : await backendPids(context.database);
  const share = cpu.end(await ownPids());
  measured.othersCpuPercent = share.othersPercent;
  const requests = Math.max(measured.total, 1);
  const serverMs = target.pid === undefined ? undefined : share.msByPid.get(target.pid);
  if (serverMs !== undefined) {
    measured.serverCpuMsPerRequest = serverMs / requests;
    measured.serverCpuPercent = serverMs / (config.duration * 10);
  }
  if (context.database !== undefined) {
    const databaseMs = [...new Set([...before, ...after])].reduce((sum, pid) => sum + (share.msByPid.get(pid) ?? 0), 0);
    measured.databaseCpuMsPerRequest = databaseMs / requests;
  }
  return { measured, warmupFailures };
}

/** Waits, up to BENCH_QUIET_WAIT seconds, for a second in which other processes use little CPU. */
async function waitForQuiet(ownPids: OwnPids): Promise<void> {
  const deadline = Date.now() + config.quietWait * 1000;
  let told = false;
  for (;;) {
    const cpu = new CpuWatch();
    cpu.begin(await ownPids());
    await sleep(1_000);
    const others = cpu.end(await ownPids()).othersPercent;
    if (others < config.quietPercent) return;
    if (Date.now() >= deadline) {
      say(`    (other processes still use ${others.toFixed(0)}% of the CPU after ${config.quietWait} s: measuring anyway)`);
      return;
    }
    if (!told) say(`    (other processes use ${others.toFixed(0)}% of the CPU: waiting up to ${config.quietWait} s for a quieter moment)`);
    told = true;
  }
}

/** A further run of the scenario with the API's profiler on; the profile is kept in bench/profiles/. */
async function profileScenario(api: Server, profileDir: string, cases: number, scenario: Scenario, context: Context): Promise<{ category: string; percent: number }[] | undefined> {
  const pid = api.process.pid;
  if (pid === undefined) return undefined;
  const before = new Set(readdirSafe(profileDir));
  process.kill(pid, 'SIGUSR2');
  const next = scenario.next(context);
  await drive({ url: api.url, method: scenario.method, token: scenario.token(context), connections: config.connections, durationSeconds: config.profileSeconds, next });
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 20_000; waited += 200) {
    const written = readdirSafe(profileDir).find((file) => file.endsWith('.cpuprofile') && !before.has(file));
    if (written !== undefined) {
      const keep = join(REPO, 'bench', 'profiles');
      mkdirSync(keep, { recursive: true });
      const target = join(keep, `${sizeLabel(cases)}-${scenario.key}.cpuprofile`);
      renameSync(join(profileDir, written), target);
      return summarizeProfile(target);
    }
    await sleep(200);
  }
  return undefined;
}

function readdirSafe(dir: string): string[] {
  try {
    return execFileSync('ls', [dir], { encoding: 'utf8' }).split('\n').filter((file) => file !== '');
  } catch {
    return [];
  }
}

async function backendPids(database: string): Promise<number[]> {
  return withClient(config.adminUrl, async (client) =>
    (await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database])).rows.map((row) => row.pid),
  );
}

function line(name: string, measurement: Measurement): string {
  const odd = Object.entries(measurement.statusCodes).filter(([code]) => !code.startsWith('2'));
  return (
    `    ${name.padEnd(16)} ${measurement.requestsPerSecond.toFixed(1).padStart(8)} req/s  p50 ${String(measurement.p50Ms).padStart(5)} ms  p99 ${String(measurement.p99Ms).padStart(5)} ms` +
    `  non-2xx ${measurement.failures}${odd.length > 0 ? ` ${JSON.stringify(Object.fromEntries(odd))}` : ''}${measurement.peakRssMb === undefined ? '' : `  RSS ${measurement.peakRssMb.toFixed(0)} MB`}` +
    `${measurement.serverCpuMsPerRequest === undefined ? '' : `  server CPU ${measurement.serverCpuMsPerRequest.toFixed(2)} ms/req (${(measurement.serverCpuPercent ?? 0).toFixed(0)}% of a core)`}` +
    `${measurement.databaseCpuMsPerRequest === undefined ? '' : `  PostgreSQL ${measurement.databaseCpuMsPerRequest.toFixed(2)} ms/req`}` +
    `${measurement.othersCpuPercent === undefined ? '' : `  others' CPU ${measurement.othersCpuPercent.toFixed(0)}%`}`
  );
}

// ------------------------------------------------------------------ data

/**
 * Loads the firm with the measured code's own seed (scripts/seed.ts of the exported tree under BENCH_REF,
 * so its migrations and schema are that commit's, not the working tree's).
 */
async function loadFirm(options: {
  cases: number;
  url: string;
  apiDir: string;
  api: Server;
  adminToken: string;
  solicitorId: string;
  paralegalId: string;
  suffix: string;
}): Promise<{ method: string; seconds: number }> {
  const started = Date.now();
  if (existsSync(join(options.apiDir, 'scripts', 'seed.ts'))) {
    say(`  seeding ${options.cases.toLocaleString('en-GB')} cases with npm run seed (bulk COPY)...`);
    await runLive('npm', ['run', '--silent', 'seed', '--', '--cases', String(options.cases), '--seed', String(config.seed)], {
      cwd: options.apiDir,
      env: { ...process.env, DATABASE_URL: options.url, NODE_ENV: 'development', SEED_PASSWORD: randomBytes(18).toString('base64url') },
      label: 'npm run seed',
    });
    const seconds = (Date.now() - started) / 1000;
    // The benchmark's solicitor takes over the caseload of the seeded solicitor with the most cases, so it
    // is realistic for the firm's size; the seeded accounts' passwords are never needed.
    const moved = await withClient(options.url, async (client) => {
      const busiest = (
        await client.query<{ id: string }>(
          'SELECT assigned_solicitor_id AS id FROM cases WHERE assigned_solicitor_id <> $1 GROUP BY assigned_solicitor_id ORDER BY count(*) DESC LIMIT 1',
          [options.solicitorId],
        )
      ).rows[0];
      if (busiest === undefined) throw new Error('the seed wrote no cases');
      const result = await client.query('UPDATE cases SET assigned_solicitor_id = $1 WHERE assigned_solicitor_id = $2', [options.solicitorId, busiest.id]);
      await client.query('ANALYZE cases');
      return result.rowCount ?? 0;
    });
    say(`  seeded in ${seconds.toFixed(1)} s; the benchmark solicitor took over ${moved.toLocaleString('en-GB')} cases of the busiest seeded solicitor`);
    return { method: 'npm run seed (COPY)', seconds };
  }

  // No seed script: the firm is made through the API's own intake, one request per case.
  say(`  scripts/seed.ts not found: creating ${options.cases.toLocaleString('en-GB')} cases through POST /api/v1/intake...`);
  const solicitors = [options.solicitorId];
  const others = Math.max(2, Math.round(options.cases / 2_000)) - 1;
  for (let n = 0; n < others; n += 1) {
    solicitors.push(
      await createUser(options.api.url, options.adminToken, {
        email: `bench-solicitor${n}-${options.suffix}@bench.example`,
        name: `Bench Solicitor ${n}`,
        role: 'solicitor',
        password: randomBytes(18).toString('base64url'),
      }),
    );
  }
  const bodies = intakeBodies(config.seed + 1, solicitors.map((solicitorId, index) => ({ solicitorId, paralegalId: index === 0 ? options.paralegalId : null })));
  const result = await drive({
    url: options.api.url,
    method: 'POST',
    token: options.adminToken,
    connections: config.connections,
    durationSeconds: 0,
    amount: options.cases,
    next: () => ({ path: '/api/v1/intake', body: bodies() }),
  });
  if (result.failures > 0) throw new Error(`loading through the API: ${result.failures} requests failed ${JSON.stringify(result.statusCodes)}`);
  await withClient(options.url, (client) => client.query('ANALYZE'));
  const seconds = (Date.now() - started) / 1000;
  say(`  created in ${seconds.toFixed(1)} s (${(options.cases / seconds).toFixed(0)} intakes/s)`);
  return { method: 'POST /api/v1/intake', seconds };
}

// ------------------------------------------------------------------ phases

async function runPhase(cases: number, apiDir: string, logDir: string, profileHook: string | undefined): Promise<PhaseResult> {
  const suffix = `${sizeLabel(cases).toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const database = `oi_bench_${suffix}`;
  const url = databaseUrl(config.adminUrl, database);
  say(`\n== ${cases.toLocaleString('en-GB')} cases: database ${database}`);
  const appRole = `oi_bench_app_${suffix}`;
  const appPassword = randomBytes(18).toString('hex');
  await createApplicationRole(config.adminUrl, appRole, appPassword);
  const forgetRole = onCleanup(`drop role ${appRole}`, () => dropApplicationRole(config.adminUrl, appRole));
  await createDatabase(config.adminUrl, database);
  const forgetDatabase = onCleanup(`drop ${database}`, () => dropDatabase(config.adminUrl, database));

  const admin = newCredentials('admin', suffix);
  say(`  local-only admin for this run: ${admin.email} / ${admin.password}`);
  // One signing secret for the API and the baseline: the baseline verifies the API's tokens itself.
  const jwtSecret = randomBytes(48).toString('base64url');
  const api = await startApi(
    `api-${suffix}`,
    apiDir,
    logDir,
    config.ports.api,
    apiEnv({ JWT_SECRET: jwtSecret, DATABASE_URL: urlAsRole(url, appRole, appPassword), DATABASE_OWNER_URL: url, DB_POOL_SIZE: String(config.poolSize), ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, OI_BENCH_PROFILE_DIR: logDir }),
    profileHook,
  );
  const forgetApi = onCleanup('stop the API', () => api.stop());
  const rss = new RssSampler(api.process.pid ?? 0);
  rss.start();
  say(`  API up (pid ${api.process.pid ?? '?'}), migrations run`);

  const adminSession = await login(api.url, admin.email, admin.password);
  const solicitor = newCredentials('solicitor', suffix);
  const paralegal = newCredentials('paralegal', suffix);
  const solicitorId = await createUser(api.url, adminSession.token, { ...solicitor, name: 'Bench Solicitor', role: 'solicitor' });
  const paralegalId = await createUser(api.url, adminSession.token, { ...paralegal, name: 'Bench Paralegal', role: 'paralegal' });
  const loaded = await loadFirm({ cases, url, apiDir, api, adminToken: adminSession.token, solicitorId, paralegalId, suffix });
  const solicitorSession = await login(api.url, solicitor.email, solicitor.password);
  const work = await workload(url, solicitorId);
  say(
    `  firm: ${work.firmCases.toLocaleString('en-GB')} cases; the solicitor sees ${work.solicitorCases.toLocaleString('en-GB')}; ` +
      `deep page starts after position ${work.deepPosition.toLocaleString('en-GB')}`,
  );
  // One request of each kind by hand first: a broken scenario should fail loudly, not as a table of 4xx.
  await getJson(api.url, `/api/v1/cases/${work.caseIds[0] ?? ''}`, solicitorSession.token);
  await getJson(api.url, `/api/v1/cases?limit=50&cursor=${work.deepCursor}`, solicitorSession.token);

  const baseline = await startServer({
    name: `baseline-${suffix}`,
    command: process.execPath,
    args: ['-r', 'ts-node/register/transpile-only', join('bench', 'baseline-server.ts')],
    cwd: REPO,
    env: { ...process.env, TS_NODE_PROJECT: join(REPO, 'bench', 'tsconfig.json'), DATABASE_URL: url, JWT_SECRET: jwtSecret, DB_POOL_SIZE: String(config.poolSize), PORT: String(config.ports.baseline), HOST: '127.0.0.1' },
    port: config.ports.baseline,
    logFile: join(logDir, `baseline-${suffix}.log`),
    readyPath: '/health/ready',
    timeoutMs: 60_000,
  });
  const forgetBaseline = onCleanup('stop the baseline', () => baseline.stop());
  await getJson(baseline.url, `/api/v1/cases/${work.caseIds[0] ?? ''}`, solicitorSession.token);
  await getJson(baseline.url, `/core/api/v1/cases/${work.caseIds[0] ?? ''}`, solicitorSession.token);

  const context: Context = {
    database,
    workload: work,
    solicitorToken: solicitorSession.token,
    adminToken: adminSession.token,
    bodies: intakeBodies(config.seed, [
      { solicitorId, paralegalId },
      { solicitorId, paralegalId: null },
    ]),
  };
  await postJson(api.url, '/api/v1/intake', JSON.parse(context.bodies()), solicitorSession.token);

  const ownPids: OwnPids = async () => [process.pid, api.process.pid ?? 0, baseline.process.pid ?? 0, ...(await backendPids(database))];
  const scenarios: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    say(`  ${scenario.label}`);
    rss.takeWindowPeakMb();
    const apiTarget = { url: api.url, pid: api.process.pid };
    const baselineTarget = { url: baseline.url, pid: baseline.process.pid };
    const api1 = await measure(apiTarget, scenario, context, ownPids);
    api1.measured.peakRssMb = rss.takeWindowPeakMb();
    say(line('API', api1.measured));
    const row: ScenarioResult = { key: scenario.key, label: scenario.label, api: api1.measured, warmupFailures: api1.warmupFailures };
    if (scenario.baseline) {
      row.baseline = (await measure(baselineTarget, scenario, context, ownPids)).measured;
      say(line('baseline', row.baseline));
      if (config.core) {
        row.baselineCore = (await measure(baselineTarget, scenario, context, ownPids, '/core')).measured;
        say(line('baseline core', row.baselineCore));
      }
    }
    if (profileHook !== undefined) {
      row.apiProfile = await profileScenario(api, logDir, cases, scenario, context);
      if (row.apiProfile !== undefined) say(`    API CPU profile: ${row.apiProfile.slice(0, 6).map((entry) => `${entry.category} ${entry.percent.toFixed(0)}%`).join(', ')}`);
    }
    scenarios.push(row);
  }

  rss.stop();
  const apiPeakRssMb = rss.peakMb();
  await baseline.stop();
  forgetBaseline();
  await api.stop();
  forgetApi();
  await dropDatabase(config.adminUrl, database);
  forgetDatabase();
  await dropApplicationRole(config.adminUrl, appRole);
  forgetRole();
  say(`  API peak RSS (VmHWM) ${apiPeakRssMb.toFixed(0)} MB; servers stopped, ${database} dropped`);
  return {
    cases,
    firmCases: work.firmCases,
    solicitorCases: work.solicitorCases,
    deepPosition: work.deepPosition,
    loadMethod: loaded.method,
    loadSeconds: loaded.seconds,
    apiPeakRssMb,
    scenarios,
  };
}

/** The embedded engine (PGlite in-process, one connection): intake only, for information. */
async function runEmbedded(apiDir: string, logDir: string): Promise<EmbeddedResult> {
  say('\n== embedded engine (DATABASE_URL unset, temporary DATA_DIR): POST /intake');
  const dataDir = mkdtempSync(join(tmpdir(), 'oi-bench-embedded-'));
  const forgetDir = onCleanup('remove the embedded DATA_DIR', async () => rmSync(dataDir, { recursive: true, force: true }));
  const admin = newCredentials('admin', 'embedded');
  const started = Date.now();
  const api = await startApi('api-embedded', apiDir, logDir, config.ports.embedded, apiEnv({ DATA_DIR: dataDir, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password }));
  const forgetApi = onCleanup('stop the embedded API', () => api.stop());
  const startSeconds = (Date.now() - started) / 1000;
  const rss = new RssSampler(api.process.pid ?? 0);
  rss.start();
  try {
    const adminSession = await login(api.url, admin.email, admin.password);
    const solicitor = newCredentials('solicitor', 'embedded');
    const solicitorId = await createUser(api.url, adminSession.token, { ...solicitor, name: 'Bench Solicitor', role: 'solicitor' });
    const session = await login(api.url, solicitor.email, solicitor.password);
    const intake = SCENARIOS.find((scenario) => scenario.key === 'intake');
    if (intake === undefined) throw new Error('no intake scenario');
    const context: Context = {
      workload: { caseIds: [], openCaseIds: [], deepCursor: '', deepPosition: 0, solicitorCases: 0, firmCases: 0 },
      solicitorToken: session.token,
      adminToken: adminSession.token,
      bodies: intakeBodies(config.seed + 2, [{ solicitorId, paralegalId: null }]),
    };
    const { measured } = await measure({ url: api.url, pid: api.process.pid }, intake, context, async () => [process.pid, api.process.pid ?? 0]);
    rss.stop();
    measured.peakRssMb = rss.peakMb();
    say(line('embedded API', measured));
    return { measurement: measured, peakRssMb: rss.peakMb(), startSeconds };
  } finally {
    rss.stop();
    await api.stop();
    forgetApi();
    rmSync(dataDir, { recursive: true, force: true });
    forgetDir();
  }
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const host = machine();
  const workDir = mkdtempSync(join(tmpdir(), 'oi-bench-'));
  let keepLogs = false;
  onCleanup('remove the work directory', async () => {
    if (!keepLogs) rmSync(workDir, { recursive: true, force: true });
  });
  try {
    const pgVersion = await serverVersion(config.adminUrl);
    say(`oi-intake benchmark: ${new Date().toISOString()}`);
    say(`machine: ${host.cores} CPUs (${host.cpu}), ${host.ramGb} GB RAM; node ${host.node}; PostgreSQL ${pgVersion}`);
    say(`settings: ${config.connections} connections, ${config.duration} s per scenario after ${config.warmup} s warm-up, DB pool ${config.poolSize}`);

    const api = prepareApi(workDir);
    say(`code: ${api.commit}`);
    if (!config.skipBuild) {
      say('building the API (npm run build)...');
      run('npm', ['run', 'build'], { cwd: api.dir, label: 'npm run build' });
    }

    const profileHook = config.profile ? writeProfileHook(workDir) : undefined;
    const sizes = config.cases > config.referenceCases ? [config.referenceCases, config.cases] : [config.cases];
    const phases: PhaseResult[] = [];
    for (const size of sizes) phases.push(await runPhase(size, api.dir, workDir, profileHook));
    const embedded = config.embedded ? await runEmbedded(api.dir, workDir) : undefined;

    const checks = evaluateTargets(phases, SCALE_TARGETS, config.profile);
    const generated = [
      `Run: ${new Date().toISOString()} · machine: ${host.cores} × ${host.cpu}, ${host.ramGb} GB RAM · node ${host.node} · PostgreSQL ${pgVersion} · commit ${api.commit}`,
      '',
      `Settings: autocannon on loopback, ${config.connections} connections, ${config.duration} s per scenario after a ${config.warmup} s warm-up; ` +
        `API and baseline interleaved scenario by scenario against the same database; DB pool ${config.poolSize} for both; NODE_ENV=production, LOG_LEVEL=warn` +
        `${config.apiNodeOptions === '' ? '' : `; the API's NODE_OPTIONS ${config.apiNodeOptions}`}.`,
      '',
      'Baseline: bench/baseline-server.ts, bare Fastify + pg sending the SQL the API sends for the same request (same statement texts, order and transactions, ' +
        'checked against log_statement=all): HS256 token check (node:crypto, one KeyObject), the guard\'s user lookup, for intake the assignee lookups and the two conflict-check queries, ' +
        'and the audit trail (head locked FOR UPDATE, one unnest INSERT + head UPDATE; writes append just before COMMIT, reads in a transaction of their own, ' +
        'per request: the API group-commits concurrent reads\' events into one such transaction, the baseline does not).',
      '',
      'Data: ' +
        phases
          .map(
            (phase) =>
              `${sizeLabel(phase.cases)} loaded with ${phase.loadMethod} in ${phase.loadSeconds.toFixed(1)} s (firm ${phase.firmCases.toLocaleString('en-GB')} cases; ` +
              `the solicitor's own list ${phase.solicitorCases.toLocaleString('en-GB')}, deep page after ${phase.deepPosition.toLocaleString('en-GB')})`,
          )
          .join('; ') +
        '.',
      '',
      resultsTable(phases),
      '',
      'Latencies are autocannon\'s, in ms; "non-2xx" counts non-2xx responses, connection errors and timeouts. RSS is the highest VmRSS sampled every 200 ms during the API\'s run of that scenario. ' +
        '"Others\' CPU" is the share of both cores used by processes that are not the benchmark (its load generator, the two servers and their PostgreSQL backends) during the measured run: other work on this shared machine; above ~10% the numbers are noisy.',
      '',
      '### Targets',
      '',
      targetsTable(checks),
      '',
      '### CPU per request (from /proc: the server process, and the benchmark database\'s PostgreSQL backends)',
      '',
      cpuTable(phases),
      '',
      ...(config.core
        ? [
            '### For information: the core-only baseline (/core: the core reads and writes only; no token check, no user lookups, no conflict check, no audit trail)',
            '',
            coreTable(phases),
            '',
          ]
        : []),
      ...(config.profile
        ? [
            `### Where the API's CPU went (BENCH_PROFILE=1: a further ${config.profileSeconds} s per scenario under V8's sampling profiler; % of profile time, natives charged to their caller)`,
            '',
            profileTable(phases),
            '',
          ]
        : []),
      ...(embedded === undefined
        ? []
        : [
            '### For information: the embedded engine (PGlite in-process, one connection)',
            '',
            `POST /intake: ${embedded.measurement.requestsPerSecond.toFixed(1)} req/s, p50 ${embedded.measurement.p50Ms} ms, p99 ${embedded.measurement.p99Ms} ms, ` +
              `non-2xx ${embedded.measurement.failures}; start-up with migrations ${embedded.startSeconds.toFixed(1)} s; peak RSS ${embedded.peakRssMb.toFixed(0)} MB (PGlite's WASM heap included).`,
            '',
          ]),
    ].join('\n');

    say('\n' + resultsTable(phases));
    say('\n' + targetsTable(checks));
    say('\n' + cpuTable(phases));
    if (config.core) say('\n' + coreTable(phases));
    writeResults(config.resultsPath, generated);
    say(`\nwritten to ${config.resultsPath}`);
  } catch (error) {
    keepLogs = true;
    say(`\nbenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    say(`server logs kept in ${workDir}`);
    for (const file of ['api', 'baseline']) {
      try {
        const found = execFileSync('sh', ['-c', `ls -t "${workDir}"/${file}-*.log 2>/dev/null | head -1`], { encoding: 'utf8' }).trim();
        if (found !== '') say(`--- ${found}\n${tail(readFileSync(found, 'utf8'), 20)}`);
      } catch {
        // no log
      }
    }
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

void main();
