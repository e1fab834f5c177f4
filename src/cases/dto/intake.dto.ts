import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CreateAmputationDto, MAX_AMPUTATIONS_PER_CLIENT } from '../../clients/dto/amputation.dto';
import { CreateClientDto } from '../../clients/dto/client.dto';
import { HealthProfileInputDto } from '../../clients/dto/health-profile.dto';
import { IntakeCaseDto } from './case.dto';

export const MAX_AMPUTATIONS_PER_INTAKE = MAX_AMPUTATIONS_PER_CLIENT;

/** Everything a solicitor takes on the phone, created in one transaction: all of it or none. */
export class IntakeDto {
  @ApiProperty({ type: CreateClientDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CreateClientDto)
  client!: CreateClientDto;

  @ApiProperty({ type: [CreateAmputationDto], required: false, maxItems: MAX_AMPUTATIONS_PER_INTAKE })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_AMPUTATIONS_PER_INTAKE)
  @ValidateNested({ each: true })
  @Type(() => CreateAmputationDto)
  amputations?: CreateAmputationDto[];

  @ApiProperty({ type: HealthProfileInputDto, required: false, description: 'Facts left out are unknown' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => HealthProfileInputDto)
  healthProfile?: HealthProfileInputDto;

  @ApiProperty({ type: IntakeCaseDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => IntakeCaseDto)
  case!: IntakeCaseDto;
}
