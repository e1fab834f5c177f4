import { Injectable } from '@nestjs/common';
import { AmputationsService } from '../clients/amputations.service';
import { ClientsService } from '../clients/clients.service';
import { IdempotencyScope, IdempotencyService, IdempotentResult } from '../idempotency/idempotency.service';
import { toClientResponse, toHealthProfileResponse } from '../clients/client.mapper';
import { toCaseDetail } from './case.mapper';
import { CaseViewer } from './cases.repository';
import { CasesService } from './cases.service';
import { CaseDetailDto } from './dto/case.dto';
import { IntakeDto } from './dto/intake.dto';

/**
 * The hot path: a solicitor on the phone. Client, health profile, amputations with their complaints
 * and the case are written in one transaction: every row or none.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly clients: ClientsService,
    private readonly amputations: AmputationsService,
    private readonly cases: CasesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async take(actor: CaseViewer, input: IntakeDto, idempotency: IdempotencyScope): Promise<IdempotentResult<CaseDetailDto>> {
    const creatorId = actor.id;
    const result = await this.idempotency.run(idempotency, async (transaction) => {
      const { client, healthProfile } = await this.clients.createInTransaction(transaction, creatorId, input.client, input.healthProfile);
      const amputations = await this.amputations.addInTransaction(transaction, creatorId, client.id, input.amputations ?? [], 'amputations');
      const created = await this.cases.createInTransaction(transaction, creatorId, client, input.case, { fieldPrefix: 'case.', clientIsNew: true });
      // Answered from the rows as written (RETURNING gave their generated columns), not read back: the same body GET /cases/{id} gives.
      return { status: 201, body: toCaseDetail(created, { client: toClientResponse(client), amputations, healthProfile: toHealthProfileResponse(healthProfile) }) };
    });
    // A retry answered from the stored response discloses the client and health profile again.
    if (result.replayed) await this.cases.answerReplay(actor, result.body);
    return result;
  }
}
