/**
 * The benchmark's baseline: bare Fastify + pg, no Nest, no TypeORM, no validation library, no logger.
 *
 * The unprefixed routes (the baseline the API/baseline ratios are computed against) send the SAME SQL
 * as the API for the benchmarked requests: the same statement texts, in the same order, in the same
 * transactions, as captured from the production build with log_statement=all (bench/README of the
 * capture: ALTER DATABASE ... SET log_statement = 'all'; checked again by comparing both logs):
 *
 * - every request: the bearer token's HS256 signature, algorithm, issuer, audience, type, subject and
 *   expiry are checked with node:crypto (createHmac with one KeyObject made at start-up), then the access
 *   guard's user lookup `SELECT "id", "email", "name", "role", "active" FROM "users" WHERE "id" = $1`
 *   (401 when missing or inactive, 403 when the role may not use the route).
 * - POST /api/v1/intake: guard; START TRANSACTION; INSERT client, health profile, each amputation and
 *   its socket complaints (one multi-row INSERT per amputation), all with RETURNING; the assignee lookups
 *   (the full user row of the solicitor, then of the paralegal if one is named); the conflict check's two
 *   queries (candidate clients, candidate cases); INSERT case; the audit append just before COMMIT
 *   (`SELECT ... FROM audit_chain_head ... FOR UPDATE`, then one `WITH "appended" AS (INSERT ... SELECT
 *   FROM unnest ...) UPDATE audit_chain_head` carrying every event of the request); COMMIT. The answer is
 *   built from the RETURNING rows, as the API's is since ad5adc6.
 * - GET /api/v1/cases/:id: guard; the case (restricted to the caller as assigned solicitor), its client,
 *   health profile, amputations, their complaints; then the 3 `read` audit events appended in a
 *   transaction of their own (START TRANSACTION, lock the head, append, COMMIT).
 * - GET /api/v1/cases?limit=&cursor=: guard; the keyset page joined to the client; then 2 `read` events
 *   per row appended in a transaction of their own.
 *
 * Reads' audit: the API batches the read events of concurrent requests into one such transaction (group
 * commit, cb7dc31); this baseline appends per request (one transaction per request, no batching): the
 * plain form of the same SQL, so the baseline sends more audit transactions than the API does under load.
 * Validation is a shape check only (the benchmark sends valid bodies); error bodies are problem+json of
 * the API's shape. The sha256 chain is computed as the API computes it.
 *
 * Under /core the same routes perform only the core reads and writes, without the token check, the user
 * lookups, the conflict check or the audit trail: the "core-only" baseline, for information.
 *
 * Environment: DATABASE_URL (required), JWT_SECRET (required, the API's), PORT (default 3302), HOST
 * (127.0.0.1), DB_POOL_SIZE (10).
 */
