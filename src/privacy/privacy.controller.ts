import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { UuidParam } from '../common/validation/uuid-param';
import { ClientExportDto, ErasureRequestDto, ErasureResponseDto } from './dto/privacy.dto';
import { PrivacyService } from './privacy.service';

@ApiTags('data-subject rights')
@ApiBearerAuth()
@Controller('clients/:id')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('export')
  @Roles('admin')
  @ApiOperation({ summary: 'Subject access: everything held about the client, with the audit events about it, as one document' })
  @ApiOkResponse({ type: ClientExportDto })
  @ApiProblemResponses(400, 401, 403, 404)
  export(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ClientExportDto> {
    return this.privacy.export(actor.id, id);
  }

  @Post('erasure')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Erase the client’s personal and health data, irreversibly; 409 LEGAL_HOLD while a case is open' })
  @ApiOkResponse({ type: ErasureResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  erase(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ErasureRequestDto): Promise<ErasureResponseDto> {
    return this.privacy.erase(actor.id, id, body);
  }
}
