import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A server started by the benchmark: its process, where its output went, and how to stop it. */
export interface Server {
  name: string;
  url: string;
  process: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; label: string }): void {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${options.label} failed (exit ${String(result.status)}):\n${tail(`${result.stdout}\n${result.stderr}`, 40)}`);
  }
}

/** Runs a command with its output shown live (for the seed's progress bar). Resolves on exit 0. */
export function runLive(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; label: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${options.label} failed (exit ${String(code)})`))));
  });
}

export function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Starts a long-running server, its output into `logFile`; resolves once `readyPath` answers 200. */
export async function startServer(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  logFile: string;
  readyPath: string;
  timeoutMs: number;
}): Promise<Server> {
  const log = createWriteStream(options.logFile);
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${options.port}`;
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  const server: Server = {
    name: options.name,
    url,
    process: child,
    logFile: options.logFile,
    stop: () => stopProcess(child),
  };
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) break;
    try {
      const response = await fetch(`${url}${options.readyPath}`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return server;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await server.stop();
  const output = (() => {
    try {
      return tail(readFileSync(options.logFile, 'utf8'), 30);
    } catch {
      return '';
    }
  })();
  throw new Error(`${options.name} did not become ready on ${url}${options.readyPath} (${exited === undefined ? 'timed out' : `exited ${String(exited)}`}):\n${output}`);
}

/** SIGTERM, then SIGKILL if it has not gone within 15 s. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Samples a process's resident set every 200 ms; peaks are kept per window and overall. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private windowPeakKb = 0;
  private overallPeakKb = 0;

  constructor(private readonly pid: number) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  /** The highest VmRSS sampled since the last call, in MB; starts a new window. */
  takeWindowPeakMb(): number {
    this.sample();
    const peak = this.windowPeakKb;
    this.windowPeakKb = 0;
    return peak / 1024;
  }

  /** The kernel's high-water mark (VmHWM) when readable, else the highest sample; MB. */
  peakMb(): number {
    const hwm = readStatusKb(this.pid, 'VmHWM');
    return Math.max(hwm ?? 0, this.overallPeakKb) / 1024;
  }

  private sample(): void {
    const rss = readStatusKb(this.pid, 'VmRSS');
    if (rss === undefined) return;
    this.windowPeakKb = Math.max(this.windowPeakKb, rss);
    this.overallPeakKb = Math.max(this.overallPeakKb, rss);
  }
}

function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

/** A TCP port on loopback that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
