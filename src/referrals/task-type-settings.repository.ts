import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { managerFor, Transaction } from '../database/transaction-runner';
import { updateIfVersion, VersionedUpdate } from '../database/versioned-update';
import { ReferralTaskType } from './referral-terms';
import { TaskTypeSetting } from './task-type-setting.entity';

/** The only code that queries referral_task_type_settings. */
@Injectable()
export class TaskTypeSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(transaction?: Transaction): Promise<TaskTypeSetting[]> {
    return managerFor(this.dataSource, transaction).getRepository(TaskTypeSetting).find({ order: { type: 'ASC' } });
  }

  updateIfVersion(transaction: Transaction, type: ReferralTaskType, expectedVersion: number, dueInDays: number): Promise<VersionedUpdate<TaskTypeSetting>> {
    return updateIfVersion(transaction.manager.getRepository(TaskTypeSetting), { type }, expectedVersion, { dueInDays });
  }
}
