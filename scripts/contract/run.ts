/**
 * `npm run test:contract`: the committed openapi.json, turned by portman into a Postman collection
 * with contract tests (status, content type, JSON schema of every documented success response) and
 * fuzzed variants (required fields missing, numbers and lengths out of range, wrong JSON types,
 * undeclared fields), run by newman against the production build on a throw-away database
 * (TEST_DATABASE_URL's server when set, else the embedded engine). Exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import newman, { NewmanRunSummary } from 'newman';
import { RunningApi, ensureBuild, startApi } from './api-process';
import { seedFixtures } from './fixtures';
import { happyRequests } from './happy-requests';
import { FUZZ_TESTS, OpenApiDocument, wrongTypeVariations } from './wrong-types';

const ROOT = join(__dirname, '..', '..');
const SPEC = join(ROOT, 'openapi.json');
const RUN_TIMEOUT_MS = 5 * 60_000;

const log = (line: string): void => {
  process.stdout.write(`contract: ${line}\n`);
};

function writePortmanConfig(dir: string, overwrites: unknown[]): string {
  const base = JSON.parse(readFileSync(join(__dirname, 'portman-config.json'), 'utf8')) as {
    tests: { variationTests: { variations: object[] }[] };
  };
  const fuzzing = base.tests.variationTests.map((test) => ({ ...test, variations: test.variations.map((variation) => ({ ...variation, tests: FUZZ_TESTS })) }));
  const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as OpenApiDocument;
  const config = {
    ...base,
    tests: { ...base.tests, variationTests: [...fuzzing, ...wrongTypeVariations(spec)] },
    overwrites,
  };
  const path = join(dir, 'portman-config.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

/** Portman writes scratch files into its working directory, so it runs in the temp dir. */
function convert(dir: string, baseUrl: string, configPath: string): string {
  const output = join(dir, 'collection.json');
  const portman = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'portman'),
    ['--local', SPEC, '--baseUrl', baseUrl, '--portmanConfigFile', configPath, '--output', output, '--includeTests', 'true'],
    { cwd: dir, encoding: 'utf8' },
  );
  if (portman.status !== 0 || !/Collection written to/.test(portman.stdout)) {
    throw new Error(`portman failed (${portman.status}):\n${portman.stdout}\n${portman.stderr}`);
  }
  return output;
}

/** Every documented operation sends `Bearer {{bearerToken}}`: the admin's, so access rules never hide what is tested. */
function runNewman(collectionPath: string, bearerToken: string): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: JSON.parse(readFileSync(collectionPath, 'utf8')) as object, reporters: [],
        envVar: [{ key: 'bearerToken', value: bearerToken }],
        timeoutRequest: 15_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

/** Prints the totals and one line per failed assertion; returns how many failed. */
function report(summary: NewmanRunSummary): number {
  const stats = summary.run.stats;
  const fuzzed = summary.run.executions.filter((execution) => execution.item.name.includes('[')).length;
  const failures = summary.run.failures;
  const shown = new Set<string>();
  for (const failure of failures) {
    const execution = summary.run.executions.find((candidate) => candidate.item.id === failure.source?.id);
    const response = execution?.response;
    log(`FAIL ${failure.source?.name ?? '?'} (HTTP ${response?.code ?? '-'}): ${failure.error.test ?? failure.error.name}: ${failure.error.message}`);
    const id = failure.source?.id;
    if (response && id !== undefined && !shown.has(id)) {
      shown.add(id);
      log(`     answered: ${(response.text?.() ?? '').replace(/\s+/g, ' ').slice(0, 400)}`);
    }
  }
  log(`requests: ${stats.requests.total} (${fuzzed} fuzzed variants), failed requests: ${stats.requests.failed}`);
  log(`assertions: ${stats.assertions.total}, failed: ${stats.assertions.failed}`);
  const assertions = stats.assertions.total ?? 0;
  process.stdout.write(`contract: ${assertions - failures.length} passed, ${failures.length} failed\n`);
  return failures.length + (stats.requests.failed ?? 0);
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'oi-contract-'));
  let api: RunningApi | undefined;
  let finished = false;
  const cleanUp = async (): Promise<void> => {
    if (finished) return;
    finished = true;
    await api?.stop().catch(() => undefined);
    // CONTRACT_KEEP=1 keeps the generated config and collection for a look at what was sent.
    if (process.env.CONTRACT_KEEP === '1') log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
  const abort = (reason: string) => () => {
    process.stderr.write(`contract: ${reason}: stopping\n`);
    void cleanUp().finally(() => process.exit(1));
  };
  process.once('SIGINT', abort('interrupted'));
  process.once('SIGTERM', abort('terminated'));
  setTimeout(abort(`no result after ${RUN_TIMEOUT_MS / 1000} s`), RUN_TIMEOUT_MS).unref();

  try {
    ensureBuild(log);
    const serverUrl = process.env.TEST_DATABASE_URL || undefined;
    log(`starting dist/src/main.js on ${serverUrl ? 'a new database on TEST_DATABASE_URL’s server' : 'the embedded engine'}`);
    api = await startApi({ serverUrl, dataDir: join(dir, 'data') });
    const fixtures = await seedFixtures(api.baseUrl, api.admin);
    const collection = convert(dir, api.baseUrl, writePortmanConfig(dir, happyRequests(fixtures)));
    log('running the collection with newman');
    const failed = report(await runNewman(collection, fixtures.tokens.admin));
    return failed === 0 ? 0 : 1;
  } catch (error) {
    process.stderr.write(`contract: ${error instanceof Error ? error.message : String(error)}\n`);
    if (api) process.stderr.write(`--- API output ---\n${api.output()}\n`);
    return 1;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`contract: ${String(error)}\n`);
    process.exit(1);
  },
);
