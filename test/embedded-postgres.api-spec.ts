import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROBE = join(__dirname, 'support', 'embedded-engine-probe.ts');
const NODE_ARGS = ['-r', 'ts-node/register/transpile-only', PROBE];

function probe(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...NODE_ARGS, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function holdInBackground(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, 'hold', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('holding')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`holder exited early with ${String(code)}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

// The embedded engine runs in child processes: the same code path as `npm start`, outside jest's sandbox.
describe('the embedded engine (./data)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'oi-embedded-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its data across restarts', () => {
    expect(probe('put', dataDir, 'first visit')).toMatchObject({ status: 0 });
    expect(probe('put', dataDir, 'second visit')).toMatchObject({ status: 0 });
    expect(probe('get', dataDir)).toMatchObject({ status: 0, stdout: JSON.stringify(['first visit', 'second visit']) });
  });

  it('refuses a second process on a data folder in use, and takes over after the first one crashes', async () => {
    const holder = await holdInBackground(dataDir);
    try {
      expect(probe('put', dataDir, 'intruder').status).toBe(3);
    } finally {
      const gone = exited(holder);
      holder.kill('SIGKILL');
      await gone;
    }
    // SIGKILL left the lock file behind, naming a process that no longer runs.
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(true);
    expect(probe('put', dataDir, 'after crash')).toMatchObject({ status: 0 });
    expect(probe('get', dataDir).stdout).toBe(JSON.stringify(['after crash']));
  });
});
