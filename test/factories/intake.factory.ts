import { amputationBody, clientBody, healthProfileBody } from './client.factory';

/** The one-shot intake body from the contract, for the given assignees. */
export function intakeBody(assignees: { solicitorId: string; paralegalId?: string | null }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client: clientBody(),
    amputations: [amputationBody()],
    healthProfile: healthProfileBody(),
    case: caseFields(assignees),
    ...overrides,
  };
}

export function caseFields(assignees: { solicitorId: string; paralegalId?: string | null }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    incidentDate: '2020-11-14',
    dateOfKnowledge: null,
    incidentType: 'road_traffic',
    defendantName: 'Acme Haulage Ltd',
    insurerName: null,
    source: 'phone',
    funding: 'cfa',
    assignedSolicitorId: assignees.solicitorId,
    assignedParalegalId: assignees.paralegalId ?? null,
    ...overrides,
  };
}
