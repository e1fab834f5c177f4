import { startTestApp, TestApp } from './support/test-app';

/** Every index the entities name exists, including the hand-written ones TypeORM is told to leave alone. */
describe('indexes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('the migrations create every index the entities declare, by name', async () => {
    const declared = t.dataSource.entityMetadatas.flatMap((metadata) => metadata.indices.map((index) => index.name)).sort();
    const rows: { indexname: string }[] = await t.dataSource.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    const present = new Set(rows.map((row) => row.indexname));
    expect(declared.filter((name) => !present.has(name))).toEqual([]);
    expect(declared).toEqual(expect.arrayContaining(['IX_clients_folded_last_name_prefix', 'IX_cases_open_by_solicitor_stage', 'IX_referral_tasks_active_due']));
  });

  it('name search indexes use text_pattern_ops, so a prefix LIKE can use them', async () => {
    const rows: { indexdef: string }[] = await t.dataSource.query(`SELECT indexdef FROM pg_indexes WHERE indexname LIKE 'IX_clients_folded_%_prefix' ORDER BY indexname`);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.indexdef).toContain('text_pattern_ops');
  });
});
