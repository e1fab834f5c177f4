import { Injectable } from '@nestjs/common';
import { definedOnly, unwrap } from '../clients/clients.service';
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
  ) {}

  async list(query: ListProvidersQueryDto): Promise<ProviderResponseDto[]> {
    return (await this.providers.list(query)).map(toProviderResponse);
  }

  async get(id: string): Promise<ProviderResponseDto> {
    const provider = await this.providers.findById(id);
    if (provider === null) throw ReferralsErrors.providerNotFound();
    return toProviderResponse(provider);
  }

  async create(input: CreateProviderDto): Promise<ProviderResponseDto> {
    const created = await this.providers.insert({
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
    });
    return toProviderResponse(created);
  }

  async update(id: string, expectedVersion: number, input: UpdateProviderDto): Promise<ProviderResponseDto> {
    const updated = await this.providers.updateIfVersion(id, expectedVersion, definedOnly({ ...input }));
    return toProviderResponse(unwrap(updated, ReferralsErrors.providerNotFound));
  }

  async listTaskTypes(): Promise<TaskTypeSettingDto[]> {
    return (await this.settings.list()).map(toTaskTypeSettingResponse);
  }

  async updateTaskType(type: string, expectedVersion: number, input: UpdateTaskTypeSettingDto): Promise<TaskTypeSettingDto> {
    if (!(REFERRAL_TASK_TYPES as readonly string[]).includes(type)) throw ReferralsErrors.taskTypeNotFound();
    const updated = await this.settings.updateIfVersion(type as ReferralTaskType, expectedVersion, input.dueInDays);
    return toTaskTypeSettingResponse(unwrap(updated, ReferralsErrors.taskTypeNotFound));
  }
}
