import { Body, Controller, Get, Header, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { IfMatchVersion } from '../common/concurrency/etag';
import { ApiIdempotencyKey, ApiIfMatch } from '../common/openapi/api-idempotency-key';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { UuidParam } from '../common/validation/uuid-param';
import { Idempotency } from '../idempotency/idempotency-key.decorator';
import { IdempotencyScope } from '../idempotency/idempotency.service';
import { idempotentReply } from '../idempotency/idempotent-reply';
import { CreateReferralTaskDto, ListReferralTasksQueryDto, ReferralTaskPageDto, ReferralTaskResponseDto, UpdateReferralTaskDto } from './dto/referral-task.dto';
import { ReferralTasksService } from './referral-tasks.service';

@ApiTags('referral tasks')
@ApiBearerAuth()
@Controller()
export class ReferralTasksController {
  constructor(private readonly tasks: ReferralTasksService) {}

  @Get('referral-tasks')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'The working list: tasks you may see, overdue first, then by due date' })
  @ApiOkResponse({ type: ReferralTaskPageDto })
  @ApiProblemResponses(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListReferralTasksQueryDto): Promise<ReferralTaskPageDto> {
    return this.tasks.list(actor, query);
  }

  // Declared before :id so the feed is never read as a task id.
  @Get('referral-tasks/calendar.ics')
  @Roles('admin', 'solicitor', 'paralegal')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'inline; filename="referral-tasks.ics"')
  @ApiOperation({ summary: 'Your open and in-progress tasks as an iCalendar feed: one all-day event per due date' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) document', schema: { type: 'string' } })
  @ApiProblemResponses(401, 403)
  calendar(@CurrentActor() actor: Actor): Promise<string> {
    return this.tasks.calendar(actor);
  }

  @Get('referral-tasks/:id')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'One referral task; ETag carries its version' })
  @ApiOkResponse({ type: ReferralTaskResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ReferralTaskResponseDto> {
    return this.tasks.get(actor, id);
  }

  @Patch('referral-tasks/:id')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'Work a task: status, assignee, due date, provider, notes; 409 names the allowed next statuses' })
  @ApiIfMatch()
  @ApiOkResponse({ type: ReferralTaskResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 412, 422, 428)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateReferralTaskDto,
  ): Promise<ReferralTaskResponseDto> {
    return this.tasks.update(actor, id, version, body);
  }

  @Post('cases/:id/referral-tasks')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'Add a task by hand; 409 when the case already has one of that type and phase open' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ReferralTaskResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @UuidParam('id') caseId: string,
    @Body() body: CreateReferralTaskDto,
    @Idempotency() idempotency: IdempotencyScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralTaskResponseDto> {
    return idempotentReply(reply, await this.tasks.create(actor, caseId, body, idempotency));
  }
}
