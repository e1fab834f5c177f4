import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { managerFor, Transaction } from '../database/transaction-runner';
import { ScreeningRuleSet } from './rule-set.entity';

export type NewRuleSet = Pick<ScreeningRuleSet, 'version' | 'description' | 'severities' | 'createdById'>;

// One key for every activation, so two admins activating at once take turns instead of colliding.
const ACTIVATION_LOCK = 'screening_rule_sets.activate';

/** The only code that queries screening_rule_sets. */
@Injectable()
export class RuleSetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<ScreeningRuleSet[]> {
    return this.dataSource.getRepository(ScreeningRuleSet).find({ order: { createdAt: 'DESC', version: 'DESC' } });
  }

  findById(id: string, transaction?: Transaction): Promise<ScreeningRuleSet | null> {
    return managerFor(this.dataSource, transaction).getRepository(ScreeningRuleSet).findOneBy({ id });
  }

  findByVersion(version: string, transaction?: Transaction): Promise<ScreeningRuleSet | null> {
    return managerFor(this.dataSource, transaction).getRepository(ScreeningRuleSet).findOneBy({ version });
  }

  findActive(transaction?: Transaction): Promise<ScreeningRuleSet | null> {
    return managerFor(this.dataSource, transaction).getRepository(ScreeningRuleSet).findOneBy({ active: true });
  }

  /** Answers null when the version is taken (checked and inserted under the activation lock). */
  async insert(transaction: Transaction, row: NewRuleSet): Promise<ScreeningRuleSet | null> {
    await this.lock(transaction);
    const repository = transaction.manager.getRepository(ScreeningRuleSet);
    if ((await repository.findOneBy({ version: row.version })) !== null) return null;
    const entity = repository.create({ ...row, active: false, activatedAt: null });
    await repository.insert(entity);
    return repository.findOneByOrFail({ id: entity.id });
  }

  /** Makes `id` the one active version; the others are switched off in the same statement's transaction. */
  async activate(transaction: Transaction, id: string): Promise<ScreeningRuleSet | null> {
    await this.lock(transaction);
    const repository = transaction.manager.getRepository(ScreeningRuleSet);
    const target = await repository.findOneBy({ id });
    if (target === null) return null;
    if (target.active) return target;
    await repository.createQueryBuilder().update().set({ active: false }).where('active').execute();
    await repository.createQueryBuilder().update().set({ active: true, activatedAt: () => 'now()' }).where('id = :id', { id }).execute();
    return repository.findOneByOrFail({ id });
  }

  private async lock(transaction: Transaction): Promise<void> {
    await transaction.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ACTIVATION_LOCK]);
  }
}
