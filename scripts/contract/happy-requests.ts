import type { Fixtures } from './fixtures';

/** One portman overwrite: what the documented request of one operation is sent with. */
interface Overwrite {
  openApiOperationId: string;
  overwriteRequestPathVariables?: { key: string; value: string }[];
  overwriteRequestHeaders?: { key: string; value: string }[];
  overwriteRequestQueryParams?: { key: string; value: string; disable?: boolean }[];
  overwriteRequestBody?: { key: string; value: unknown; overwrite: boolean }[];
}

const path = (values: Record<string, string>) => Object.entries(values).map(([key, value]) => ({ key, value }));
const ifMatch = (etag: string) => [{ key: 'If-Match', value: etag }];
/** Replaces the generated example body (random values) with a fixed, valid one. */
const body = (value: unknown) => [{ key: '.', value, overwrite: true }];

/** Every field, for a client unlike every other (see fixtures.ts). */
const clientFields = (firstName: string, lastName: string, dateOfBirth: string, postcode: string) => ({
  firstName,
  lastName,
  dateOfBirth,
  email: 'client@example.org',
  phone: '07700 900123',
  postcode,
  preferredContact: 'email',
  lacksCapacity: false,
  vulnerable: true,
  vulnerabilityNotes: 'Prefers calls after 2pm',
  healthDataConsent: 'given',
  consentRecordedOn: '2024-01-05',
});

const HEALTH_PROFILE = {
  peripheralVascularDisease: 'no',
  diabetes: 'no',
  smokingStatus: 'former',
  quitDate: '2015-03-01',
  limbRadiotherapy: 'no',
  chemotherapy: 'none',
  activeInfection: 'no',
  immunosuppression: 'no',
  osteoporosis: 'unknown',
  pregnancy: 'no',
  activityLevel: 'K3',
  hotClimate: 'no',
};

const AMPUTATION = {
  limb: 'lower',
  side: 'right',
  level: 'transtibial',
  amputationDate: '2021-08-09',
  cause: 'trauma',
  residualLimbLengthCm: 14.5,
  currentProsthesis: 'Pin-lock socket',
  dailyWearHours: 9,
};

const COMPLAINT = { type: 'neuroma', severity: 'severe', since: '2022-05-01', notes: 'Sharp pain when the socket is donned' };

const PROVIDER = {
  name: 'Contract Peer Support',
  kind: 'peer_support',
  organisation: 'Limb Friends',
  region: 'South East',
  email: 'hello@peers.example',
  phone: '020 7946 0000',
  website: 'https://peers.example',
  notes: 'Evenings only',
  isExample: true,
  active: true,
};

const caseFields = (f: Fixtures) => ({
  incidentDate: '2024-02-01',
  dateOfKnowledge: '2024-02-10',
  incidentType: 'workplace',
  incidentDescription: 'Crushed by a forklift',
  defendantName: 'Acme Haulage Ltd',
  insurerName: 'Acme Insurance plc',
  source: 'email',
  funding: 'lei',
  assignedSolicitorId: f.solicitorId,
  assignedParalegalId: f.paralegalId,
});

/**
 * Valid requests for every documented operation, pointing at the seeded records, so each one's
 * documented success response can be checked. Fuzzed variants start from these.
 */
