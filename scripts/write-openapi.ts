/**
 * Writes the OpenAPI document the code generates to openapi.json (committed). A test fails when the
 * committed file and the code drift apart; run `npm run openapi` after changing a route or DTO.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from '../src/database/migrated-scratch';
import { renderOpenApiDocument } from '../src/openapi-document';

runScript('openapi', async () => {
  writeFileSync(join(__dirname, '..', 'openapi.json'), await renderOpenApiDocument());
  process.stdout.write('wrote openapi.json\n');
  return 0;
});
