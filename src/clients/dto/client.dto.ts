import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page.dto';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { trimString } from '../../common/validation/transforms';
import { CONSENT_STATUSES, ConsentStatus, PREFERRED_CONTACTS, PreferredContact } from '../clinical-terms';
import { ClientField } from './client-fields';

export class CreateClientDto {
  @ClientField.name('required', 'Ann') firstName!: string;
  @ClientField.name('required', 'Hale') lastName!: string;
  @ClientField.dateOfBirth() dateOfBirth?: string | null;
  @ClientField.email() email?: string | null;
  @ClientField.phone() phone?: string | null;
  @ClientField.postcode() postcode?: string | null;
  @ClientField.preferredContact() preferredContact?: PreferredContact | null;
  @ClientField.flag('omittable', 'Lacks capacity to litigate: no limitation date runs') lacksCapacity?: boolean;
  @ClientField.flag('omittable', 'Needs extra care in contact') vulnerable?: boolean;
  @ClientField.vulnerabilityNotes() vulnerabilityNotes?: string | null;
  @ClientField.healthDataConsent('omittable') healthDataConsent?: ConsentStatus;
  @ClientField.consentRecordedOn() consentRecordedOn?: string | null;
}

/** PATCH: send only what changes; null clears a field that may be empty. */
export class UpdateClientDto {
  @ClientField.name('omittable', 'Ann') firstName?: string;
  @ClientField.name('omittable', 'Hale') lastName?: string;
  @ClientField.dateOfBirth() dateOfBirth?: string | null;
  @ClientField.email() email?: string | null;
  @ClientField.phone() phone?: string | null;
  @ClientField.postcode() postcode?: string | null;
  @ClientField.preferredContact() preferredContact?: PreferredContact | null;
  @ClientField.flag('omittable', 'Lacks capacity to litigate: no limitation date runs') lacksCapacity?: boolean;
  @ClientField.flag('omittable', 'Needs extra care in contact') vulnerable?: boolean;
  @ClientField.vulnerabilityNotes() vulnerabilityNotes?: string | null;
  @ClientField.healthDataConsent('omittable') healthDataConsent?: ConsentStatus;
  @ClientField.consentRecordedOn() consentRecordedOn?: string | null;
}

export class ListClientsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of a first or last name; case, accents, spaces and punctuation are ignored', maxLength: 100 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: 'OI-2026-000123', maxLength: 30 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(30)
  reference?: string;

  @ApiPropertyOptional({ example: 'RG1 1AA', maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  postcode?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;
}

export class ClientResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'OI-2026-000123' }) reference!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateOfBirth!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) postcode!: string | null;
  @ApiProperty({ enum: PREFERRED_CONTACTS, nullable: true }) preferredContact!: PreferredContact | null;
  @ApiProperty() lacksCapacity!: boolean;
  @ApiProperty() vulnerable!: boolean;
  @ApiProperty({ type: String, nullable: true }) vulnerabilityNotes!: string | null;
  @ApiProperty({ enum: CONSENT_STATUSES }) healthDataConsent!: ConsentStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true }) consentRecordedOn!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ClientPageDto {
  @ApiProperty({ type: [ClientResponseDto] }) items!: ClientResponseDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
