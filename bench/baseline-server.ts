/**
 * The benchmark's baseline: bare Fastify + pg, no Nest, no TypeORM, no validation library, no logger.
 * It performs the SQL the API performs for the benchmarked requests (column lists and statements
 * mirrored from what TypeORM sends, captured with log_statement=all), and nothing else:
 *
 * - POST /api/v1/intake: one transaction inserting the client, health profile, amputations (one
 *   INSERT each), their socket complaints (one multi-row INSERT per amputation) and the case.
 * - GET /api/v1/cases/:id: the case (restricted to the caller as assigned solicitor), its client,
 *   health profile, amputations and their complaints: the five reads the API makes.
 * - GET /api/v1/cases?limit=&cursor=: the keyset page `ORDER BY number DESC LIMIT limit+1`, joined to
 *   the client, restricted to the caller as assigned solicitor.
 *
 * The bearer token is checked only trivially: the JWT's payload is decoded for `sub` (the viewer),
 * its signature is NOT verified and no user row is read.
 *
 * Under /audited the same routes also write the API's audit-trail SQL (lock the chain head, insert the
 * hash-chained events, move the head: once per transaction, just before COMMIT, as the API does since
 * cd23ee7; reads append in a transaction of their own), so the benchmark can tell framework cost from
 * audit cost.
 *
 * Environment: DATABASE_URL (required), PORT (default 3302), HOST (127.0.0.1), DB_POOL_SIZE (10).
 */
import { createHash, randomUUID } from 'node:crypto';
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { Pool, PoolClient, types } from 'pg';

// Dates stay 'YYYY-MM-DD' strings, as TypeORM gives them to the API.
types.setTypeParser(1082, (value: string) => value);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GENESIS_HASH = '0'.repeat(64);

const CASE_COLUMNS = [
  'id', 'number', 'client_id', 'incident_date', 'date_of_knowledge', 'incident_type', 'incident_description', 'defendant_name', 'insurer_name',
  'source', 'funding', 'assigned_solicitor_id', 'assigned_paralegal_id', 'intake_stage', 'pathway_stage', 'folded_defendant_name',
  'folded_insurer_name', 'conflict_status', 'conflict_matches', 'conflict_checked_at', 'conflict_override_reason', 'conflict_overridden_by_id',
  'conflict_overridden_at', 'limitation_satisfied_on', 'limitation_satisfied_note', 'limitation_satisfied_by_id', 'created_by_id', 'version',
  'created_at', 'updated_at',
] as const;
const CLIENT_COLUMNS = [
  'id', 'number', 'first_name', 'last_name', 'folded_first_name', 'folded_last_name', 'folded_full_name', 'date_of_birth', 'email', 'phone',
  'postcode', 'preferred_contact', 'lacks_capacity', 'vulnerable', 'vulnerability_notes', 'health_data_consent', 'consent_recorded_on',
  'erased_at', 'erased_by_id', 'erasure_reason', 'created_by_id', 'version', 'created_at', 'updated_at',
] as const;
const HEALTH_COLUMNS = [
  'client_id', 'peripheral_vascular_disease', 'diabetes', 'smoking_status', 'smoking_quit_date', 'limb_radiotherapy', 'chemotherapy',
  'active_infection', 'immunosuppression', 'osteoporosis', 'pregnancy', 'activity_level', 'hot_climate', 'version', 'created_at', 'updated_at',
] as const;
const AMPUTATION_COLUMNS = [
  'id', 'entry_order', 'client_id', 'limb', 'side', 'level', 'amputation_date', 'cause', 'residual_limb_length_cm', 'current_prosthesis',
  'daily_wear_hours', 'version', 'created_at', 'updated_at', 'deleted_at',
] as const;
const COMPLAINT_COLUMNS = ['id', 'entry_order', 'amputation_id', 'type', 'severity', 'since', 'notes', 'version', 'created_at', 'updated_at', 'deleted_at'] as const;

type Row = Record<string, unknown>;

