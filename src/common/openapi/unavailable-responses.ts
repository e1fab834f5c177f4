import type { OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Any route can answer 503 problem+json with a Retry-After header: when the database is unreachable
 * or times out (DATABASE_UNAVAILABLE), or the audit trail could not record a read (AUDIT_UNAVAILABLE),
 * nothing is answered without its audit event. Documented once here rather than on every route.
 */
export function documentUnavailable(document: OpenAPIObject): OpenAPIObject {
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => {
      const next = { ...item };
      for (const method of METHODS) {
        const operation = next[method];
        if (operation === undefined || operation.responses['503'] !== undefined) continue;
        next[method] = {
          ...operation,
          responses: {
            ...operation.responses,
            '503': {
              description: 'Service Unavailable: the database (DATABASE_UNAVAILABLE) or the audit trail (AUDIT_UNAVAILABLE) could not be used; retry after Retry-After seconds',
              headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait before retrying' } },
              content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
            },
          },
        };
      }
      return [path, next];
    }),
  );
  return { ...document, paths };
}
