import fc from 'fast-check';
import request from 'supertest';
import { amputationBody, clientBody, healthProfileBody } from './factories/client.factory';
import { caseFields, intakeBody } from './factories/intake.factory';
import { DEFAULT_TEST_PASSWORD } from './factories/user.factory';
import { dbFingerprint, DbFingerprint } from './support/db-fingerprint';
import { buildFixtureWorld, FixtureWorld } from './support/fixture-world';
import { extraValue, expectRefusal, hostileHeaderText, hostileText, IMPOSSIBLE_DATES, invalidValue, marker, markersIn, notAnObject, notAUuid } from './support/hostile-values';
import { documentedOperations, fillPath, Operation, resolveSchema, Schema, WRITE_METHODS } from './support/openapi-routes';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

/** A request each write route accepts (or refuses only by a rule, after validation), to be made hostile. */
interface ValidRequest {
  params?: (w: FixtureWorld) => Record<string, string>;
  body?: (w: FixtureWorld) => Record<string, unknown>;
  /** The row whose version If-Match carries: table, key column, key. */
  row?: (w: FixtureWorld) => [string, string, string];
}

const SEVERITIES = ['PVD', 'DIABETES', 'SMOKER', 'LIMB_RADIOTHERAPY', 'CHEMOTHERAPY_ONGOING', 'CHEMOTHERAPY_PAST', 'SKELETAL_IMMATURITY', 'ACTIVE_INFECTION', 'IMMUNOSUPPRESSION', 'OSTEOPOROSIS', 'PREGNANCY', 'LEVEL_EMERGING', 'LEVEL_UNUSUAL'];
const amputationPath = (w: FixtureWorld) => ({ clientId: w.own.clientId, amputationId: w.own.amputationId });
const complaintPath = (w: FixtureWorld) => ({ ...amputationPath(w), complaintId: w.own.complaintId });

