import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, stopProcess } from '../../bench/lib/processes';
import { openScratchDatabase } from '../../src/database/scratch-database';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const READY_TIMEOUT_MS = 90_000;

/** The production build, started on a free port against a throw-away database, with a random local admin. */
export interface RunningApi {
  baseUrl: string;
  admin: { email: string; password: string };
  /** The last lines the process wrote, for a failure report. */
  output(): string;
  stop(): Promise<void>;
}

/** Newest modification time under `dir` (recursive), in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ unless it is newer than every source file (CI has just built it). */
export function ensureBuild(log: (line: string) => void): void {
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'migrations')));
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= sources) return;
  log('building dist/ (npm run build)');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

async function waitForReady(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited during start (code ${child.exitCode})`);
    const status = await fetch(`${baseUrl}/health/ready`).then((response) => response.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the API was not ready after ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * Starts `node dist/src/main.js`. With `serverUrl` (TEST_DATABASE_URL) it gets a new database on that
 * server, dropped on stop; without, the embedded engine with its data in `dataDir`.
 */
export async function startApi(options: { serverUrl: string | undefined; dataDir: string }): Promise<RunningApi> {
  const scratch = options.serverUrl ? await openScratchDatabase(options.serverUrl, 'contract') : undefined;
  const port = await freePort();
  const admin = { email: 'contract-admin@firm.example', password: randomBytes(18).toString('base64url') };
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'NODE_ENV']) delete env[key];
  Object.assign(env, {
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    DATA_DIR: options.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    // Fuzzed sign-ins would otherwise trip the login throttle (429) and hide what they test.
    LOGIN_RATE_LIMIT: '10000',
    LOGIN_RATE_LIMIT_PER_IP: '100000',
    LOG_LEVEL: 'warn',
  });
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async (): Promise<void> => {
    await stopProcess(child);
    await scratch?.close();
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(baseUrl, child);
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tail}`);
  }
  return { baseUrl, admin, output: () => tail, stop };
}
