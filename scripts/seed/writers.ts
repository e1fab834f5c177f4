import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Row, SqlValue, TableSpec } from './tables';

/**
 * How rows reach the database. `copy`: COPY ... FROM STDIN in PostgreSQL's text format, the fast path
 * for a server. `insert`: multi-row parameterised INSERTs, for the embedded engine, whose wire-protocol
 * bridge does not carry COPY (the connection is dropped with "protocol synchronization was lost").
 */
export type WriteMode = 'copy' | 'insert';

const quoted = (spec: TableSpec) => `"${spec.name}" (${spec.columns.map((column) => `"${column}"`).join(', ')})`;

/**
 * Streams COPY text, already joined into chunks of whole lines, into a table. FREEZE writes the rows
 * already frozen and visible to all, which spares a later VACUUM; PostgreSQL allows it only when the
 * table was truncated in this transaction.
 */
export async function copyChunks(client: ClientBase, spec: TableSpec, parts: readonly string[], freeze: boolean): Promise<void> {
  if (parts.length === 0) return;
  const target = client.query(copyFrom(`COPY ${quoted(spec)} FROM STDIN${freeze ? ' WITH (FREEZE)' : ''}`));
  await pipeline(Readable.from(parts), target);
}

// PostgreSQL allows 65,535 parameters in one statement.
const MAX_PARAMETERS = 60_000;

export async function insertRows(client: ClientBase, spec: TableSpec, rows: readonly Row[]): Promise<void> {
  const width = spec.columns.length;
  const perStatement = Math.max(1, Math.min(500, Math.floor(MAX_PARAMETERS / width)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement);
    const values: SqlValue[] = [];
    const tuples = slice.map((row) => {
      const placeholders = row.map((value) => {
        values.push(value);
        return `$${values.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await client.query(`INSERT INTO ${quoted(spec)} VALUES ${tuples.join(', ')}`, values);
  }
}