/** `"alias"."col" AS "alias_col", ...`: the select list TypeORM writes. */
function selectList(alias: string, columns: readonly string[]): string {
  return columns.map((column) => `"${alias}"."${column}" AS "${alias}_${column}"`).join(', ');
}

/** The columns of one alias out of a row selected with selectList. */
function unalias(row: Row, alias: string, columns: readonly string[]): Row {
  const out: Row = {};
  for (const column of columns) out[column] = row[`${alias}_${column}`];
  return out;
}

const SQL = {
  insertClient: `INSERT INTO "clients"("id", "first_name", "last_name", "folded_first_name", "folded_last_name", "folded_full_name", "date_of_birth", "email", "phone", "postcode", "preferred_contact", "lacks_capacity", "vulnerable", "vulnerability_notes", "health_data_consent", "consent_recorded_on", "erased_at", "erased_by_id", "erasure_reason", "created_by_id", "version", "created_at", "updated_at") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1, DEFAULT, DEFAULT) RETURNING "id", "number", "lacks_capacity", "vulnerable", "health_data_consent", "version", "created_at", "updated_at"`,
  insertHealth: `INSERT INTO "health_profiles"("client_id", "peripheral_vascular_disease", "diabetes", "smoking_status", "smoking_quit_date", "limb_radiotherapy", "chemotherapy", "active_infection", "immunosuppression", "osteoporosis", "pregnancy", "activity_level", "hot_climate", "version", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, DEFAULT, DEFAULT) RETURNING "peripheral_vascular_disease", "diabetes", "smoking_status", "limb_radiotherapy", "chemotherapy", "active_infection", "immunosuppression", "osteoporosis", "pregnancy", "activity_level", "hot_climate", "version", "created_at", "updated_at"`,
  insertAmputation: `INSERT INTO "amputations"("id", "client_id", "limb", "side", "level", "amputation_date", "cause", "residual_limb_length_cm", "current_prosthesis", "daily_wear_hours", "version", "created_at", "updated_at", "deleted_at") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, 1, DEFAULT, DEFAULT, DEFAULT) RETURNING "id", "entry_order", "version", "created_at", "updated_at", "deleted_at"`,
  insertCase: `INSERT INTO "cases"("id", "client_id", "incident_date", "date_of_knowledge", "incident_type", "incident_description", "defendant_name", "insurer_name", "source", "funding", "assigned_solicitor_id", "assigned_paralegal_id", "intake_stage", "pathway_stage", "folded_defendant_name", "folded_insurer_name", "conflict_status", "conflict_matches", "conflict_checked_at", "conflict_override_reason", "conflict_overridden_by_id", "conflict_overridden_at", "limitation_satisfied_on", "limitation_satisfied_note", "limitation_satisfied_by_id", "created_by_id", "version", "created_at", "updated_at") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, DEFAULT, DEFAULT, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, 1, DEFAULT, DEFAULT) RETURNING "id", "number", "intake_stage", "pathway_stage", "conflict_status", "conflict_matches", "version", "created_at", "updated_at"`,
  visibleCase: `SELECT ${selectList('matter', CASE_COLUMNS)} FROM "cases" "matter" WHERE "matter"."id" = $1 AND "matter"."assigned_solicitor_id" = $2`,
  clientById: `SELECT ${selectList('Client', CLIENT_COLUMNS)} FROM "clients" "Client" WHERE (("Client"."id" = $1)) LIMIT 1`,
  healthByClient: `SELECT ${selectList('HealthProfile', HEALTH_COLUMNS)} FROM "health_profiles" "HealthProfile" WHERE (("HealthProfile"."client_id" = $1)) LIMIT 1`,
  amputationsByClient: `SELECT ${selectList('Amputation', AMPUTATION_COLUMNS)} FROM "amputations" "Amputation" WHERE ( (("Amputation"."client_id" = $1) AND ("Amputation"."deleted_at" IS NULL)) ) AND ( "Amputation"."deleted_at" IS NULL ) ORDER BY "Amputation"."entry_order" ASC`,
  complaintsByAmputations: `SELECT ${selectList('SocketComplaint', COMPLAINT_COLUMNS)} FROM "socket_complaints" "SocketComplaint" WHERE ( (("SocketComplaint"."amputation_id" = ANY($1::uuid[])) AND ("SocketComplaint"."deleted_at" IS NULL)) ) AND ( "SocketComplaint"."deleted_at" IS NULL ) ORDER BY "SocketComplaint"."entry_order" ASC`,
  listPage: `SELECT ${selectList('matter', CASE_COLUMNS)}, ${selectList('client', CLIENT_COLUMNS)} FROM "cases" "matter" INNER JOIN "clients" "client" ON "client"."id"="matter"."client_id" WHERE "matter"."assigned_solicitor_id" = $1 ORDER BY "matter"."number" DESC LIMIT $2`,
  listPageBefore: `SELECT ${selectList('matter', CASE_COLUMNS)}, ${selectList('client', CLIENT_COLUMNS)} FROM "cases" "matter" INNER JOIN "clients" "client" ON "client"."id"="matter"."client_id" WHERE "matter"."assigned_solicitor_id" = $1 AND "matter"."number" < $2 ORDER BY "matter"."number" DESC LIMIT $3`,
  auditHeadEnsure: `INSERT INTO "audit_chain_head" ("id", "last_hash", "event_count") VALUES (1, $1, 0) ON CONFLICT ("id") DO NOTHING`,
  auditHeadLock: `SELECT "head"."id" AS "head_id", "head"."last_hash" AS "head_last_hash", "head"."event_count" AS "head_event_count" FROM "audit_chain_head" "head" WHERE "head"."id" = 1 FOR UPDATE`,
  auditHeadMove: `UPDATE "audit_chain_head" SET "last_hash" = $1, "event_count" = $2 WHERE "id" = $3`,
};

