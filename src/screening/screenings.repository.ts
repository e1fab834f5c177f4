import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { managerFor, Transaction } from '../database/transaction-runner';
import { ScreeningReview } from './screening-review.entity';
import { Screening } from './screening.entity';

export type NewScreening = Pick<Screening, 'caseId' | 'ruleSetId' | 'ruleSetVersion' | 'outcome' | 'flags' | 'snapshot' | 'ranById'>;
export type NewScreeningReview = Pick<ScreeningReview, 'screeningId' | 'decision' | 'reason' | 'reviewedById'>;

/** The only code that queries screenings and screening_reviews. Both are written once and never changed. */
@Injectable()
export class ScreeningsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(transaction: Transaction, row: NewScreening): Promise<Screening> {
    const repository = transaction.manager.getRepository(Screening);
    const entity = repository.create(row);
    await repository.insert(entity);
    return repository.findOneByOrFail({ id: entity.id });
  }

  /** Newest first. A case has a handful of screenings, so the history is read whole. */
  listForCase(caseId: string, transaction?: Transaction): Promise<Screening[]> {
    return managerFor(this.dataSource, transaction).getRepository(Screening).find({ where: { caseId }, order: { sequence: 'DESC' } });
  }

  findForCase(caseId: string, id: string, transaction?: Transaction): Promise<Screening | null> {
    return managerFor(this.dataSource, transaction).getRepository(Screening).findOneBy({ id, caseId });
  }

  async latestForCase(caseId: string, transaction: Transaction): Promise<Screening | null> {
    const [latest] = await transaction.manager.getRepository(Screening).find({ where: { caseId }, order: { sequence: 'DESC' }, take: 1 });
    return latest ?? null;
  }

  async insertReview(transaction: Transaction, row: NewScreeningReview): Promise<ScreeningReview> {
    const repository = transaction.manager.getRepository(ScreeningReview);
    await repository.insert(repository.create(row));
    return repository.findOneByOrFail({ screeningId: row.screeningId });
  }

  findReview(screeningId: string, transaction?: Transaction): Promise<ScreeningReview | null> {
    return managerFor(this.dataSource, transaction).getRepository(ScreeningReview).findOneBy({ screeningId });
  }

  listReviews(screeningIds: string[]): Promise<ScreeningReview[]> {
    if (screeningIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ScreeningReview).findBy({ screeningId: In(screeningIds) });
  }
}
