import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, FieldError } from '../errors/domain-error';

/** Deeper than any DTO nests; class-validator and class-transformer recurse, so depth must be bounded before them. */
export const MAX_INPUT_DEPTH = 32;
const MAX_REPORTED = 50;
const MAX_FIELD_NAME = 100;
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// PostgreSQL text cannot hold U+0000, and an unpaired surrogate is not text at all.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const NOT_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Runs before the ValidationPipe on bodies and queries: refuses input nested past
 * MAX_INPUT_DEPTH and strings (values or keys) the database cannot store, as 400 VALIDATION_FAILED
 * naming the field, instead of a stack overflow or a database error answered 500; also a `null` body and
 * prototype keys, which the ValidationPipe would otherwise drop without a word.
 */
@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Path parameters have their own pipes (UUIDs, enums), which name the parameter better.
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    // The ValidationPipe would read a JSON `null` body as `{}`, which a PATCH or PUT takes as a valid no-op.
    if (metadata.type === 'body' && value === null) {
      throw new DomainError('bad_request', 'VALIDATION_FAILED', 'Some fields are missing or invalid; see errors.', [
        { field: 'body', code: 'isObject', message: 'the body must be a JSON object' },
      ]);
    }
    const errors: FieldError[] = [];
    const root = metadata.data ?? '';
    const pending: { value: unknown; field: string; depth: number }[] = [{ value, field: root, depth: 0 }];
    while (pending.length > 0 && errors.length < MAX_REPORTED) {
      const next = pending.pop();
      if (next === undefined) break;
      const label = next.field === '' ? metadata.type : next.field;
      if (typeof next.value === 'string') {
        if (NOT_TEXT.test(next.value)) errors.push({ field: label, code: 'isText', message: `${label} must be text without NUL characters or unpaired surrogates` });
        continue;
      }
      if (typeof next.value !== 'object' || next.value === null) continue;
      if (next.depth >= MAX_INPUT_DEPTH) {
        errors.push({ field: label, code: 'maxDepth', message: `${label} is nested more than ${MAX_INPUT_DEPTH} levels deep` });
        continue;
      }
      for (const [key, child] of Object.entries(next.value)) {
        if (NOT_TEXT.test(key)) {
          errors.push({ field: label, code: 'isText', message: `${label} has a field name that is not text` });
          continue;
        }
        const name = key.length > MAX_FIELD_NAME ? `${key.slice(0, MAX_FIELD_NAME)}…` : key;
        const field = Array.isArray(next.value) ? `${next.field}[${name}]` : next.field === '' ? name : `${next.field}.${name}`;
        // The ValidationPipe silently drops these instead of refusing them like any other unknown field.
        if (PROTOTYPE_KEYS.has(key) && !Array.isArray(next.value)) {
          errors.push({ field, code: 'whitelistValidation', message: `${field} is not an accepted field` });
          continue;
        }
        pending.push({ value: child, field, depth: next.depth + 1 });
      }
    }
    if (errors.length > 0) throw new DomainError('bad_request', 'VALIDATION_FAILED', 'Some fields are missing or invalid; see errors.', errors);
    return value;
  }
}
