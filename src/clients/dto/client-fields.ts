import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsString, Matches, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { presence, Presence } from '../../common/validation/field-presence';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { normaliseEmail, trimString } from '../../common/validation/transforms';
import { CONSENT_STATUSES, PREFERRED_CONTACTS } from '../clinical-terms';
import { normaliseUkPostcode } from '../postcode';

/** Field rules shared by every DTO that carries client details, so create, update and intake agree. */
export const ClientField = {
  name: (kind: Presence, example: string) =>
    applyDecorators(
      ApiProperty({ example, minLength: 1, maxLength: 100, required: kind === 'required' }),
      Transform(trimString),
      presence(kind),
      IsString(),
      MinLength(1),
      MaxLength(100),
    ),
  dateOfBirth: () =>
    applyDecorators(
      ApiProperty({ type: String, format: 'date', example: '1980-04-02', nullable: true, required: false }),
      presence('nullable'),
      IsCalendarDate({ notBefore: '1900-01-01', notInFuture: true }),
    ),
  email: () =>
    applyDecorators(
      ApiProperty({ type: String, example: 'ann@example.org', maxLength: 254, nullable: true, required: false }),
      Transform(normaliseEmail),
      presence('nullable'),
      IsEmail(),
      MaxLength(254),
    ),
  phone: () =>
    applyDecorators(
      ApiProperty({ type: String, example: '07700 900123', maxLength: 30, nullable: true, required: false }),
      Transform(trimString),
      presence('nullable'),
      IsString(),
      MaxLength(30),
      Matches(/^\+?[0-9][0-9 ()-]{5,28}$/, { message: 'phone must be a telephone number' }),
    ),
  postcode: () =>
    applyDecorators(
      ApiProperty({ type: String, example: 'RG1 1AA', nullable: true, required: false, description: 'UK postcode; stored normalised' }),
      Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (normaliseUkPostcode(value) ?? value) : value)),
      presence('nullable'),
      IsString(),
      // After the transform a UK postcode is already in its normal form; anything else is refused.
      ValidateBy({
        name: 'isUkPostcode',
        validator: { validate: (value: unknown) => typeof value === 'string' && normaliseUkPostcode(value) === value, defaultMessage: () => 'postcode must be a UK postcode' },
      }),
    ),
  preferredContact: () =>
    applyDecorators(ApiProperty({ enum: PREFERRED_CONTACTS, nullable: true, required: false }), presence('nullable'), IsIn(PREFERRED_CONTACTS)),
  flag: (kind: Presence, description: string) =>
    applyDecorators(ApiProperty({ type: Boolean, required: false, default: false, description }), presence(kind), IsBoolean()),
  vulnerabilityNotes: () =>
    applyDecorators(
      ApiProperty({ type: String, maxLength: 1000, nullable: true, required: false }),
      Transform(trimString),
      presence('nullable'),
      IsString(),
      MaxLength(1000),
    ),
  healthDataConsent: (kind: Presence) =>
    applyDecorators(ApiProperty({ enum: CONSENT_STATUSES, required: false, default: 'not_recorded' }), presence(kind), IsIn(CONSENT_STATUSES)),
  consentRecordedOn: () =>
    applyDecorators(
      ApiProperty({ type: String, format: 'date', nullable: true, required: false }),
      presence('nullable'),
      IsCalendarDate({ notBefore: '1900-01-01', notInFuture: true }),
    ),
};
