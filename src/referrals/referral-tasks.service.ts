import { Injectable } from '@nestjs/common';
import { AuditService, sentFields } from '../audit/audit.service';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { isIntakeOpen } from '../cases/case-stages';
import { CaseViewer } from '../cases/cases.repository';
import { definedOnly, unwrap } from '../common/concurrency/versioned-changes';
import { staleWrite } from '../common/concurrency/etag';
import { DomainError } from '../common/errors/domain-error';
import { decodeCursor, encodeCursor, invalidCursor } from '../common/pagination/cursor';
import { Page } from '../common/pagination/page.dto';
import { todayInLondon } from '../common/time/calendar-date';
import { Transaction, TransactionRunner } from '../database/transaction-runner';
import { IdempotencyScope, IdempotencyService, IdempotentResult } from '../idempotency/idempotency.service';
import { UsersRepository } from '../users/users.repository';
import { CreateReferralTaskDto, ListReferralTasksQueryDto, ReferralTaskResponseDto, UpdateReferralTaskDto } from './dto/referral-task.dto';
import { ProvidersRepository } from './providers.repository';
import { ReferralTask } from './referral-task.entity';
import { defaultAssignee, ReferralTaskPlanner } from './referral-task-planner';
import { ACTIVE_TASK_STATUSES, isFinalStatus, nextTaskStatuses, PROVIDER_KIND_FOR_TASK, ReferralTaskType, TASK_TYPE_LABELS } from './referral-terms';
import { caseReferenceOf, toReferralTaskResponse } from './referral.mapper';
import { ReferralsErrors } from './referrals.errors';
import { ReferralTaskChanges, ReferralTasksRepository } from './referral-tasks.repository';


