import request from 'supertest';
import { clientBody } from '../factories/client.factory';
import { caseFields, intakeBody } from '../factories/intake.factory';
import { createUser, CreatedUser } from '../factories/user.factory';
import { TestApp } from './test-app';

/** One taken-on case and the ids of everything hanging off it (a type, so Object.values gives strings). */
export type CaseWorld = {
  clientId: string;
  caseId: string;
  amputationId: string;
  complaintId: string;
  taskId: string;
  screeningId: string;
};

/** A small firm: one of each role plus a second solicitor and paralegal, each with their own case. */
export interface FixtureWorld {
  admin: CreatedUser;
  solicitor: CreatedUser;
  paralegal: CreatedUser;
  otherSolicitor: CreatedUser;
  otherParalegal: CreatedUser;
  /** Assigned to `solicitor` and `paralegal`. */
  own: CaseWorld;
  /** Assigned to `otherSolicitor` and `otherParalegal`. */
  other: CaseWorld;
  providerId: string;
  ruleSetId: string;
}

const bearer = (user: CreatedUser) => ({ Authorization: `Bearer ${user.token}` });

function expectStatus(response: request.Response, status: number, what: string): Record<string, unknown> {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${response.text}`);
  return response.body as Record<string, unknown>;
}

/**
 * Takes a case in through the API (intake, screening, a manual task) as `solicitor`, for a client
 * whose name, birth date and postcode match no one else's, so no conflict check links the cases.
 */
export async function takeInCase(t: TestApp, solicitor: CreatedUser, paralegal: CreatedUser, person: { lastName: string; dateOfBirth: string; postcode: string }): Promise<CaseWorld> {
  const api = () => request(t.server);
  const intake = expectStatus(
    await api()
      .post('/api/v1/intake')
      .set(bearer(solicitor))
      .send(
        intakeBody(
          { solicitorId: solicitor.user.id, paralegalId: paralegal.user.id },
          {
            client: clientBody({ ...person, firstName: 'Ann', email: `${person.lastName.toLowerCase()}@example.org` }),
            case: caseFields({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id }, { defendantName: `${person.lastName} Haulage Ltd` }),
          },
        ),
      ),
    201,
    'intake',
  ) as { id: string; client: { id: string; amputations?: unknown }; amputations: { id: string; socketComplaints: { id: string }[] }[] };
  const amputation = intake.amputations[0];
  const complaint = amputation?.socketComplaints[0];
  if (amputation === undefined || complaint === undefined) throw new Error('intake made no amputation or complaint');
  const screening = expectStatus(await api().post(`/api/v1/cases/${intake.id}/screenings`).set(bearer(solicitor)).send(), 201, 'screening');
  const task = expectStatus(
    await api().post(`/api/v1/cases/${intake.id}/referral-tasks`).set(bearer(solicitor)).send({ type: 'OBTAIN_MEDICAL_RECORDS', assigneeId: paralegal.user.id }),
    201,
    'referral task',
  );
  return {
    clientId: intake.client.id,
    caseId: intake.id,
    amputationId: amputation.id,
    complaintId: complaint.id,
    taskId: String(task.id),
    screeningId: String(screening.id),
  };
}

/** Builds the firm on a clean database, through the API wherever the API can do it. */
export async function buildFixtureWorld(t: TestApp): Promise<FixtureWorld> {
  const [admin, solicitor, paralegal, otherSolicitor, otherParalegal] = await Promise.all([
    createUser(t.app, { role: 'admin', email: 'admin@firm.example' }),
    createUser(t.app, { role: 'solicitor', email: 'sol@firm.example' }),
    createUser(t.app, { role: 'paralegal', email: 'para@firm.example' }),
    createUser(t.app, { role: 'solicitor', email: 'other-sol@firm.example' }),
    createUser(t.app, { role: 'paralegal', email: 'other-para@firm.example' }),
  ]);
  const own = await takeInCase(t, solicitor, paralegal, { lastName: 'Hale', dateOfBirth: '1980-04-02', postcode: 'RG1 1AA' });
  const other = await takeInCase(t, otherSolicitor, otherParalegal, { lastName: 'Okafor', dateOfBirth: '1975-09-17', postcode: 'LS1 4AP' });
  const provider = expectStatus(
    await request(t.server).post('/api/v1/providers').set(bearer(admin)).send({ name: 'Mr A Surgeon', kind: 'surgeon' }),
    201,
    'provider',
  );
  const ruleSets = await t.dataSource.query<{ id: string }[]>('SELECT id FROM screening_rule_sets ORDER BY created_at LIMIT 1');
  const ruleSetId = ruleSets[0]?.id;
  if (ruleSetId === undefined) throw new Error('no seeded rule set');
  return { admin, solicitor, paralegal, otherSolicitor, otherParalegal, own, other, providerId: String(provider.id), ruleSetId };
}