import { createHash, createHmac, createSecretKey, KeyObject, randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { Pool, PoolClient, types } from 'pg';
// Pure functions with no framework behind them: the baseline folds names, dates and references exactly as the API does.
import { computeLimitation } from '../src/cases/limitation';
import { foldName } from '../src/clients/fold-name';
import { formatReference } from '../src/common/reference';
import { CandidateCase, CandidateClient, ConflictMatch, findConflicts } from '../src/conflicts/conflict-rules';

// Dates stay 'YYYY-MM-DD' strings, as TypeORM gives them to the API.
types.setTypeParser(1082, (value: string) => value);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_ISSUER = 'oi-intake';
const TOKEN_AUDIENCE = 'oi-intake-api';

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
const USER_COLUMNS = ['id', 'email', 'name', 'role', 'active', 'password_hash', 'deactivated_at', 'version', 'created_at', 'updated_at'] as const;

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

/** `$from, $from+1, ...`: n numbered placeholders. */
function placeholders(from: number, count: number): string {
  return Array.from({ length: count }, (_, index) => `$${from + index}`).join(', ');
}

const AUDIT_EVENT_COLUMNS: [string, string][] = [
  ['id', 'uuid'], ['at', 'timestamptz'], ['actor_id', 'uuid'], ['action', 'varchar'], ['entity_type', 'varchar'], ['entity_id', 'varchar'], ['request_id', 'varchar'],
  ['changed_fields', 'jsonb'], ['previous_hash', 'char(64)'], ['hash', 'char(64)'],
];

/**
 * The API's AuditRepository.append statement, the same text to the byte (its line breaks and indentation
 * included, so PostgreSQL sees one statement text): the events from one array per column, then the head.
 */
function auditAppendSql(): string {
  const names = AUDIT_EVENT_COLUMNS.map(([name]) => `"${name}"`).join(', ');
  const arrays = AUDIT_EVENT_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
  return [
    'WITH "appended" AS (',
    `         INSERT INTO "audit_events" (${names})`,
    `         SELECT ${names}`,
    `         FROM unnest(${arrays})`,
    `           WITH ORDINALITY AS "event" (${names}, "position")`,
    '         ORDER BY "position"',
    '         RETURNING 1',
    '       )',
    '       UPDATE "audit_chain_head" SET "last_hash" = $11, "event_count" = $12 WHERE "id" = 1 AND (SELECT count(*) FROM "appended") = $13',
  ].join('\n');
}

const LIST_SELECT = `SELECT ${selectList('matter', CASE_COLUMNS)}, ${selectList('client', CLIENT_COLUMNS)} FROM "cases" "matter" INNER JOIN "clients" "client" ON "client"."id"="matter"."client_id"`;

const SQL = {
  guardUser: `SELECT "id", "email", "name", "role", "active" FROM "users" WHERE "id" = $1`,
  userById: `SELECT ${selectList('User', USER_COLUMNS)} FROM "users" "User" WHERE (("User"."id" = $1)) LIMIT 1`,
  insertClient: `INSERT INTO "clients"("id", "first_name", "last_name", "folded_first_name", "folded_last_name", "folded_full_name", "date_of_birth", "email", "phone", "postcode", "preferred_contact", "lacks_capacity", "vulnerable", "vulnerability_notes", "health_data_consent", "consent_recorded_on", "erased_at", "erased_by_id", "erasure_reason", "created_by_id", "version", "created_at", "updated_at") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1, DEFAULT, DEFAULT) RETURNING "id", "number", "lacks_capacity", "vulnerable", "health_data_consent", "version", "created_at", "updated_at"`,
  insertHealth: `INSERT INTO "health_profiles"("client_id", "peripheral_vascular_disease", "diabetes", "smoking_status", "smoking_quit_date", "limb_radiotherapy", "chemotherapy", "active_infection", "immunosuppression", "osteoporosis", "pregnancy", "activity_level", "hot_climate", "version", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, DEFAULT, DEFAULT) RETURNING "peripheral_vascular_disease", "diabetes", "smoking_status", "limb_radiotherapy", "chemotherapy", "active_infection", "immunosuppression", "osteoporosis", "pregnancy", "activity_level", "hot_climate", "version", "created_at", "updated_at"`,
  insertAmputation: `INSERT INTO "amputations"("id", "client_id", "limb", "side", "level", "amputation_date", "cause", "residual_limb_length_cm", "current_prosthesis", "daily_wear_hours", "version", "created_at", "updated_at", "deleted_at") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, 1, DEFAULT, DEFAULT, DEFAULT) RETURNING "id", "entry_order", "version", "created_at", "updated_at", "deleted_at"`,
  insertComplaints: (count: number) =>
    `INSERT INTO "socket_complaints"("id", "amputation_id", "type", "severity", "since", "notes", "version", "created_at", "updated_at", "deleted_at") VALUES ${Array.from({ length: count }, (_, index) => `(DEFAULT, ${placeholders(index * 5 + 1, 5)}, 1, DEFAULT, DEFAULT, DEFAULT)`).join(', ')} RETURNING "id", "entry_order", "version", "created_at", "updated_at", "deleted_at"`,
  insertCase: `INSERT INTO "cases"("id", "client_id", "incident_date", "date_of_knowledge", "incident_type", "incident_description", "defendant_name", "insurer_name", "source", "funding", "assigned_solicitor_id", "assigned_paralegal_id", "intake_stage", "pathway_stage", "folded_defendant_name", "folded_insurer_name", "conflict_status", "conflict_matches", "conflict_checked_at", "conflict_override_reason", "conflict_overridden_by_id", "conflict_overridden_at", "limitation_satisfied_on", "limitation_satisfied_note", "limitation_satisfied_by_id", "created_by_id", "version", "created_at", "updated_at") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, DEFAULT, DEFAULT, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, 1, DEFAULT, DEFAULT) RETURNING "id", "number", "intake_stage", "pathway_stage", "conflict_status", "conflict_matches", "version", "created_at", "updated_at"`,
  /** The conflict check's candidate clients; the party clause only when the case names a defendant or insurer. */
  candidateClients: (parties: number) =>
    `SELECT ${selectList('client', CLIENT_COLUMNS)} FROM "clients" "client" WHERE "client"."id" <> $1 AND ("client"."folded_last_name" = $2 AND ("client"."date_of_birth" = $3 OR "client"."postcode" = $4)${parties > 0 ? ` OR "client"."folded_full_name" IN (${placeholders(5, parties)})` : ''}) ORDER BY "client"."number" ASC`,
  candidateCases: `SELECT ${selectList('matter', CASE_COLUMNS)} FROM "cases" "matter" WHERE "matter"."client_id" <> $1 AND ("matter"."folded_defendant_name" = $2 OR "matter"."folded_insurer_name" = $2) ORDER BY "matter"."number" ASC`,
  visibleCase: `SELECT ${selectList('matter', CASE_COLUMNS)} FROM "cases" "matter" WHERE "matter"."id" = $1 AND "matter"."assigned_solicitor_id" = $2`,
  clientById: `SELECT ${selectList('Client', CLIENT_COLUMNS)} FROM "clients" "Client" WHERE (("Client"."id" = $1)) LIMIT 1`,
  healthByClient: `SELECT ${selectList('HealthProfile', HEALTH_COLUMNS)} FROM "health_profiles" "HealthProfile" WHERE (("HealthProfile"."client_id" = $1)) LIMIT 1`,
  amputationsByClient: `SELECT ${selectList('Amputation', AMPUTATION_COLUMNS)} FROM "amputations" "Amputation" WHERE ( (("Amputation"."client_id" = $1) AND ("Amputation"."deleted_at" IS NULL)) ) AND ( "Amputation"."deleted_at" IS NULL ) ORDER BY "Amputation"."entry_order" ASC`,
  complaintsByAmputations: (count: number) =>
    `SELECT ${selectList('SocketComplaint', COMPLAINT_COLUMNS)} FROM "socket_complaints" "SocketComplaint" WHERE ( (("SocketComplaint"."amputation_id" IN (${placeholders(1, count)})) AND ("SocketComplaint"."deleted_at" IS NULL)) ) AND ( "SocketComplaint"."deleted_at" IS NULL ) ORDER BY "SocketComplaint"."entry_order" ASC`,
  // TypeORM writes the page's LIMIT as a literal, not a parameter.
  listPage: (limit: number) => `${LIST_SELECT} WHERE "matter"."assigned_solicitor_id" = $1 ORDER BY "matter"."number" DESC LIMIT ${limit}`,
  listPageBefore: (limit: number) => `${LIST_SELECT} WHERE "matter"."number" < $1 AND "matter"."assigned_solicitor_id" = $2 ORDER BY "matter"."number" DESC LIMIT ${limit}`,
  auditHeadLock: `SELECT "last_hash", "event_count" FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE`,
  auditAppend: auditAppendSql(),
  // The core-only variant's statements (/core), as the previous baseline sent them.
  coreComplaintsByAmputations: `SELECT ${selectList('SocketComplaint', COMPLAINT_COLUMNS)} FROM "socket_complaints" "SocketComplaint" WHERE ( (("SocketComplaint"."amputation_id" = ANY($1::uuid[])) AND ("SocketComplaint"."deleted_at" IS NULL)) ) AND ( "SocketComplaint"."deleted_at" IS NULL ) ORDER BY "SocketComplaint"."entry_order" ASC`,
};

function reference(prefix: string, createdAt: unknown, number: unknown): string {
  return formatReference(prefix, createdAt as Date, number as string);
}

function iso(value: unknown): string | null {
  return value instanceof Date ? value.toISOString() : null;
}

function decimal(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

// ---------------------------------------------------------------- conflict rules (the API's, on the rows as read)

function candidateClient(row: Row): CandidateClient {
  return {
    id: row.id as string,
    reference: reference('OI', row.created_at, row.number),
    firstName: row.first_name as string,
    lastName: row.last_name as string,
    dateOfBirth: (row.date_of_birth ?? null) as string | null,
    postcode: (row.postcode ?? null) as string | null,
  };
}

function candidateCase(row: Row): CandidateCase {
  return {
    id: row.id as string,
    reference: reference('CASE', row.created_at, row.number),
    clientId: row.client_id as string,
    defendantName: (row.defendant_name ?? null) as string | null,
    insurerName: (row.insurer_name ?? null) as string | null,
  };
}

// ---------------------------------------------------------------- audit

interface AuditEntry {
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  changedFields?: string[];
}

/** The API's AuditService.append: lock the head, then one statement inserting the sha256-chained events and moving the head. */
async function appendAudit(db: PoolClient, requestId: string, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const head = (await db.query<{ last_hash: string; event_count: string }>(SQL.auditHeadLock)).rows[0];
  if (head === undefined) throw new Error('audit head missing');
  let previousHash = head.last_hash;
  const at = new Date();
  const columns: unknown[][] = Array.from({ length: 10 }, () => []);
  for (const entry of entries) {
    const id = randomUUID();
    const changed = [...(entry.changedFields ?? [])].sort();
    const canonical = JSON.stringify([id, at.toISOString(), entry.actorId, entry.action, entry.entityType, entry.entityId, requestId, changed]);
    const hash = createHash('sha256').update(previousHash).update(canonical).digest('hex');
    const values = [id, at, entry.actorId, entry.action, entry.entityType, entry.entityId, requestId, JSON.stringify(changed), previousHash, hash];
    values.forEach((value, index) => columns[index]?.push(value));
    previousHash = hash;
  }
  const moved = await db.query(SQL.auditAppend, [...columns, previousHash, String(BigInt(head.event_count) + BigInt(entries.length)), entries.length]);
  if (moved.rowCount !== 1) throw new Error('audit chain head was not moved');
}

function sentFields(input: object | undefined): string[] {
  return input === undefined ? [] : Object.entries(input).filter(([, value]) => value !== undefined).map(([key]) => key);
}

// ---------------------------------------------------------------- request shapes

interface ComplaintInput {
  type: string;
  severity: string;
  since?: string | null;
  notes?: string | null;
}

interface AmputationInput {
  limb: string;
  side: string;
  level: string;
  amputationDate?: string | null;
  cause?: string | null;
  residualLimbLengthCm?: number | null;
  currentProsthesis?: string | null;
  dailyWearHours?: number | null;
  socketComplaints?: ComplaintInput[];
}

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
  amputations?: AmputationInput[];
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

// ---------------------------------------------------------------- errors (problem+json, the API's shape)

const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 422: 'Unprocessable Entity', 500: 'Internal Server Error' };

function problem(reply: FastifyReply, status: number, code: string, detail: string, errors: { field: string; code: string; message: string }[] = []): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `urn:oi-intake:problem:${code.toLowerCase().replace(/_/g, '-')}`, title: TITLES[status] ?? 'Error', status, code, detail, errors, requestId: reply.request.id });
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors: { field: string; code: string; message: string }[] = [],
  ) {
    super(detail);
  }
}

