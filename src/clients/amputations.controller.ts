import { Body, Controller, Delete, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { IfMatchVersion } from '../common/concurrency/etag';
import { ApiIfMatch } from '../common/openapi/api-idempotency-key';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { UuidParam } from '../common/validation/uuid-param';
import { AmputationsService } from './amputations.service';
import { AmputationResponseDto, CreateAmputationDto, UpdateAmputationDto } from './dto/amputation.dto';
import { CreateSocketComplaintDto, SocketComplaintResponseDto, UpdateSocketComplaintDto } from './dto/socket-complaint.dto';

@ApiTags('clients')
@ApiBearerAuth()
@Roles('admin', 'solicitor')
@Controller('clients/:clientId/amputations')
export class AmputationsController {
  constructor(private readonly amputations: AmputationsService) {}

  @Post()
  @ApiOperation({ summary: 'Record an amputation, with its socket complaints' })
  @ApiCreatedResponse({ type: AmputationResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  add(@CurrentActor() actor: Actor, @UuidParam('clientId') clientId: string, @Body() body: CreateAmputationDto): Promise<AmputationResponseDto> {
    return this.amputations.add(actor, clientId, body);
  }

  @Patch(':amputationId')
  @ApiOperation({ summary: 'Change an amputation' })
  @ApiIfMatch()
  @ApiOkResponse({ type: AmputationResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
    @UuidParam('amputationId') amputationId: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateAmputationDto,
  ): Promise<AmputationResponseDto> {
    return this.amputations.update(actor, clientId, amputationId, version, body);
  }

  @Delete(':amputationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an amputation recorded in error (kept, hidden)' })
  @ApiIfMatch()
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403, 404, 412, 428)
  remove(
    @CurrentActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
    @UuidParam('amputationId') amputationId: string,
    @IfMatchVersion() version: number,
  ): Promise<void> {
    return this.amputations.remove(actor, clientId, amputationId, version);
  }

  @Post(':amputationId/socket-complaints')
  @ApiOperation({ summary: 'Record a socket complaint on an amputation' })
  @ApiCreatedResponse({ type: SocketComplaintResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  addComplaint(
    @CurrentActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
    @UuidParam('amputationId') amputationId: string,
    @Body() body: CreateSocketComplaintDto,
  ): Promise<SocketComplaintResponseDto> {
    return this.amputations.addComplaint(actor, clientId, amputationId, body);
  }

  @Patch(':amputationId/socket-complaints/:complaintId')
  @ApiOperation({ summary: 'Change a socket complaint' })
  @ApiIfMatch()
  @ApiOkResponse({ type: SocketComplaintResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 412, 428)
  updateComplaint(
    @CurrentActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
    @UuidParam('amputationId') amputationId: string,
    @UuidParam('complaintId') complaintId: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateSocketComplaintDto,
  ): Promise<SocketComplaintResponseDto> {
    return this.amputations.updateComplaint(actor, { clientId, amputationId, complaintId }, version, body);
  }

  @Delete(':amputationId/socket-complaints/:complaintId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a socket complaint recorded in error (kept, hidden)' })
  @ApiIfMatch()
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403, 404, 412, 428)
  removeComplaint(
    @CurrentActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
    @UuidParam('amputationId') amputationId: string,
    @UuidParam('complaintId') complaintId: string,
    @IfMatchVersion() version: number,
  ): Promise<void> {
    return this.amputations.removeComplaint(actor, { clientId, amputationId, complaintId }, version);
  }
}
