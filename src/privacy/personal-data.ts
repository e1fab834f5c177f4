/**
 * The one list of where a client's personal and health data lives: every column of every table that
 * holds data about a client, each either personal (with how erasure overwrites it) or not. The export
 * and the erasure are built from it, and a test fails when a table gains a column nobody classified.
 *
 * Erasure values are SQL, written here and nowhere else; `$1` in a scope is the client's id.
 */

export interface TableCatalogue {
  table: string;
  /** Which rows belong to the client. */
  scope: string;
  /** Column → SQL expression it is overwritten with on erasure. */
  personal: Readonly<Record<string, string>>;
  /** Columns that identify nobody: ids, sequence numbers, stages, timestamps of the firm's own work. */
  other: readonly string[];
  /** Erasure removes the rows outright (their non-personal columns say nothing without the rest). */
  eraseByDeleting?: boolean;
}

const CLIENT_CASES = `"case_id" IN (SELECT "id" FROM "cases" WHERE "client_id" = $1)`;
const UNKNOWN = `'unknown'`;

export const PERSONAL_DATA: readonly TableCatalogue[] = [
  {
    table: 'clients',
    scope: `"id" = $1`,
    personal: {
      first_name: `'Erased'`,
      last_name: `'Client'`,
      folded_first_name: `''`,
      folded_last_name: `''`,
      folded_full_name: `''`,
      date_of_birth: 'NULL',
      email: 'NULL',
      phone: 'NULL',
      postcode: 'NULL',
      preferred_contact: 'NULL',
      lacks_capacity: 'false',
      vulnerable: 'false',
      vulnerability_notes: 'NULL',
      health_data_consent: `'not_recorded'`,
      consent_recorded_on: 'NULL',
    },
    other: ['id', 'number', 'created_by_id', 'version', 'created_at', 'updated_at', 'erased_at', 'erased_by_id', 'erasure_reason'],
  },
  {
    table: 'health_profiles',
    scope: `"client_id" = $1`,
    personal: {
      peripheral_vascular_disease: UNKNOWN,
      diabetes: UNKNOWN,
      smoking_status: UNKNOWN,
      smoking_quit_date: 'NULL',
      limb_radiotherapy: UNKNOWN,
      chemotherapy: UNKNOWN,
      active_infection: UNKNOWN,
      immunosuppression: UNKNOWN,
      osteoporosis: UNKNOWN,
      pregnancy: UNKNOWN,
      activity_level: UNKNOWN,
      hot_climate: UNKNOWN,
    },
    other: ['client_id', 'version', 'created_at', 'updated_at'],
  },
  {
    table: 'socket_complaints',
    scope: `"amputation_id" IN (SELECT "id" FROM "amputations" WHERE "client_id" = $1)`,
    personal: { type: 'NULL', severity: 'NULL', since: 'NULL', notes: 'NULL' },
    other: ['id', 'entry_order', 'amputation_id', 'version', 'created_at', 'updated_at', 'deleted_at'],
    eraseByDeleting: true,
  },
  {
    table: 'amputations',
    scope: `"client_id" = $1`,
    personal: { limb: 'NULL', side: 'NULL', level: 'NULL', amputation_date: 'NULL', cause: 'NULL', residual_limb_length_cm: 'NULL', current_prosthesis: 'NULL', daily_wear_hours: 'NULL' },
    other: ['id', 'entry_order', 'client_id', 'version', 'created_at', 'updated_at', 'deleted_at'],
    eraseByDeleting: true,
  },
  {
    table: 'cases',
    scope: `"client_id" = $1`,
    personal: {
      // The year stays for the firm's yearly counts; the day that could identify an accident goes.
      incident_date: `make_date(extract(year FROM "incident_date")::int, 1, 1)`,
      date_of_knowledge: 'NULL',
      incident_description: 'NULL',
      defendant_name: 'NULL',
      insurer_name: 'NULL',
      folded_defendant_name: 'NULL',
      folded_insurer_name: 'NULL',
      conflict_matches: `'[]'::jsonb`,
      conflict_override_reason: 'NULL',
      limitation_satisfied_note: 'NULL',
    },
    other: [
      'id',
      'number',
      'client_id',
      'incident_type',
      'source',
      'funding',
      'assigned_solicitor_id',
      'assigned_paralegal_id',
      'intake_stage',
      'pathway_stage',
      'conflict_status',
      'conflict_checked_at',
      'conflict_overridden_by_id',
      'conflict_overridden_at',
      'limitation_satisfied_on',
      'limitation_satisfied_by_id',
      'created_by_id',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  {
    table: 'case_stage_changes',
    scope: CLIENT_CASES,
    personal: { reason: 'NULL' },
    other: ['id', 'case_id', 'track', 'from_stage', 'to_stage', 'changed_by_id', 'changed_at'],
  },
  {
    table: 'screenings',
    scope: CLIENT_CASES,
    // A result stays immutable in every respect but this one: the health facts go. Each flag keeps its
    // code and severity only, which identify nobody once the client is erased and keep the reports' counts.
    personal: {
      flags: `COALESCE((SELECT jsonb_agg(jsonb_build_object('code', f ->> 'code', 'severity', f ->> 'severity')) FROM jsonb_array_elements("flags") AS f), '[]'::jsonb)`,
      snapshot: `'{"erased": true}'::jsonb`,
    },
    other: ['id', 'sequence', 'case_id', 'rule_set_id', 'rule_set_version', 'outcome', 'ran_by_id', 'ran_at'],
  },
  {
    table: 'screening_reviews',
    scope: `"screening_id" IN (SELECT "id" FROM "screenings" WHERE ${CLIENT_CASES})`,
    personal: { reason: 'NULL' },
    other: ['screening_id', 'decision', 'reviewed_by_id', 'reviewed_at'],
  },
  {
    table: 'referral_tasks',
    scope: CLIENT_CASES,
    personal: { note: 'NULL', outcome_note: 'NULL' },
    other: ['id', 'number', 'case_id', 'type', 'phase', 'status', 'assignee_id', 'due_date', 'provider_id', 'screening_id', 'created_by_id', 'closed_at', 'version', 'created_at', 'updated_at', 'case_opened_at'],
  },
];

/** Tables that hold no client data by design, so the catalogue need not list them. */
export const TABLES_WITHOUT_CLIENT_DATA: readonly string[] = [
  'users',
  'providers',
  'screening_rule_sets',
  'referral_task_type_settings',
  // Ids, actions and field names only: never a value (the audit tests hold it to that).
  'audit_events',
  'audit_chain_head',
  // Stored responses can hold client data: erasure deletes the ones that mention the client (see privacy.repository.ts).
  'idempotency_records',
  // Counts per solicitor, stage, day and source, kept by triggers for the firm's caseload report: no client in them.
  'report_open_case_counts',
  'report_daily_enquiry_counts',
];