// ---------------------------------------------------------------- bearer tokens (HS256, node:crypto)

/** The API's token check (algorithm, signature, issuer, audience, type, subject, expiry) with one KeyObject. */
function tokenVerifier(secret: string): (request: FastifyRequest) => string | undefined {
  const key: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
  return (request) => {
    const header = request.headers.authorization;
    if (header === undefined || !header.startsWith('Bearer ')) return undefined;
    const parts = header.slice(7).split('.');
    if (parts.length !== 3) return undefined;
    const [head, payload, signature] = parts as [string, string, string];
    const expected = createHmac('sha256', key).update(`${head}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
      if (header.alg !== 'HS256') return undefined;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown; typ?: unknown; exp?: unknown; nbf?: unknown; iss?: unknown; aud?: unknown };
      const now = Math.floor(Date.now() / 1000);
      if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp <= now) return undefined;
      if (typeof claims.nbf === 'number' && claims.nbf > now) return undefined;
      if (claims.iss !== TOKEN_ISSUER) return undefined;
      if (claims.aud !== TOKEN_AUDIENCE && !(Array.isArray(claims.aud) && claims.aud.includes(TOKEN_AUDIENCE))) return undefined;
      return claims.sub;
    } catch {
      return undefined;
    }
  };
}

/** The core-only variant's check: the JWT payload's `sub`, signature NOT verified, no user lookup. */
function unverifiedSubject(request: FastifyRequest): string | undefined {
  const payload = request.headers.authorization?.slice(7).split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' && UUID.test(claims.sub) ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- responses (the API's shapes)

function caseResponse(matter: Row, client: Row): Row {
  const limit = computeLimitation({
    incidentDate: matter.incident_date as string,
    dateOfKnowledge: (matter.date_of_knowledge ?? null) as string | null,
    dateOfBirth: (client.date_of_birth ?? null) as string | null,
    lacksCapacity: client.lacks_capacity === true,
  });
  const overridden = matter.conflict_override_reason ?? null;
  return {
    id: matter.id,
    reference: reference('CASE', matter.created_at, matter.number),
    clientId: matter.client_id,
    incidentDate: matter.incident_date,
    dateOfKnowledge: matter.date_of_knowledge ?? null,
    incidentType: matter.incident_type,
    incidentDescription: matter.incident_description ?? null,
    defendantName: matter.defendant_name ?? null,
    insurerName: matter.insurer_name ?? null,
    source: matter.source,
    funding: matter.funding,
    assignedSolicitorId: matter.assigned_solicitor_id,
    assignedParalegalId: matter.assigned_paralegal_id ?? null,
    intakeStage: matter.intake_stage,
    pathwayStage: matter.pathway_stage,
    conflictStatus: matter.conflict_status,
    conflictMatches: matter.conflict_matches,
    conflictCheckedAt: iso(matter.conflict_checked_at),
    conflictOverride:
      overridden === null || matter.conflict_overridden_by_id === null || matter.conflict_overridden_at === null
        ? null
        : { reason: overridden, overriddenById: matter.conflict_overridden_by_id, overriddenAt: iso(matter.conflict_overridden_at) },
    limitationDate: limit.date,
    limitationBasis: limit.basis,
    limitationSatisfied: (matter.limitation_satisfied_on ?? null) !== null,
    limitationSatisfiedOn: matter.limitation_satisfied_on ?? null,
    version: matter.version,
    createdAt: iso(matter.created_at),
    updatedAt: iso(matter.updated_at),
  };
}

/** `first_name` -> `firstName`. */
function camelName(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** `firstName` -> `first_name`; keys whose value is undefined are left out (the RETURNING row keeps its own). */
function snake(input: object): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined) out[key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] = value;
  return out;
}

/** The named columns of a row, camel-cased, in order: instants as ISO text, absent values as null. */
function shown(row: Row, columns: readonly string[]): Row {
  const out: Row = {};
  for (const column of columns) {
    const value = row[column];
    out[camelName(column)] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return out;
}

const CLIENT_SHOWN = [
  'first_name', 'last_name', 'date_of_birth', 'email', 'phone', 'postcode', 'preferred_contact', 'lacks_capacity', 'vulnerable', 'vulnerability_notes',
  'health_data_consent', 'consent_recorded_on', 'version', 'created_at', 'updated_at',
] as const;
const COMPLAINT_SHOWN = ['id', 'amputation_id', 'type', 'severity', 'since', 'notes', 'version', 'created_at', 'updated_at'] as const;
const AMPUTATION_SHOWN = ['id', 'client_id', 'limb', 'side', 'level', 'amputation_date', 'cause', 'residual_limb_length_cm', 'current_prosthesis', 'daily_wear_hours'] as const;
const HEALTH_SHOWN = HEALTH_COLUMNS.filter((column) => column !== 'created_at');

function clientResponse(client: Row): Row {
  return { id: client.id, reference: reference('OI', client.created_at, client.number), ...shown(client, CLIENT_SHOWN) };
}

function healthResponse(health: Row): Row {
  return Object.fromEntries(Object.entries(shown(health, HEALTH_SHOWN)).map(([key, value]) => [key === 'smokingQuitDate' ? 'quitDate' : key, value]));
}

function amputationResponse(amputation: Row, complaints: Row[]): Row {
  return {
    ...shown(amputation, AMPUTATION_SHOWN),
    residualLimbLengthCm: decimal(amputation.residual_limb_length_cm),
    dailyWearHours: decimal(amputation.daily_wear_hours),
    socketComplaints: complaints.map((complaint) => shown(complaint, COMPLAINT_SHOWN)),
    version: amputation.version,
    createdAt: iso(amputation.created_at),
    updatedAt: iso(amputation.updated_at),
  };
}

// ---------------------------------------------------------------- handlers

type Mode = 'same-sql' | 'core';
const READ_ROLES = ['admin', 'solicitor', 'paralegal'];
const INTAKE_ROLES = ['admin', 'solicitor'];

function createHandlers(pool: Pool, verify: (request: FastifyRequest) => string | undefined) {
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

  /** The access guard: the token, then the user's row (active, and a role the route allows). */
  async function viewer(request: FastifyRequest, mode: Mode, roles: readonly string[]): Promise<string> {
    if (mode === 'core') {
      const subject = unverifiedSubject(request);
      if (subject === undefined) throw new Refusal(401, 'UNAUTHENTICATED', 'A valid access token is required.');
      return subject;
    }
    const subject = verify(request);
    if (subject === undefined || !UUID.test(subject)) throw new Refusal(401, 'UNAUTHENTICATED', 'A valid access token is required.');
    const user = (await pool.query<{ role: string; active: boolean }>(SQL.guardUser, [subject])).rows[0];
    if (user === undefined || !user.active) throw new Refusal(401, 'UNAUTHENTICATED', 'A valid access token is required.');
    if (!roles.includes(user.role)) throw new Refusal(403, 'FORBIDDEN', 'Your role does not allow this.');
    return subject;
  }

  async function assertAssignee(db: PoolClient, id: string, role: string, field: string): Promise<void> {
    const user = (await db.query<Row>(SQL.userById, [id])).rows[0];
    if (user === undefined || user.User_active !== true || user.User_role !== role) {
      throw new Refusal(422, 'INVALID_ASSIGNEE', `${field} must be an active ${role}.`, [{ field, code: 'activeUserWithRole', message: `${field} must be an active ${role}` }]);
    }
  }

  async function intake(request: FastifyRequest, reply: FastifyReply, mode: Mode): Promise<FastifyReply> {
    const actorId = await viewer(request, mode, INTAKE_ROLES);
    const body = request.body as IntakeBody | undefined;
    if (typeof body?.client?.firstName !== 'string' || typeof body.client.lastName !== 'string' || typeof body.case?.incidentDate !== 'string' || typeof body.case.assignedSolicitorId !== 'string') {
      throw new Refusal(400, 'VALIDATION_FAILED', 'The request body is not valid.');
    }
    const { client: person, case: matter } = body;
    const health = body.healthProfile ?? {};
    const defendantName = matter.defendantName ?? null;
    const insurerName = matter.insurerName ?? null;
    const { client, healthRow, amputations, created } = await inTransaction(async (db) => {
      const clientRow = (
        await db.query<Row>(SQL.insertClient, [
          person.firstName, person.lastName, foldName(person.firstName), foldName(person.lastName), foldName(`${person.firstName}${person.lastName}`),
          person.dateOfBirth ?? null, person.email ?? null, person.phone ?? null, person.postcode ?? null, person.preferredContact ?? null,
          person.lacksCapacity ?? false, person.vulnerable ?? false, person.vulnerabilityNotes ?? null, person.healthDataConsent ?? 'not_recorded',
          person.consentRecordedOn ?? null, null, null, null, actorId,
        ])
      ).rows[0];
      const clientId = clientRow.id as string;
      const client: Row = { ...snake(person), ...clientRow };
      const healthRow = (
        await db.query<Row>(SQL.insertHealth, [clientId, ...HEALTH_FACTS.map((fact) => health[fact] ?? (fact === 'quitDate' ? null : 'unknown'))])
      ).rows[0];
      Object.assign(healthRow, { client_id: clientId, smoking_quit_date: health.quitDate ?? null });
      // Collected here, appended once just before COMMIT, as the API does.
      const events: AuditEntry[] = [
        { actorId, action: 'create', entityType: 'client', entityId: clientId, changedFields: sentFields(person) },
        { actorId, action: 'create', entityType: 'health_profile', entityId: clientId, changedFields: sentFields(health) },
      ];
      const amputations: Row[] = [];
      for (const input of body.amputations ?? []) {
        const row = (
          await db.query<Row>(SQL.insertAmputation, [
            clientId, input.limb, input.side, input.level, input.amputationDate ?? null, input.cause ?? null, numericText(input.residualLimbLengthCm),
            input.currentProsthesis ?? null, numericText(input.dailyWearHours),
          ])
        ).rows[0];
        const complaints = input.socketComplaints ?? [];
        const complaintRows =
          complaints.length === 0
            ? []
            : (
                await db.query<Row>(
                  SQL.insertComplaints(complaints.length),
                  complaints.flatMap((complaint) => [row.id, complaint.type, complaint.severity, complaint.since ?? null, complaint.notes ?? null]),
                )
              ).rows;
        if (mode === 'same-sql') {
          events.push(
            { actorId, action: 'create', entityType: 'amputation', entityId: row.id as string, changedFields: sentFields({ ...input, socketComplaints: undefined }) },
            ...complaintRows.map((complaint, index) => ({ actorId, action: 'create', entityType: 'socket_complaint', entityId: complaint.id as string, changedFields: sentFields(complaints[index]) })),
          );
        }
        amputations.push(
          amputationResponse(
            { ...snake({ ...input, socketComplaints: undefined }), ...row, client_id: clientId },
            complaintRows.map((complaint, index) => ({ ...snake(complaints[index] ?? {}), ...complaint, amputation_id: row.id })),
          ),
        );
      }
      let conflictStatus = 'clear';
      let conflictMatches: ConflictMatch[] = [];
      if (mode === 'same-sql') {
        await assertAssignee(db, matter.assignedSolicitorId, 'solicitor', 'case.assignedSolicitorId');
        if (matter.assignedParalegalId !== undefined && matter.assignedParalegalId !== null) await assertAssignee(db, matter.assignedParalegalId, 'paralegal', 'case.assignedParalegalId');
        const parties = [defendantName, insurerName].filter((name): name is string => name !== null).map(foldName).filter((name) => name !== '');
        const candidates = (
          await db.query<Row>(SQL.candidateClients(parties.length), [clientId, foldName(person.lastName), person.dateOfBirth ?? null, person.postcode ?? null, ...parties])
        ).rows.map((row) => unalias(row, 'client', CLIENT_COLUMNS));
        const otherCases = (await db.query<Row>(SQL.candidateCases, [clientId, foldName(`${person.firstName}${person.lastName}`)])).rows.map((row) => unalias(row, 'matter', CASE_COLUMNS));
        conflictMatches = findConflicts(
          { clientId, firstName: person.firstName, lastName: person.lastName, dateOfBirth: person.dateOfBirth ?? null, postcode: person.postcode ?? null, defendantName, insurerName },
          candidates.map(candidateClient),
          otherCases.map(candidateCase),
        );
        conflictStatus = conflictMatches.length > 0 ? 'potential' : 'clear';
      }
      const checkedAt = new Date();
      const caseRow = (
        await db.query<Row>(SQL.insertCase, [
          clientId, matter.incidentDate, matter.dateOfKnowledge ?? null, matter.incidentType, matter.incidentDescription ?? null, defendantName, insurerName,
          matter.source, matter.funding, matter.assignedSolicitorId, matter.assignedParalegalId ?? null,
          defendantName === null ? null : foldName(defendantName), insurerName === null ? null : foldName(insurerName),
          conflictStatus, JSON.stringify(conflictMatches), checkedAt, null, null, null, null, null, null, actorId,
        ])
      ).rows[0];
      if (mode === 'same-sql') {
        events.push({ actorId, action: 'create', entityType: 'case', entityId: caseRow.id as string, changedFields: sentFields(matter) });
        await appendAudit(db, request.id, events);
      }
      const created: Row = { ...snake(matter), ...caseRow, client_id: clientId, conflict_checked_at: checkedAt };
      return { client, healthRow, amputations, created };
    });
    void reply.header('etag', `"${String(created.version)}"`);
    return reply.code(201).send({
      ...caseResponse(created, client),
      client: clientResponse(client),
      amputations,
      healthProfile: healthResponse(healthRow),
    });
  }

  async function getCase(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, mode: Mode): Promise<FastifyReply> {
    const viewerId = await viewer(request, mode, READ_ROLES);
    const { id } = request.params;
    if (!UUID.test(id)) throw new Refusal(400, 'VALIDATION_FAILED', 'The path parameter id must be a UUID.');
    const caseRow = (await pool.query<Row>(SQL.visibleCase, [id, viewerId])).rows[0];
    if (caseRow === undefined) throw new Refusal(404, 'CASE_NOT_FOUND', 'No case with that id.');
    const matter = unalias(caseRow, 'matter', CASE_COLUMNS);
    const clientId = matter.client_id as string;
    const client = unalias((await pool.query<Row>(SQL.clientById, [clientId])).rows[0] ?? {}, 'Client', CLIENT_COLUMNS);
    const health = unalias((await pool.query<Row>(SQL.healthByClient, [clientId])).rows[0] ?? {}, 'HealthProfile', HEALTH_COLUMNS);
    const amputations = (await pool.query<Row>(SQL.amputationsByClient, [clientId])).rows.map((row) => unalias(row, 'Amputation', AMPUTATION_COLUMNS));
    const ids = amputations.map((row) => row.id);
    const complaints =
      ids.length === 0
        ? []
        : (mode === 'core' ? await pool.query<Row>(SQL.coreComplaintsByAmputations, [ids]) : await pool.query<Row>(SQL.complaintsByAmputations(ids.length), ids)).rows.map((row) =>
            unalias(row, 'SocketComplaint', COMPLAINT_COLUMNS),
          );
    if (mode === 'same-sql') {
      await inTransaction((db) =>
        appendAudit(db, request.id, [
          { actorId: viewerId, action: 'read', entityType: 'case', entityId: id },
          { actorId: viewerId, action: 'read', entityType: 'client', entityId: clientId },
          { actorId: viewerId, action: 'read', entityType: 'health_profile', entityId: clientId },
        ]),
      );
    }
    void reply.header('etag', `"${String(matter.version)}"`);
    return reply.send({
      ...caseResponse(matter, client),
      client: clientResponse(client),
      amputations: amputations.map((amputation) => amputationResponse(amputation, complaints.filter((complaint) => complaint.amputation_id === amputation.id))),
      healthProfile: healthResponse(health),
    });
  }

  async function listCases(request: FastifyRequest<{ Querystring: { limit?: string; cursor?: string } }>, reply: FastifyReply, mode: Mode): Promise<FastifyReply> {
    const viewerId = await viewer(request, mode, READ_ROLES);
    const limit = request.query.limit === undefined ? 25 : Number(request.query.limit);
    if (!/^[0-9]{1,3}$/.test(request.query.limit ?? '25') || !Number.isInteger(limit) || limit < 1 || limit > 100) throw new Refusal(400, 'VALIDATION_FAILED', 'limit must be an integer from 1 to 100.');
    let before: string | undefined;
    if (request.query.cursor !== undefined) {
      try {
        const decoded = JSON.parse(Buffer.from(request.query.cursor, 'base64url').toString('utf8')) as unknown;
        before = Array.isArray(decoded) && typeof decoded[0] === 'string' && /^[0-9]{1,18}$/.test(decoded[0]) ? decoded[0] : undefined;
      } catch {
        before = undefined;
      }
      if (before === undefined) {
        throw new Refusal(400, 'INVALID_CURSOR', 'The cursor is not one this API gave out.', [{ field: 'cursor', code: 'invalidCursor', message: 'cursor is not one this API gave out' }]);
      }
    }
    const rows = (before === undefined ? await pool.query<Row>(SQL.listPage(limit + 1), [viewerId]) : await pool.query<Row>(SQL.listPageBefore(limit + 1), [before, viewerId])).rows;
    const items = rows.slice(0, limit).map((row) => ({ matter: unalias(row, 'matter', CASE_COLUMNS), client: unalias(row, 'client', CLIENT_COLUMNS) }));
    if (mode === 'same-sql' && items.length > 0) {
      await inTransaction((db) =>
        appendAudit(
          db,
          request.id,
          items.flatMap(({ matter }) => [
            { actorId: viewerId, action: 'read', entityType: 'case', entityId: matter.id as string },
            { actorId: viewerId, action: 'read', entityType: 'client', entityId: matter.client_id as string },
          ]),
        ),
      );
    }
    const last = items[items.length - 1];
    return reply.send({
      items: items.map(({ matter, client }) => ({
        ...caseResponse(matter, client),
        client: { id: client.id, reference: reference('OI', client.created_at, client.number), firstName: client.first_name, lastName: client.last_name },
      })),
      nextCursor: rows.length > limit && last !== undefined ? Buffer.from(JSON.stringify([String(last.matter.number)]), 'utf8').toString('base64url') : null,
    });
  }

  return { intake, getCase, listCases };
}

// ---------------------------------------------------------------- server

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') throw new Error('DATABASE_URL is required');
  const secret = process.env.JWT_SECRET;
  if (secret === undefined || secret === '') throw new Error('JWT_SECRET (the API\'s) is required');
  const pool = new Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10), application_name: 'oi-bench-baseline' });
  // Request ids are UUIDs, as the API's are: they go into the audit events.
  const app = Fastify({ logger: false, genReqId: () => randomUUID() });
  const handlers = createHandlers(pool, tokenVerifier(secret));

  app.get('/health/ready', async () => {
    await pool.query('SELECT 1');
    return { status: 'ok' };
  });
  for (const [prefix, mode] of [['', 'same-sql'], ['/core', 'core']] as const) {
    app.post(`${prefix}/api/v1/intake`, (request, reply) => handlers.intake(request, reply, mode));
    app.get<{ Params: { id: string } }>(`${prefix}/api/v1/cases/:id`, (request, reply) => handlers.getCase(request, reply, mode));
    app.get<{ Querystring: { limit?: string; cursor?: string } }>(`${prefix}/api/v1/cases`, (request, reply) => handlers.listCases(request, reply, mode));
  }
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof Refusal) return problem(reply, error.status, error.code, error.message, error.errors);
    process.stderr.write(`baseline: ${error instanceof Error ? error.message : String(error)}\n`);
    return problem(reply, 500, 'INTERNAL_ERROR', 'Something went wrong on our side; it has been logged.');
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
