import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { freePort } from '../../bench/lib/processes';

/**
 * A throw-away PostgreSQL cluster of its own (Debian's postgresql-common), so the fault run can stop
 * the server abruptly without touching the one the tests and everything else use. fsync stays on:
 * an immediate stop is a crash, and what was committed must survive it.
 */
export class ThrowAwayCluster {
  private constructor(
    readonly version: string,
    readonly name: string,
    readonly port: number,
    readonly adminUrl: string,
  ) {}

  static async create(): Promise<ThrowAwayCluster> {
    if (!existsSync('/usr/bin/pg_createcluster')) {
      throw new Error('pg_createcluster not found: the fault run needs Debian\'s postgresql-common (apt-get install postgresql)');
    }
    const version = newestInstalledVersion();
    const name = `oi_faults_${process.pid}`;
    const port = await freePort();
    const password = `faults${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    command('pg_createcluster', [version, name, '--port', String(port), '--start', '--', '--auth-host=scram-sha-256', '--auth-local=peer']);
    const cluster = new ThrowAwayCluster(version, name, port, `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`);
    asPostgresUser('psql', ['-p', String(port), '-qc', `ALTER USER postgres PASSWORD '${password}'`]);
    return cluster;
  }

  /** `-m immediate`: no checkpoint, connections cut, crash recovery on the next start. */
  crash(): void {
    command('pg_ctlcluster', ['--skip-systemctl-redirect', this.version, this.name, 'stop', '-m', 'immediate']);
  }

  start(): void {
    command('pg_ctlcluster', ['--skip-systemctl-redirect', this.version, this.name, 'start']);
  }

  drop(): void {
    command('pg_dropcluster', [this.version, this.name, '--stop']);
  }
}

function newestInstalledVersion(): string {
  const versions = readdirSync('/usr/lib/postgresql').filter((entry) => /^\d+$/.test(entry));
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (newest === undefined) throw new Error('no PostgreSQL server installed under /usr/lib/postgresql');
  return newest;
}

function command(program: string, args: string[]): void {
  const result = spawnSync(program, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (exit ${String(result.status)}): ${result.stderr.trim()}`);
}

/** Local socket, peer authentication: the one way in before the postgres role has a password. */
function asPostgresUser(program: string, args: string[]): void {
  if (process.getuid?.() === 0) command('runuser', ['-u', 'postgres', '--', program, ...args]);
  else command(program, args);
}
