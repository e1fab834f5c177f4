import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * In OpenAPI 3.0, `nullable: true` widens only the schema it sits in: it does not add null to an
 * `enum`, and it cannot reach into an `allOf` of a `$ref`, so `{ nullable, allOf: [$ref] }` (what
 * @nestjs/swagger writes for `type: Dto, nullable: true`) still refuses null. Validators that follow
 * the spec (the contract run's among them) then reject responses the API documents as nullable.
 * This rewrites both shapes so null is allowed as documented:
 * - a nullable enum lists `null`;
 * - a nullable reference becomes `oneOf: [the reference, null]`.
 */
export function allowDocumentedNulls(document: OpenAPIObject): OpenAPIObject {
  return rewrite(document) as OpenAPIObject;
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (!isSchema(value)) return value;
  const copy: Schema = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, rewrite(child)]));
  if (copy.nullable !== true) return copy;
  if (Array.isArray(copy.enum) && !copy.enum.includes(null)) copy.enum = [...(copy.enum as unknown[]), null];
  const parts = copy.allOf;
  if (Array.isArray(parts) && parts.length === 1 && isSchema(parts[0]) && typeof parts[0].$ref === 'string') {
    const { allOf: _allOf, nullable: _nullable, type: _type, ...rest } = copy;
    return { ...rest, oneOf: [parts[0], { type: 'object', nullable: true, enum: [null] }] };
  }
  return copy;
}
