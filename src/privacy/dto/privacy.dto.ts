import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { presence } from '../../common/validation/field-presence';
import { trimString } from '../../common/validation/transforms';
import { AuditEventDto } from '../../audit/dto/audit.dto';

export class ErasureRequestDto {
  @ApiProperty({ minLength: 10, maxLength: 1000, example: 'Former client asked for erasure; all matters closed in 2025' })
  @Transform(trimString)
  @presence('required')
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  reason!: string;
}

export class ErasureResponseDto {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ format: 'date-time' }) erasedAt!: string;
  @ApiProperty({ format: 'uuid' }) erasedById!: string;
}

export class ClientExportDto {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ example: 'OI-2026-000123' }) reference!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ format: 'uuid' }) exportedById!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'object' } },
    description: 'Every row held about the client, by table, with the columns as stored',
  })
  records!: Record<string, Record<string, unknown>[]>;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { caseId: { type: 'string', format: 'uuid' }, matchedOn: { type: 'array', items: { type: 'string' } } } },
    description: 'Other cases whose conflict check names this client',
  })
  conflictMatchesNamingClient!: { caseId: string; matchedOn: string[] }[];
  @ApiProperty({ type: [AuditEventDto], description: 'Every audit event about those rows, oldest first' }) auditEvents!: AuditEventDto[];
}
