import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { presence, Presence } from '../../common/validation/field-presence';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { trimString } from '../../common/validation/transforms';
import { SEVERITIES, Severity, SOCKET_COMPLAINT_TYPES, SocketComplaintType } from '../clinical-terms';

const ComplaintField = {
  type: (kind: Presence) => applyDecorators(ApiProperty({ enum: SOCKET_COMPLAINT_TYPES, required: kind === 'required' }), presence(kind), IsIn(SOCKET_COMPLAINT_TYPES)),
  severity: (kind: Presence) => applyDecorators(ApiProperty({ enum: SEVERITIES, required: kind === 'required' }), presence(kind), IsIn(SEVERITIES)),
  since: () =>
    applyDecorators(
      ApiProperty({ type: String, format: 'date', nullable: true, required: false }),
      presence('nullable'),
      IsCalendarDate({ notBefore: '1900-01-01', notInFuture: true }),
    ),
  notes: () =>
    applyDecorators(
      ApiProperty({ type: String, maxLength: 1000, nullable: true, required: false }),
      Transform(trimString),
      presence('nullable'),
      IsString(),
      MaxLength(1000),
    ),
};

export class CreateSocketComplaintDto {
  @ComplaintField.type('required') type!: SocketComplaintType;
  @ComplaintField.severity('required') severity!: Severity;
  @ComplaintField.since() since?: string | null;
  @ComplaintField.notes() notes?: string | null;
}

export class UpdateSocketComplaintDto {
  @ComplaintField.type('omittable') type?: SocketComplaintType;
  @ComplaintField.severity('omittable') severity?: Severity;
  @ComplaintField.since() since?: string | null;
  @ComplaintField.notes() notes?: string | null;
}

export class SocketComplaintResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) amputationId!: string;
  @ApiProperty({ enum: SOCKET_COMPLAINT_TYPES }) type!: SocketComplaintType;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty({ type: String, format: 'date', nullable: true }) since!: string | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
