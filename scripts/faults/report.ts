import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PhaseCounts, PhaseName, PHASES } from './load';
import { Findings } from './verify';

export interface RunFacts {
  startedAt: Date;
  commit: string;
  machine: string;
  settings: string;
  counts: Map<PhaseName, PhaseCounts>;
  findings: Findings;
  pendingAfterSettle: number;
  auditIntact: boolean;
  auditEvents: number;
  terminatedConnections: number;
  readyDuringOutage: number;
  recoverySeconds: number | undefined;
  lockHeldMs: number;
  rssWindowsMb: number[];
  refusals: Map<string, number>;
  apiExited: string | undefined;
}

export interface Verdict {
  check: string;
  measured: string;
  pass: boolean;
}

const INJECTED: ReadonlySet<PhaseName> = new Set(['terminate', 'restart', 'lock']);
const MAX_RECOVERY_SECONDS = 30;
const MAX_RSS_GROWTH = 1.5;

/** The checks that decide the exit code; each says what was measured. */
export function verdicts(facts: RunFacts): Verdict[] {
  const total = (pick: (counts: PhaseCounts) => number, phases: readonly PhaseName[] = PHASES): number =>
    phases.reduce((sum, phase) => sum + pick(facts.counts.get(phase) ?? new PhaseCounts()), 0);
  const quiet = PHASES.filter((phase) => !INJECTED.has(phase));
  const missingSample = facts.findings.missing.slice(0, 3).map((row) => `${row.caseId}: ${row.lacking.join(', ')}`).join('; ');
  const growth = rssGrowth(facts.rssWindowsMb);
  return [
    { check: 'every acknowledged intake has its case, client, amputations, health profile and audit events', measured: `${facts.findings.acknowledgedIntakes} acknowledged, ${facts.findings.missing.length} missing${missingSample === '' ? '' : ` (${missingSample})`}`, pass: facts.findings.missing.length === 0 },
    { check: 'every screening answered 201 is stored with its audit event', measured: `${facts.findings.acknowledgedScreenings} acknowledged, ${facts.findings.missingScreenings.length} missing`, pass: facts.findings.missingScreenings.length === 0 },
    { check: 'every task update answered 200 is kept (the task is at least at that version)', measured: `${facts.findings.acknowledgedTaskUpdates} tasks updated, ${facts.findings.lostTaskUpdates.length} behind`, pass: facts.findings.lostTaskUpdates.length === 0 },
    { check: 'no Idempotency-Key produced two cases', measured: `${facts.findings.keysWithTwoCases.length} keys answered with two cases; ${facts.findings.casesWithoutTheirKey} cases without their key's record`, pass: facts.findings.keysWithTwoCases.length === 0 && facts.findings.casesWithoutTheirKey === 0 },
    { check: 'no intake half-written', measured: `${facts.findings.halfWrittenClients} clients lacking a case, health profile or amputation`, pass: facts.findings.halfWrittenClients === 0 },
    { check: 'every intake retried after a failure got a definite answer', measured: `${facts.pendingAfterSettle} still without one`, pass: facts.pendingAfterSettle === 0 },
    { check: 'the audit chain verifies', measured: `${facts.auditIntact ? 'intact' : 'BROKEN'}, ${facts.auditEvents} events`, pass: facts.auditIntact },
    { check: 'zero 5xx outside injected faults', measured: `${total((c) => c.unavailable + c.serverErrors, quiet)}`, pass: total((c) => c.unavailable + c.serverErrors, quiet) === 0 },
    { check: 'during faults every 5xx is 503 problem+json', measured: `${total((c) => c.serverErrors)} other 5xx`, pass: total((c) => c.serverErrors) === 0 },
    { check: 'no request hangs (10 s client timeout)', measured: `${total((c) => c.timeouts)} timeouts`, pass: total((c) => c.timeouts) === 0 },
    { check: 'the API process never exits or stops answering', measured: facts.apiExited ?? `alive; ${total((c) => c.connectionErrors)} refused connections`, pass: facts.apiExited === undefined && total((c) => c.connectionErrors) === 0 },
    { check: '/health/ready says 503 while the database is down', measured: `${facts.readyDuringOutage} answers of 200 during the outage`, pass: facts.readyDuringOutage === 0 },
    { check: `/health/ready recovers by itself within ${MAX_RECOVERY_SECONDS} s of the database returning`, measured: facts.recoverySeconds === undefined ? 'never' : `${facts.recoverySeconds.toFixed(1)} s`, pass: facts.recoverySeconds !== undefined && facts.recoverySeconds <= MAX_RECOVERY_SECONDS },
    { check: `RSS stable over the soak (last third ≤ ${MAX_RSS_GROWTH}× first third)`, measured: growth === undefined ? 'not enough samples' : `${growth.first.toFixed(0)} → ${growth.last.toFixed(0)} MB (×${(growth.last / growth.first).toFixed(2)})`, pass: growth === undefined || growth.last <= growth.first * MAX_RSS_GROWTH },
  ];
}