/** Every write route of the API. A route the app documents but this table lacks fails the first test. */
const WRITE_ROUTES: Record<string, ValidRequest> = {
  'POST /api/v1/users': { body: () => ({ email: 'new@firm.example', name: 'New Person', role: 'paralegal', password: 'twelve-chars-ok' }) },
  'POST /api/v1/users/{id}/deactivate': { params: (w) => ({ id: w.otherParalegal.user.id }) },
  'POST /api/v1/auth/login': { body: () => ({ email: 'admin@firm.example', password: DEFAULT_TEST_PASSWORD }) },
  'POST /api/v1/clients': { body: () => clientBody({ lastName: 'Newcome' }) },
  'PATCH /api/v1/clients/{id}': { params: (w) => ({ id: w.own.clientId }), body: () => ({ firstName: 'Anne' }), row: (w) => ['clients', 'id', w.own.clientId] },
  'PUT /api/v1/clients/{id}/health-profile': {
    params: (w) => ({ id: w.own.clientId }),
    body: () => healthProfileBody({ diabetes: 'yes' }),
    row: (w) => ['health_profiles', 'client_id', w.own.clientId],
  },
  'POST /api/v1/clients/{clientId}/amputations': { params: (w) => ({ clientId: w.own.clientId }), body: () => amputationBody({ side: 'right' }) },
  'PATCH /api/v1/clients/{clientId}/amputations/{amputationId}': {
    params: amputationPath,
    body: () => ({ dailyWearHours: 7.5 }),
    row: (w) => ['amputations', 'id', w.own.amputationId],
  },
  'DELETE /api/v1/clients/{clientId}/amputations/{amputationId}': { params: amputationPath, row: (w) => ['amputations', 'id', w.own.amputationId] },
  'POST /api/v1/clients/{clientId}/amputations/{amputationId}/socket-complaints': { params: amputationPath, body: () => ({ type: 'pain', severity: 'mild' }) },
  'PATCH /api/v1/clients/{clientId}/amputations/{amputationId}/socket-complaints/{complaintId}': {
    params: complaintPath,
    body: () => ({ severity: 'severe', notes: 'worse in summer' }),
    row: (w) => ['socket_complaints', 'id', w.own.complaintId],
  },
  'DELETE /api/v1/clients/{clientId}/amputations/{amputationId}/socket-complaints/{complaintId}': {
    params: complaintPath,
    row: (w) => ['socket_complaints', 'id', w.own.complaintId],
  },
  'POST /api/v1/cases': { body: (w) => ({ clientId: w.own.clientId, ...caseFields({ solicitorId: w.solicitor.user.id }) }) },
  'PATCH /api/v1/cases/{id}': { params: (w) => ({ id: w.own.caseId }), body: () => ({ defendantName: 'Other Haulage Ltd' }), row: (w) => ['cases', 'id', w.own.caseId] },
  'POST /api/v1/cases/{id}/transitions': { params: (w) => ({ id: w.own.caseId }), body: () => ({ to: 'declined', reason: 'no prospects' }) },
  'POST /api/v1/cases/{id}/limitation-satisfied': { params: (w) => ({ id: w.own.caseId }), body: () => ({ on: '2023-06-01' }) },
  'POST /api/v1/cases/{id}/conflict-check': { params: (w) => ({ id: w.own.caseId }) },
  'POST /api/v1/cases/{id}/conflict-override': { params: (w) => ({ id: w.own.caseId }), body: () => ({ reason: 'a different person entirely' }) },
  'POST /api/v1/intake': { body: (w) => intakeBody({ solicitorId: w.solicitor.user.id }) },
  'PATCH /api/v1/referral-tasks/{id}': { params: (w) => ({ id: w.own.taskId }), body: () => ({ status: 'in_progress' }), row: (w) => ['referral_tasks', 'id', w.own.taskId] },
  'POST /api/v1/cases/{id}/referral-tasks': { params: (w) => ({ id: w.own.caseId }), body: () => ({ type: 'PEER_SUPPORT', phase: 'pre_op' }) },
  'POST /api/v1/providers': { body: () => ({ name: 'Limb Care', kind: 'peer_support' }) },
  'PATCH /api/v1/providers/{id}': { params: (w) => ({ id: w.providerId }), body: () => ({ region: 'South East' }), row: (w) => ['providers', 'id', w.providerId] },
  'PATCH /api/v1/referral-task-types/{type}': {
    params: () => ({ type: 'PEER_SUPPORT' }),
    body: () => ({ dueInDays: 10 }),
    row: () => ['referral_task_type_settings', 'type', 'PEER_SUPPORT'],
  },
  'POST /api/v1/screening/rule-sets': { body: () => ({ version: 'firm-2027-1', severities: Object.fromEntries(SEVERITIES.map((code) => [code, 'caution'])) }) },
  'POST /api/v1/screening/rule-sets/{id}/activate': { params: (w) => ({ id: w.ruleSetId }) },
  'POST /api/v1/cases/{id}/screenings': { params: (w) => ({ id: w.own.caseId }) },
  'POST /api/v1/cases/{id}/screenings/{screeningId}/review': {
    params: (w) => ({ id: w.own.caseId, screeningId: w.own.screeningId }),
    body: () => ({ decision: 'override', reason: 'the surgeon accepts this client' }),
  },
  'POST /api/v1/clients/{id}/erasure': { params: (w) => ({ id: w.own.clientId }), body: () => ({ reason: 'the client asked for erasure' }) },
};

