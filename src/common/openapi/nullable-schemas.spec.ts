import type { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { allowDocumentedNulls } from './nullable-schemas';

const documentWith = (properties: Record<string, SchemaObject>): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {},
  components: { schemas: { Thing: { type: 'object', properties } } },
});

const propertiesOf = (document: OpenAPIObject): Record<string, unknown> =>
  (document.components?.schemas?.Thing as { properties: Record<string, unknown> }).properties;

describe('allowDocumentedNulls', () => {
  it.each([
    ['a nullable enum gains null', { type: 'string', enum: ['a', 'b'], nullable: true }, { type: 'string', enum: ['a', 'b', null], nullable: true }],
    ['a nullable enum that lists null is kept', { type: 'string', enum: ['a', null], nullable: true }, { type: 'string', enum: ['a', null], nullable: true }],
    ['an enum that is not nullable is kept', { type: 'string', enum: ['a'] }, { type: 'string', enum: ['a'] }],
    [
      'a nullable reference becomes one of the reference or null',
      { nullable: true, type: 'object', description: 'd', allOf: [{ $ref: '#/components/schemas/Other' }] },
      { description: 'd', oneOf: [{ $ref: '#/components/schemas/Other' }, { type: 'object', nullable: true, enum: [null] }] },
    ],
    ['a reference that is not nullable is kept', { allOf: [{ $ref: '#/components/schemas/Other' }] }, { allOf: [{ $ref: '#/components/schemas/Other' }] }],
    ['a nullable string is kept', { type: 'string', format: 'date', nullable: true }, { type: 'string', format: 'date', nullable: true }],
  ])('%s', (_name, before, after) => {
    expect(propertiesOf(allowDocumentedNulls(documentWith({ field: before })))).toEqual({ field: after });
  });

  it('reaches nested schemas and arrays, and leaves the input alone', () => {
    const input = documentWith({ list: { type: 'array', items: { type: 'string', enum: ['x'], nullable: true } } });
    const snapshot = JSON.stringify(input);
    expect(propertiesOf(allowDocumentedNulls(input))).toEqual({ list: { type: 'array', items: { type: 'string', enum: ['x', null], nullable: true } } });
    expect(JSON.stringify(input)).toBe(snapshot);
  });
});
