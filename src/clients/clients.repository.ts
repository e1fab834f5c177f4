import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Actor } from '../common/access/access.decorators';
import { managerFor, Transaction } from '../database/transaction-runner';
import { updateIfVersion, VersionedUpdate } from '../database/versioned-update';
import { Client } from './client.entity';

/** `client_row`: the write changes the client row itself; `related_records`: it changes the client's other records. */
export type ClientLockMode = 'client_row' | 'related_records';

export type NewClient = Omit<Client, 'id' | 'number' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'erasedAt' | 'erasedById' | 'erasureReason'>;
export type ClientChanges = Partial<Omit<NewClient, 'createdById'>>;
export type Viewer = Pick<Actor, 'id' | 'role'>;

export interface ClientSearch {
  foldedName?: string;
  reference?: { year: number; sequenceNumber: string };
  postcode?: string;
  dateOfBirth?: string;
  /** Keyset: only clients created before this sequence number (newest first). */
  beforeNumber?: string;
  limit: number;
}

/** The only code that queries the clients table. */
@Injectable()
export class ClientsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(transaction: Transaction, client: NewClient): Promise<Client> {
    const repository = transaction.manager.getRepository(Client);
    const entity = repository.create({ ...client, erasedAt: null, erasedById: null, erasureReason: null });
    await repository.insert(entity);
    return entity;
  }

  /** The client when the viewer may see it: admin always; a solicitor who created it or has a case for it; a paralegal with a case for it. */
  findVisible(viewer: Viewer, id: string, transaction?: Transaction): Promise<Client | null> {
    const query = managerFor(this.dataSource, transaction).getRepository(Client).createQueryBuilder('client').where('client.id = :id', { id });
    return this.restrictTo(query, viewer).getOne();
  }

  /**
   * Locks the client row for the rest of the transaction and answers whether it is erased (null when
   * missing). Erasure locks the row FOR UPDATE, so a write holding this lock and an erasure cannot
   * interleave: whichever comes second sees what the first did. Writes to the client's other records
   * share the lock; a write to the client row itself takes it exclusively (FOR NO KEY UPDATE) from the
   * start, because two transactions that each hold a share lock and then both update the row deadlock.
   */
  async lockForWrite(transaction: Transaction, id: string, mode: ClientLockMode): Promise<{ erased: boolean } | null> {
    const clause = mode === 'client_row' ? 'FOR NO KEY UPDATE' : 'FOR SHARE';
    const rows: { erased_at: Date | null }[] = await transaction.manager.query(`SELECT "erased_at" FROM "clients" WHERE "id" = $1 ${clause}`, [id]);
    const [row] = rows;
    return row === undefined ? null : { erased: row.erased_at !== null };
  }

  findById(id: string, transaction?: Transaction): Promise<Client | null> {
    return managerFor(this.dataSource, transaction).getRepository(Client).findOneBy({ id });
  }

  /** Writes `changes` only if the row is still at `expectedVersion`; the version goes up by one. */
  updateIfVersion(transaction: Transaction, id: string, expectedVersion: number, changes: ClientChanges): Promise<VersionedUpdate<Client>> {
    return updateIfVersion(transaction.manager.getRepository(Client), { id }, expectedVersion, changes);
  }

  /** Newest first; one row more than asked tells whether another page follows. */
  search(viewer: Viewer, search: ClientSearch): Promise<Client[]> {
    const query = this.dataSource.getRepository(Client).createQueryBuilder('client').orderBy('client.number', 'DESC').limit(search.limit + 1);
    if (search.foldedName !== undefined) {
      // Folded names hold only letters and digits, so the pattern cannot contain LIKE wildcards.
      query.andWhere(
        '(client.folded_last_name LIKE :namePrefix OR client.folded_first_name LIKE :namePrefix OR client.folded_full_name LIKE :namePrefix)',
        { namePrefix: `${search.foldedName}%` },
      );
    }
    if (search.reference !== undefined) {
      query
        .andWhere('client.number = :sequenceNumber', { sequenceNumber: search.reference.sequenceNumber })
        .andWhere("extract(year from client.created_at AT TIME ZONE 'UTC') = :year", { year: search.reference.year });
    }
    if (search.postcode !== undefined) query.andWhere('client.postcode = :postcode', { postcode: search.postcode });
    if (search.dateOfBirth !== undefined) query.andWhere('client.date_of_birth = :dateOfBirth', { dateOfBirth: search.dateOfBirth });
    if (search.beforeNumber !== undefined) query.andWhere('client.number < :beforeNumber', { beforeNumber: search.beforeNumber });
    return this.restrictTo(query, viewer).getMany();
  }

  private restrictTo(query: SelectQueryBuilder<Client>, viewer: Viewer): SelectQueryBuilder<Client> {
    if (viewer.role === 'admin') return query;
    if (viewer.role === 'solicitor') {
      return query.andWhere(
        '(client.created_by_id = :viewerId OR EXISTS (SELECT 1 FROM cases visible WHERE visible.client_id = client.id AND visible.assigned_solicitor_id = :viewerId))',
        { viewerId: viewer.id },
      );
    }
    return query.andWhere('EXISTS (SELECT 1 FROM cases visible WHERE visible.client_id = client.id AND visible.assigned_paralegal_id = :viewerId)', {
      viewerId: viewer.id,
    });
  }
}
