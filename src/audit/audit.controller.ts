import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { decodeSequenceCursor, encodeCursor } from '../common/pagination/cursor';
import { AuditPageDto, ChainVerificationDto, ListAuditQueryDto } from './dto/audit.dto';
import { toAuditEventDto } from './audit.mapper';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly events: AuditRepository,
  ) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Audit events, newest first, by record, actor and time' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblemResponses(400, 401, 403)
  async list(@Query() query: ListAuditQueryDto): Promise<AuditPageDto> {
    const rows = await this.events.list({
      entityType: query.entityType,
      entityId: query.entityId,
      actorId: query.actorId,
      action: query.action,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      beforeSequence: query.cursor === undefined ? undefined : decodeSequenceCursor(query.cursor),
      limit: query.limit,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items: items.map(toAuditEventDto), nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.sequence]) : null };
  }

  @Get('verify')
  @Roles('admin')
  @ApiOperation({ summary: 'Re-hash the whole chain: reports the first altered, removed or reordered event' })
  @ApiOkResponse({ type: ChainVerificationDto })
  @ApiProblemResponses(401, 403)
  verify(): Promise<ChainVerificationDto> {
    return this.audit.verify();
  }
}