function rssGrowth(windows: number[]): { first: number; last: number } | undefined {
  if (windows.length < 3) return undefined;
  const third = Math.max(1, Math.floor(windows.length / 3));
  return { first: Math.max(...windows.slice(0, third)), last: Math.max(...windows.slice(-third)) };
}

export function renderTable(facts: RunFacts, checks: Verdict[]): string {
  const lines = [
    `Run: ${facts.startedAt.toISOString()} · ${facts.machine} · commit ${facts.commit}`,
    '',
    `Settings: ${facts.settings}`,
    '',
    `Faults: ${facts.terminatedConnections} API connections terminated (pg_terminate_backend); PostgreSQL stopped with \`-m immediate\` and started again; the audit chain head locked FOR UPDATE for ${(facts.lockHeldMs / 1000).toFixed(1)} s (past the statement timeout).`,
    '',
    '| phase | requests sent | 2xx | 4xx | 503 problem+json | other 5xx | timeouts | refused connections |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...PHASES.map((phase) => {
      const c = facts.counts.get(phase) ?? new PhaseCounts();
      return `| ${phase}${INJECTED.has(phase) ? ' (fault)' : ''} | ${c.sent} | ${c.ok} | ${c.clientErrors} | ${c.unavailable} | ${c.serverErrors} | ${c.timeouts} | ${c.connectionErrors} |`;
    }),
    '',
    `Acknowledged writes: ${facts.findings.acknowledgedIntakes} intakes acknowledged, ${facts.findings.acknowledgedIntakes - facts.findings.missing.length} found, ${facts.findings.missing.length} missing. Recovery after the database returned: ${facts.recoverySeconds === undefined ? 'never' : `${facts.recoverySeconds.toFixed(1)} s`}. RSS per 10 s window over the soak (MB): ${facts.rssWindowsMb.map((mb) => mb.toFixed(0)).join(', ')}.`,
    '',
    `4xx answers by code: ${[...facts.refusals.entries()].sort((a, b) => b[1] - a[1]).map(([code, count]) => `${code} × ${count}`).join(', ') || 'none'}.`,
    '',
    '| check | measured | verdict |',
    '|---|---|---|',
    ...checks.map((check) => `| ${check.check} | ${check.measured.replace(/\|/g, '\\|')} | ${check.pass ? 'PASS' : '**FAIL**'} |`),
  ];
  return lines.join('\n');
}

const BEGIN = '<!-- faults:begin (written by npm run test:faults; edit outside these markers) -->';
const END = '<!-- faults:end -->';

/** Replaces the table between the markers, keeping whatever was written around it. */
export function writeResults(path: string, table: string): void {
  const block = `${BEGIN}\n${table}\n${END}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : `# Reliability\n\n${BEGIN}\n${END}\n`;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start ? `${current.slice(0, start)}${block}${current.slice(end + END.length)}` : `${current.trimEnd()}\n\n${block}\n`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, next);
}
