import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

// A caller's id is kept only when it is short and plain, so it cannot smuggle anything into logs.
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function pickRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTABLE_REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * Fastify's request-id generator. The id is also set on the raw request, where pino-http looks for
 * it, so the access log and every error response carry the same one.
 */
export function generateRequestId(raw: IncomingMessage): string {
  const id = pickRequestId(raw.headers[REQUEST_ID_HEADER]);
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}
