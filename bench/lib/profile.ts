import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * BENCH_PROFILE=1: the API is started with a small preload that starts and stops V8's sampling profiler
 * on SIGUSR2, so a profile covers one scenario's steady state and not the start-up.
 */
const HOOK = `'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
let session;
let count = 0;
process.on('SIGUSR2', () => {
  if (session === undefined) {
    session = new inspector.Session();
    session.connect();
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    return;
  }
  const current = session;
  session = undefined;
  current.post('Profiler.stop', (error, result) => {
    count += 1;
    const file = require('node:path').join(process.env.OI_BENCH_PROFILE_DIR, 'profile-' + count + '.cpuprofile');
    if (!error) fs.writeFileSync(file + '.tmp', JSON.stringify(result.profile));
    if (!error) fs.renameSync(file + '.tmp', file);
    current.disconnect();
  });
});
`;

export function writeProfileHook(dir: string): string {
  const file = join(dir, 'profile-hook.js');
  writeFileSync(file, HOOK);
  return file;
}

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const SOCKET_WRITES = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String']);

/** A frame's own category; undefined for native and Node-internal frames, which are charged to their caller. */
function category(frame: CallFrame): string | undefined {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(idle)') return 'idle (waiting: database, locks)';
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (SOCKET_WRITES.has(functionName)) return 'socket writes (syscalls)';
    if (functionName === 'dispatch') return 'profiler itself';
    return undefined;
  }
  if (url.startsWith('node:')) return undefined;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg !== undefined) {
    if (pkg === 'typeorm') return 'TypeORM';
    if (pkg.startsWith('@nestjs/') || pkg === 'rxjs' || pkg === 'reflect-metadata') return 'Nest (+ rxjs)';
    if (pkg.startsWith('pg') || pkg === 'postgres-date' || pkg === 'postgres-array' || pkg === 'buffer-writer' || pkg === 'packet-reader') return 'pg driver';
    if (pkg === 'jsonwebtoken' || pkg === 'jws' || pkg === 'jwa') return 'JWT (jsonwebtoken)';
    if (pkg === 'class-validator' || pkg === 'class-transformer' || pkg === 'validator') return 'validation (class-validator/transformer)';
    if (pkg.includes('pino') || pkg === 'sonic-boom') return 'logging (pino)';
    if (pkg.includes('fastify') || pkg === 'find-my-way' || pkg === 'light-my-request' || pkg === 'avvio' || pkg === 'helmet') return 'Fastify (+ helmet)';
    return 'other packages';
  }
  if (url.includes('/dist/src/')) return 'application code';
  return 'other';
}

/** Self time by category, in percent of the profile (less the profiler's own work), largest first. Native and node: frames go to the nearest package or app frame that called them. */
export function summarizeProfile(path: string): { category: string; percent: number }[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, index) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const totals = new Map<string, number>();
  let all = 0;
  for (const [id, time] of selfTime) {
    all += time;
    let current: number | undefined = id;
    let found: string | undefined;
    while (current !== undefined && found === undefined) {
      const node = byId.get(current);
      if (node === undefined) break;
      found = category(node.callFrame);
      current = parent.get(current);
    }
    // Nothing but Node on the stack: the event loop itself (socket reads, timers, promise plumbing).
    const key = found ?? 'Node event loop / internals';
    totals.set(key, (totals.get(key) ?? 0) + time);
  }
  // The in-process inspector's own work (building the profile at stop) is not the API's.
  const profiler = totals.get('profiler itself') ?? 0;
  totals.delete('profiler itself');
  return [...totals]
    .map(([name, time]) => ({ category: name, percent: (100 * time) / Math.max(all - profiler, 1) }))
    .sort((a, b) => b.percent - a.percent);
}