/** Referral tasks as people work them: the working list, hand-made tasks, status moves and the calendar feed. */
@Injectable()
export class ReferralTasksService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly idempotency: IdempotencyService,
    private readonly tasks: ReferralTasksRepository,
    private readonly providers: ProvidersRepository,
    private readonly users: UsersRepository,
    private readonly planner: ReferralTaskPlanner,
    private readonly audit: AuditService,
  ) {}

  async list(actor: CaseViewer, query: ListReferralTasksQueryDto): Promise<Page<ReferralTaskResponseDto>> {
    const today = todayInLondon();
    const rows = await this.tasks.list(actor, {
      today,
      assigneeId: resolveAssignee(actor, query.assignee),
      statuses: query.status === undefined ? ACTIVE_TASK_STATUSES : [query.status],
      type: query.type,
      caseId: query.caseId,
      overdueOnly: query.overdue === 'true',
      after: query.cursor === undefined ? undefined : decodeTaskCursor(query.cursor),
      limit: query.limit,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    // Tasks carry notes about the client: each one shown is a read.
    await this.audit.recordNow(...items.map((task) => ({ actorId: actor.id, action: 'read' as const, entityType: 'referral_task' as const, entityId: task.id })));
    return {
      items: items.map((task) => toReferralTaskResponse(task, today)),
      nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([taskOverdueRank(last, today), last.dueDate, last.number]) : null,
    };
  }

  async get(actor: CaseViewer, id: string): Promise<ReferralTaskResponseDto> {
    const task = await this.requireVisible(actor, id);
    await this.audit.recordNow({ actorId: actor.id, action: 'read', entityType: 'referral_task', entityId: id });
    return toReferralTaskResponse(task, todayInLondon());
  }

  /** A retry with the same Idempotency-Key answers the first response and adds no second task. */
  create(actor: CaseViewer, caseId: string, input: CreateReferralTaskDto, idempotency: IdempotencyScope): Promise<IdempotentResult<ReferralTaskResponseDto>> {
    const phase = input.phase ?? 'pre_op';
    return this.idempotency.run(idempotency, async (transaction) => {
      const matter = await this.tasks.findWorkableCase(actor, caseId, transaction);
      if (matter === null) throw ReferralsErrors.caseNotFound();
      if (!isIntakeOpen(matter.intakeStage)) throw ReferralsErrors.caseNotOpen();
      const existing = await this.tasks.findActive(transaction, caseId, input.type, phase);
      if (existing !== null) throw ReferralsErrors.taskAlreadyOpen(input.type, phase, existing.id);
      if (input.assigneeId !== undefined) await this.assertAssignee(transaction, input.assigneeId);
      if (input.providerId !== undefined && input.providerId !== null) await this.assertProvider(transaction, input.providerId, input.type);
      const [task] = await this.tasks.insertIfNoneActive(transaction, [
        {
          caseId,
          type: input.type,
          phase,
          assigneeId: input.assigneeId ?? defaultAssignee(matter),
          dueDate: input.dueDate ?? (await this.planner.defaultDueDate(transaction, input.type)),
          providerId: input.providerId ?? null,
          note: input.note ?? null,
          screeningId: null,
          createdById: actor.id,
        },
      ]);
      if (task === undefined) {
        // Only a twin committed between the check and the insert gets here.
        const twin = await this.tasks.findActive(transaction, caseId, input.type, phase);
        throw ReferralsErrors.taskAlreadyOpen(input.type, phase, twin?.id ?? 'unknown');
      }
      await this.audit.record(transaction, { actorId: actor.id, action: 'create', entityType: 'referral_task', entityId: task.id, changedFields: sentFields(input) });
      return { status: 201, body: toReferralTaskResponse(task, todayInLondon()) };
    });
  }

  async update(actor: CaseViewer, id: string, expectedVersion: number, input: UpdateReferralTaskDto): Promise<ReferralTaskResponseDto> {
    const current = await this.requireVisible(actor, id);
    // The precondition first: a writer who missed a change is told to re-read, not judged on a state they never saw.
    if (current.version !== expectedVersion) throw staleWrite();
    const changes: ReferralTaskChanges = definedOnly({ ...input });
    if (isFinalStatus(current.status)) {
      // A move out of a final status is a graph refusal like any other; it names no allowed next status.
      if (input.status !== undefined && input.status !== current.status) throw ReferralsErrors.invalidStatusTransition(current.status, input.status, []);
      const touched = Object.keys(changes).filter((key) => key !== 'outcomeNote' && !(key === 'status' && changes.status === current.status));
      if (touched.length > 0) throw ReferralsErrors.taskClosed(current.status);
      delete changes.status;
    } else if (input.status !== undefined && input.status !== current.status) {
      if (!nextTaskStatuses(current.status).includes(input.status)) {
        throw ReferralsErrors.invalidStatusTransition(current.status, input.status, nextTaskStatuses(current.status));
      }
      if (isFinalStatus(input.status)) changes.closedAt = new Date();
    }
    const updated = await this.transactions.run(async (transaction) => {
      if (input.assigneeId !== undefined && input.assigneeId !== current.assigneeId) await this.assertAssignee(transaction, input.assigneeId);
      if (input.providerId !== undefined && input.providerId !== null && input.providerId !== current.providerId) {
        await this.assertProvider(transaction, input.providerId, current.type);
      }
      return this.audit.recordIfWritten(transaction, await this.tasks.updateIfVersion(transaction, id, expectedVersion, changes), {
        actorId: actor.id,
        action: 'update',
        entityType: 'referral_task',
        entityId: id,
        changedFields: Object.keys(changes),
      });
    });
    unwrap(updated, ReferralsErrors.taskNotFound);
    return this.get(actor, id);
  }

  /** An iCalendar feed of the user's open and in-progress tasks, each an all-day event on its due date. */
  async calendar(actor: CaseViewer, now: Date = new Date()): Promise<string> {
    const calendar = ical({ name: 'oi-intake referral tasks', prodId: { company: 'oi-intake', product: 'referral-tasks', language: 'EN' } });
    calendar.method(ICalCalendarMethod.PUBLISH);
    for (const task of await this.tasks.listActiveAssignedTo(actor.id)) {
      if (task.case === undefined) continue;
      const reference = caseReferenceOf(task.case);
      calendar.createEvent({
        id: `${task.id}@oi-intake`,
        start: task.dueDate,
        allDay: true,
        stamp: now,
        // Calendars sync to phones and mail servers: the event names the work and the case, never the client or health data.
        summary: `${TASK_TYPE_LABELS[task.type]} (${task.phase === 'pre_op' ? 'pre-op' : 'post-op'}) · ${reference}`,
        description: `Referral task ${task.id} on ${reference}; status ${task.status.replace('_', ' ')}.`,
      });
    }
    return calendar.toString();
  }

  private async requireVisible(actor: CaseViewer, id: string): Promise<ReferralTask> {
    const task = await this.tasks.findVisible(actor, id);
    if (task === null) throw ReferralsErrors.taskNotFound();
    return task;
  }

  private async assertAssignee(transaction: Transaction, assigneeId: string): Promise<void> {
    const user = await this.users.findById(assigneeId, transaction);
    if (user === null || !user.active || (user.role !== 'solicitor' && user.role !== 'paralegal')) throw ReferralsErrors.invalidAssignee('assigneeId');
  }

  private async assertProvider(transaction: Transaction, providerId: string, type: ReferralTaskType): Promise<void> {
    const provider = await this.providers.findById(providerId, transaction);
    const kind = PROVIDER_KIND_FOR_TASK[type];
    if (provider === null || !provider.active) throw ReferralsErrors.invalidProvider('providerId', 'providerId must be an active provider.');
    if (kind === null) throw ReferralsErrors.invalidProvider('providerId', `A ${type} task is the firm's own work and takes no provider.`);
    if (provider.kind !== kind) throw ReferralsErrors.invalidProvider('providerId', `A ${type} task needs a ${kind} provider.`);
  }
}

function resolveAssignee(actor: CaseViewer, assignee: string | undefined): string | undefined {
  if (assignee === undefined) return undefined;
  if (assignee === 'me') return actor.id;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(assignee)) return assignee;
  throw new DomainError('bad_request', 'VALIDATION_FAILED', 'Some fields are missing or invalid; see errors.', [
    { field: 'assignee', code: 'meOrUserId', message: 'assignee must be `me` or a user id' },
  ]);
}

function taskOverdueRank(task: ReferralTask, today: string): number {
  return ACTIVE_TASK_STATUSES.includes(task.status) && task.dueDate < today ? 1 : 0;
}

function decodeTaskCursor(cursor: string): { overdue: number; dueDate: string; number: string } {
  const [overdue, dueDate, number] = decodeCursor(cursor, ['number', 'string', 'string']) as [number, string, string];
  if ((overdue !== 0 && overdue !== 1) || !/^\d{4}-\d{2}-\d{2}$/.test(dueDate) || !/^[0-9]{1,18}$/.test(number)) {
    throw invalidCursor();
  }
  return { overdue, dueDate, number };
}
