/**
 * The tables the seed writes and the columns it fills, in the order rows carry them. Columns left out
 * take their database default: bigserial `number` / `sequence` / `entry_order` (assigned in insertion
 * order, which is creation order) and the nullable columns nothing seeded uses (erasure, conflict override).
 * Listed parents first, so foreign keys are satisfied row by row.
 */

export type SqlValue = string | number | boolean | null;
export type Row = SqlValue[];

export interface TableSpec {
  readonly name: string;
  readonly columns: readonly string[];
  /** Per column: whether its text may hold characters COPY must escape (free text and JSON do; ids, enums and dates never). */
  readonly escaped: readonly boolean[];
}

/** Column names marked `~` carry free text or JSON. */
function table(name: string, columns: string): TableSpec {
  const names = columns.split(',').map((column) => column.trim());
  return { name, columns: names.map((column) => column.replace(/^~/, '')), escaped: names.map((column) => column.startsWith('~')) };
}

export const USERS = table('users', 'id, ~email, ~name, role, active, ~password_hash, version, created_at, updated_at');

export const CLIENTS = table(
  'clients',
  'id, ~first_name, ~last_name, ~folded_first_name, ~folded_last_name, ~folded_full_name, date_of_birth, ~email, ~phone, ~postcode, preferred_contact, ' +
    'lacks_capacity, vulnerable, ~vulnerability_notes, health_data_consent, consent_recorded_on, created_by_id, version, created_at, updated_at',
);

export const HEALTH_PROFILES = table(
  'health_profiles',
  'client_id, peripheral_vascular_disease, diabetes, smoking_status, smoking_quit_date, limb_radiotherapy, chemotherapy, active_infection, ' +
    'immunosuppression, osteoporosis, pregnancy, activity_level, hot_climate, version, created_at, updated_at',
);

export const AMPUTATIONS = table(
  'amputations',
  'id, client_id, limb, side, level, amputation_date, cause, residual_limb_length_cm, ~current_prosthesis, daily_wear_hours, version, created_at, updated_at',
);

export const SOCKET_COMPLAINTS = table('socket_complaints', 'id, amputation_id, type, severity, since, ~notes, version, created_at, updated_at');

export const CASES = table(
  'cases',
  'id, client_id, incident_date, date_of_knowledge, incident_type, ~incident_description, ~defendant_name, ~insurer_name, ~folded_defendant_name, ' +
    '~folded_insurer_name, source, funding, assigned_solicitor_id, assigned_paralegal_id, intake_stage, pathway_stage, conflict_status, ~conflict_matches, ' +
    'conflict_checked_at, limitation_satisfied_on, ~limitation_satisfied_note, limitation_satisfied_by_id, created_by_id, version, created_at, updated_at',
);

export const CASE_STAGE_CHANGES = table('case_stage_changes', 'id, case_id, track, from_stage, to_stage, ~reason, changed_by_id, changed_at');

export const SCREENINGS = table('screenings', 'id, case_id, rule_set_id, ~rule_set_version, outcome, ~flags, ~snapshot, ran_by_id, ran_at');

export const SCREENING_REVIEWS = table('screening_reviews', 'screening_id, decision, ~reason, reviewed_by_id, reviewed_at');

export const REFERRAL_TASKS = table(
  'referral_tasks',
  'id, case_id, case_opened_at, type, phase, status, assignee_id, due_date, provider_id, ~note, ~outcome_note, screening_id, created_by_id, closed_at, version, created_at, updated_at',
);

/** Written per batch, in this order. */
export const BATCH_TABLES: readonly TableSpec[] = [
  CLIENTS,
  HEALTH_PROFILES,
  AMPUTATIONS,
  SOCKET_COMPLAINTS,
  CASES,
  CASE_STAGE_CHANGES,
  SCREENINGS,
  SCREENING_REVIEWS,
  REFERRAL_TASKS,
];

// COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL.
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyField(value: SqlValue, escape = true): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return escape && NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (character) => ESCAPES[character]) : value;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (!Number.isFinite(value)) throw new RangeError('COPY cannot carry a non-finite number');
  return String(value);
}

/** One row as a line of COPY text. */
export function copyLine(spec: TableSpec, row: Row): string {
  if (row.length !== spec.columns.length) throw new Error(`${spec.name}: a row has ${row.length} values for ${spec.columns.length} columns`);
  const fields = new Array<string>(row.length);
  for (let i = 0; i < row.length; i += 1) fields[i] = copyField(row[i] ?? null, spec.escaped[i]);
  // join() gives one flat string; `+=` would keep a rope of every piece alive until the batch is written.
  return fields.join('\t') + '\n';
}

/**
 * Rows waiting to be written, per table. For COPY they are turned into text as they arrive (far less
 * for the garbage collector than keeping millions of small arrays); for INSERT they are kept as values.
 */
export class Batch {
  private readonly lines = new Map<string, string[]>(BATCH_TABLES.map((spec) => [spec.name, []]));
  private readonly values = new Map<string, Row[]>(BATCH_TABLES.map((spec) => [spec.name, []]));
  readonly counts = new Map<string, number>(BATCH_TABLES.map((spec) => [spec.name, 0]));
  rowCount = 0;

  constructor(readonly asText: boolean) {}

  add(spec: TableSpec, row: Row): void {
    if (this.asText) (this.lines.get(spec.name) as string[]).push(copyLine(spec, row));
    else {
      if (row.length !== spec.columns.length) throw new Error(`${spec.name}: a row has ${row.length} values for ${spec.columns.length} columns`);
      (this.values.get(spec.name) as Row[]).push(row);
    }
    this.counts.set(spec.name, (this.counts.get(spec.name) as number) + 1);
    this.rowCount += 1;
  }

  textOf(spec: TableSpec): readonly string[] {
    return this.lines.get(spec.name) ?? [];
  }

  rowsOf(spec: TableSpec): readonly Row[] {
    return this.values.get(spec.name) ?? [];
  }
}
