import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

/** Documents the Idempotency-Key header of a create route. */
export function ApiIdempotencyKey(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Any unique string (1–255 of A–Z a–z 0–9 . _ : -). A retry with the same key and body returns the first response and writes nothing; ' +
        'a different body answers 422, and a retry while the first is still running answers 409.',
    }),
  );
}

/** Documents the If-Match header of a conditional write. */
export function ApiIfMatch(): MethodDecorator {
  return applyDecorators(
    ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from your last read, e.g. "3". Missing: 428; stale: 412.' }),
  );
}
