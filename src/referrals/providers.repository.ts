import { Injectable } from '@nestjs/common';
import { DataSource, FindOptionsWhere } from 'typeorm';
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

  async insert(row: NewProvider, transaction?: Transaction): Promise<Provider> {
    const repository = managerFor(this.dataSource, transaction).getRepository(Provider);
    const entity = repository.create(row);
    await repository.insert(entity);
    return repository.findOneByOrFail({ id: entity.id });
  }

  findById(id: string, transaction?: Transaction): Promise<Provider | null> {
    return managerFor(this.dataSource, transaction).getRepository(Provider).findOneBy({ id });
  }

  /** The directory is small (tens of rows), so it is listed whole, by kind then name. */
  list(filter: { kind?: ProviderKind; active?: boolean }): Promise<Provider[]> {
    // Only the filters given: the data source refuses undefined in a where rather than silently dropping it.
    const where: FindOptionsWhere<Provider> = {};
    if (filter.kind !== undefined) where.kind = filter.kind;
    if (filter.active !== undefined) where.active = filter.active;
    return this.dataSource.getRepository(Provider).find({ where, order: { kind: 'ASC', name: 'ASC', id: 'ASC' } });
  }

  updateIfVersion(transaction: Transaction, id: string, expectedVersion: number, changes: ProviderChanges): Promise<VersionedUpdate<Provider>> {
    return updateIfVersion(transaction.manager.getRepository(Provider), { id }, expectedVersion, changes);
  }
}
