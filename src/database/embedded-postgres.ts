import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgresOptions {
  /** Folder for the data files; undefined keeps everything in memory (tests, migration checks). */
  dataDir?: string;
  /** 0 picks a free port. TCP on loopback, because a crashed process leaves no stale unix socket behind. */
  port?: number;
}

/**
 * PostgreSQL compiled to WASM (PGlite), served over the wire protocol so the app reaches it with the
 * ordinary `pg` driver. PGlite is a single session: the app's pool must hold exactly one connection,
 * or concurrent statements interleave. The server still accepts a few, because a closed connection
 * is released asynchronously and a prompt reconnect (or a migration script) would otherwise be refused.
 */
export class EmbeddedPostgres {
  static readonly POOL_SIZE = 1;
  private static readonly MAX_CONNECTIONS = 4;

  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: DataDirLock | undefined,
    readonly url: string,
  ) {}

  static async start(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
    const lock = options.dataDir === undefined ? undefined : DataDirLock.acquire(options.dataDir);
    try {
      const db = await PGlite.create(options.dataDir === undefined ? undefined : join(resolve(options.dataDir), 'pglite'));
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: EmbeddedPostgres.MAX_CONNECTIONS });
      await server.start();
      const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
      return new EmbeddedPostgres(db, server, lock, url);
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    this.lock?.release();
  }
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data folder ${dataDir} is in use by another oi-intake process (pid ${pid}). ` +
        'Stop that process, or set DATA_DIR (or DATABASE_URL) for this one.',
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * PGlite takes no lock of its own, and two processes on one data folder corrupt it. A lock file holds
 * the owner's pid; a lock left by a process that no longer runs is taken over.
 * A second engine in the same process is refused too.
 */
class DataDirLock {
  private constructor(private readonly path: string) {}

  static acquire(dataDir: string): DataDirLock {
    const folder = resolve(dataDir);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'pglite.lock');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeFileSync(fd, String(process.pid));
        closeSync(fd);
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
        if (Number.isInteger(owner) && isRunning(owner)) {
          throw new DataDirInUseError(folder, owner);
        }
        rmSync(path, { force: true });
      }
    }
    throw new Error(`Could not lock ${folder}`);
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
