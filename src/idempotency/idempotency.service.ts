import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '../config/environment';
import { DomainError } from '../common/errors/domain-error';
import { Transaction, TransactionRunner } from '../database/transaction-runner';
import { idempotencyTtlMs } from './idempotency-purge';
import { IdempotencyRepository } from './idempotency.repository';

export interface CommandResult<T extends object> {
  status: number;
  body: T;
}

export interface IdempotentResult<T extends object> extends CommandResult<T> {
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

export interface IdempotencyScope {
  userId: string;
  /** The Idempotency-Key header; undefined runs the command once, without protection. */
  key: string | undefined;
  /** What was asked: method, route and body. */
  request: { method: string; route: string; body: unknown };
}

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,255}$/;

/**
 * Creates at most once per (user, key). The command, and the record of its answer, commit in one
 * transaction, so an acknowledged create is never lost and never made twice:
 * - same key, same request, already done → the first answer, nothing written;
 * - same key, different request → 422; same key while the first is still running → 409.
 */
@Injectable()
export class IdempotencyService {
  private readonly ttlMs: number;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly records: IdempotencyRepository,
    config: ConfigService<Environment, true>,
  ) {
    this.ttlMs = idempotencyTtlMs(config);
  }

  async run<T extends object>(scope: IdempotencyScope, command: (transaction: Transaction) => Promise<CommandResult<T>>): Promise<IdempotentResult<T>> {
    const { key } = scope;
    if (key === undefined) {
      return { ...(await this.transactions.run(command)), replayed: false };
    }
    if (!KEY_PATTERN.test(key)) {
      throw new DomainError('bad_request', 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1–255 letters, digits or . _ : -', [
        { field: 'Idempotency-Key', code: 'invalidIdempotencyKey', message: 'Idempotency-Key has an invalid format' },
      ]);
    }
    const requestHash = fingerprint(scope.request);
    return this.transactions.run(async (transaction) => {
      if (!(await this.records.tryLock(transaction, scope.userId, key))) {
        throw new DomainError('conflict', 'IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still being processed; retry shortly.');
      }
      let earlier = await this.records.find(transaction, scope.userId, key);
      if (earlier !== null && earlier.createdAt.getTime() < Date.now() - this.ttlMs) {
        // Kept past its time (the purge has not reached it yet): the key is free again.
        await this.records.remove(transaction, scope.userId, key);
        earlier = null;
      }
      if (earlier !== null) {
        if (earlier.requestHash !== requestHash) {
          throw new DomainError('rule_refused', 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.');
        }
        return { status: earlier.responseStatus, body: earlier.responseBody as T, replayed: true };
      }
      const result = await command(transaction);
      await this.records.insert(transaction, { userId: scope.userId, key, requestHash, responseStatus: result.status, responseBody: result.body });
      return { ...result, replayed: false };
    });
  }
}

/** sha256 over the method, route and canonical JSON of the body (object keys sorted). */
export function fingerprint(request: { method: string; route: string; body: unknown }): string {
  return createHash('sha256').update(`${request.method} ${request.route}\n${canonicalJson(request.body)}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
