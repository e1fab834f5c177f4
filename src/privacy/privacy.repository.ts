import { Injectable } from '@nestjs/common';
import { Transaction } from '../database/transaction-runner';
import { PERSONAL_DATA } from './personal-data';

export type ExportedRow = Record<string, unknown>;

/**
 * Reads and erases a client's data table by table, driven by the catalogue in personal-data.ts. The SQL
 * is built only from that catalogue's constants; the client's id is always a bound parameter.
 */
@Injectable()
export class PrivacyRepository {
  /** Other clients' cases whose conflict check names this client: the case reference and what matched, nothing of the other client. */
  async matchesNamingClient(transaction: Transaction, clientId: string): Promise<{ caseId: string; matchedOn: string[] }[]> {
    return transaction.manager.query(
      `SELECT c."id" AS "caseId", m -> 'matchedOn' AS "matchedOn"
         FROM "cases" c CROSS JOIN LATERAL jsonb_array_elements(c."conflict_matches") AS m
        WHERE c."client_id" <> $1::uuid AND m ->> 'id' = $1::text`,
      [clientId],
    );
  }

  /** Every catalogued row about the client, as the database holds it (row_to_json keeps dates as written). */
  async exportRows(transaction: Transaction, clientId: string): Promise<Record<string, ExportedRow[]>> {
    const records: Record<string, ExportedRow[]> = {};
    for (const entry of PERSONAL_DATA) {
      const rows: { row: ExportedRow }[] = await transaction.manager.query(`SELECT row_to_json(t) AS row FROM "${entry.table}" t WHERE ${entry.scope}`, [clientId]);
      records[entry.table] = rows.map((result) => result.row);
    }
    return records;
  }

  /** Overwrites or deletes every personal column the catalogue lists, and the stored responses that repeat them. */
  /**
   * Locks the client row until the transaction ends. A new case for the client takes a key-share lock
   * on that row (its foreign key), so no case can be opened while the client is being erased.
   */
  async lockClient(transaction: Transaction, clientId: string): Promise<{ erasedAt: Date | null } | null> {
    const rows: { erased_at: Date | null }[] = await transaction.manager.query(`SELECT "erased_at" FROM "clients" WHERE "id" = $1 FOR UPDATE`, [clientId]);
    const [row] = rows;
    return row === undefined ? null : { erasedAt: row.erased_at };
  }

  /** Cases still in enquiry or accepted: the client's data may be needed for the claim (a legal hold). */
  async countOpenCases(transaction: Transaction, clientId: string): Promise<number> {
    const [row]: { open: number }[] = await transaction.manager.query(
      `SELECT count(*)::int AS "open" FROM "cases" WHERE "client_id" = $1 AND "intake_stage" IN ('enquiry', 'accepted')`,
      [clientId],
    );
    return row?.open ?? 0;
  }

  async erase(transaction: Transaction, clientId: string, erasedById: string, reason: string): Promise<void> {
    // Responses kept for idempotent retries can repeat the client's data: those that mention the client or a case of theirs go.
    await transaction.manager.query(
      `DELETE FROM "idempotency_records" WHERE position($1::text IN "response_body"::text) > 0
         OR EXISTS (SELECT 1 FROM "cases" c WHERE c."client_id" = $1::uuid AND position(c."id"::text IN "response_body"::text) > 0)`,
      [clientId],
    );
    for (const entry of PERSONAL_DATA) {
      if (entry.eraseByDeleting === true) {
        await transaction.manager.query(`DELETE FROM "${entry.table}" WHERE ${entry.scope}`, [clientId]);
        continue;
      }
      const assignments = Object.entries(entry.personal).map(([column, value]) => `"${column}" = ${value}`);
      if (entry.other.includes('version')) assignments.push(`"version" = "version" + 1`);
      await transaction.manager.query(`UPDATE "${entry.table}" SET ${assignments.join(', ')} WHERE ${entry.scope}`, [clientId]);
    }
    // Other cases' conflict checks may name the client: those matches go, and a case left with none is clear.
    await transaction.manager.query(
      `UPDATE "cases" SET
         "conflict_matches" = COALESCE((SELECT jsonb_agg(m) FROM jsonb_array_elements("conflict_matches") AS m WHERE m ->> 'id' <> $1::text), '[]'::jsonb)
       WHERE "conflict_matches" @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
      [clientId],
    );
    await transaction.manager.query(`UPDATE "cases" SET "conflict_status" = 'clear' WHERE "conflict_status" = 'potential' AND "conflict_matches" = '[]'::jsonb`);
    await transaction.manager.query(`UPDATE "clients" SET "erased_at" = now(), "erased_by_id" = $2, "erasure_reason" = $3 WHERE "id" = $1`, [clientId, erasedById, reason]);
  }
}
