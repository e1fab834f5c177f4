import { Client } from 'pg';
import { IntakeKey } from './load';

/** What the database holds after the run, compared with what the API acknowledged. */
export interface Findings {
  acknowledgedIntakes: number;
  /** Acknowledged intakes whose case, client, amputations, health profile or create events are missing. */
  missing: { caseId: string; lacking: string[] }[];
  /** One Idempotency-Key answered with two different case ids. */
  keysWithTwoCases: string[];
  /** Cases with no idempotency record pointing at them: written twice, or written without the key's record. */
  casesWithoutTheirKey: number;
  /** Clients lacking a case, a health profile or an amputation: an intake half-written. */
  halfWrittenClients: number;
  acknowledgedScreenings: number;
  /** Screenings answered 201 but missing, or without their audit event. */
  missingScreenings: string[];
  acknowledgedTaskUpdates: number;
  /** Tasks whose version is below one an update was answered with: an acknowledged update lost. */
  lostTaskUpdates: string[];
}

/** What the load saw acknowledged besides intakes. */
export interface OtherAcknowledgedWrites {
  screenings: readonly string[];
  taskVersions: ReadonlyMap<string, number>;
}

export async function inspect(ownerUrl: string, intakeKeys: Iterable<IntakeKey>, others: OtherAcknowledgedWrites): Promise<Findings> {
  const client = new Client({ connectionString: ownerUrl, application_name: 'oi-faults-verify' });
  await client.connect();
  try {
    const acknowledged = [...intakeKeys].filter((entry) => entry.acknowledged);
    const keysWithTwoCases = acknowledged.filter((entry) => entry.caseIds.size > 1).map((entry) => entry.key);
    const caseIds = [...new Set(acknowledged.flatMap((entry) => [...entry.caseIds]))];
    const { rows } = await client.query<{ caseId: string; hasCase: boolean; hasClient: boolean; hasHealth: boolean; hasAmputation: boolean; hasCaseEvent: boolean; hasClientEvent: boolean }>(
      `SELECT wanted.id::text AS "caseId",
              c.id IS NOT NULL AS "hasCase",
              cl.id IS NOT NULL AS "hasClient",
              EXISTS (SELECT 1 FROM health_profiles h WHERE h.client_id = c.client_id) AS "hasHealth",
              EXISTS (SELECT 1 FROM amputations a WHERE a.client_id = c.client_id) AS "hasAmputation",
              EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_type = 'case' AND e.entity_id = wanted.id::text AND e.action = 'create') AS "hasCaseEvent",
              EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_type = 'client' AND e.entity_id = c.client_id::text AND e.action = 'create') AS "hasClientEvent"
         FROM unnest($1::uuid[]) AS wanted(id)
         LEFT JOIN cases c ON c.id = wanted.id
         LEFT JOIN clients cl ON cl.id = c.client_id`,
      [caseIds],
    );
    const labels: [keyof (typeof rows)[number], string][] = [
      ['hasCase', 'case'],
      ['hasClient', 'client'],
      ['hasHealth', 'health profile'],
      ['hasAmputation', 'amputations'],
      ['hasCaseEvent', 'audit event (case)'],
      ['hasClientEvent', 'audit event (client)'],
    ];
    const missing = rows
      .map((row) => ({ caseId: row.caseId, lacking: labels.filter(([field]) => row[field] !== true).map(([, label]) => label) }))
      .filter((row) => row.lacking.length > 0);

    const [withoutKey] = (
      await client.query<{ count: string }>(
        `SELECT count(*)::text AS count FROM cases c
          WHERE NOT EXISTS (SELECT 1 FROM idempotency_records r WHERE r.response_body ->> 'id' = c.id::text)`,
      )
    ).rows;
    const [halfWritten] = (
      await client.query<{ count: string }>(
        `SELECT count(*)::text AS count FROM clients cl
          WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.client_id = cl.id)
             OR NOT EXISTS (SELECT 1 FROM health_profiles h WHERE h.client_id = cl.id)
             OR NOT EXISTS (SELECT 1 FROM amputations a WHERE a.client_id = cl.id)`,
      )
    ).rows;
    const { rows: screenings } = await client.query<{ id: string }>(
      `SELECT wanted.id::text AS id FROM unnest($1::uuid[]) AS wanted(id)
        WHERE NOT EXISTS (SELECT 1 FROM screenings s WHERE s.id = wanted.id)
           OR NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_type = 'screening' AND e.entity_id = wanted.id::text AND e.action = 'screening')`,
      [others.screenings],
    );
    const { rows: tasks } = await client.query<{ id: string }>(
      `SELECT wanted.id::text AS id FROM unnest($1::uuid[], $2::int[]) AS wanted(id, version)
        WHERE NOT EXISTS (SELECT 1 FROM referral_tasks t WHERE t.id = wanted.id AND t.version >= wanted.version)`,
      [[...others.taskVersions.keys()], [...others.taskVersions.values()]],
    );
    return {
      acknowledgedScreenings: others.screenings.length,
      missingScreenings: screenings.map((row) => row.id),
      acknowledgedTaskUpdates: others.taskVersions.size,
      lostTaskUpdates: tasks.map((row) => row.id),
      acknowledgedIntakes: acknowledged.length,
      missing,
      keysWithTwoCases,
      casesWithoutTheirKey: Number(withoutKey?.count ?? 0),
      halfWrittenClients: Number(halfWritten?.count ?? 0),
    };
  } finally {
    await client.end();
  }
}
