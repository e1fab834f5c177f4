import request from 'supertest';
import { DataSource } from 'typeorm';
import { TestApp } from '../support/test-app';
import { amputationBody, clientBody } from './client.factory';
import { CreatedUser } from './user.factory';

/** A record created through the API: its response body and the ETag that came with it. */
export interface CreatedRecord {
  id: string;
  etag: string;
  body: Record<string, unknown> & { id: string; version: number };
}

export const auth = (user: CreatedUser) => ({ Authorization: `Bearer ${user.token}` });

/** The `field` of every entry in a problem's errors[]. */
export const fieldsOf = (response: request.Response): string[] => (response.body.errors as { field: string }[]).map((error) => error.field);

function created(response: request.Response, what: string): CreatedRecord {
  if (response.status !== 201) throw new Error(`creating ${what} answered ${response.status}: ${response.text}`);
  return { id: response.body.id as string, etag: String(response.headers.etag), body: response.body };
}

/** POST /clients as `user`; throws unless it answers 201. */
export async function createClient(t: TestApp, user: CreatedUser, overrides: Record<string, unknown> = {}): Promise<CreatedRecord> {
  const response = await request(t.server).post('/api/v1/clients').set(auth(user)).send(clientBody(overrides));
  return created(response, 'a client');
}

/** POST /clients/{id}/amputations as `user`; throws unless it answers 201. */
export async function addAmputation(t: TestApp, user: CreatedUser, clientId: string, overrides: Record<string, unknown> = {}): Promise<CreatedRecord> {
  const response = await request(t.server).post(`/api/v1/clients/${clientId}/amputations`).set(auth(user)).send(amputationBody(overrides));
  return created(response, 'an amputation');
}

/**
 * Inserts a case row straight into the table (there is no cases API to call yet), so access through a
 * case assignment can be tested. Returns the case id.
 */
export async function insertCase(
  dataSource: DataSource,
  input: { clientId: string; solicitorId: string; paralegalId?: string | null; createdById?: string },
): Promise<string> {
  const rows: { id: string }[] = await dataSource.query(
    `INSERT INTO cases (client_id, incident_date, incident_type, source, funding, assigned_solicitor_id, assigned_paralegal_id, created_by_id)
     VALUES ($1, '2020-11-14', 'road_traffic', 'phone', 'cfa', $2, $3, $4) RETURNING id`,
    [input.clientId, input.solicitorId, input.paralegalId ?? null, input.createdById ?? input.solicitorId],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('case was not inserted');
  return id;
}

/** Rows in a table, soft-deleted ones included. */
export async function countRows(dataSource: DataSource, table: 'clients' | 'health_profiles' | 'amputations' | 'socket_complaints' | 'idempotency_records'): Promise<number> {
  const rows: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? -1;
}

/** The day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
