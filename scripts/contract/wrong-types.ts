/**
 * Portman fuzzes missing required fields and out-of-range numbers and lengths; these variations add
 * the other half of hostile input: every top-level property of every JSON request body sent with a
 * value of the wrong JSON type, a body that is not an object, a field no DTO declares, every path
 * parameter malformed, and every typed query parameter given a value outside its type.
 */
interface SchemaObject {
  type?: string;
  format?: string;
  enum?: unknown[];
  $ref?: string;
  allOf?: SchemaObject[];
  properties?: Record<string, SchemaObject>;
}

interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: SchemaObject }[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject> };
}

/** What every fuzzed variant must get: a 4xx problem, not a 2xx or 5xx, and not an auth refusal that hides the check. */
export const FUZZ_TESTS = {
  extendTests: [
    {
      openApiOperation: '*::/*',
      overwrite: true,
      tests: [
        "pm.test('[fuzz] answered 4xx', function () { pm.expect(pm.response.code).to.be.within(400, 499); });",
        "pm.test('[fuzz] not refused for auth', function () { pm.expect(pm.response.code).to.not.be.oneOf([401, 403]); });",
        "pm.test('[fuzz] answered application/problem+json', function () { pm.expect(pm.response.headers.get('Content-Type') || '').to.include('application/problem+json'); });",
      ],
    },
  ],
};

function resolve(document: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject {
  if (schema?.$ref !== undefined) return resolve(document, document.components.schemas[schema.$ref.split('/').pop() ?? '']);
  if (schema?.allOf?.length === 1) return resolve(document, schema.allOf[0]);
  return schema ?? {};
}

/** A value whose JSON type differs from the declared one (a string where a number is due, and so on). */
function wrongValue(schema: SchemaObject): unknown {
  switch (schema.type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'twelve';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'a list' };
    default:
      return ['not', 'an', 'object'];
  }
}

/** A query value its parameter's schema refuses, or undefined for free text (any string is valid). */
function wrongQueryValue(name: string, schema: SchemaObject): string | undefined {
  if (schema.enum !== undefined) return 'not-in-the-list';
  if (schema.type === 'number' || schema.type === 'integer') return 'twelve';
  if (schema.type === 'boolean') return 'maybe';
  if (schema.format === 'date') return '2024-02-30';
  if (schema.format === 'date-time') return 'yesterday';
  if (schema.format === 'uuid') return 'not-a-uuid';
  if (name === 'cursor') return '%%not-a-cursor%%';
  return undefined;
}

const variation = (name: string, overwrite: object) => ({ name, overwrites: [overwrite], tests: FUZZ_TESTS });
const bodyVariation = (name: string, value: unknown, key: string) => variation(name, { overwriteRequestBody: [{ key, value, overwrite: true }] });

export function wrongTypeVariations(document: OpenApiDocument): unknown[] {
  const tests: unknown[] = [];
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      if (operation.operationId === undefined) continue;
      const variations: object[] = [];
      const schema = resolve(document, operation.requestBody?.content?.['application/json']?.schema);
      if (schema.properties !== undefined) {
        for (const [property, propertySchema] of Object.entries(schema.properties)) {
          variations.push(bodyVariation(`wrong type ${property}`, wrongValue(resolve(document, propertySchema)), property));
        }
        variations.push(bodyVariation('body is a list', [1, 2, 3], '.'));
        variations.push(bodyVariation('undeclared field', 'x', 'undeclaredField'));
      }
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'path') {
          variations.push(variation(`malformed path ${parameter.name}`, { overwriteRequestPathVariables: [{ key: parameter.name, value: 'not-a-uuid' }] }));
        }
        const wrong = parameter.in === 'query' ? wrongQueryValue(parameter.name, parameter.schema ?? {}) : undefined;
        if (wrong !== undefined) variations.push(variation(`wrong query ${parameter.name}`, { overwriteRequestQueryParams: [{ key: parameter.name, value: wrong }] }));
      }
      if (variations.length > 0) tests.push({ openApiOperationId: operation.operationId, variations });
    }
  }
  return tests;
}
