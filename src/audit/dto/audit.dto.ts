import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, MaxLength, IsString } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page.dto';
import { AUDIT_ACTIONS } from '../audit-chain';
import { AUDITED_ENTITY_TYPES } from '../audit.service';

export class ListAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDITED_ENTITY_TYPES }) @IsOptional() @IsIn(AUDITED_ENTITY_TYPES) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS }) @IsOptional() @IsIn(AUDIT_ACTIONS) action?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Position in the chain' }) sequence!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: string;
  @ApiProperty({ enum: AUDITED_ENTITY_TYPES }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: [String], description: 'Names of the fields written, never their values' }) changedFields!: string[];
  @ApiProperty() hash!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ChainBreakDto {
  @ApiProperty({ type: String, nullable: true }) sequence!: string | null;
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
  @ApiProperty({ enum: ['altered', 'broken_link', 'missing_events', 'extra_events'] }) problem!: 'altered' | 'broken_link' | 'missing_events' | 'extra_events';
}

export class ChainVerificationDto {
  @ApiProperty() intact!: boolean;
  @ApiProperty() checkedEvents!: number;
  @ApiProperty({ description: 'How many events the chain head says there are' }) expectedEvents!: number;
  @ApiProperty({ type: ChainBreakDto, nullable: true, description: 'The first event that is altered or out of place' }) firstBreak!: ChainBreakDto | null;
}
