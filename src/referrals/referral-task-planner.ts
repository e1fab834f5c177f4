import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { isIntakeOpen } from '../cases/case-stages';
import { addDays, todayInLondon } from '../common/time/calendar-date';
import { Transaction } from '../database/transaction-runner';
import { PlannedTask } from '../screening/engine';
import { ReferralTask } from './referral-task.entity';
import { ReferralTasksRepository, TaskCase } from './referral-tasks.repository';
import { TaskTypeSettingsRepository } from './task-type-settings.repository';

export interface PlanSource {
  /** The screening that called for the tasks, or null when a stage change did. */
  screeningId: string | null;
  createdById: string;
}

/**
 * Turns a referral plan into tasks on a case, in the caller's transaction. A task whose case, type
 * and phase already has an open or in-progress twin is skipped, so running a plan twice is harmless;
 * a case whose intake is no longer open gets none.
 */
@Injectable()
export class ReferralTaskPlanner {
  constructor(
    private readonly tasks: ReferralTasksRepository,
    private readonly settings: TaskTypeSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async createPlanned(transaction: Transaction, matter: TaskCase, plan: readonly PlannedTask[], source: PlanSource): Promise<ReferralTask[]> {
    // A declined, referred-elsewhere or closed case takes no new referral work, whatever asks for it.
    if (plan.length === 0 || !isIntakeOpen(matter.intakeStage)) return [];
    const dueInDays = new Map((await this.settings.list(transaction)).map((setting) => [setting.type, setting.dueInDays]));
    const today = todayInLondon();
    const created = await this.tasks.insertIfNoneActive(
      transaction,
      plan.map((planned) => ({
        caseId: matter.id,
        type: planned.type,
        phase: planned.phase,
        assigneeId: defaultAssignee(matter),
        dueDate: addDays(today, dueInDays.get(planned.type) ?? 0),
        providerId: null,
        note: planned.note,
        screeningId: source.screeningId,
        createdById: source.createdById,
      })),
    );
    await this.audit.record(
      transaction,
      ...created.map((task) => ({ actorId: source.createdById, action: 'create' as const, entityType: 'referral_task' as const, entityId: task.id, changedFields: ['type', 'phase', 'assigneeId', 'dueDate'] })),
    );
    return created;
  }

  /** Due date for a task of this type created today. */
  async defaultDueDate(transaction: Transaction, type: PlannedTask['type']): Promise<string> {
    const setting = (await this.settings.list(transaction)).find((row) => row.type === type);
    return addDays(todayInLondon(), setting?.dueInDays ?? 0);
  }
}

/** The case's paralegal works its referrals; a case without one falls to its solicitor, so no task is unowned. */
export function defaultAssignee(matter: Pick<TaskCase, 'assignedParalegalId' | 'assignedSolicitorId'>): string {
  return matter.assignedParalegalId ?? matter.assignedSolicitorId;
}
