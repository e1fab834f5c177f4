import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { managerFor, Transaction } from '../database/transaction-runner';
import { updateIfVersion, VersionedUpdate } from '../database/versioned-update';
import { HealthProfile } from './health-profile.entity';

export type HealthFacts = Omit<HealthProfile, 'clientId' | 'client' | 'version' | 'createdAt' | 'updatedAt'>;

/** The only code that queries the health_profiles table. */
@Injectable()
export class HealthProfilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Answers the row as written: the insert's RETURNING fills in the defaults, version and timestamps. */
  async insert(transaction: Transaction, clientId: string, facts: Partial<HealthFacts>): Promise<HealthProfile> {
    const repository = transaction.manager.getRepository(HealthProfile);
    const entity = repository.create({ ...facts, quitDate: facts.quitDate ?? null, clientId });
    await repository.insert(entity);
    return entity;
  }

  findByClient(clientId: string, transaction?: Transaction): Promise<HealthProfile | null> {
    return managerFor(this.dataSource, transaction).getRepository(HealthProfile).findOneBy({ clientId });
  }

  replaceIfVersion(transaction: Transaction, clientId: string, expectedVersion: number, facts: HealthFacts): Promise<VersionedUpdate<HealthProfile>> {
    return updateIfVersion(transaction.manager.getRepository(HealthProfile), { clientId }, expectedVersion, facts);
  }
}
