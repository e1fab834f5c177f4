/**
 * The records the contract run's path parameters point at, made through the API as the bootstrapped
 * admin. A write that the run destroys or supersedes (a deletion, an erasure, a deactivation, a review)
 * gets a record of its own, so the order of the run's requests does not matter.
 */
interface Answer {
  status: number;
  etag: string;
  body: Record<string, unknown>;
}

type Call = (method: string, path: string, body?: unknown) => Promise<Answer>;

function caller(baseUrl: string, token?: string): Call {
  return async (method, path, body) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    return { status: response.status, etag: response.headers.get('etag') ?? '', body: parsed as Record<string, unknown> };
  };
}

async function expectStatus(answer: Promise<Answer>, status: number, what: string): Promise<Answer> {
  const settled = await answer;
  if (settled.status !== status) throw new Error(`seeding ${what}: expected ${status}, got ${settled.status}: ${JSON.stringify(settled.body)}`);
  return settled;
}

const idOf = (answer: Answer): string => String(answer.body.id);

export interface Fixtures {
  tokens: { admin: string; solicitor: string; paralegal: string };
  solicitorId: string;
  paralegalId: string;
  userToDeactivateId: string;
  client: { id: string; etag: string; healthProfileEtag: string };
  clientToErase: string;
  /** Names another client as defendant: a conflict to override. */
  conflictCaseId: string;
  amputation: { id: string; etag: string };
  amputationToRemove: { id: string; etag: string };
  complaint: { id: string; etag: string };
  complaintToRemove: { id: string; etag: string };
  case: { id: string; etag: string };
  screeningId: string;
  reviewCase: { id: string; screeningId: string };
  task: { id: string; etag: string };
  provider: { id: string; etag: string };
  taskType: { type: string; etag: string };
  ruleSetId: string;
  severities: Record<string, unknown>;
}

/** Surnames, birthdays and postcodes differ, so no two clients look like the same person to the conflict check. */
const clientBody = (firstName: string, lastName: string, dateOfBirth: string, postcode: string) => ({
  firstName,
  lastName,
  dateOfBirth,
  postcode,
  healthDataConsent: 'given',
  consentRecordedOn: '2024-01-05',
});

