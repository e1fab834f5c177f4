import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { TransactionRunner } from '../database/transaction-runner';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { Page } from '../common/pagination/page.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { UsersErrors } from './users.errors';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async create(actorId: string, input: CreateUserDto): Promise<User> {
    const passwordHash = await this.hasher.hash(input.password);
    const created = await this.transactions.run(async (transaction) => {
      const user = await this.users.insertIfEmailFree({ email: input.email.toLowerCase(), name: input.name, role: input.role, passwordHash }, transaction);
      if (user !== undefined) {
        await this.audit.record(transaction, { actorId, action: 'create', entityType: 'user', entityId: user.id, changedFields: ['email', 'name', 'role', 'password'] });
      }
      return user;
    });
    if (created === undefined) throw UsersErrors.emailTaken();
    return created;
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (user === null) throw UsersErrors.notFound();
    return user;
  }

  async list(query: ListUsersQueryDto): Promise<Page<User>> {
    const afterEmail = query.cursor === undefined ? undefined : String(decodeCursor(query.cursor, ['string'])[0]);
    const rows = await this.users.list({ role: query.role, active: query.active, afterEmail, limit: query.limit });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.email]) : null };
  }

  /** Takes effect at once: the access guard loads the user on every request. */
  async deactivate(actorId: string, id: string): Promise<User> {
    if (actorId === id) throw UsersErrors.cannotDeactivateSelf();
    const user = await this.transactions.run(async (transaction) => {
      const before = await this.users.findById(id, transaction);
      const after = await this.users.deactivate(id, transaction);
      if (before?.active === true && after !== null) await this.audit.record(transaction, { actorId, action: 'update', entityType: 'user', entityId: id, changedFields: ['active'] });
      return after;
    });
    if (user === null) throw UsersErrors.notFound();
    return user;
  }
}