/** foldName() from src/clients/fold-name.ts, copied so the baseline depends on nothing in src/. */
function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o')
    .replace(/[łŀ]/g, 'l')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function reference(prefix: string, createdAt: Date, number: string): string {
  return `${prefix}-${createdAt.getUTCFullYear()}-${number.padStart(6, '0')}`;
}

function iso(value: unknown): string | null {
  return value instanceof Date ? value.toISOString() : null;
}

// ---------------------------------------------------------------- audit (only under /audited)

interface AuditEntry {
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  changedFields?: string[];
}

/** The API's AuditService.record: the same four statements and the same sha256 chain. */
async function recordAudit(db: PoolClient, requestId: string, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(SQL.auditHeadEnsure, [GENESIS_HASH]);
  const head = (await db.query<{ head_last_hash: string; head_event_count: string }>(SQL.auditHeadLock)).rows[0];
  if (head === undefined) throw new Error('audit head missing');
  let previousHash = head.head_last_hash;
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const entry of entries) {
    const id = randomUUID();
    const at = new Date();
    const changed = [...(entry.changedFields ?? [])].sort();
    const canonical = JSON.stringify([id, at.toISOString(), entry.actorId, entry.action, entry.entityType, entry.entityId, requestId, changed]);
    const hash = createHash('sha256').update(previousHash).update(canonical).digest('hex');
    const base = values.length;
    tuples.push(`(${Array.from({ length: 10 }, (_, index) => `$${base + index + 1}`).join(', ')})`);
    values.push(id, at, entry.actorId, entry.action, entry.entityType, entry.entityId, requestId, JSON.stringify(changed), previousHash, hash);
    previousHash = hash;
  }
  await db.query(
    `INSERT INTO "audit_events"("id", "at", "actor_id", "action", "entity_type", "entity_id", "request_id", "changed_fields", "previous_hash", "hash") VALUES ${tuples.join(', ')} RETURNING "sequence", "changed_fields"`,
    values,
  );
  await db.query(SQL.auditHeadMove, [previousHash, String(BigInt(head.head_event_count) + BigInt(entries.length)), 1]);
}

function sentFields(input: object | undefined): string[] {
  return input === undefined ? [] : Object.entries(input).filter(([, value]) => value !== undefined).map(([key]) => key);
}

