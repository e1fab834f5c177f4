import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { ApiIdempotencyKey } from '../common/openapi/api-idempotency-key';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { Idempotency } from '../idempotency/idempotency-key.decorator';
import { IdempotencyScope } from '../idempotency/idempotency.service';
import { idempotentReply } from '../idempotency/idempotent-reply';
import { CaseDetailDto } from './dto/case.dto';
import { IntakeDto } from './dto/intake.dto';
import { IntakeService } from './intake.service';

@ApiTags('intake')
@ApiBearerAuth()
@Controller('intake')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Post()
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Take a whole enquiry in one request: client, amputations, health profile and case, all or nothing' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CaseDetailDto })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  async take(
    @CurrentActor() actor: Actor,
    @Body() body: IntakeDto,
    @Idempotency() idempotency: IdempotencyScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDetailDto> {
    return idempotentReply(reply, await this.intake.take(actor, body, idempotency));
  }
}
