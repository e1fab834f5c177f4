import { readFileSync } from 'node:fs';

/**
 * How much of the machine other processes used while a scenario ran: this is a shared 2-core box, and
 * a compile or a test suite next door moves the numbers more than most code changes do.
 */

function machineJiffies(): { busy: number; total: number } {
  const fields = (/^cpu\s+(.+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? '').trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busy: total - idle - iowait, total };
}

function processJiffies(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after the command: state is field 3, utime 14 and stime 15 (1-based over the whole line)
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

export interface CpuShare {
  /** Share of all cores used by processes other than the benchmark's, in percent. */
  othersPercent: number;
  /** Share of all cores used by the benchmark's own processes (load generator, servers, their backends). */
  oursPercent: number;
  /** CPU milliseconds each of the benchmark's processes used during the run. */
  msByPid: Map<number, number>;
}

/** USER_HZ: /proc reports CPU time in ticks of 10 ms on Linux. */
const MS_PER_TICK = 10;

/** Call with the benchmark's own pids before and after a run; pids only present at one end still count. */
export class CpuWatch {
  private startMachine = machineJiffies();
  private startProcesses = new Map<number, number>();

  begin(pids: number[]): void {
    this.startMachine = machineJiffies();
    this.startProcesses = new Map();
    for (const pid of pids) {
      const jiffies = processJiffies(pid);
      if (jiffies !== undefined) this.startProcesses.set(pid, jiffies);
    }
  }

  end(pids: number[]): CpuShare {
    const machine = machineJiffies();
    let ours = 0;
    const msByPid = new Map<number, number>();
    for (const pid of new Set([...pids, ...this.startProcesses.keys()])) {
      const now = processJiffies(pid);
      if (now === undefined) continue;
      const used = now - (this.startProcesses.get(pid) ?? 0);
      ours += used;
      msByPid.set(pid, used * MS_PER_TICK);
    }
    const total = Math.max(1, machine.total - this.startMachine.total);
    const busy = machine.busy - this.startMachine.busy;
    return { othersPercent: Math.max(0, (100 * (busy - ours)) / total), oursPercent: Math.min(100, (100 * ours) / total), msByPid };
  }
}
