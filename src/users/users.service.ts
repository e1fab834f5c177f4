import { Injectable } from '@nestjs/common';
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
  ) {}

  async create(input: CreateUserDto): Promise<User> {
    const passwordHash = await this.hasher.hash(input.password);
    const created = await this.users.insertIfEmailFree({
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash,
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
    const user = await this.users.deactivate(id);
    if (user === null) throw UsersErrors.notFound();
    return user;
  }
}