// Fields no write route may take unless its DTO declares them: server-assigned or privileged.
const PRIVILEGED = ['id', 'version', 'role', 'active', 'assignedSolicitorId', 'assignedParalegalId', 'createdAt', 'updatedAt', 'deletedAt', 'createdById', 'reference', 'intakeStage', 'pathwayStage', 'conflictStatus', 'limitationDate', 'passwordHash', 'clientId', 'isAdmin'];
const BODY_CODES = ['VALIDATION_FAILED', 'MALFORMED_REQUEST', 'PAYLOAD_TOO_LARGE'];
const PATH_CODES = ['INVALID_ID', 'MALFORMED_REQUEST', 'ROUTE_NOT_FOUND', 'USER_NOT_FOUND', 'CLIENT_NOT_FOUND', 'AMPUTATION_NOT_FOUND', 'SOCKET_COMPLAINT_NOT_FOUND', 'CASE_NOT_FOUND', 'REFERRAL_TASK_NOT_FOUND', 'PROVIDER_NOT_FOUND', 'REFERRAL_TASK_TYPE_NOT_FOUND', 'RULE_SET_NOT_FOUND', 'SCREENING_NOT_FOUND'];
const HEADER_CODES = ['INVALID_IF_MATCH', 'IF_MATCH_REQUIRED', 'INVALID_IDEMPOTENCY_KEY'];
const QUERY_CODES = ['VALIDATION_FAILED', 'INVALID_CURSOR', 'MALFORMED_REQUEST'];
const RUNS = { body: 30, path: 12, header: 6, query: 8 };

type Path = (string | number)[];

async function rowVersion(t: TestApp, [table, column, key]: [string, string, string]): Promise<number> {
  const rows = await t.dataSource.query<{ version: number }[]>(`SELECT version FROM "${table}" WHERE "${column}" = $1`, [key]);
  return rows[0]?.version ?? -1;
}

/** A hostile request, as data, so fast-check can print the one that broke a property. */
interface Hostile {
  params: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
  omitHeaders: string[];
  codes: readonly string[];
}

/** The body's fields (nested objects and the first element of arrays too), each with its schema and a valid value. */
function fieldsOf(schema: Schema, valid: unknown, resolve: (schema: Schema) => Schema, prefix: Path = []): { path: Path; schema: Schema; valid: unknown }[] {
  const fields: { path: Path; schema: Schema; valid: unknown }[] = [];
  const values = (valid ?? {}) as Record<string, unknown>;
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const property = resolve(raw);
    const path = [...prefix, name];
    fields.push({ path, schema: property, valid: values[name] });
    if (prefix.length >= 2) continue;
    if (property.properties !== undefined && values[name] !== undefined) fields.push(...fieldsOf(property, values[name], resolve, path));
    const first = Array.isArray(values[name]) ? (values[name] as unknown[])[0] : undefined;
    if (property.items !== undefined && first !== undefined) fields.push(...fieldsOf(resolve(property.items), first, resolve, [...path, 0]));
  }
  return fields;
}

/** A copy of `body` with `value` at `path`; unchanged when an earlier change already replaced a parent of it. */
function setAt(body: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) node = typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[key] : undefined;
  if (typeof node !== 'object' || node === null) return copy;
  (node as Record<string | number, unknown>)[path[path.length - 1]] = value;
  return copy;
}

