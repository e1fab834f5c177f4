import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
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
import { CreateProviderDto, ListProvidersQueryDto, ProviderResponseDto, UpdateProviderDto } from './dto/provider.dto';
import { TaskTypeSettingDto, UpdateTaskTypeSettingDto } from './dto/referral-task.dto';
import { ProvidersService } from './providers.service';

@ApiTags('providers')
@ApiBearerAuth()
@Controller()
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Get('providers')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'The provider directory, by kind then name' })
  @ApiOkResponse({ type: [ProviderResponseDto] })
  @ApiProblemResponses(400, 401, 403)
  list(@Query() query: ListProvidersQueryDto): Promise<ProviderResponseDto[]> {
    return this.providers.list(query);
  }

  @Get('providers/:id')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'One provider; ETag carries its version' })
  @ApiOkResponse({ type: ProviderResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@UuidParam('id') id: string): Promise<ProviderResponseDto> {
    return this.providers.get(id);
  }

  @Post('providers')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a provider to the directory' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ProviderResponseDto })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateProviderDto,
    @Idempotency() idempotency: IdempotencyScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProviderResponseDto> {
    return idempotentReply(reply, await this.providers.create(actor.id, body, idempotency));
  }

  @Patch('providers/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a provider; set active=false to stop offering it' })
  @ApiIfMatch()
  @ApiOkResponse({ type: ProviderResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateProviderDto,
  ): Promise<ProviderResponseDto> {
    return this.providers.update(actor.id, id, version, body);
  }

  @Get('referral-task-types')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'Task types with their labels, provider kinds and default days until due' })
  @ApiOkResponse({ type: [TaskTypeSettingDto] })
  @ApiProblemResponses(401, 403)
  listTaskTypes(): Promise<TaskTypeSettingDto[]> {
    return this.providers.listTaskTypes();
  }

  @Patch('referral-task-types/:type')
  @Roles('admin')
  @ApiOperation({ summary: 'Change how many days new tasks of a type have until due (existing tasks keep theirs)' })
  @ApiIfMatch()
  @ApiOkResponse({ type: TaskTypeSettingDto })
  @ApiProblemResponses(400, 401, 403, 404, 412, 428)
  updateTaskType(
    @CurrentActor() actor: Actor,
    @Param('type') type: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateTaskTypeSettingDto,
  ): Promise<TaskTypeSettingDto> {
    return this.providers.updateTaskType(actor.id, type, version, body);
  }
}
