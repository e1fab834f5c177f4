import { Body, Controller, Get, Patch, Post, Put, Query, Res } from '@nestjs/common';
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
import { ClientsService } from './clients.service';
import { ClientPageDto, ClientResponseDto, CreateClientDto, ListClientsQueryDto, UpdateClientDto } from './dto/client.dto';
import { HealthProfileInputDto, HealthProfileResponseDto } from './dto/health-profile.dto';

@ApiTags('clients')
@ApiBearerAuth()
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Create a client (with an all-unknown health profile)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ClientResponseDto })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateClientDto,
    @Idempotency() idempotency: IdempotencyScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClientResponseDto> {
    return idempotentReply(reply, await this.clients.create(actor, body, idempotency));
  }

  @Get()
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'Find clients by name, reference, postcode or date of birth, newest first' })
  @ApiOkResponse({ type: ClientPageDto })
  @ApiProblemResponses(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListClientsQueryDto): Promise<ClientPageDto> {
    return this.clients.list(actor, query);
  }

  @Get(':id')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'One client; ETag carries its version' })
  @ApiOkResponse({ type: ClientResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ClientResponseDto> {
    return this.clients.get(actor, id);
  }

  @Patch(':id')
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Change some of a client’s details' })
  @ApiIfMatch()
  @ApiOkResponse({ type: ClientResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateClientDto,
  ): Promise<ClientResponseDto> {
    return this.clients.update(actor, id, version, body);
  }

  @Get(':id/health-profile')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'The client’s health profile (special-category data)' })
  @ApiOkResponse({ type: HealthProfileResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  getHealthProfile(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<HealthProfileResponseDto> {
    return this.clients.getHealthProfile(actor, id);
  }

  @Put(':id/health-profile')
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Replace the health profile: a fact left out becomes unknown' })
  @ApiIfMatch()
  @ApiOkResponse({ type: HealthProfileResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 412, 428)
  replaceHealthProfile(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @IfMatchVersion() version: number,
    @Body() body: HealthProfileInputDto,
  ): Promise<HealthProfileResponseDto> {
    return this.clients.replaceHealthProfile(actor, id, version, body);
  }
}
