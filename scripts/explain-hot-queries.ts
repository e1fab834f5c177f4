/**
 * `npm run explain`: EXPLAIN (ANALYZE, BUFFERS) of every hot query, as the repositories really build
 * them, against DATABASE_URL (e.g. after `npm run seed -- --cases 1000000`). Nothing is written: every
 * SELECT the repositories send is explained instead of answered.
 */
import 'reflect-metadata';
import { DataSource, QueryRunner } from 'typeorm';
import { buildDataSourceOptions } from '../ormconfig';
import { AuditRepository } from '../src/audit/audit.repository';
import { CasesRepository, CaseViewer } from '../src/cases/cases.repository';
import { AmputationsRepository } from '../src/clients/amputations.repository';
import { ClientsRepository } from '../src/clients/clients.repository';
import { HealthProfilesRepository } from '../src/clients/health-profiles.repository';
import { addDays, todayInLondon } from '../src/common/time/calendar-date';
import { loadEnvironment } from '../src/config/environment';
import { ConflictsRepository } from '../src/conflicts/conflicts.repository';
import { openDatabaseEndpoint } from '../src/database/database-endpoint';
import { runScript } from '../src/database/migrated-scratch';
import { ReferralTasksRepository } from '../src/referrals/referral-tasks.repository';
import { CaseloadCountsRepository } from '../src/reports/caseload-counts.repository';
import { LimitationReportRepository } from '../src/reports/limitation-report.repository';
import { ReportsRepository } from '../src/reports/reports.repository';

interface Plan {
  name: string;
  sql: string;
  plan: string;
}

/** Makes every query runner of the data source explain its SELECTs and answer them with no rows. */
function explainEverything(dataSource: DataSource, record: (sql: string, plan: string) => void): void {
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => {
    const runner: QueryRunner = create(mode);
    const query = runner.query.bind(runner) as (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
    runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
      if (!/^\s*(SELECT|WITH)\b/i.test(sql)) return query(sql, parameters, structured);
      const rows = (await query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters)) as { 'QUERY PLAN': string }[];
      record(sql, rows.map((row) => row['QUERY PLAN']).join('\n'));
      return structured === true ? { records: [], raw: [] } : [];
    }) as QueryRunner['query'];
    return runner;
  };
}

