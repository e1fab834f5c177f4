import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { BadRequestException, HttpException } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorToProblem } from '../errors/error-to-problem';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * What helmet would have added (its defaults, with nothing to embed): these replies leave before helmet's
 * hook runs, and must not be the one response without them.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/**
 * Fastify's router answers a path it cannot decode (`%E0%A4%A`) or a path parameter over its length
 * limit before any hook or filter runs, with its own JSON that quotes the path back. This answers
 * them as every other malformed request is answered instead.
 */
export function answerFrameworkError(_error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { problem } = errorToProblem(new BadRequestException(), String(request.id));
  void reply
    .status(problem.status)
    .header(REQUEST_ID_HEADER, request.id)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .headers(SECURITY_HEADERS)
    .send(JSON.stringify(problem));
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers over 16 KiB, a malformed
 * request line, a request too slow to arrive); Fastify's default answer is bare JSON. This writes the
 * same problem+json, with the same headers, as every other refusal, and closes the connection.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  // No request was parsed, so there is no caller's id to keep.
  const requestId = randomUUID();
  const { problem } = errorToProblem(new HttpException(STATUS_CODES[status] ?? 'Error', status), requestId);
  const body = JSON.stringify(problem);
  const headers = {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    [REQUEST_ID_HEADER]: requestId,
    connection: 'close',
    ...SECURITY_HEADERS,
  };
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
