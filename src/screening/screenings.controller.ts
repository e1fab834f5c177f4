import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import type { FastifyReply } from 'fastify';
import { ApiIdempotencyKey } from '../common/openapi/api-idempotency-key';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { Idempotency } from '../idempotency/idempotency-key.decorator';
import { IdempotencyScope } from '../idempotency/idempotency.service';
import { idempotentReply } from '../idempotency/idempotent-reply';
import { UuidParam } from '../common/validation/uuid-param';
import { ReviewInputDto, ReviewResponseDto, ScreeningResponseDto, ScreeningRunResponseDto } from './dto/screening.dto';
import { ScreeningsService } from './screenings.service';

@ApiTags('screening')
@ApiBearerAuth()
@Controller('cases/:id/screenings')
export class ScreeningsController {
  constructor(private readonly screenings: ScreeningsService) {}

  @Post()
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Screen the case’s client as the record stands now; stores the result and creates its referral tasks' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ScreeningRunResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async run(
    @CurrentActor() actor: Actor,
    @UuidParam('id') caseId: string,
    @Idempotency() idempotency: IdempotencyScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScreeningRunResponseDto> {
    return idempotentReply(reply, await this.screenings.run(actor, caseId, idempotency));
  }

  @Get()
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'The case’s screening history, newest first, each with its review' })
  @ApiOkResponse({ type: [ScreeningResponseDto] })
  @ApiProblemResponses(400, 401, 403, 404)
  list(@CurrentActor() actor: Actor, @UuidParam('id') caseId: string): Promise<ScreeningResponseDto[]> {
    return this.screenings.list(actor, caseId);
  }

  @Get(':screeningId')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'One screening result with its flags, snapshot and review' })
  @ApiOkResponse({ type: ScreeningResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') caseId: string, @UuidParam('screeningId') screeningId: string): Promise<ScreeningResponseDto> {
    return this.screenings.get(actor, caseId, screeningId);
  }

  @Post(':screeningId/review')
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Accept or override the latest screening’s advice (override: reason of 10+ characters); once per screening' })
  @ApiCreatedResponse({ type: ReviewResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  review(
    @CurrentActor() actor: Actor,
    @UuidParam('id') caseId: string,
    @UuidParam('screeningId') screeningId: string,
    @Body() body: ReviewInputDto,
  ): Promise<ReviewResponseDto> {
    return this.screenings.review(actor, caseId, screeningId, body);
  }
}
