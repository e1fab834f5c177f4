import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { presence, Presence } from '../../common/validation/field-presence';
import { normaliseEmail, queryBoolean, trimString } from '../../common/validation/transforms';
import { PROVIDER_KINDS, ProviderKind } from '../referral-terms';

const text = (kind: Presence, max: number) => applyDecorators(Transform(trimString), presence(kind), IsString(), MinLength(1), MaxLength(max));

const ProviderField = {
  name: (kind: Presence) => applyDecorators(ApiProperty({ maxLength: 200, required: kind === 'required' }), text(kind, 200)),
  kind: (kind: Presence) => applyDecorators(ApiProperty({ enum: PROVIDER_KINDS, required: kind === 'required' }), presence(kind), IsIn(PROVIDER_KINDS)),
  optionalText: (max: number) => applyDecorators(ApiPropertyOptional({ type: String, nullable: true, maxLength: max }), text('nullable', max)),
  email: () =>
    applyDecorators(
      ApiPropertyOptional({ type: String, nullable: true, format: 'email' }),
      Transform(normaliseEmail),
      presence('nullable'),
      IsString(),
      MaxLength(254),
      IsEmail({}, { message: 'email must be an email address' }),
    ),
  phone: () =>
    applyDecorators(
      ApiPropertyOptional({ type: String, nullable: true, example: '020 7946 0000' }),
      Transform(trimString),
      presence('nullable'),
      IsString(),
      MaxLength(30),
      Matches(/^\+?[0-9][0-9 ()-]{5,28}$/, { message: 'phone must be a telephone number' }),
    ),
  website: () =>
    applyDecorators(
      ApiPropertyOptional({ type: String, nullable: true, format: 'uri' }),
      Transform(trimString),
      presence('nullable'),
      IsString(),
      MaxLength(300),
      IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'website must be an http(s) address' }),
    ),
  flag: (description: string) => applyDecorators(ApiPropertyOptional({ description }), presence('omittable'), IsBoolean()),
};

export class CreateProviderDto {
  @ProviderField.name('required') name!: string;
  @ProviderField.kind('required') kind!: ProviderKind;
  @ProviderField.optionalText(200) organisation?: string | null;
  @ProviderField.optionalText(100) region?: string | null;
  @ProviderField.email() email?: string | null;
  @ProviderField.phone() phone?: string | null;
  @ProviderField.website() website?: string | null;
  @ProviderField.optionalText(2000) notes?: string | null;
  @ProviderField.flag('A placeholder, not a real contact') isExample?: boolean;
  @ProviderField.flag('Offered for new tasks (default true)') active?: boolean;
}

export class UpdateProviderDto {
  @ProviderField.name('omittable') name?: string;
  @ProviderField.kind('omittable') kind?: ProviderKind;
  @ProviderField.optionalText(200) organisation?: string | null;
  @ProviderField.optionalText(100) region?: string | null;
  @ProviderField.email() email?: string | null;
  @ProviderField.phone() phone?: string | null;
  @ProviderField.website() website?: string | null;
  @ProviderField.optionalText(2000) notes?: string | null;
  @ProviderField.flag('A placeholder, not a real contact') isExample?: boolean;
  @ProviderField.flag('Offered for new tasks') active?: boolean;
}

export class ListProvidersQueryDto {
  @ApiPropertyOptional({ enum: PROVIDER_KINDS }) @IsOptional() @IsIn(PROVIDER_KINDS) kind?: ProviderKind;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @Transform(queryBoolean) @IsBoolean() active?: boolean;
}

export class ProviderResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PROVIDER_KINDS }) kind!: ProviderKind;
  @ApiProperty({ type: String, nullable: true }) organisation!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty() isExample!: boolean;
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
