import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { presence, Presence } from '../../common/validation/field-presence';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { trimString } from '../../common/validation/transforms';
import { ENQUIRY_SOURCES, FUNDING_TYPES, INCIDENT_TYPES } from '../case-terms';

const text = (kind: Presence, maxLength: number, example?: string) =>
  applyDecorators(
    ApiProperty({ type: String, example, maxLength, nullable: kind === 'nullable', required: kind === 'required' }),
    Transform(trimString),
    presence(kind),
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
  );

/** Field rules shared by every DTO that carries case details, so create, update and intake agree. */
export const CaseField = {
  incidentDate: (kind: Presence) =>
    applyDecorators(
      ApiProperty({ type: String, format: 'date', example: '2020-11-14', required: kind === 'required', description: 'Not in the future, not before the client’s birth' }),
      presence(kind),
      IsCalendarDate({ notBefore: '1900-01-01', notInFuture: true }),
    ),
  dateOfKnowledge: () =>
    applyDecorators(
      ApiProperty({ type: String, format: 'date', nullable: true, required: false, description: 'Limitation Act 1980 s14; not before the incident' }),
      presence('nullable'),
      IsCalendarDate({ notBefore: '1900-01-01', notInFuture: true }),
    ),
  incidentType: (kind: Presence) =>
    applyDecorators(ApiProperty({ enum: INCIDENT_TYPES, required: kind === 'required' }), presence(kind), IsIn(INCIDENT_TYPES)),
  incidentDescription: () => text('nullable', 2000),
  partyName: (example: string) => text('nullable', 200, example),
  source: (kind: Presence) => applyDecorators(ApiProperty({ enum: ENQUIRY_SOURCES, required: kind === 'required' }), presence(kind), IsIn(ENQUIRY_SOURCES)),
  funding: (kind: Presence) => applyDecorators(ApiProperty({ enum: FUNDING_TYPES, required: kind === 'required' }), presence(kind), IsIn(FUNDING_TYPES)),
  userId: (kind: Presence, description: string) =>
    applyDecorators(
      ApiProperty({ type: String, format: 'uuid', nullable: kind === 'nullable', required: kind === 'required', description }),
      presence(kind),
      IsUUID(),
    ),
};
