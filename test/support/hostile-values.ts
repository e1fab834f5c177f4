import fc from 'fast-check';
import type { Response } from 'supertest';
import { Schema } from './openapi-routes';

/**
 * Every hostile string carries a marker (`zqm…x`, letters and digits only, so no encoding hides it):
 * a response containing one has echoed a submitted value.
 */
export const marker: fc.Arbitrary<string> = fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((n) => `zqm${n.toString(36)}x`);
export const MARKER = /zqm[0-9a-z]+x/g;

/** The markers inside anything that will be sent (body, path, header values). */
export function markersIn(...sent: unknown[]): string[] {
  return [...new Set(sent.flatMap((part) => (typeof part === 'string' ? part : JSON.stringify(part) ?? '').match(MARKER) ?? []))];
}

// SQL, markup, template, path and log-injection fragments; the NUL and the lone surrogate are text PostgreSQL cannot store.
const FRAGMENTS: ((m: string) => string)[] = [
  (m) => `' OR '1'='1' -- ${m}`,
  (m) => `'; DROP TABLE clients; -- ${m}`,
  (m) => `${m}' UNION SELECT password_hash FROM users --`,
  (m) => `<script>alert("${m}")</script>`,
  (m) => `<img src=x onerror=alert(1)>${m}`,
  (m) => `{{7*7}}${m}\${7*7}`,
  (m) => `../../../etc/passwd${m}`,
  (m) => `${m}\u0000`,
  (m) => `\ud800${m}`,
  (m) => `=HYPERLINK("http://evil.example")${m}`,
  (m) => `${m}\r\nSet-Cookie: session=stolen`,
  (m) => `%00${m}%27`,
  (m) => `${m}\u202e\u200b`,
];

/** A SQL, script or other injection fragment with its marker. */
export const hostileText: fc.Arbitrary<string> = fc.tuple(marker, fc.constantFrom(...FRAGMENTS)).map(([m, fragment]) => fragment(m));

/** Hostile text that can also travel in an HTTP header (no control characters). */
export const hostileHeaderText: fc.Arbitrary<string> = hostileText.filter((text) => /^[\x20-\x7e]+$/.test(text));

/** Dates that do not exist, or are not YYYY-MM-DD. */
export const IMPOSSIBLE_DATES = ['2023-02-30', '2021-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '0000-00-00', '2023-1-1', '99999-01-01', '2023-02-28T25:00:00Z', '28/02/2023'];

/** Strings that are not UUIDs, including one a character too long. */
export const notAUuid: fc.Arbitrary<string> = fc.oneof(
  marker,
  hostileText,
  fc.tuple(fc.uuid(), marker).map(([uuid, m]) => `${uuid}${m}`),
  fc.uuid().map((uuid) => uuid.replace(/-/g, '')),
  fc.uuid().map((uuid) => `{${uuid}}`),
);

const smallJson = fc.jsonValue({ maxDepth: 2 });

/** Any value that is not of the schema's JSON type (null is left out: it is valid for nullable fields). */
export function wrongType(schema: Schema): fc.Arbitrary<unknown> {
  const array = fc.array(fc.oneof(fc.integer(), marker), { maxLength: 3 });
  const object = fc.dictionary(fc.constantFrom('a', 'b', 'value'), fc.oneof(fc.integer(), marker), { maxKeys: 2 });
  switch (schema.type) {
    case 'string':
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), array, object);
    case 'number':
    case 'integer':
      return fc.oneof(marker, fc.constantFrom('5', '1e3', ''), fc.boolean(), array, object);
    case 'boolean':
      return fc.oneof(marker, fc.constantFrom('true', 'false', 1, 0), array, object);
    case 'array':
      return fc.oneof(marker, fc.integer(), fc.boolean(), object);
    default:
      return fc.oneof(marker, fc.integer(), fc.boolean(), fc.constant([]), array);
  }
}

/** A value the schema cannot accept, chosen among every way it can be wrong. `valid` is a good value, if known. */
export function invalidValue(schema: Schema, valid: unknown): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [wrongType(schema)];
  if (schema.type === 'string') {
    const limit = schema.maxLength ?? 4000;
    options.push(marker.map((m) => `${m}${'x'.repeat(limit + 1)}`));
    if (schema.format === 'date') options.push(fc.constantFrom(...IMPOSSIBLE_DATES));
    if (schema.format === 'uuid') options.push(notAUuid);
    // Free text takes any fragment; only a constrained string is sure to refuse one.
    if (schema.enum !== undefined || schema.format !== undefined) options.push(hostileText);
  }
  if ((schema.type === 'number' || schema.type === 'integer') && schema.maximum !== undefined) {
    const { maximum, minimum } = schema;
    options.push(fc.oneof(fc.double({ min: maximum + 1, max: 1e300, noNaN: true }), fc.constant(1e308)));
    if (minimum !== undefined) options.push(fc.double({ min: -1e300, max: minimum - 1, noNaN: true }));
  }
  if (schema.type === 'array' && schema.maxItems !== undefined) {
    const item: unknown = Array.isArray(valid) && valid.length > 0 ? (valid as unknown[])[0] : {};
    options.push(fc.constant(Array.from({ length: schema.maxItems + 1 }, () => item)));
  }
  return fc.oneof(...options);
}

/** Arbitrary JSON that is not an object, and a body over the size limit. */
export const notAnObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.array(smallJson, { maxLength: 4 }),
  marker,
  hostileText,
  fc.integer(),
  fc.boolean(),
);

export const extraValue: fc.Arbitrary<unknown> = fc.oneof(smallJson, marker, hostileText, fc.constant(null), fc.constant(true));

/** Asserts a refusal: a 4xx problem+json whose code is one of `codes`, echoing no marker that was sent. */
export function expectRefusal(response: Response, codes: readonly string[], markers: readonly string[]): void {
  const context = `${response.status} ${response.headers['content-type']} ${response.text.slice(0, 400)}`;
  if (response.status < 400 || response.status >= 500) throw new Error(`expected a 4xx refusal, got ${context}`);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual({
    type: expect.stringMatching(/^urn:oi-intake:problem:/),
    title: expect.any(String),
    status: response.status,
    code: expect.any(String),
    detail: expect.any(String),
    errors: expect.any(Array),
    requestId: expect.any(String),
  });
  if (!codes.includes(String(response.body.code))) throw new Error(`expected one of ${codes.join(', ')}, got ${context}`);
  const echoed = markers.filter((m) => response.text.includes(m));
  if (echoed.length > 0) throw new Error(`echoed ${echoed.join(', ')}: ${context}`);
}