/** Only what can travel in a URL: encodeURIComponent throws on an unpaired surrogate. */
function encodable(value: string): boolean {
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

describe('hostile input to every write route', () => {
  let t: TestApp;
  let w: FixtureWorld;
  let operations: Operation[];
  let resolve: (schema: Schema) => Schema;
  let baseline: DbFingerprint;
  const versions = new Map<string, number>();

  beforeAll(async () => {
    t = await startTestApp();
    await cleanDatabase(t.dataSource);
    w = await buildFixtureWorld(t);
    const documented = documentedOperations(t);
    operations = documented.operations;
    resolve = (schema) => resolveSchema(documented.document, schema);
    for (const valid of Object.values(WRITE_ROUTES)) {
      if (valid.row === undefined) continue;
      const [table, , key] = valid.row(w);
      versions.set(`${table}:${key}`, await rowVersion(t, valid.row(w)));
    }
    baseline = await dbFingerprint(t.dataSource);
  });
  afterAll(() => t.close());

  const writeOperations = () => operations.filter((operation) => WRITE_METHODS.includes(operation.method));

  it('covers every write route the app documents, and no route it does not', () => {
    expect(writeOperations().map((operation) => operation.key).sort()).toEqual(Object.keys(WRITE_ROUTES).sort());
  });

  /** Sends `hostile` to the route as the admin, who may do anything: every refusal is the input's fault. */
  async function send(operation: Operation, hostile: Hostile): Promise<request.Response> {
    const valid = WRITE_ROUTES[operation.key];
    let call = request(t.server)[operation.method](fillPath(operation.path, hostile.params)).set('Authorization', `Bearer ${w.admin.token}`);
    if (valid.row !== undefined && !hostile.omitHeaders.includes('if-match')) {
      const [table, , key] = valid.row(w);
      call = call.set('If-Match', `"${versions.get(`${table}:${key}`) ?? -1}"`);
    }
    for (const [name, value] of Object.entries(hostile.headers)) call = call.set(name, value);
    if (hostile.body === undefined) return call.send();
    return call.set('Content-Type', 'application/json').send(JSON.stringify(hostile.body));
  }

  async function expectRefusedAndUnchanged(operation: Operation, hostile: Hostile): Promise<void> {
    const response = await send(operation, hostile);
    expectRefusal(response, hostile.codes, markersIn(hostile.params, hostile.body, hostile.headers));
    // Refused means nothing written: no row, no audit event, no remembered idempotency key.
    expect(await dbFingerprint(t.dataSource)).toEqual(baseline);
  }

  const property = (operation: Operation, arbitrary: fc.Arbitrary<Hostile>, numRuns: number) =>
    fc.assert(
      fc.asyncProperty(arbitrary, (hostile) => expectRefusedAndUnchanged(operation, hostile)),
      // Stop at the first failure: once a hostile request has written, every later run would fail too.
      { numRuns, endOnFailure: true },
    );

  describe.each(Object.keys(WRITE_ROUTES))('%s', (key) => {
    const valid = WRITE_ROUTES[key];
    const operation = () => {
      const found = operations.find((candidate) => candidate.key === key);
      if (found === undefined) throw new Error(`${key} is not documented`);
      return found;
    };
    const hostileRequest = (hostile: Partial<Hostile> & Pick<Hostile, 'codes'>): Hostile => ({
      params: valid.params?.(w) ?? {},
      body: valid.body?.(w),
      headers: {},
      omitHeaders: [],
      ...hostile,
    });

    if (valid.body !== undefined) {
      it('refuses bodies that are not objects, carry unknown or privileged fields, or hold a wrong value in any field', async () => {
        const schema = operation().body;
        if (schema === undefined) throw new Error(`${key} documents no body`);
        const good = (valid.body as (w: FixtureWorld) => Record<string, unknown>)(w);
        const fields = fieldsOf(schema, good, resolve);
        const declared = new Set(Object.keys(schema.properties ?? {}));
        const undeclared = [...PRIVILEGED.filter((name) => !declared.has(name)), 'unexpected', '__proto__', 'constructor'];
        // Free text a field accepts: a fragment there must still not come back when something else is wrong.
        const freeText = fields.filter((field) => field.schema.type === 'string' && field.schema.enum === undefined && field.schema.format === undefined && (field.schema.maxLength ?? 0) >= 100);

        const notObject = notAnObject.map((body) => hostileRequest({ body, codes: BODY_CODES }));
        const extraFields = fc
          .uniqueArray(fc.tuple(fc.constantFrom(...undeclared), extraValue), { minLength: 1, maxLength: 3, selector: ([name]) => name })
          .map((extras) => hostileRequest({ body: { ...good, ...Object.fromEntries(extras) }, codes: BODY_CODES }));
        const wrongValues = fc
          .tuple(
            fc.uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: 3, selector: (field) => field.path.join('.') }).chain((chosen) =>
              fc.tuple(...chosen.map((field) => invalidValue(field.schema, field.valid).map((value) => [field.path, value] as const))),
            ),
            freeText.length === 0 ? fc.constant(undefined) : fc.option(fc.tuple(fc.constantFrom(...freeText), hostileText)),
          )
          .map(([changes, text]) => {
            let body: unknown = good;
            if (text !== undefined && text !== null) body = setAt(body, text[0].path, text[1]);
            for (const [path, value] of changes) body = setAt(body, path, value);
            return hostileRequest({ body, codes: BODY_CODES });
          });
        const oversize = marker.map((m) => hostileRequest({ body: { ...good, padding: `${m}${'x'.repeat(300 * 1024)}` }, codes: BODY_CODES }));

        await property(operation(), fc.oneof({ arbitrary: wrongValues, weight: 5 }, { arbitrary: extraFields, weight: 3 }, { arbitrary: notObject, weight: 2 }, { arbitrary: oversize, weight: 1 }), RUNS.body);
      });
    }

    if (valid.params !== undefined) {
      it('refuses an id in the path that is malformed, hostile, too long or names nothing', async () => {
        const names = Object.keys((valid.params as (w: FixtureWorld) => Record<string, string>)(w));
        const badParam = fc
          .oneof(notAUuid, marker.map((m) => m.repeat(30)), fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', '..', '%', ' ', '*'))
          .filter(encodable);
        const arbitrary = fc
          .tuple(fc.constantFrom(...names), badParam)
          .map(([name, value]) => hostileRequest({ params: { ...(valid.params as (w: FixtureWorld) => Record<string, string>)(w), [name]: value }, codes: PATH_CODES }));
        await property(operation(), arbitrary, RUNS.path);
      });
    }

    const headers = () => operation().headers;
    if (valid.row !== undefined) {
      it('refuses a missing or hostile If-Match', async () => {
        expect(headers()).toContain('if-match');
        const arbitrary = fc.oneof(
          fc.constant(hostileRequest({ omitHeaders: ['if-match'], codes: HEADER_CODES })),
          fc
            .oneof(hostileHeaderText, marker.map((m) => `"${m}"`), marker.map((m) => `W/"1", "${m}"`), fc.constantFrom('*', '"-1"', '"1.5"', '"99999999999"'))
            .map((value) => hostileRequest({ headers: { 'If-Match': value }, omitHeaders: ['if-match'], codes: HEADER_CODES })),
        );
        await property(operation(), arbitrary, RUNS.header);
      });
    }

    if (['POST /api/v1/clients', 'POST /api/v1/cases', 'POST /api/v1/intake', 'POST /api/v1/providers', 'POST /api/v1/cases/{id}/referral-tasks', 'POST /api/v1/cases/{id}/screenings'].includes(key)) {
      it('refuses a hostile Idempotency-Key', async () => {
        expect(headers()).toContain('idempotency-key');
        const badKey = fc.oneof(
          hostileHeaderText.filter((text) => /[^A-Za-z0-9._:-]/.test(text)),
          marker.map((m) => `${m} ${m}`),
          marker.map((m) => `${m}${'k'.repeat(256)}`),
        );
        await property(operation(), badKey.map((value) => hostileRequest({ headers: { 'Idempotency-Key': value }, codes: HEADER_CODES })), RUNS.header);
      });
    }
  });

  it.each([
    ['a path it cannot decode', '/api/v1/clients/%E0%A4%Azqmpath1x'],
    ['a path parameter over the router’s length limit', `/api/v1/clients/${'zqmpath2x'.repeat(20)}`],
  ])('answers %s as a malformed request in problem+json, quoting none of it', async (_label, path) => {
    const response = await request(t.server).patch(path).set('Authorization', `Bearer ${w.admin.token}`).send({ firstName: 'Anne' });
    expectRefusal(response, ['MALFORMED_REQUEST', 'INVALID_ID'], markersIn(path));
    expect(response.headers['cache-control']).toBe('no-store');
    expect(await dbFingerprint(t.dataSource)).toEqual(baseline);
  });

  describe('list queries', () => {
    /** An invalid value for a query parameter, or undefined where any text is a valid filter. */
    function badQueryValue(name: string, schema: Schema): fc.Arbitrary<string> | undefined {
      if (name === 'cursor') {
        return fc.oneof(
          marker,
          hostileText,
          marker.map((m) => `${m}${'c'.repeat(600)}`),
          fc.jsonValue({ maxDepth: 1 }).filter((value) => !Array.isArray(value)).map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
          fc.array(fc.oneof(fc.integer(), marker), { minLength: 4, maxLength: 6 }).map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
        );
      }
      if (schema.type === 'number' || schema.type === 'integer') {
        return fc.oneof(marker, fc.constantFrom('-1', '1.5', '1e400', '0x10', '1e1', ' 5', 'NaN', 'ten'), fc.integer({ min: (schema.maximum ?? 1000) + 1 }).map(String));
      }
      if (schema.enum !== undefined || schema.type === 'boolean') return fc.oneof(marker, hostileText);
      if (schema.format === 'uuid') return notAUuid;
      if (schema.format === 'date') return fc.constantFrom(...IMPOSSIBLE_DATES);
      if (schema.format === 'date-time') return fc.oneof(marker, fc.constantFrom('2023-02-30T00:00:00Z', '2023-01-01T24:61:00Z', 'yesterday'));
      if (schema.maxLength !== undefined) return marker.map((m) => `${m}${'q'.repeat((schema.maxLength ?? 0) + 1)}`);
      return undefined;
    }

    it('refuses an invalid cursor, limit, filter or date on every list, never echoing it and writing nothing', async () => {
      const lists = operations.filter((operation) => operation.method === 'get' && operation.query.length > 0);
      expect(lists.map((operation) => operation.path)).toEqual(expect.arrayContaining(['/api/v1/clients', '/api/v1/cases', '/api/v1/referral-tasks', '/api/v1/users', '/api/v1/audit']));
      for (const operation of lists) {
        const choices = operation.query
          .map((parameter) => ({ name: parameter.name, bad: badQueryValue(parameter.name, parameter.schema) }))
          .filter((choice): choice is { name: string; bad: fc.Arbitrary<string> } => choice.bad !== undefined);
        if (choices.length === 0) continue;
        const arbitrary = fc.constantFrom(...choices).chain((choice) => choice.bad.map((value) => ({ [choice.name]: value })));
        await fc.assert(
          fc.asyncProperty(arbitrary, async (query) => {
            const response = await request(t.server).get(operation.path).query(query).set('Authorization', `Bearer ${w.admin.token}`);
            expectRefusal(response, QUERY_CODES, markersIn(query));
            expect(await dbFingerprint(t.dataSource)).toEqual(baseline);
          }),
          { numRuns: RUNS.query, endOnFailure: true },
        );
      }
    });
  });
});

describe('the valid requests the hostile ones are made from', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await cleanDatabase(t.dataSource);
  });
  afterAll(() => t.close());

  // Proves each property above refuses because of what it changed, not because its base request was already bad.
  it.each(Object.keys(WRITE_ROUTES))('%s passes validation unchanged', async (key) => {
    await cleanDatabase(t.dataSource);
    const w = await buildFixtureWorld(t);
    const valid = WRITE_ROUTES[key];
    const [method, path] = key.split(' ') as [Operation['method'], string];
    let call = request(t.server)[method.toLowerCase() as Operation['method']](fillPath(path, valid.params?.(w) ?? {})).set('Authorization', `Bearer ${w.admin.token}`);
    if (valid.row !== undefined) {
      call = call.set('If-Match', `"${await rowVersion(t, valid.row(w))}"`);
    }
    const response = await (valid.body === undefined ? call.send() : call.send(valid.body(w)));
    // 409 and 422 are rules refusing after validation passed (e.g. no conflict to override).
    expect({ key, passed: [200, 201, 204, 409, 422].includes(response.status), response: response.text.slice(0, 300) }).toEqual({ key, passed: true, response: expect.any(String) });
  });
});
