import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Transaction } from '../database/transaction-runner';
import { User } from './user.entity';
import { UserRole } from './user-role';

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string;
}

export interface UserListFilter {
  role?: UserRole;
  active?: boolean;
  afterEmail?: string;
  limit: number;
}

export type UserSignInState = Pick<User, 'id' | 'email' | 'name' | 'role' | 'active'>;

/** The only code that queries the users table. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** Inside a caller's transaction when given one: a read on another connection could wait on that transaction. */
  findById(id: string, transaction?: Transaction): Promise<User | null> {
    return (transaction?.manager.getRepository(User) ?? this.users).findOneBy({ id });
  }

  /**
   * For the access guard, on every request: one row by primary key, only what it checks and attaches
   * (never the password hash), without building a query. Read afresh each time, so a deactivation or a
   * role change applies to the very next request.
   */
  async findSignInState(id: string): Promise<UserSignInState | null> {
    const rows: UserSignInState[] = await this.users.query(`SELECT "id", "email", "name", "role", "active" FROM "users" WHERE "id" = $1`, [id]);
    return rows[0] ?? null;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email });
  }

  async exists(): Promise<boolean> {
    return (await this.users.createQueryBuilder('user').select('1').limit(1).getRawOne()) !== undefined;
  }

  /** Inserts the user; answers undefined when the email is taken, so the caller decides what that means. */
  async insertIfEmailFree(user: NewUser, transaction?: Transaction): Promise<User | undefined> {
    const repository = transaction?.manager.getRepository(User) ?? this.users;
    // ON CONFLICT DO NOTHING, not a caught error: a failed statement would abort the caller's transaction.
    const result = await repository.createQueryBuilder().insert().values(repository.create(user)).orIgnore().returning(['id']).execute();
    const [row] = result.raw as { id: string }[];
    return row === undefined ? undefined : repository.findOneByOrFail({ id: row.id });
  }

  /** Keyset page ordered by email; one row more than asked tells whether another page follows. */
  list(filter: UserListFilter): Promise<User[]> {
    const query = this.users.createQueryBuilder('user').orderBy('user.email', 'ASC').limit(filter.limit + 1);
    if (filter.role !== undefined) query.andWhere('user.role = :role', { role: filter.role });
    if (filter.active !== undefined) query.andWhere('user.active = :active', { active: filter.active });
    if (filter.afterEmail !== undefined) query.andWhere('user.email > :afterEmail', { afterEmail: filter.afterEmail });
    return query.getMany();
  }

  /** Answers the deactivated user, or null when no such user exists. Idempotent. */
  async deactivate(id: string, transaction?: Transaction): Promise<User | null> {
    const repository = transaction?.manager.getRepository(User) ?? this.users;
    await repository
      .createQueryBuilder()
      .update(User)
      .set({ active: false, deactivatedAt: () => 'now()', version: () => 'version + 1' })
      .where('id = :id AND active', { id })
      .execute();
    return this.findById(id, transaction);
  }
}
