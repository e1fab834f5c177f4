import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Measurement } from './load';

export interface ScenarioResult {
  key: string;
  label: string;
  api: Measurement;
  baseline?: Measurement;
  /** The core-only baseline (/core: no token check, user lookups, conflict check or audit): for attributing a gap, not a target. */
  baselineCore?: Measurement;
  warmupFailures: number;
  /** BENCH_PROFILE=1: the API's CPU by category. */
  apiProfile?: { category: string; percent: number }[];
}

export interface PhaseResult {
  cases: number;
  firmCases: number;
  solicitorCases: number;
  deepPosition: number;
  loadMethod: string;
  loadSeconds: number;
  apiPeakRssMb: number;
  scenarios: ScenarioResult[];
}

export interface EmbeddedResult {
  measurement: Measurement;
  peakRssMb: number;
  startSeconds: number;
}

export interface TargetCheck {
  target: string;
  measured: string;
  verdict: 'PASS' | 'MISS' | 'n/a';
}

const fmtRate = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const fmtMs = (value: number): string => (value >= 10 ? value.toFixed(0) : value.toFixed(1));
const fmtSize = (cases: number): string => (cases >= 1_000_000 ? `${cases / 1_000_000}M` : cases >= 1_000 ? `${cases / 1_000}k` : String(cases));

export function sizeLabel(cases: number): string {
  return fmtSize(cases);
}

function ratio(api: Measurement, baseline: Measurement | undefined): string {
  return baseline === undefined || baseline.requestsPerSecond === 0 ? 'n/a' : (api.requestsPerSecond / baseline.requestsPerSecond).toFixed(2);
}

function others(measurement: Measurement): string {
  return measurement.othersCpuPercent === undefined ? '?' : measurement.othersCpuPercent.toFixed(0);
}

function codes(measurement: Measurement): string {
  const odd = Object.entries(measurement.statusCodes).filter(([code]) => !code.startsWith('2'));
  return odd.length === 0 ? '' : ` (${odd.map(([code, count]) => `${code}×${count}`).join(', ')})`;
}

