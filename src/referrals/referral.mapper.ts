import { CASE_REFERENCE_PREFIX, formatReference } from '../common/reference';
import { Provider } from './provider.entity';
import { ReferralTask } from './referral-task.entity';
import { ACTIVE_TASK_STATUSES, PROVIDER_KIND_FOR_TASK, TASK_TYPE_LABELS } from './referral-terms';
import { ProviderResponseDto } from './dto/provider.dto';
import { ReferralTaskResponseDto, TaskTypeSettingDto } from './dto/referral-task.dto';
import { TaskTypeSetting } from './task-type-setting.entity';

export function caseReferenceOf(row: { createdAt: Date; number: string }): string {
  return formatReference(CASE_REFERENCE_PREFIX, row.createdAt, row.number);
}

export function isOverdue(task: Pick<ReferralTask, 'status' | 'dueDate'>, today: string): boolean {
  return ACTIVE_TASK_STATUSES.includes(task.status) && task.dueDate < today;
}

/** Needs the task's case loaded, for its reference. */
export function toReferralTaskResponse(task: ReferralTask, today: string): ReferralTaskResponseDto {
  if (task.case === undefined) throw new Error('referral task mapped without its case');
  return {
    id: task.id,
    caseId: task.caseId,
    caseReference: caseReferenceOf(task.case),
    type: task.type,
    phase: task.phase,
    status: task.status,
    assigneeId: task.assigneeId,
    dueDate: task.dueDate,
    overdue: isOverdue(task, today),
    providerId: task.providerId,
    note: task.note,
    outcomeNote: task.outcomeNote,
    screeningId: task.screeningId,
    createdById: task.createdById,
    closedAt: task.closedAt?.toISOString() ?? null,
    version: task.version,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}

export function toProviderResponse(provider: Provider): ProviderResponseDto {
  return {
    id: provider.id,
    name: provider.name,
    kind: provider.kind,
    organisation: provider.organisation,
    region: provider.region,
    email: provider.email,
    phone: provider.phone,
    website: provider.website,
    notes: provider.notes,
    isExample: provider.isExample,
    active: provider.active,
    version: provider.version,
    createdAt: provider.createdAt.toISOString(),
    updatedAt: provider.updatedAt.toISOString(),
  };
}

export function toTaskTypeSettingResponse(setting: TaskTypeSetting): TaskTypeSettingDto {
  return {
    type: setting.type,
    label: TASK_TYPE_LABELS[setting.type],
    providerKind: PROVIDER_KIND_FOR_TASK[setting.type],
    dueInDays: setting.dueInDays,
    version: setting.version,
  };
}
