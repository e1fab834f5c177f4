import fc from 'fast-check';
import { fingerprint } from './idempotency.service';

describe('request fingerprint', () => {
  const request = (body: unknown) => ({ method: 'POST', route: '/api/v1/intake', body });

  it('ignores key order and whitespace, at every depth', () => {
    expect(fingerprint(request({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }))).toBe(fingerprint(request({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 })));
  });

  it('tells different bodies, routes and methods apart', () => {
    const base = fingerprint(request({ a: 1 }));
    expect(fingerprint(request({ a: 2 }))).not.toBe(base);
    expect(fingerprint(request({ a: '1' }))).not.toBe(base);
    expect(fingerprint({ method: 'POST', route: '/api/v1/cases', body: { a: 1 } })).not.toBe(base);
    expect(fingerprint({ method: 'PUT', route: '/api/v1/intake', body: { a: 1 } })).not.toBe(base);
  });

  it('is the same for equal JSON values however they were built', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reparsed: unknown = JSON.parse(JSON.stringify(value));
        expect(fingerprint(request(reparsed))).toBe(fingerprint(request(value)));
      }),
    );
  });
});
