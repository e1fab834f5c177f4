import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { UuidParam } from '../common/validation/uuid-param';
import { CreateRuleSetDto, RuleSetResponseDto } from './dto/rule-set.dto';
import { RuleSetsService } from './rule-sets.service';

@ApiTags('screening')
@ApiBearerAuth()
@Controller('screening/rule-sets')
export class RuleSetsController {
  constructor(private readonly ruleSets: RuleSetsService) {}

  @Get()
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'Every rule-set version, newest first; one is active' })
  @ApiOkResponse({ type: [RuleSetResponseDto] })
  @ApiProblemResponses(401, 403)
  list(): Promise<RuleSetResponseDto[]> {
    return this.ruleSets.list();
  }

  @Get(':id')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'One rule-set version' })
  @ApiOkResponse({ type: RuleSetResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@UuidParam('id') id: string): Promise<RuleSetResponseDto> {
    return this.ruleSets.get(id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a new rule-set version (inactive until activated); versions are never edited' })
  @ApiCreatedResponse({ type: RuleSetResponseDto })
  @ApiProblemResponses(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateRuleSetDto): Promise<RuleSetResponseDto> {
    return this.ruleSets.create(actor, body);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Make this version the one future screenings use; past results keep theirs' })
  @ApiOkResponse({ type: RuleSetResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  activate(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<RuleSetResponseDto> {
    return this.ruleSets.activate(actor, id);
  }
}
