import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsObject, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { presence } from '../../common/validation/field-presence';
import { trimString } from '../../common/validation/transforms';
import { FLAG_SEVERITIES, FlagSeverity, RuleSetSeverities } from '../engine';

/** For the OpenAPI document only: the service checks the map with validateRuleSetSeverities, every problem at once. */
export class SeveritiesDto implements RuleSetSeverities {
  @ApiProperty({ enum: FLAG_SEVERITIES }) PVD!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) DIABETES!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) SMOKER!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) LIMB_RADIOTHERAPY!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) CHEMOTHERAPY_ONGOING!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) CHEMOTHERAPY_PAST!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) SKELETAL_IMMATURITY!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) ACTIVE_INFECTION!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) IMMUNOSUPPRESSION!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) OSTEOPOROSIS!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) PREGNANCY!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) LEVEL_EMERGING!: FlagSeverity;
  @ApiProperty({ enum: FLAG_SEVERITIES }) LEVEL_UNUSUAL!: FlagSeverity;
}

export class CreateRuleSetDto {
  @ApiProperty({ example: 'firm-2027-1', description: 'Unique name of this version: lower-case letters, digits, dots and dashes' })
  @Transform(trimString)
  @presence('required')
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{0,39}$/, { message: 'version must be 1-40 lower-case letters, digits, dots or dashes' })
  version!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, example: 'Well-controlled diabetes as a caution' })
  @Transform(trimString)
  @presence('nullable')
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description?: string | null;

  @ApiProperty({ type: SeveritiesDto, description: 'A severity for every configurable rule; no other keys' })
  // The map exactly as sent: class-transformer's copy drops keys named like Object methods (`toString`,
  // `constructor`), which would let an unknown key through unrefused.
  @Transform(({ obj }: { obj: Record<string, unknown> }) => obj.severities)
  @presence('required')
  @IsObject()
  severities!: RuleSetSeverities;
}

export class RuleSetResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'oi-default-1' }) version!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: SeveritiesDto }) severities!: RuleSetSeverities;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for versions shipped with the product' }) createdById!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was last made active' }) activatedAt!: string | null;
}