export function resultsTable(phases: PhaseResult[]): string {
  const lines = [
    '| cases | scenario | API req/s | baseline req/s | API/baseline | API p50 / p99 ms | baseline p50 / p99 ms | API non-2xx | baseline non-2xx | API peak RSS MB | others\' CPU % (API / baseline run) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const phase of phases) {
    for (const row of phase.scenarios) {
      const { api, baseline } = row;
      lines.push(
        `| ${fmtSize(phase.cases)} | ${row.label} | ${fmtRate(api.requestsPerSecond)} | ${baseline === undefined ? 'n/a' : fmtRate(baseline.requestsPerSecond)} | ${ratio(api, baseline)} | ` +
          `${fmtMs(api.p50Ms)} / ${fmtMs(api.p99Ms)} | ${baseline === undefined ? 'n/a' : `${fmtMs(baseline.p50Ms)} / ${fmtMs(baseline.p99Ms)}`} | ` +
          `${api.failures}${codes(api)} | ${baseline === undefined ? 'n/a' : `${baseline.failures}${codes(baseline)}`} | ${(api.peakRssMb ?? 0).toFixed(0)} | ` +
          `${others(api)} / ${baseline === undefined ? 'n/a' : others(baseline)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** CPU per request: the server process and the database's backends, API against baseline. */
export function cpuTable(phases: PhaseResult[]): string {
  const cell = (measurement: Measurement | undefined): string =>
    measurement?.serverCpuMsPerRequest === undefined ? 'n/a' : `${measurement.serverCpuMsPerRequest.toFixed(2)} (${(measurement.serverCpuPercent ?? 0).toFixed(0)}%)`;
  const database = (measurement: Measurement | undefined): string => (measurement?.databaseCpuMsPerRequest === undefined ? 'n/a' : measurement.databaseCpuMsPerRequest.toFixed(2));
  const lines = [
    '| cases | scenario | API process CPU ms/req (% of a core) | baseline process CPU ms/req (% of a core) | PostgreSQL CPU ms/req, API | PostgreSQL CPU ms/req, baseline |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const phase of phases) {
    for (const row of phase.scenarios) {
      lines.push(`| ${fmtSize(phase.cases)} | ${row.label} | ${cell(row.api)} | ${cell(row.baseline)} | ${database(row.api)} | ${database(row.baseline)} |`);
    }
  }
  return lines.join('\n');
}

/**
 * For information: the core-only baseline beside the same-SQL one, to split the gap into what the SQL
 * costs (core-only against same-SQL baseline) and what the framework costs (same-SQL baseline against API).
 */
export function coreTable(phases: PhaseResult[]): string {
  const lines = [
    '| cases | scenario | API req/s | same-SQL baseline req/s | core-only baseline req/s | API / core-only | same-SQL / core-only | core-only p50 / p99 ms | core-only non-2xx | core-only CPU ms/req (process / PostgreSQL) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  let any = false;
  for (const phase of phases) {
    for (const row of phase.scenarios) {
      const core = row.baselineCore;
      if (core === undefined) continue;
      any = true;
      lines.push(
        `| ${fmtSize(phase.cases)} | ${row.label} | ${fmtRate(row.api.requestsPerSecond)} | ${row.baseline === undefined ? 'n/a' : fmtRate(row.baseline.requestsPerSecond)} | ` +
          `${fmtRate(core.requestsPerSecond)} | ${ratio(row.api, core)} | ${row.baseline === undefined ? 'n/a' : ratio(row.baseline, core)} | ${fmtMs(core.p50Ms)} / ${fmtMs(core.p99Ms)} | ` +
          `${core.failures}${codes(core)} | ${core.serverCpuMsPerRequest === undefined ? 'n/a' : core.serverCpuMsPerRequest.toFixed(2)} / ${core.databaseCpuMsPerRequest === undefined ? 'n/a' : core.databaseCpuMsPerRequest.toFixed(2)} |`,
      );
    }
  }
  return any ? lines.join('\n') : '';
}

export function profileTable(phases: PhaseResult[]): string {
  const categories = new Map<string, number>();
  for (const phase of phases) for (const row of phase.scenarios) for (const entry of row.apiProfile ?? []) categories.set(entry.category, (categories.get(entry.category) ?? 0) + entry.percent);
  const columns = [...categories].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  if (columns.length === 0) return '(no profiles were written)';
  const lines = [`| cases | scenario | ${columns.join(' | ')} |`, `|---|---|${columns.map(() => '---:').join('|')}|`];
  for (const phase of phases) {
    for (const row of phase.scenarios) {
      if (row.apiProfile === undefined) continue;
      const value = (name: string) => row.apiProfile?.find((entry) => entry.category === name)?.percent.toFixed(1) ?? '0';
      lines.push(`| ${fmtSize(phase.cases)} | ${row.label} | ${columns.map(value).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

export function targetsTable(checks: TargetCheck[]): string {
  return ['| target (issue 6) | measured | verdict |', '|---|---|---|', ...checks.map((check) => `| ${check.target} | ${check.measured} | **${check.verdict}** |`)].join('\n');
}

export function evaluateTargets(phases: PhaseResult[], scaleKeys: { key: string; label: string }[], profiled = false): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const phase of phases) {
    for (const [key, minimum, name] of [
      ['intake', 0.6, 'POST /intake'],
      ['get', 0.7, 'GET /cases/{id}'],
    ] as const) {
      const row = phase.scenarios.find((scenario) => scenario.key === key);
      if (row?.baseline === undefined) continue;
      const value = row.api.requestsPerSecond / row.baseline.requestsPerSecond;
      checks.push({ target: `${name} ≥ ${minimum} × baseline req/s (${fmtSize(phase.cases)})`, measured: value.toFixed(2), verdict: value >= minimum ? 'PASS' : 'MISS' });
    }
  }
  const failures = phases.flatMap((phase) => phase.scenarios.map((row) => ({ phase, row }))).filter(({ row }) => row.api.failures > 0);
  const warmupFailures = phases.flatMap((phase) => phase.scenarios).reduce((sum, row) => sum + row.warmupFailures, 0);
  checks.push({
    target: 'zero non-2xx from the API (measured runs)',
    measured:
      failures.length === 0
        ? `0${warmupFailures > 0 ? ` (warm-ups: ${warmupFailures})` : ''}`
        : failures.map(({ phase, row }) => `${row.label} at ${fmtSize(phase.cases)}: ${row.api.failures}${codes(row.api)}`).join('; '),
    verdict: failures.length === 0 ? 'PASS' : 'MISS',
  });
  const small = phases[0];
  const big = phases.length > 1 ? phases[phases.length - 1] : undefined;
  for (const { key, label } of scaleKeys) {
    if (small === undefined || big === undefined) {
      checks.push({ target: `${label}: p50 at 1M ≤ 2 × p50 at 10k`, measured: 'not measured in this run (BENCH_CASES=1000000 measures both sizes)', verdict: 'n/a' });
      continue;
    }
    const at = (phase: PhaseResult) => phase.scenarios.find((scenario) => scenario.key === key)?.api;
    const a = at(small);
    const b = at(big);
    if (a === undefined || b === undefined) continue;
    const factor = b.p50Ms / Math.max(a.p50Ms, 0.001);
    checks.push({
      target: `${label}: p50 at ${fmtSize(big.cases)} ≤ 2 × p50 at ${fmtSize(small.cases)}`,
      measured: `${fmtMs(a.p50Ms)} → ${fmtMs(b.p50Ms)} ms (×${factor.toFixed(2)}; req/s ${fmtRate(a.requestsPerSecond)} → ${fmtRate(b.requestsPerSecond)})`,
      verdict: factor <= 2 ? 'PASS' : 'MISS',
    });
  }
  const peak = Math.max(...phases.map((phase) => phase.apiPeakRssMb));
  checks.push(
    profiled
      ? { target: 'API peak RSS < 300 MB (PostgreSQL runs, VmHWM)', measured: `${peak.toFixed(0)} MB, but BENCH_PROFILE=1 inflates it (the profiles are built in the process): judge a run without it`, verdict: 'n/a' }
      : { target: 'API peak RSS < 300 MB (PostgreSQL runs, VmHWM)', measured: `${peak.toFixed(0)} MB`, verdict: peak < 300 ? 'PASS' : 'MISS' },
  );
  return checks;
}

const BEGIN = '<!-- bench:begin (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:end -->';

/** Replaces the generated block of RESULTS.md, keeping whatever was written around it. */
export function writeResults(path: string, generated: string): void {
  const block = `${BEGIN}\n${generated.trim()}\n${END}`;
  if (!existsSync(path)) {
    writeFileSync(path, `# Benchmark results\n\n${block}\n`);
    return;
  }
  const current = readFileSync(path, 'utf8');
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  writeFileSync(path, start >= 0 && end > start ? `${current.slice(0, start)}${block}${current.slice(end + END.length)}` : `${current.trimEnd()}\n\n${block}\n`);
}