export async function seedFixtures(baseUrl: string, admin: { email: string; password: string }): Promise<Fixtures> {
  const anonymous = caller(baseUrl);
  const login = async (email: string, password: string): Promise<string> =>
    String((await expectStatus(anonymous('POST', '/api/v1/auth/login', { email, password }), 200, `a login for ${email}`)).body.accessToken);
  const adminToken = await login(admin.email, admin.password);
  const call = caller(baseUrl, adminToken);

  const user = async (role: string, email: string) =>
    expectStatus(call('POST', '/api/v1/users', { email, name: `Contract ${role}`, role, password: 'contract-password-1' }), 201, `a ${role}`);
  const solicitor = await user('solicitor', 'contract-solicitor@firm.example');
  const paralegal = await user('paralegal', 'contract-paralegal@firm.example');
  const userToDeactivate = await user('paralegal', 'contract-leaver@firm.example');

  const client = await expectStatus(call('POST', '/api/v1/clients', clientBody('Ann', 'Ashby', '1980-04-02', 'RG1 1AA')), 201, 'a client');
  const clientId = idOf(client);
  const healthProfile = await expectStatus(call('GET', `/api/v1/clients/${clientId}/health-profile`), 200, 'a health profile');
  const clientToErase = await expectStatus(call('POST', '/api/v1/clients', clientBody('Erin', 'Erwood', '1981-05-03', 'M1 1AE')), 201, 'a client to erase');
  const amputation = async () =>
    expectStatus(call('POST', `/api/v1/clients/${clientId}/amputations`, { limb: 'lower', side: 'left', level: 'transfemoral', cause: 'trauma' }), 201, 'an amputation');
  const keptAmputation = await amputation();
  const removedAmputation = await amputation();
  const complaint = async () =>
    expectStatus(call('POST', `/api/v1/clients/${clientId}/amputations/${idOf(keptAmputation)}/socket-complaints`, { type: 'pain', severity: 'moderate' }), 201, 'a complaint');
  const keptComplaint = await complaint();
  const removedComplaint = await complaint();

  const caseBody = (forClient: string, defendantName: string) => ({
    clientId: forClient,
    incidentDate: '2023-11-14',
    incidentType: 'road_traffic',
    source: 'phone',
    funding: 'cfa',
    defendantName,
    assignedSolicitorId: idOf(solicitor),
    assignedParalegalId: idOf(paralegal),
  });
  const mainCase = await expectStatus(call('POST', '/api/v1/cases', caseBody(clientId, 'Acme Haulage Ltd')), 201, 'a case');
  const caseId = idOf(mainCase);
  const screening = await expectStatus(call('POST', `/api/v1/cases/${caseId}/screenings`), 201, 'a screening');
  const reviewCase = await expectStatus(call('POST', '/api/v1/cases', caseBody(clientId, 'Northwind Freight Ltd')), 201, 'a case to review');
  const reviewScreening = await expectStatus(call('POST', `/api/v1/cases/${idOf(reviewCase)}/screenings`), 201, 'a screening to review');
  // A case whose defendant is a client of the firm: a conflict to override.
  await expectStatus(call('POST', '/api/v1/clients', clientBody('Gwen', 'Gale', '1982-06-04', 'B33 8TH')), 201, 'a client named as a defendant');
  const other = await expectStatus(call('POST', '/api/v1/clients', clientBody('Cora', 'Cole', '1983-07-05', 'CR2 6XH')), 201, 'a client with a conflict');
  const conflictCase = await expectStatus(call('POST', '/api/v1/cases', caseBody(idOf(other), 'Gwen Gale')), 201, 'a case with a conflict');
  if (conflictCase.body.conflictStatus === 'clear') throw new Error('seeding: the case naming a client as defendant has no conflict');

  const provider = await expectStatus(call('POST', '/api/v1/providers', { name: 'Contract Prosthetics', kind: 'prosthetist' }), 201, 'a provider');
  const task = await expectStatus(
    call('POST', `/api/v1/cases/${caseId}/referral-tasks`, { type: 'PROSTHETIST', assigneeId: idOf(paralegal), providerId: idOf(provider) }),
    201,
    'a referral task',
  );
  const taskTypes = await expectStatus(call('GET', '/api/v1/referral-task-types'), 200, 'the task types');
  const firstType = (taskTypes.body as unknown as { type: string; version: number }[])[0];
  if (firstType === undefined) throw new Error('seeding: no referral task types');
  const ruleSets = await expectStatus(call('GET', '/api/v1/screening/rule-sets'), 200, 'the rule sets');
  const active = (ruleSets.body as unknown as { id: string; active?: boolean; severities: Record<string, unknown> }[]).find((set) => set.active !== false);
  if (active === undefined) throw new Error('seeding: no rule set');
  const candidate = await expectStatus(call('POST', '/api/v1/screening/rule-sets', { version: 'contract-candidate-1', severities: active.severities }), 201, 'a rule set');

  // Seeding bumped some versions (complaints on the amputation, the screening on the case): read them now.
  const detail = await expectStatus(call('GET', `/api/v1/cases/${caseId}`), 200, 'the case');
  const amputations = detail.body.amputations as { id: string; version: number; socketComplaints: { id: string; version: number }[] }[];
  const etagOf = (id: string): string => {
    const found = amputations.flatMap((one) => [one, ...one.socketComplaints]).find((record) => record.id === id);
    if (found === undefined) throw new Error(`seeding: ${id} is not on the case`);
    return `"${found.version}"`;
  };

  return {
    tokens: {
      admin: adminToken,
      solicitor: await login('contract-solicitor@firm.example', 'contract-password-1'),
      paralegal: await login('contract-paralegal@firm.example', 'contract-password-1'),
    },
    solicitorId: idOf(solicitor),
    paralegalId: idOf(paralegal),
    userToDeactivateId: idOf(userToDeactivate),
    client: { id: clientId, etag: client.etag, healthProfileEtag: healthProfile.etag },
    clientToErase: idOf(clientToErase),
    conflictCaseId: idOf(conflictCase),
    amputation: { id: idOf(keptAmputation), etag: etagOf(idOf(keptAmputation)) },
    amputationToRemove: { id: idOf(removedAmputation), etag: etagOf(idOf(removedAmputation)) },
    complaint: { id: idOf(keptComplaint), etag: etagOf(idOf(keptComplaint)) },
    complaintToRemove: { id: idOf(removedComplaint), etag: etagOf(idOf(removedComplaint)) },
    case: { id: caseId, etag: detail.etag },
    screeningId: idOf(screening),
    reviewCase: { id: idOf(reviewCase), screeningId: idOf(reviewScreening) },
    task: { id: idOf(task), etag: task.etag },
    provider: { id: idOf(provider), etag: provider.etag },
    taskType: { type: firstType.type, etag: `"${firstType.version}"` },
    ruleSetId: idOf(candidate),
    severities: active.severities,
  };
}
