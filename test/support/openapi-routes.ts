import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../../src/app.factory';
import { TestApp } from './test-app';

/** A JSON schema as @nestjs/swagger writes it: only the parts these tests read. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The OpenAPI path, e.g. `/api/v1/clients/{id}`. */
  path: string;
  /** `PATCH /api/v1/clients/{id}`. */
  key: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  headers: string[];
  /** The request body's schema, references resolved at the top level. */
  body: Schema | undefined;
  /** False for the routes that need no token. */
  secured: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export const WRITE_METHODS: readonly Operation['method'][] = ['post', 'put', 'patch', 'delete'];

/** The operations the running app documents: the same document `npm run openapi` commits. */
export function documentedOperations(t: TestApp): { operations: Operation[]; document: OpenAPIObject } {
  const document = buildOpenApiDocument(t.app);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const parameters = (operation.parameters ?? []) as { in: string; name: string; schema?: Schema }[];
      const bodySchema = (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/json']?.schema;
      operations.push({
        method,
        path,
        key: `${method.toUpperCase()} ${path}`,
        pathParams: parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
        query: parameters.filter((parameter) => parameter.in === 'query').map((parameter) => ({ name: parameter.name, schema: parameter.schema ?? {} })),
        headers: parameters.filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name.toLowerCase()),
        body: bodySchema === undefined ? undefined : resolveSchema(document, bodySchema),
        secured: operation.security !== undefined && operation.security.length > 0,
      });
    }
  }
  return { operations, document };
}

/** Follows `$ref` and a single `allOf` (how swagger wraps a described reference) to the schema itself. */
export function resolveSchema(document: OpenAPIObject, schema: Schema): Schema {
  const { allOf, $ref, ...rest } = schema;
  if ($ref !== undefined) {
    const name = $ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (target === undefined) throw new Error(`unresolved schema ${$ref}`);
    return { ...resolveSchema(document, target), ...rest };
  }
  if (allOf !== undefined && allOf.length === 1 && allOf[0] !== undefined) return { ...resolveSchema(document, allOf[0]), ...rest };
  return schema;
}

/** `/api/v1/clients/{id}` with `{ id: 'abc' }` → `/api/v1/clients/abc` (values URL-encoded). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}