// ---------------------------------------------------------------- request shapes

interface IntakeBody {
  client: {
    firstName: string;
    lastName: string;
    dateOfBirth?: string | null;
    email?: string | null;
    phone?: string | null;
    postcode?: string | null;
    preferredContact?: string | null;
    lacksCapacity?: boolean;
    vulnerable?: boolean;
    vulnerabilityNotes?: string | null;
    healthDataConsent?: string;
    consentRecordedOn?: string | null;
  };
  healthProfile?: Record<string, string | null | undefined>;
  amputations?: {
    limb: string;
    side: string;
    level: string;
    amputationDate?: string | null;
    cause?: string | null;
    residualLimbLengthCm?: number | null;
    currentProsthesis?: string | null;
    dailyWearHours?: number | null;
    socketComplaints?: { type: string; severity: string; since?: string | null; notes?: string | null }[];
  }[];
  case: {
    incidentDate: string;
    dateOfKnowledge?: string | null;
    incidentType: string;
    incidentDescription?: string | null;
    defendantName?: string | null;
    insurerName?: string | null;
    source: string;
    funding: string;
    assignedSolicitorId: string;
    assignedParalegalId?: string | null;
  };
}

const HEALTH_FACTS = [
  'peripheralVascularDisease', 'diabetes', 'smokingStatus', 'quitDate', 'limbRadiotherapy', 'chemotherapy', 'activeInfection', 'immunosuppression',
  'osteoporosis', 'pregnancy', 'activityLevel', 'hotClimate',
] as const;

function numericText(value: number | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Trivial bearer check: the JWT payload's `sub`, signature NOT verified, no user lookup. */
function viewerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined || !header.startsWith('Bearer ')) return undefined;
  const payload = header.slice(7).split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' && UUID.test(claims.sub) ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

function problem(reply: FastifyReply, status: number, code: string): FastifyReply {
  return reply.code(status).type('application/problem+json').send({ status, code });
}

// ---------------------------------------------------------------- handlers

