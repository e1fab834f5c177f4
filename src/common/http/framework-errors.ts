import { BadRequestException } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorToProblem } from '../errors/error-to-problem';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details';
import { REQUEST_ID_HEADER } from './request-id';

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
    .header('x-content-type-options', 'nosniff')
    .send(JSON.stringify(problem));
}
