import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Observable, tap } from 'rxjs';
import { formatEtag } from './etag';

/** Every single-record response (a body with a numeric `version`) carries that version as its ETag. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap((body: unknown) => {
        if (typeof body === 'object' && body !== null && typeof (body as { version?: unknown }).version === 'number') {
          const reply = context.switchToHttp().getResponse<FastifyReply>();
          if (!reply.hasHeader('etag')) void reply.header('etag', formatEtag((body as { version: number }).version));
        }
      }),
    );
  }
}