async function main(): Promise<number> {
  const env = loadEnvironment(process.env);
  const endpoint = await openDatabaseEndpoint(env);
  const dataSource = new DataSource(buildDataSourceOptions({ url: endpoint.url, poolSize: 1 }));
  try {
    await dataSource.initialize();
    type Sample = { caseId: string; clientId: string; number: string; solicitorId: string; paralegalId: string; lastName: string; dateOfBirth: string | null; postcode: string | null; cases: number };
    const [sample] = await dataSource.query<Sample[]>(
      `SELECT m.id AS "caseId", m.client_id AS "clientId", m.number AS "number", m.assigned_solicitor_id AS "solicitorId", m.assigned_paralegal_id AS "paralegalId",
              c.folded_last_name AS "lastName", c.date_of_birth::text AS "dateOfBirth", c.postcode AS "postcode", (SELECT count(*) FROM cases)::int AS "cases"
         FROM cases m JOIN clients c ON c.id = m.client_id WHERE m.assigned_paralegal_id IS NOT NULL
        ORDER BY m.number OFFSET (SELECT count(*) / 2 FROM cases) LIMIT 1`,
    );
    if (sample === undefined) {
      process.stderr.write('No cases to explain against: load some first (npm run seed -- --cases 1000000).\n');
      return 1;
    }
    const plans: Plan[] = [];
    let current = '';
    explainEverything(dataSource, (sql, plan) => plans.push({ name: current, sql, plan }));
    const transaction = { manager: dataSource.manager };
    const admin: CaseViewer = { id: '00000000-0000-4000-8000-000000000000', role: 'admin' };
    const solicitor: CaseViewer = { id: sample.solicitorId, role: 'solicitor' };
    const paralegal: CaseViewer = { id: sample.paralegalId, role: 'paralegal' };
    const today = todayInLondon();
    const year = { from: addDays(today, -365), to: today };
    const cases = new CasesRepository(dataSource);
    const clients = new ClientsRepository(dataSource);
    const reports = new ReportsRepository(dataSource);

    const hot: [string, () => Promise<unknown>][] = [
      ['cases: first page for a solicitor', () => cases.list(solicitor, { limit: 50 })],
      ['cases: deep keyset page for an admin', () => cases.list(admin, { limit: 50, beforeNumber: String(Math.max(1, Math.floor(sample.cases / 20))) })],
      ['cases: filtered by pathway stage', () => cases.list(admin, { limit: 50, pathwayStage: 'referred' })],
      ['case by id, as its solicitor', () => cases.findVisible(solicitor, sample.caseId)],
      ['case detail: client', () => clients.findById(sample.clientId)],
      ['case detail: health profile', () => new HealthProfilesRepository(dataSource).findByClient(sample.clientId)],
      ['case detail: amputations', () => new AmputationsRepository(dataSource).listAmputations(sample.clientId)],
      ['clients: name prefix search', () => clients.search(admin, { foldedName: sample.lastName.slice(0, 4), limit: 25 })],
      ['clients: postcode search as a solicitor', () => clients.search(solicitor, { postcode: sample.postcode ?? 'RG1 1AA', limit: 25 })],
      ['referral tasks: a paralegal’s working list', () => new ReferralTasksRepository(dataSource).list(paralegal, { today, assigneeId: paralegal.id, statuses: ['open', 'in_progress'], overdueOnly: false, limit: 25 })],
      ['referral tasks: calendar feed', () => new ReferralTasksRepository(dataSource).listActiveAssignedTo(paralegal.id)],
      ['report: caseload (firm, from the kept counts)', () => new CaseloadCountsRepository(dataSource).firmCaseload(year)],
      ['report: caseload (firm, live, as before the kept counts)', () => reports.caseload(admin, year)],
      ['report: caseload (a solicitor)', () => reports.caseload(solicitor, year)],
      ['report: screening (firm)', () => reports.screening(admin, year)],
      ['report: referrals (firm)', () => reports.referrals(admin, year, today)],
      ['report: limitation (firm)', () => new LimitationReportRepository(dataSource).list(admin, { horizon: addDays(today, 180), limit: 50 })],
      ['conflict check: clients', () => new ConflictsRepository().candidateClients(transaction, { clientId: sample.clientId, foldedLastName: sample.lastName, dateOfBirth: sample.dateOfBirth, postcode: sample.postcode, foldedParties: ['acmehaulageltd'] })],
      ['conflict check: parties of other cases', () => new ConflictsRepository().candidateCases(transaction, { clientId: sample.clientId, foldedFullName: 'annhale' })],
      ['audit: events about a case', () => new AuditRepository(dataSource).list({ entityType: 'case', entityId: sample.caseId, limit: 50 })],
    ];
    for (const [name, run] of hot) {
      current = name;
      await run();
    }
    process.stdout.write(`EXPLAIN (ANALYZE, BUFFERS) of ${hot.length} hot paths on ${sample.cases} cases\n`);
    for (const plan of plans) {
      const execution = /Execution Time: ([\d.]+) ms/.exec(plan.plan)?.[1] ?? '?';
      process.stdout.write(`\n=== ${plan.name} (${execution} ms)\n${plan.sql.replace(/\s+/g, ' ').slice(0, 400)}\n${plan.plan}\n`);
    }
    process.stdout.write('\nSummary\n');
    for (const plan of plans) {
      const execution = /Execution Time: ([\d.]+) ms/.exec(plan.plan)?.[1] ?? '?';
      const seqScans = [...plan.plan.matchAll(/Seq Scan on (\w+)/g)].map((match) => match[1]);
      process.stdout.write(`${execution.padStart(10)} ms  ${plan.name}${seqScans.length > 0 ? `  (seq scan: ${[...new Set(seqScans)].join(', ')})` : ''}\n`);
    }
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await endpoint.close();
  }
}

runScript('explain', main);
