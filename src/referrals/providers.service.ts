import { Injectable } from '@nestjs/common';
import { AuditService, sentFields } from '../audit/audit.service';
import { TransactionRunner } from '../database/transaction-runner';
import { definedOnly, unwrap } from '../common/concurrency/versioned-changes';
import { IdempotencyScope, IdempotencyService, IdempotentResult } from '../idempotency/idempotency.service';
import { CreateProviderDto, ListProvidersQueryDto, ProviderResponseDto, UpdateProviderDto } from './dto/provider.dto';
import { TaskTypeSettingDto, UpdateTaskTypeSettingDto } from './dto/referral-task.dto';
import { ProvidersRepository } from './providers.repository';
import { REFERRAL_TASK_TYPES, ReferralTaskType } from './referral-terms';
import { toProviderResponse, toTaskTypeSettingResponse } from './referral.mapper';
import { ReferralsErrors } from './referrals.errors';
import { TaskTypeSettingsRepository } from './task-type-settings.repository';

/** The provider directory and the per-type task settings: reference data the admin keeps. */
@Injectable()
export class ProvidersService {
  constructor(
    private readonly providers: ProvidersRepository,
    private readonly settings: TaskTypeSettingsRepository,
    private readonly idempotency: IdempotencyService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListProvidersQueryDto): Promise<ProviderResponseDto[]> {
    return (await this.providers.list(query)).map(toProviderResponse);
  }

  async get(id: string): Promise<ProviderResponseDto> {
    const provider = await this.providers.findById(id);
    if (provider === null) throw ReferralsErrors.providerNotFound();
    return toProviderResponse(provider);
  }

  /** A retry with the same Idempotency-Key answers the first response and adds no second entry. */
  create(actorId: string, input: CreateProviderDto, idempotency: IdempotencyScope): Promise<IdempotentResult<ProviderResponseDto>> {
    return this.idempotency.run(idempotency, async (transaction) => {
      const created = await this.providers.insert(
        {
          name: input.name,
          kind: input.kind,
          organisation: input.organisation ?? null,
          region: input.region ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          website: input.website ?? null,
          notes: input.notes ?? null,
          isExample: input.isExample ?? false,
          active: input.active ?? true,
        },
        transaction,
      );
      await this.audit.record(transaction, { actorId, action: 'create', entityType: 'provider', entityId: created.id, changedFields: sentFields(input) });
      return { status: 201, body: toProviderResponse(created) };
    });
  }

  async update(actorId: string, id: string, expectedVersion: number, input: UpdateProviderDto): Promise<ProviderResponseDto> {
    const updated = await this.transactions.run(async (transaction) =>
      this.audit.recordIfWritten(transaction, await this.providers.updateIfVersion(transaction, id, expectedVersion, definedOnly({ ...input })), {
        actorId,
        action: 'update',
        entityType: 'provider',
        entityId: id,
        changedFields: sentFields(input),
      }),
    );
    return toProviderResponse(unwrap(updated, ReferralsErrors.providerNotFound));
  }

  async listTaskTypes(): Promise<TaskTypeSettingDto[]> {
    return (await this.settings.list()).map(toTaskTypeSettingResponse);
  }

  async updateTaskType(actorId: string, type: string, expectedVersion: number, input: UpdateTaskTypeSettingDto): Promise<TaskTypeSettingDto> {
    if (!(REFERRAL_TASK_TYPES as readonly string[]).includes(type)) throw ReferralsErrors.taskTypeNotFound();
    const updated = await this.transactions.run(async (transaction) =>
      this.audit.recordIfWritten(transaction, await this.settings.updateIfVersion(transaction, type as ReferralTaskType, expectedVersion, input.dueInDays), {
        actorId,
        action: 'update',
        entityType: 'task_type_setting',
        entityId: type,
        changedFields: ['dueInDays'],
      }),
    );
    return toTaskTypeSettingResponse(unwrap(updated, ReferralsErrors.taskTypeNotFound));
  }
}
