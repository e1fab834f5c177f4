import { Injectable } from '@nestjs/common';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { Case } from '../cases/case.entity';
import { CaseViewer } from '../cases/cases.repository';
import { managerFor, Transaction } from '../database/transaction-runner';
import { updateIfVersion, VersionedUpdate } from '../database/versioned-update';
import { ReferralTask } from './referral-task.entity';
import { ACTIVE_TASK_STATUSES, ReferralPhase, ReferralTaskStatus, ReferralTaskType } from './referral-terms';

export type NewReferralTask = Pick<ReferralTask, 'caseId' | 'type' | 'phase' | 'assigneeId' | 'dueDate' | 'providerId' | 'note' | 'screeningId' | 'createdById'>;
export type ReferralTaskChanges = Partial<Pick<ReferralTask, 'status' | 'assigneeId' | 'dueDate' | 'providerId' | 'note' | 'outcomeNote' | 'closedAt'>>;

/** The case facts task code needs: who works it, and its reference. */
export type TaskCase = Pick<Case, 'id' | 'number' | 'createdAt' | 'assignedSolicitorId' | 'assignedParalegalId' | 'intakeStage' | 'pathwayStage'>;

export interface TaskFilter {
  today: string;
  assigneeId?: string;
  statuses: readonly ReferralTaskStatus[];
  type?: ReferralTaskType;
  caseId?: string;
  overdueOnly: boolean;
  after?: { overdue: number; dueDate: string; number: string };
  limit: number;
}

// 1 for work still to do whose due date has passed: these lead the working list.
const OVERDUE = `(CASE WHEN task.status IN ('open', 'in_progress') AND task.due_date < :today THEN 1 ELSE 0 END)`;

/** The only code that queries the referral_tasks table. Tasks join their case, whose assignees decide who sees them. */
@Injectable()
export class ReferralTasksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the tasks that have no open or in-progress twin (same case, type and phase) and answers
   * the ones written; the partial unique index makes this hold under concurrent screenings too.
   */
  async insertIfNoneActive(transaction: Transaction, rows: NewReferralTask[]): Promise<ReferralTask[]> {
    if (rows.length === 0) return [];
    const repository = transaction.manager.getRepository(ReferralTask);
    // Each task carries its case's opening instant, for the referral timings (read without a join to cases).
    const caseIds = [...new Set(rows.map((row) => row.caseId))];
    const cases = await transaction.manager.getRepository(Case).find({ select: { id: true, createdAt: true }, where: { id: In(caseIds) } });
    const openedAt = new Map(cases.map((matter) => [matter.id, matter.createdAt]));
    const values = rows.map((row) => ({ ...row, caseOpenedAt: openedAt.get(row.caseId) }));
    const result = await repository.createQueryBuilder().insert().values(values).orIgnore().returning(['id']).execute();
    const ids = (result.raw as { id: string }[]).map((row) => row.id);
    if (ids.length === 0) return [];
    return repository.find({ where: { id: In(ids) }, relations: { case: true }, order: { number: 'ASC' } });
  }

  findActive(transaction: Transaction, caseId: string, type: ReferralTaskType, phase: ReferralPhase): Promise<ReferralTask | null> {
    return transaction.manager.getRepository(ReferralTask).findOneBy({ caseId, type, phase, status: In([...ACTIVE_TASK_STATUSES]) });
  }

  /** The case when the viewer may work its tasks (admin, its solicitor, its paralegal); locked in a transaction. */
  findWorkableCase(viewer: CaseViewer, caseId: string, transaction?: Transaction): Promise<TaskCase | null> {
    const query = managerFor(this.dataSource, transaction).getRepository(Case).createQueryBuilder('matter').where('matter.id = :caseId', { caseId });
    if (viewer.role !== 'admin') {
      query.andWhere(`matter.${viewer.role === 'solicitor' ? 'assigned_solicitor_id' : 'assigned_paralegal_id'} = :viewerId`, { viewerId: viewer.id });
    }
    if (transaction !== undefined) query.setLock('pessimistic_write');
    return query.getOne();
  }

  findVisible(viewer: CaseViewer, id: string, transaction?: Transaction): Promise<ReferralTask | null> {
    const query = this.baseQuery(transaction).where('task.id = :id', { id });
    return this.restrictTo(query, viewer).getOne();
  }

  updateIfVersion(transaction: Transaction, id: string, expectedVersion: number, changes: ReferralTaskChanges): Promise<VersionedUpdate<ReferralTask>> {
    return updateIfVersion(transaction.manager.getRepository(ReferralTask), { id }, expectedVersion, changes);
  }

  /** The working list: overdue first, then by due date, then by creation; one row more than asked. */
  list(viewer: CaseViewer, filter: TaskFilter): Promise<ReferralTask[]> {
    const query = this.baseQuery()
      .addSelect(OVERDUE, 'task_overdue')
      .setParameter('today', filter.today)
      .andWhere('task.status IN (:...statuses)', { statuses: filter.statuses })
      .orderBy(OVERDUE, 'DESC')
      .addOrderBy('task.due_date', 'ASC')
      .addOrderBy('task.number', 'ASC')
      .limit(filter.limit + 1);
    if (filter.assigneeId !== undefined) query.andWhere('task.assignee_id = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.type !== undefined) query.andWhere('task.type = :type', { type: filter.type });
    if (filter.caseId !== undefined) query.andWhere('task.case_id = :caseId', { caseId: filter.caseId });
    if (filter.overdueOnly) query.andWhere(`${OVERDUE} = 1`);
    if (filter.after !== undefined) {
      query.andWhere(
        `(${OVERDUE} < :afterOverdue OR (${OVERDUE} = :afterOverdue AND (task.due_date > :afterDue OR (task.due_date = :afterDue AND task.number > :afterNumber))))`,
        { afterOverdue: filter.after.overdue, afterDue: filter.after.dueDate, afterNumber: filter.after.number },
      );
    }
    return this.restrictTo(query, viewer).getMany();
  }

  /** Open and in-progress tasks assigned to one user, for their calendar feed. */
  listActiveAssignedTo(assigneeId: string): Promise<ReferralTask[]> {
    return this.baseQuery()
      .where('task.assignee_id = :assigneeId', { assigneeId })
      .andWhere('task.status IN (:...statuses)', { statuses: ACTIVE_TASK_STATUSES })
      .orderBy('task.due_date', 'ASC')
      .addOrderBy('task.number', 'ASC')
      .getMany();
  }

  private baseQuery(transaction?: Transaction): SelectQueryBuilder<ReferralTask> {
    return managerFor(this.dataSource, transaction).getRepository(ReferralTask).createQueryBuilder('task').innerJoinAndSelect('task.case', 'matter');
  }

  /** Admin sees every task; others the tasks assigned to them and the tasks of the cases assigned to them. */
  private restrictTo(query: SelectQueryBuilder<ReferralTask>, viewer: CaseViewer): SelectQueryBuilder<ReferralTask> {
    if (viewer.role === 'admin') return query;
    const caseColumn = viewer.role === 'solicitor' ? 'matter.assigned_solicitor_id' : 'matter.assigned_paralegal_id';
    return query.andWhere(`(task.assignee_id = :viewerId OR ${caseColumn} = :viewerId)`, { viewerId: viewer.id });
  }
}
