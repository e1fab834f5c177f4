import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Actor } from '../common/access/access.decorators';
import { managerFor, Transaction } from '../database/transaction-runner';
import { updateIfVersion, VersionedUpdate } from '../database/versioned-update';
import { IntakeStage, PathwayStage, StageTrack } from './case-stages';
import { CaseStageChange } from './case-stage-change.entity';
import { Case } from './case.entity';

type LimitationSatisfaction = 'limitationSatisfiedOn' | 'limitationSatisfiedNote' | 'limitationSatisfiedById' | 'limitationSatisfiedBy';
type ConflictOverride = 'conflictOverrideReason' | 'conflictOverriddenById' | 'conflictOverriddenBy' | 'conflictOverriddenAt';
export type NewCase = Omit<
  Case,
  'id' | 'number' | 'version' | 'createdAt' | 'updatedAt' | 'client' | 'assignedSolicitor' | 'assignedParalegal' | 'createdBy' | 'intakeStage' | 'pathwayStage' | LimitationSatisfaction | ConflictOverride
>;
export type CaseChanges = Partial<
  Omit<NewCase, 'clientId' | 'createdById'> & Pick<Case, Exclude<LimitationSatisfaction, 'limitationSatisfiedBy'> | Exclude<ConflictOverride, 'conflictOverriddenBy'>>
>;
export type CaseViewer = Pick<Actor, 'id' | 'role'>;

export interface CaseFilter {
  intakeStage?: IntakeStage;
  pathwayStage?: PathwayStage;
  assigneeId?: string;
  clientId?: string;
  incidentFrom?: string;
  incidentTo?: string;
  beforeNumber?: string;
  limit: number;
}

/** The only code that queries the cases and case_stage_changes tables. (`case` is an SQL keyword, so the alias is `matter`.) */
@Injectable()
export class CasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(transaction: Transaction, row: NewCase): Promise<Case> {
    const repository = transaction.manager.getRepository(Case);
    const entity = repository.create({
      ...row,
      limitationSatisfiedOn: null,
      limitationSatisfiedNote: null,
      limitationSatisfiedById: null,
      conflictOverrideReason: null,
      conflictOverriddenById: null,
      conflictOverriddenAt: null,
    });
    await repository.insert(entity);
    return entity;
  }

  /** The case when the viewer may see it: admin always; otherwise its assigned solicitor or paralegal. */
  findVisible(viewer: CaseViewer, id: string, transaction?: Transaction): Promise<Case | null> {
    const query = managerFor(this.dataSource, transaction).getRepository(Case).createQueryBuilder('matter').where('matter.id = :id', { id });
    return this.restrictTo(query, viewer).getOne();
  }

  /** findVisible, locking the case row until the transaction ends: work on one case is done one at a time. */
  lockVisible(viewer: CaseViewer, id: string, transaction: Transaction): Promise<Case | null> {
    const query = transaction.manager.getRepository(Case).createQueryBuilder('matter').where('matter.id = :id', { id }).setLock('pessimistic_write');
    return this.restrictTo(query, viewer).getOne();
  }

  updateIfVersion(transaction: Transaction, id: string, expectedVersion: number, changes: CaseChanges): Promise<VersionedUpdate<Case>> {
    return updateIfVersion(transaction.manager.getRepository(Case), { id }, expectedVersion, changes);
  }

  /**
   * Moves one track from `from` to `to` only if the case is still at `from`, so two people moving a
   * case at once cannot both succeed. Answers the updated case, or null when it had moved on.
   */
  async moveStage(transaction: Transaction, id: string, track: StageTrack, from: string, to: string): Promise<Case | null> {
    const column = track === 'intake' ? 'intakeStage' : 'pathwayStage';
    const result = await transaction.manager
      .getRepository(Case)
      .createQueryBuilder()
      .update()
      .set({ [column]: to })
      .where('id = :id', { id })
      .andWhere(`${track === 'intake' ? 'intake_stage' : 'pathway_stage'} = :from`, { from })
      // Accepting needs a case with no unresolved conflict at the moment of the write, not only when it was checked.
      .andWhere(to === 'accepted' ? "conflict_status <> 'potential'" : 'TRUE')
      .execute();
    return result.affected === 1 ? transaction.manager.getRepository(Case).findOneByOrFail({ id }) : null;
  }

  async recordStageChange(transaction: Transaction, change: Omit<CaseStageChange, 'id' | 'case' | 'changedBy' | 'changedAt'>): Promise<void> {
    await transaction.manager.getRepository(CaseStageChange).insert(change);
  }

  /** Newest first, with the client for each row; one row more than asked tells whether a page follows. */
  list(viewer: CaseViewer, filter: CaseFilter): Promise<Case[]> {
    const query = this.dataSource
      .getRepository(Case)
      .createQueryBuilder('matter')
      .innerJoinAndSelect('matter.client', 'client')
      .orderBy('matter.number', 'DESC')
      .limit(filter.limit + 1);
    if (filter.intakeStage !== undefined) query.andWhere('matter.intake_stage = :intakeStage', { intakeStage: filter.intakeStage });
    if (filter.pathwayStage !== undefined) query.andWhere('matter.pathway_stage = :pathwayStage', { pathwayStage: filter.pathwayStage });
    if (filter.assigneeId !== undefined) {
      query.andWhere('(matter.assigned_solicitor_id = :assigneeId OR matter.assigned_paralegal_id = :assigneeId)', { assigneeId: filter.assigneeId });
    }
    if (filter.clientId !== undefined) query.andWhere('matter.client_id = :clientId', { clientId: filter.clientId });
    if (filter.incidentFrom !== undefined) query.andWhere('matter.incident_date >= :incidentFrom', { incidentFrom: filter.incidentFrom });
    if (filter.incidentTo !== undefined) query.andWhere('matter.incident_date <= :incidentTo', { incidentTo: filter.incidentTo });
    if (filter.beforeNumber !== undefined) query.andWhere('matter.number < :beforeNumber', { beforeNumber: filter.beforeNumber });
    return this.restrictTo(query, viewer).getMany();
  }

  private restrictTo(query: SelectQueryBuilder<Case>, viewer: CaseViewer): SelectQueryBuilder<Case> {
    if (viewer.role === 'admin') return query;
    const column = viewer.role === 'solicitor' ? 'matter.assigned_solicitor_id' : 'matter.assigned_paralegal_id';
    return query.andWhere(`${column} = :viewerId`, { viewerId: viewer.id });
  }
}
