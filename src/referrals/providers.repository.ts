import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { managerFor, Transaction } from '../database/transaction-runner';
import { updateIfVersion, VersionedUpdate } from '../database/versioned-update';
import { Provider } from './provider.entity';
import { ProviderKind } from './referral-terms';

export type NewProvider = Omit<Provider, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export type ProviderChanges = Partial<NewProvider>;

/** The only code that queries the providers table. */
@Injectable()
export class ProvidersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(row: NewProvider): Promise<Provider> {
    const repository = this.dataSource.getRepository(Provider);
    const entity = repository.create(row);
    await repository.insert(entity);
    return repository.findOneByOrFail({ id: entity.id });
  }

  findById(id: string, transaction?: Transaction): Promise<Provider | null> {
    return managerFor(this.dataSource, transaction).getRepository(Provider).findOneBy({ id });
  }

  /** The directory is small (tens of rows), so it is listed whole, by kind then name. */
  list(filter: { kind?: ProviderKind; active?: boolean }): Promise<Provider[]> {
    return this.dataSource.getRepository(Provider).find({ where: { kind: filter.kind, active: filter.active }, order: { kind: 'ASC', name: 'ASC', id: 'ASC' } });
  }

  updateIfVersion(id: string, expectedVersion: number, changes: ProviderChanges): Promise<VersionedUpdate<Provider>> {
    return this.dataSource.transaction((manager) => updateIfVersion(manager.getRepository(Provider), { id }, expectedVersion, changes));
  }
}
