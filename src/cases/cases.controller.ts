import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { IfMatchVersion } from '../common/concurrency/etag';
import { ApiIdempotencyKey, ApiIfMatch } from '../common/openapi/api-idempotency-key';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { UuidParam } from '../common/validation/uuid-param';
import { Idempotency } from '../idempotency/idempotency-key.decorator';
import { IdempotencyScope } from '../idempotency/idempotency.service';
import { idempotentReply } from '../idempotency/idempotent-reply';
import { CasesService } from './cases.service';
import { CaseDetailDto, CasePageDto, CaseResponseDto, ConflictOverrideDto, CreateCaseDto, LimitationSatisfiedDto, ListCasesQueryDto, TransitionDto, UpdateCaseDto } from './dto/case.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Open a case for an existing client' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CaseDetailDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateCaseDto,
    @Idempotency() idempotency: IdempotencyScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDetailDto> {
    return idempotentReply(reply, await this.cases.create(actor, body, idempotency));
  }

  @Get()
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'Cases you may see, newest first, with filters' })
  @ApiOkResponse({ type: CasePageDto })
  @ApiProblemResponses(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListCasesQueryDto): Promise<CasePageDto> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'A case with its client, amputations, complaints and health profile; ETag carries its version' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CaseDetailDto> {
    return this.cases.get(actor, id);
  }

  @Patch(':id')
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Change some of a case’s details (not its stages)' })
  @ApiIfMatch()
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 412, 422, 428)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateCaseDto,
  ): Promise<CaseResponseDto> {
    return this.cases.update(actor, id, version, body);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Move the intake stage or the OI pathway; 409 names the allowed next stages' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  transition(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: TransitionDto): Promise<CaseResponseDto> {
    return this.cases.transition(actor, id, body);
  }

  @Post(':id/limitation-satisfied')
  @HttpCode(200)
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Record that proceedings were issued: the case leaves every limitation alert' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 412)
  limitationSatisfied(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: LimitationSatisfiedDto): Promise<CaseResponseDto> {
    return this.cases.markLimitationSatisfied(actor, id, body);
  }

  @Post(':id/conflict-check')
  @HttpCode(200)
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Run the conflict check again against every client and party in the firm' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  checkConflicts(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CaseResponseDto> {
    return this.cases.checkConflicts(actor, id);
  }

  @Post(':id/conflict-override')
  @HttpCode(200)
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Record that a potential conflict is not one (reason of 10+ characters), so the case can be accepted' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  overrideConflict(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ConflictOverrideDto): Promise<CaseResponseDto> {
    return this.cases.overrideConflict(actor, id, body);
  }
}
