import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { presence } from '../../common/validation/field-presence';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import {
  ACTIVITY_LEVELS,
  ActivityLevel,
  CHEMOTHERAPY_STATUSES,
  ChemotherapyStatus,
  SMOKING_STATUSES,
  SmokingStatus,
  YES_NO_UNKNOWN,
  YesNoUnknown,
} from '../clinical-terms';

const fact = (description: string) => ApiProperty({ enum: YES_NO_UNKNOWN, required: false, default: 'unknown', description });

/** The whole health profile; a fact left out is `unknown`, which is not the same answer as `no`. Null is refused: send `unknown`. */
export class HealthProfileInputDto {
  @fact('Peripheral vascular disease') @presence('omittable') @IsIn(YES_NO_UNKNOWN) peripheralVascularDisease?: YesNoUnknown;
  @fact('Diabetes') @presence('omittable') @IsIn(YES_NO_UNKNOWN) diabetes?: YesNoUnknown;

  @ApiProperty({ enum: SMOKING_STATUSES, required: false, default: 'unknown' })
  @presence('omittable')
  @IsIn(SMOKING_STATUSES)
  smokingStatus?: SmokingStatus;

  @ApiProperty({ type: String, format: 'date', nullable: true, required: false, description: 'Only for former smokers' })
  @IsOptional()
  @IsCalendarDate({ notBefore: '1900-01-01', notInFuture: true })
  quitDate?: string | null;

  @fact('Radiotherapy to the amputated limb') @presence('omittable') @IsIn(YES_NO_UNKNOWN) limbRadiotherapy?: YesNoUnknown;

  @ApiProperty({ enum: CHEMOTHERAPY_STATUSES, required: false, default: 'unknown' })
  @presence('omittable')
  @IsIn(CHEMOTHERAPY_STATUSES)
  chemotherapy?: ChemotherapyStatus;

  @fact('Active residual-limb infection now') @presence('omittable') @IsIn(YES_NO_UNKNOWN) activeInfection?: YesNoUnknown;
  @fact('Immunosuppression') @presence('omittable') @IsIn(YES_NO_UNKNOWN) immunosuppression?: YesNoUnknown;
  @fact('Osteoporosis') @presence('omittable') @IsIn(YES_NO_UNKNOWN) osteoporosis?: YesNoUnknown;
  @fact('Pregnancy') @presence('omittable') @IsIn(YES_NO_UNKNOWN) pregnancy?: YesNoUnknown;

  @ApiProperty({ enum: ACTIVITY_LEVELS, required: false, default: 'unknown' })
  @presence('omittable')
  @IsIn(ACTIVITY_LEVELS)
  activityLevel?: ActivityLevel;

  @fact('Lives in a hot climate') @presence('omittable') @IsIn(YES_NO_UNKNOWN) hotClimate?: YesNoUnknown;
}

export class HealthProfileResponseDto {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ enum: YES_NO_UNKNOWN }) peripheralVascularDisease!: YesNoUnknown;
  @ApiProperty({ enum: YES_NO_UNKNOWN }) diabetes!: YesNoUnknown;
  @ApiProperty({ enum: SMOKING_STATUSES }) smokingStatus!: SmokingStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true }) quitDate!: string | null;
  @ApiProperty({ enum: YES_NO_UNKNOWN }) limbRadiotherapy!: YesNoUnknown;
  @ApiProperty({ enum: CHEMOTHERAPY_STATUSES }) chemotherapy!: ChemotherapyStatus;
  @ApiProperty({ enum: YES_NO_UNKNOWN }) activeInfection!: YesNoUnknown;
  @ApiProperty({ enum: YES_NO_UNKNOWN }) immunosuppression!: YesNoUnknown;
  @ApiProperty({ enum: YES_NO_UNKNOWN }) osteoporosis!: YesNoUnknown;
  @ApiProperty({ enum: YES_NO_UNKNOWN }) pregnancy!: YesNoUnknown;
  @ApiProperty({ enum: ACTIVITY_LEVELS }) activityLevel!: ActivityLevel;
  @ApiProperty({ enum: YES_NO_UNKNOWN }) hotClimate!: YesNoUnknown;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
