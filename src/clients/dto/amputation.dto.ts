import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import { presence, Presence } from '../../common/validation/field-presence';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { trimString } from '../../common/validation/transforms';
import { AMPUTATION_CAUSES, AMPUTATION_LEVELS, AmputationCause, AmputationLevel, Limb, LIMBS, Side, SIDES } from '../clinical-terms';
import { CreateSocketComplaintDto, SocketComplaintResponseDto } from './socket-complaint.dto';

// Four limbs: more live amputation records than that for one person is a recording error.
export const MAX_AMPUTATIONS_PER_CLIENT = 4;
export const MAX_COMPLAINTS_PER_AMPUTATION = 20;

// class-validator's maxDecimalPlaces throws a TypeError on numbers it prints in exponent form (1e-7).
const IsTenths = () =>
  ValidateBy({
    name: 'maxDecimalPlaces',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number(value.toFixed(1)) === value,
      defaultMessage: (args) => `${args?.property ?? 'value'} must have at most one decimal place`,
    },
  });

const measurement = (min: number, max: number, description: string) =>
  applyDecorators(
    ApiProperty({ type: Number, minimum: min, maximum: max, nullable: true, required: false, description }),
    presence('nullable'),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    IsTenths(),
    Min(min),
    Max(max),
  );

const AmputationField = {
  limb: (kind: Presence) => applyDecorators(ApiProperty({ enum: LIMBS, required: kind === 'required' }), presence(kind), IsIn(LIMBS)),
  side: (kind: Presence) => applyDecorators(ApiProperty({ enum: SIDES, required: kind === 'required' }), presence(kind), IsIn(SIDES)),
  level: (kind: Presence) =>
    applyDecorators(
      ApiProperty({ enum: AMPUTATION_LEVELS, required: kind === 'required', description: 'Must be a level of the given limb' }),
      presence(kind),
      IsIn(AMPUTATION_LEVELS),
    ),
  amputationDate: () =>
    applyDecorators(
      ApiProperty({ type: String, format: 'date', nullable: true, required: false }),
      presence('nullable'),
      IsCalendarDate({ notBefore: '1900-01-01', notInFuture: true }),
    ),
  cause: () => applyDecorators(ApiProperty({ enum: AMPUTATION_CAUSES, nullable: true, required: false }), presence('nullable'), IsIn(AMPUTATION_CAUSES)),
  residualLimbLengthCm: () => measurement(0, 100, 'Residual limb length in centimetres'),
  currentProsthesis: () =>
    applyDecorators(
      ApiProperty({ type: String, maxLength: 200, nullable: true, required: false }),
      Transform(trimString),
      presence('nullable'),
      IsString(),
      MaxLength(200),
    ),
  dailyWearHours: () => measurement(0, 24, 'Hours a day the current prosthesis is worn'),
};

export class CreateAmputationDto {
  @AmputationField.limb('required') limb!: Limb;
  @AmputationField.side('required') side!: Side;
  @AmputationField.level('required') level!: AmputationLevel;
  @AmputationField.amputationDate() amputationDate?: string | null;
  @AmputationField.cause() cause?: AmputationCause | null;
  @AmputationField.residualLimbLengthCm() residualLimbLengthCm?: number | null;
  @AmputationField.currentProsthesis() currentProsthesis?: string | null;
  @AmputationField.dailyWearHours() dailyWearHours?: number | null;

  @ApiProperty({ type: [CreateSocketComplaintDto], required: false, maxItems: MAX_COMPLAINTS_PER_AMPUTATION })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_COMPLAINTS_PER_AMPUTATION)
  @ValidateNested({ each: true })
  @Type(() => CreateSocketComplaintDto)
  socketComplaints?: CreateSocketComplaintDto[];
}

export class UpdateAmputationDto {
  @AmputationField.limb('omittable') limb?: Limb;
  @AmputationField.side('omittable') side?: Side;
  @AmputationField.level('omittable') level?: AmputationLevel;
  @AmputationField.amputationDate() amputationDate?: string | null;
  @AmputationField.cause() cause?: AmputationCause | null;
  @AmputationField.residualLimbLengthCm() residualLimbLengthCm?: number | null;
  @AmputationField.currentProsthesis() currentProsthesis?: string | null;
  @AmputationField.dailyWearHours() dailyWearHours?: number | null;
}

export class AmputationResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ enum: LIMBS }) limb!: Limb;
  @ApiProperty({ enum: SIDES }) side!: Side;
  @ApiProperty({ enum: AMPUTATION_LEVELS }) level!: AmputationLevel;
  @ApiProperty({ type: String, format: 'date', nullable: true }) amputationDate!: string | null;
  @ApiProperty({ enum: AMPUTATION_CAUSES, nullable: true }) cause!: AmputationCause | null;
  @ApiProperty({ type: Number, nullable: true }) residualLimbLengthCm!: number | null;
  @ApiProperty({ type: String, nullable: true }) currentProsthesis!: string | null;
  @ApiProperty({ type: Number, nullable: true }) dailyWearHours!: number | null;
  @ApiProperty({ type: [SocketComplaintResponseDto] }) socketComplaints!: SocketComplaintResponseDto[];
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
