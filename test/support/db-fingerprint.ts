import { DataSource } from 'typeorm';

/** Row count and an md5 of every row, per table the entities map: equal fingerprints mean nothing was written. */
export type DbFingerprint = Record<string, { rows: number; md5: string }>;

/** One round trip for every table, so a property test can take it before and after each request. */
export async function dbFingerprint(dataSource: DataSource): Promise<DbFingerprint> {
  const tables = [...new Set(dataSource.entityMetadatas.map((metadata) => metadata.tableName))].sort();
  // Rows ordered by their text form: every table is covered the same way, whatever its key.
  const sql = tables
    .map((table) => `SELECT '${table}' AS t, count(*)::int AS n, md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS h FROM "${table}" r`)
    .join(' UNION ALL ');
  const rows = await dataSource.query<{ t: string; n: number; h: string }[]>(sql);
  return Object.fromEntries(rows.map((row) => [row.t, { rows: row.n, md5: row.h }]));
}