function createHandlers(pool: Pool) {
  async function inTransaction<T>(work: (db: PoolClient) => Promise<T>): Promise<T> {
    const db = await pool.connect();
    try {
      await db.query('START TRANSACTION');
      const result = await work(db);
      await db.query('COMMIT');
      return result;
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      db.release();
    }
  }

  async function intake(request: FastifyRequest, reply: FastifyReply, audited: boolean): Promise<FastifyReply> {
    const actorId = viewerOf(request);
    if (actorId === undefined) return problem(reply, 401, 'UNAUTHENTICATED');
    const body = request.body as IntakeBody | undefined;
    if (typeof body?.client?.firstName !== 'string' || typeof body.client.lastName !== 'string' || typeof body.case?.incidentDate !== 'string') {
      return problem(reply, 400, 'VALIDATION_FAILED');
    }
    const { client: person, case: matter } = body;
    const health = body.healthProfile ?? {};
    const result = await inTransaction(async (db) => {
      const client = (
        await db.query<Row>(SQL.insertClient, [
          person.firstName, person.lastName, foldName(person.firstName), foldName(person.lastName), foldName(`${person.firstName}${person.lastName}`),
          person.dateOfBirth ?? null, person.email ?? null, person.phone ?? null, person.postcode ?? null, person.preferredContact ?? null,
          person.lacksCapacity ?? false, person.vulnerable ?? false, person.vulnerabilityNotes ?? null, person.healthDataConsent ?? 'not_recorded',
          person.consentRecordedOn ?? null, null, null, null, actorId,
        ])
      ).rows[0];
      const clientId = client.id as string;
      const healthRow = (
        await db.query<Row>(SQL.insertHealth, [clientId, ...HEALTH_FACTS.map((fact) => health[fact] ?? (fact === 'quitDate' ? null : 'unknown'))])
      ).rows[0];
      // As the API does since cd23ee7: events are collected and appended once, just before COMMIT.
      const events: AuditEntry[] = [
        { actorId, action: 'create', entityType: 'client', entityId: clientId, changedFields: sentFields(person) },
        { actorId, action: 'create', entityType: 'health_profile', entityId: clientId, changedFields: sentFields(health) },
      ];
      const amputations: Row[] = [];
      for (const input of body.amputations ?? []) {
        const amputation = (
          await db.query<Row>(SQL.insertAmputation, [
            clientId, input.limb, input.side, input.level, input.amputationDate ?? null, input.cause ?? null, numericText(input.residualLimbLengthCm),
            input.currentProsthesis ?? null, numericText(input.dailyWearHours),
          ])
        ).rows[0];
        const complaints = input.socketComplaints ?? [];
        let complaintRows: Row[] = [];
        if (complaints.length > 0) {
          const values: unknown[] = [];
          const tuples = complaints.map((complaint) => {
            const base = values.length;
            values.push(amputation.id, complaint.type, complaint.severity, complaint.since ?? null, complaint.notes ?? null);
            return `(DEFAULT, $${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, 1, DEFAULT, DEFAULT, DEFAULT)`;
          });
          complaintRows = (
            await db.query<Row>(
              `INSERT INTO "socket_complaints"("id", "amputation_id", "type", "severity", "since", "notes", "version", "created_at", "updated_at", "deleted_at") VALUES ${tuples.join(', ')} RETURNING "id", "entry_order", "version", "created_at", "updated_at", "deleted_at"`,
              values,
            )
          ).rows;
        }
        events.push(
          { actorId, action: 'create', entityType: 'amputation', entityId: amputation.id as string, changedFields: sentFields({ ...input, socketComplaints: undefined }) },
          ...complaintRows.map((row, index) => ({
            actorId,
            action: 'create',
            entityType: 'socket_complaint',
            entityId: row.id as string,
            changedFields: sentFields(complaints[index]),
          })),
        );
        amputations.push({
          id: amputation.id,
          clientId,
          limb: input.limb,
          side: input.side,
          level: input.level,
          amputationDate: input.amputationDate ?? null,
          cause: input.cause ?? null,
          residualLimbLengthCm: input.residualLimbLengthCm ?? null,
          currentProsthesis: input.currentProsthesis ?? null,
          dailyWearHours: input.dailyWearHours ?? null,
          version: amputation.version,
          createdAt: iso(amputation.created_at),
          updatedAt: iso(amputation.updated_at),
          socketComplaints: complaintRows.map((row, index) => ({
            id: row.id,
            amputationId: amputation.id,
            type: complaints[index]?.type,
            severity: complaints[index]?.severity,
            since: complaints[index]?.since ?? null,
            notes: complaints[index]?.notes ?? null,
            version: row.version,
            createdAt: iso(row.created_at),
            updatedAt: iso(row.updated_at),
          })),
        });
      }
      const defendantName = matter.defendantName ?? null;
      const insurerName = matter.insurerName ?? null;
      const created = (
        await db.query<Row>(SQL.insertCase, [
          clientId, matter.incidentDate, matter.dateOfKnowledge ?? null, matter.incidentType, matter.incidentDescription ?? null, defendantName, insurerName,
          matter.source, matter.funding, matter.assignedSolicitorId, matter.assignedParalegalId ?? null,
          defendantName === null ? null : foldName(defendantName), insurerName === null ? null : foldName(insurerName),
          'clear', '[]', new Date(), null, null, null, null, null, null, actorId,
        ])
      ).rows[0];
      events.push({ actorId, action: 'create', entityType: 'case', entityId: created.id as string, changedFields: sentFields(matter) });
      if (audited) await recordAudit(db, request.id, events);
      return { client, healthRow, amputations, created };
    });
    const { client, healthRow, amputations, created } = result;
    const clientResponse = {
      id: client.id,
      reference: reference('OI', client.created_at as Date, client.number as string),
      ...person,
      version: client.version,
      createdAt: iso(client.created_at),
      updatedAt: iso(client.updated_at),
    };
    return reply.code(201).send({
      id: created.id,
      reference: reference('CASE', created.created_at as Date, created.number as string),
      clientId: client.id,
      ...matter,
      intakeStage: created.intake_stage,
      pathwayStage: created.pathway_stage,
      conflictStatus: created.conflict_status,
      conflictMatches: created.conflict_matches,
      version: created.version,
      createdAt: iso(created.created_at),
      updatedAt: iso(created.updated_at),
      client: clientResponse,
      amputations,
      healthProfile: { clientId: client.id, ...healthRow, createdAt: iso(healthRow.created_at), updatedAt: iso(healthRow.updated_at) },
    });
  }

  async function getCase(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, audited: boolean): Promise<FastifyReply> {
    const viewer = viewerOf(request);
    if (viewer === undefined) return problem(reply, 401, 'UNAUTHENTICATED');
    const { id } = request.params;
    if (!UUID.test(id)) return problem(reply, 400, 'VALIDATION_FAILED');
    const caseRow = (await pool.query<Row>(SQL.visibleCase, [id, viewer])).rows[0];
    if (caseRow === undefined) return problem(reply, 404, 'CASE_NOT_FOUND');
    const matter = unalias(caseRow, 'matter', CASE_COLUMNS);
    const clientId = matter.client_id as string;
    const client = unalias((await pool.query<Row>(SQL.clientById, [clientId])).rows[0] ?? {}, 'Client', CLIENT_COLUMNS);
    const health = unalias((await pool.query<Row>(SQL.healthByClient, [clientId])).rows[0] ?? {}, 'HealthProfile', HEALTH_COLUMNS);
    const amputations = (await pool.query<Row>(SQL.amputationsByClient, [clientId])).rows.map((row) => unalias(row, 'Amputation', AMPUTATION_COLUMNS));
    const complaints =
      amputations.length === 0
        ? []
        : (await pool.query<Row>(SQL.complaintsByAmputations, [amputations.map((row) => row.id)])).rows.map((row) => unalias(row, 'SocketComplaint', COMPLAINT_COLUMNS));
    if (audited) {
      await inTransaction((db) =>
        recordAudit(db, request.id, [
          { actorId: viewer, action: 'read', entityType: 'case', entityId: id },
          { actorId: viewer, action: 'read', entityType: 'client', entityId: clientId },
          { actorId: viewer, action: 'read', entityType: 'health_profile', entityId: clientId },
        ]),
      );
    }
    void reply.header('etag', `"${String(matter.version)}"`);
    return reply.send({
      ...caseResponse(matter),
      client: clientResponse(client),
      amputations: amputations.map((amputation) => ({
        ...camel(amputation),
        residualLimbLengthCm: amputation.residual_limb_length_cm === null ? null : Number(amputation.residual_limb_length_cm),
        dailyWearHours: amputation.daily_wear_hours === null ? null : Number(amputation.daily_wear_hours),
        socketComplaints: complaints.filter((complaint) => complaint.amputation_id === amputation.id).map(camel),
      })),
      healthProfile: camel(health),
    });
  }

  async function listCases(request: FastifyRequest<{ Querystring: { limit?: string; cursor?: string } }>, reply: FastifyReply, audited: boolean): Promise<FastifyReply> {
    const viewer = viewerOf(request);
    if (viewer === undefined) return problem(reply, 401, 'UNAUTHENTICATED');
    const limit = request.query.limit === undefined ? 25 : Number(request.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return problem(reply, 400, 'VALIDATION_FAILED');
    let before: string | undefined;
    if (request.query.cursor !== undefined) {
      try {
        const decoded = JSON.parse(Buffer.from(request.query.cursor, 'base64url').toString('utf8')) as unknown;
        before = Array.isArray(decoded) && typeof decoded[0] === 'string' && /^[0-9]{1,18}$/.test(decoded[0]) ? decoded[0] : undefined;
      } catch {
        before = undefined;
      }
      if (before === undefined) return problem(reply, 400, 'INVALID_CURSOR');
    }
    const rows = (before === undefined ? await pool.query<Row>(SQL.listPage, [viewer, limit + 1]) : await pool.query<Row>(SQL.listPageBefore, [viewer, before, limit + 1])).rows;
    const items = rows.slice(0, limit).map((row) => ({ matter: unalias(row, 'matter', CASE_COLUMNS), client: unalias(row, 'client', CLIENT_COLUMNS) }));
    if (audited && items.length > 0) {
      await inTransaction((db) =>
        recordAudit(
          db,
          request.id,
          items.flatMap(({ matter }) => [
            { actorId: viewer, action: 'read', entityType: 'case', entityId: matter.id as string },
            { actorId: viewer, action: 'read', entityType: 'client', entityId: matter.client_id as string },
          ]),
        ),
      );
    }
    const last = items[items.length - 1];
    return reply.send({
      items: items.map(({ matter, client }) => ({
        ...caseResponse(matter),
        client: { id: client.id, reference: reference('OI', client.created_at as Date, client.number as string), firstName: client.first_name, lastName: client.last_name },
      })),
      nextCursor: rows.length > limit && last !== undefined ? Buffer.from(JSON.stringify([last.matter.number]), 'utf8').toString('base64url') : null,
    });
  }

  return { intake, getCase, listCases };
}

function camel(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value instanceof Date ? value.toISOString() : value;
  return out;
}

function caseResponse(matter: Row): Row {
  return {
    id: matter.id,
    reference: reference('CASE', matter.created_at as Date, matter.number as string),
    clientId: matter.client_id,
    incidentDate: matter.incident_date,
    dateOfKnowledge: matter.date_of_knowledge,
    incidentType: matter.incident_type,
    incidentDescription: matter.incident_description,
    defendantName: matter.defendant_name,
    insurerName: matter.insurer_name,
    source: matter.source,
    funding: matter.funding,
    assignedSolicitorId: matter.assigned_solicitor_id,
    assignedParalegalId: matter.assigned_paralegal_id,
    intakeStage: matter.intake_stage,
    pathwayStage: matter.pathway_stage,
    conflictStatus: matter.conflict_status,
    conflictMatches: matter.conflict_matches,
    conflictCheckedAt: iso(matter.conflict_checked_at),
    limitationSatisfiedOn: matter.limitation_satisfied_on,
    version: matter.version,
    createdAt: iso(matter.created_at),
    updatedAt: iso(matter.updated_at),
  };
}

function clientResponse(client: Row): Row {
  const { folded_first_name: _a, folded_last_name: _b, folded_full_name: _c, erased_by_id: _d, erasure_reason: _e, created_by_id: _f, ...shown } = client;
  return { ...camel(shown), reference: reference('OI', client.created_at as Date, client.number as string) };
}

// ---------------------------------------------------------------- server

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') throw new Error('DATABASE_URL is required');
  const pool = new Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10), application_name: 'oi-bench-baseline' });
  const app = Fastify({ logger: false });
  const handlers = createHandlers(pool);

  app.get('/health/ready', async () => {
    await pool.query('SELECT 1');
    return { status: 'ok' };
  });
  for (const [prefix, audited] of [['', false], ['/audited', true]] as const) {
    app.post(`${prefix}/api/v1/intake`, (request, reply) => handlers.intake(request, reply, audited));
    app.get<{ Params: { id: string } }>(`${prefix}/api/v1/cases/:id`, (request, reply) => handlers.getCase(request, reply, audited));
    app.get<{ Querystring: { limit?: string; cursor?: string } }>(`${prefix}/api/v1/cases`, (request, reply) => handlers.listCases(request, reply, audited));
  }
  app.setErrorHandler((error, _request, reply) => {
    process.stderr.write(`baseline: ${error instanceof Error ? error.message : String(error)}\n`);
    void problem(reply, 500, 'INTERNAL');
  });

  await app.listen({ port: Number(process.env.PORT ?? 3302), host: process.env.HOST ?? '127.0.0.1' });
  const stop = (): void => {
    void app
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`baseline failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
