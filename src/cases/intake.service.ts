import { Injectable } from '@nestjs/common';
import { AmputationsService } from '../clients/amputations.service';
import { ClientsService } from '../clients/clients.service';
import { IdempotencyScope, IdempotencyService, IdempotentResult } from '../idempotency/idempotency.service';
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

  take(creatorId: string, input: IntakeDto, idempotency: IdempotencyScope): Promise<IdempotentResult<CaseDetailDto>> {
    return this.idempotency.run(idempotency, async (transaction) => {
      const client = await this.clients.createInTransaction(transaction, creatorId, input.client, input.healthProfile);
      await this.amputations.addInTransaction(transaction, creatorId, client.id, input.amputations ?? [], 'amputations');
      const created = await this.cases.createInTransaction(transaction, creatorId, client, input.case, 'case.');
      return { status: 201, body: await this.cases.detail(created, transaction) };
    });
  }
}
