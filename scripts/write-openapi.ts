/**
 * Writes the OpenAPI document the code generates to openapi.json (committed). A test fails when the
 * committed file and the code drift apart; run `npm run openapi` after changing a route or DTO.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOpenApiDocument } from '../src/openapi-document';

renderOpenApiDocument().then(
  (json) => {
    writeFileSync(join(__dirname, '..', 'openapi.json'), json);
    process.stdout.write('wrote openapi.json\n');
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`openapi failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
