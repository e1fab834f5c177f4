import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeErrorForLog } from './database-failure';
import { errorToProblem } from './error-to-problem';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

/** The one place where an error becomes a response: problem+json with a stable code and the request id. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const mapped = errorToProblem(error, String(request.id));
    if (mapped.unexpected) {
      this.logger.error({ requestId: request.id, status: mapped.problem.status, error: describeErrorForLog(error) }, 'request failed');
    }
    if (reply.sent) return;
    void reply
      .status(mapped.problem.status)
      .headers(mapped.headers)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(mapped.problem));
  }
}