export function happyRequests(f: Fixtures): Overwrite[] {
  const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const client = { id: f.client.id };
  const amputation = { clientId: f.client.id, amputationId: f.amputation.id };
  const caseId = { id: f.case.id };
  return [
    { openApiOperationId: 'Users_create', overwriteRequestBody: body({ email: 'contract-new@firm.example', name: 'Contract New', role: 'paralegal', password: 'contract-password-2' }) },
    { openApiOperationId: 'Users_get', overwriteRequestPathVariables: path({ id: f.solicitorId }) },
    { openApiOperationId: 'Users_deactivate', overwriteRequestPathVariables: path({ id: f.userToDeactivateId }) },
    { openApiOperationId: 'Auth_login', overwriteRequestBody: body({ email: 'contract-solicitor@firm.example', password: 'contract-password-1' }) },
    { openApiOperationId: 'Clients_create', overwriteRequestBody: body(clientFields('Dana', 'Dunmore', '1975-06-01', 'SW1A 1AA')) },
    { openApiOperationId: 'Clients_get', overwriteRequestPathVariables: path(client) },
    { openApiOperationId: 'Clients_update', overwriteRequestPathVariables: path(client), overwriteRequestHeaders: ifMatch(f.client.etag), overwriteRequestBody: body(clientFields('Ann', 'Ashby', '1980-04-12', 'RG1 1AB')) },
    { openApiOperationId: 'Clients_getHealthProfile', overwriteRequestPathVariables: path(client) },
    {
      openApiOperationId: 'Clients_replaceHealthProfile',
      overwriteRequestPathVariables: path(client),
      overwriteRequestHeaders: ifMatch(f.client.healthProfileEtag),
      overwriteRequestBody: body(HEALTH_PROFILE),
    },
    { openApiOperationId: 'Amputations_add', overwriteRequestPathVariables: path({ clientId: f.client.id }), overwriteRequestBody: body({ ...AMPUTATION, socketComplaints: [COMPLAINT] }) },
    { openApiOperationId: 'Amputations_update', overwriteRequestPathVariables: path(amputation), overwriteRequestHeaders: ifMatch(f.amputation.etag), overwriteRequestBody: body(AMPUTATION) },
    {
      openApiOperationId: 'Amputations_remove',
      overwriteRequestPathVariables: path({ clientId: f.client.id, amputationId: f.amputationToRemove.id }),
      overwriteRequestHeaders: ifMatch(f.amputationToRemove.etag),
    },
    { openApiOperationId: 'Amputations_addComplaint', overwriteRequestPathVariables: path(amputation), overwriteRequestBody: body(COMPLAINT) },
    {
      openApiOperationId: 'Amputations_updateComplaint',
      overwriteRequestPathVariables: path({ ...amputation, complaintId: f.complaint.id }),
      overwriteRequestHeaders: ifMatch(f.complaint.etag),
      overwriteRequestBody: body({ ...COMPLAINT, severity: 'mild' }),
    },
    {
      openApiOperationId: 'Amputations_removeComplaint',
      overwriteRequestPathVariables: path({ ...amputation, complaintId: f.complaintToRemove.id }),
      overwriteRequestHeaders: ifMatch(f.complaintToRemove.etag),
    },
    {
      openApiOperationId: 'Cases_create',
      overwriteRequestBody: body({ ...caseFields(f), clientId: f.client.id }),
    },
    { openApiOperationId: 'Cases_get', overwriteRequestPathVariables: path(caseId) },
    { openApiOperationId: 'Cases_update', overwriteRequestPathVariables: path(caseId), overwriteRequestHeaders: ifMatch(f.case.etag), overwriteRequestBody: body(caseFields(f)) },
    { openApiOperationId: 'Cases_transition', overwriteRequestPathVariables: path(caseId), overwriteRequestBody: body({ to: 'accepted', reason: 'Good prospects on liability' }) },
    { openApiOperationId: 'Cases_limitationSatisfied', overwriteRequestPathVariables: path(caseId), overwriteRequestBody: body({ on: '2024-06-03', note: 'Claim form issued' }) },
    { openApiOperationId: 'Cases_checkConflicts', overwriteRequestPathVariables: path(caseId) },
    { openApiOperationId: 'Cases_overrideConflict', overwriteRequestPathVariables: path({ id: f.conflictCaseId }), overwriteRequestBody: body({ reason: 'Same surname only; a different person entirely' }) },
    {
      openApiOperationId: 'Intake_take',
      overwriteRequestBody: body({
        client: clientFields('Iris', 'Ivers', '1990-01-20', 'LS1 4AP'),
        amputations: [{ ...AMPUTATION, socketComplaints: [COMPLAINT] }],
        healthProfile: HEALTH_PROFILE,
        case: caseFields(f),
      }),
    },
    { openApiOperationId: 'ReferralTasks_get', overwriteRequestPathVariables: path({ id: f.task.id }) },
    { openApiOperationId: 'ReferralTasks_update', overwriteRequestPathVariables: path({ id: f.task.id }), overwriteRequestHeaders: ifMatch(f.task.etag), overwriteRequestBody: body({ status: 'in_progress', assigneeId: f.paralegalId, dueDate: inAMonth, providerId: f.provider.id, note: 'Call booked', outcomeNote: null }) },
    { openApiOperationId: 'ReferralTasks_create', overwriteRequestPathVariables: path(caseId), overwriteRequestBody: body({ type: 'PEER_SUPPORT', phase: 'pre_op', assigneeId: f.paralegalId, dueDate: inAMonth, providerId: null, note: 'Ask about a peer mentor' }) },
    { openApiOperationId: 'Providers_create', overwriteRequestBody: body(PROVIDER) },
    { openApiOperationId: 'Providers_get', overwriteRequestPathVariables: path({ id: f.provider.id }) },
    { openApiOperationId: 'Providers_update', overwriteRequestPathVariables: path({ id: f.provider.id }), overwriteRequestHeaders: ifMatch(f.provider.etag), overwriteRequestBody: body({ ...PROVIDER, name: 'Contract Prosthetics', kind: 'prosthetist' }) },
    {
      openApiOperationId: 'Providers_updateTaskType',
      overwriteRequestPathVariables: path({ type: f.taskType.type }),
      overwriteRequestHeaders: ifMatch(f.taskType.etag),
      overwriteRequestBody: body({ dueInDays: 21 }),
    },
    { openApiOperationId: 'RuleSets_create', overwriteRequestBody: body({ version: 'contract-2', description: 'Contract run', severities: f.severities }) },
    { openApiOperationId: 'RuleSets_get', overwriteRequestPathVariables: path({ id: f.ruleSetId }) },
    { openApiOperationId: 'RuleSets_activate', overwriteRequestPathVariables: path({ id: f.ruleSetId }) },
    { openApiOperationId: 'Screenings_run', overwriteRequestPathVariables: path(caseId) },
    { openApiOperationId: 'Screenings_list', overwriteRequestPathVariables: path(caseId) },
    { openApiOperationId: 'Screenings_get', overwriteRequestPathVariables: path({ id: f.case.id, screeningId: f.screeningId }) },
    {
      openApiOperationId: 'Screenings_review',
      overwriteRequestPathVariables: path({ id: f.reviewCase.id, screeningId: f.reviewCase.screeningId }),
      overwriteRequestBody: body({ decision: 'override', reason: 'Specialist already advised otherwise' }),
    },
    { openApiOperationId: 'Privacy_export', overwriteRequestPathVariables: path(client) },
    { openApiOperationId: 'Privacy_erase', overwriteRequestPathVariables: path({ id: f.clientToErase }), overwriteRequestBody: body({ reason: 'Former client asked for erasure; contract run' }) },
  ];
}
