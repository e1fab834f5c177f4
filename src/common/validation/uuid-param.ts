import { Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter, not a 500 from the database. */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new DomainError('bad_request', 'INVALID_ID', `The ${name} in the path is not a valid id.`, [
          { field: name, code: 'isUuid', message: `${name} must be a UUID` },
        ]),
    }),
  );
