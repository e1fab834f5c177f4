import type { Response } from 'supertest';

/** Asserts the response is problem+json with the documented shape, status and code. */
export function expectProblem(response: Response, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual({
    type: expect.stringMatching(/^urn:oi-intake:problem:/),
    title: expect.any(String),
    status,
    code,
    detail: expect.any(String),
    errors: expect.any(Array),
    requestId: expect.any(String),
  });
  expect(response.body.requestId).toBe(response.headers['x-request-id']);
}
