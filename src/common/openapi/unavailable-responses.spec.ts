import type { OpenAPIObject } from '@nestjs/swagger';
import { documentUnavailable } from './unavailable-responses';

const document = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/a': { get: { responses: { '200': { description: 'ok' } } }, post: { responses: { '201': { description: 'made' } } } },
    '/health/ready': { get: { responses: { '200': { description: 'ok' }, '503': { description: 'not ready' } } } },
  },
});

describe('documentUnavailable', () => {
  it('adds a 503 problem+json with Retry-After to every operation that lacks one', () => {
    const paths = documentUnavailable(document()).paths;
    for (const operation of [paths['/a']?.get, paths['/a']?.post]) {
      expect(operation?.responses['503']).toMatchObject({
        headers: { 'Retry-After': expect.any(Object) },
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
      });
    }
    expect(paths['/a']?.get?.responses['200']).toEqual({ description: 'ok' });
  });

  it('keeps a 503 a route documents itself, and leaves the input untouched', () => {
    const input = document();
    expect(documentUnavailable(input).paths['/health/ready']?.get?.responses['503']).toEqual({ description: 'not ready' });
    expect(input.paths['/a']?.get?.responses['503']).toBeUndefined();
  });
});
