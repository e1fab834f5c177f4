/**
 * Portman fuzzes missing required fields and out-of-range numbers and lengths; these variations add
 * the other half of hostile bodies: every top-level property of every JSON request body sent with a
 * value of the wrong JSON type, a body that is not an object, and a field no DTO declares.
 */
interface SchemaObject {
  type?: string;
  $ref?: string;
  allOf?: SchemaObject[];
  properties?: Record<string, SchemaObject>;
}

interface Operation {
  operationId?: string;
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

const variation = (name: string, overwrite: { key: string; value: unknown; overwrite: boolean }) => ({
  name,
  overwrites: [{ overwriteRequestBody: [overwrite] }],
  tests: FUZZ_TESTS,
});

export function wrongTypeVariations(document: OpenApiDocument): unknown[] {
  const tests: unknown[] = [];
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      const schema = resolve(document, operation.requestBody?.content?.['application/json']?.schema);
      if (operation.operationId === undefined || schema.properties === undefined) continue;
      const variations = Object.entries(schema.properties).map(([property, propertySchema]) =>
        variation(`wrong type ${property}`, { key: property, value: wrongValue(resolve(document, propertySchema)), overwrite: true }),
      );
      variations.push(variation('body is a list', { key: '.', value: [1, 2, 3], overwrite: true }));
      variations.push(variation('undeclared field', { key: 'undeclaredField', value: 'x', overwrite: true }));
      tests.push({ openApiOperationId: operation.operationId, variations });
    }
  }
  return tests;
}
