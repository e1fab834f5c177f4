import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { managerFor, Transaction } from '../database/transaction-runner';
import { updateIfVersion, VersionedUpdate } from '../database/versioned-update';
import { Amputation } from './amputation.entity';
import { SocketComplaint } from './socket-complaint.entity';

export type NewAmputation = Omit<Amputation, 'id' | 'entryOrder' | 'client' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>;
export type AmputationChanges = Partial<Omit<NewAmputation, 'clientId'>>;
export type NewSocketComplaint = Omit<SocketComplaint, 'id' | 'entryOrder' | 'amputation' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>;
export type SocketComplaintChanges = Partial<Omit<NewSocketComplaint, 'amputationId'>>;

/** The only code that queries the amputations and socket_complaints tables. Deleted rows stay, hidden. */
@Injectable()
export class AmputationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertAmputation(transaction: Transaction, amputation: NewAmputation): Promise<Amputation> {
    const repository = transaction.manager.getRepository(Amputation);
    const entity = repository.create(amputation);
    await repository.insert(entity);
    return entity;
  }

  /** One multi-row INSERT for all the complaints. */
  async insertComplaints(transaction: Transaction, complaints: NewSocketComplaint[]): Promise<SocketComplaint[]> {
    if (complaints.length === 0) return [];
    const repository = transaction.manager.getRepository(SocketComplaint);
    const entities = complaints.map((complaint) => repository.create(complaint));
    await repository.insert(entities);
    return entities;
  }

  countAmputations(transaction: Transaction, clientId: string): Promise<number> {
    return transaction.manager.getRepository(Amputation).countBy({ clientId, deletedAt: IsNull() });
  }

  countComplaints(transaction: Transaction, amputationId: string): Promise<number> {
    return transaction.manager.getRepository(SocketComplaint).countBy({ amputationId, deletedAt: IsNull() });
  }

  findAmputation(clientId: string, id: string, transaction?: Transaction): Promise<Amputation | null> {
    return managerFor(this.dataSource, transaction).getRepository(Amputation).findOneBy({ id, clientId, deletedAt: IsNull() });
  }

  listAmputations(clientId: string, transaction?: Transaction): Promise<Amputation[]> {
    return managerFor(this.dataSource, transaction)
      .getRepository(Amputation)
      .find({ where: { clientId, deletedAt: IsNull() }, order: { entryOrder: 'ASC' } });
  }

  listComplaints(amputationIds: string[], transaction?: Transaction): Promise<SocketComplaint[]> {
    if (amputationIds.length === 0) return Promise.resolve([]);
    return managerFor(this.dataSource, transaction)
      .getRepository(SocketComplaint)
      .find({ where: { amputationId: In(amputationIds), deletedAt: IsNull() }, order: { entryOrder: 'ASC' } });
  }

  findComplaint(amputationId: string, id: string, transaction?: Transaction): Promise<SocketComplaint | null> {
    return managerFor(this.dataSource, transaction).getRepository(SocketComplaint).findOneBy({ id, amputationId, deletedAt: IsNull() });
  }

  updateAmputationIfVersion(transaction: Transaction, id: string, expectedVersion: number, changes: AmputationChanges): Promise<VersionedUpdate<Amputation>> {
    return updateIfVersion(transaction.manager.getRepository(Amputation), { id }, expectedVersion, changes, { liveOnly: true });
  }

  updateComplaintIfVersion(
    transaction: Transaction,
    id: string,
    expectedVersion: number,
    changes: SocketComplaintChanges,
  ): Promise<VersionedUpdate<SocketComplaint>> {
    return updateIfVersion(transaction.manager.getRepository(SocketComplaint), { id }, expectedVersion, changes, { liveOnly: true });
  }

  /** Soft delete: the row is kept for the record, hidden from every read. */
  softDeleteAmputationIfVersion(transaction: Transaction, id: string, expectedVersion: number): Promise<VersionedUpdate<Amputation>> {
    return updateIfVersion(transaction.manager.getRepository(Amputation), { id }, expectedVersion, { deletedAt: () => 'now()' }, { liveOnly: true });
  }

  softDeleteComplaintIfVersion(transaction: Transaction, id: string, expectedVersion: number): Promise<VersionedUpdate<SocketComplaint>> {
    return updateIfVersion(transaction.manager.getRepository(SocketComplaint), { id }, expectedVersion, { deletedAt: () => 'now()' }, { liveOnly: true });
  }
}
