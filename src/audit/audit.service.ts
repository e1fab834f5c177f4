import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error';
import { describeErrorForLog } from '../common/errors/database-failure';
import { currentRequestId } from '../common/http/request-context';
import { Transaction, TransactionRunner } from '../database/transaction-runner';
import { VersionedUpdate } from '../database/versioned-update';
import { AuditAction, chainHash, findChainBreak, GENESIS_HASH } from './audit-chain';
import { AuditRepository, NewAuditEvent } from './audit.repository';
import { GroupCommit } from './group-commit';

export const AUDITED_ENTITY_TYPES = [
  'user',
  'client',
  'health_profile',
  'amputation',
  'socket_complaint',
  'case',
  'screening',
  'screening_rule_set',
  'referral_task',
  'provider',
  'task_type_setting',
] as const;
export type AuditedEntityType = (typeof AUDITED_ENTITY_TYPES)[number];

export interface AuditEntry {
  actorId: string | null;
  action: AuditAction;
  entityType: AuditedEntityType;
  entityId: string;
  /** Names of the fields written; never their values. */
  changedFields?: readonly string[];
}

export interface ChainVerification {
  intact: boolean;
  checkedEvents: number;
  expectedEvents: number;
  firstBreak: { sequence: string | null; id: string | null; problem: 'altered' | 'broken_link' | 'missing_events' | 'extra_events' } | null;
}

const VERIFY_BATCH = 1000;

type Stamped = { entry: AuditEntry; at: Date; requestId: string | null };
// Entries waiting for their transaction's COMMIT, per transaction.
const PENDING = new WeakMap<Transaction, Stamped[]>();

export const AUDIT_UNAVAILABLE = 'AUDIT_UNAVAILABLE';

/** Writes the audit trail inside the caller's transaction (or, for reads, in a shared one), and checks the chain. */
@Injectable()
export class AuditService implements OnModuleDestroy {
  private readonly logger = new Logger('Audit');
  // Reads from concurrent requests are appended together: one transaction and one head lock per batch.
  private readonly reads = new GroupCommit<Stamped>((batch) => this.appendReads(batch));

  constructor(
    private readonly audit: AuditRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  onModuleDestroy(): Promise<void> {
    return this.reads.drain();
  }

  /**
   * Records events in the caller's transaction: they commit with the change they describe, or not at all.
   * In a TransactionRunner transaction they are appended just before COMMIT (see Transaction.beforeCommit).
   */
  async record(transaction: Transaction, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const stamped = stamp(entries);
    if (transaction.beforeCommit === undefined) return this.append(transaction, stamped);
    let pending = PENDING.get(transaction);
    if (pending === undefined) {
      const buffer: Stamped[] = [];
      pending = buffer;
      PENDING.set(transaction, buffer);
      transaction.beforeCommit.push(async () => {
        PENDING.delete(transaction);
        await this.append(transaction, buffer);
      });
    }
    pending.push(...stamped);
  }

  private async append(transaction: Transaction, stamped: Stamped[]): Promise<void> {
    if (stamped.length === 0) return;
    const head = await this.audit.lockHead(transaction);
    let previousHash = head.lastHash;
    const events: NewAuditEvent[] = stamped.map(({ entry, at, requestId }) => {
      const content = {
        id: randomUUID(),
        at,
        actorId: entry.actorId,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        requestId,
        changedFields: [...(entry.changedFields ?? [])].sort(),
      };
      const hash = chainHash(previousHash, content);
      const event = { ...content, previousHash, hash };
      previousHash = hash;
      return event;
    });
    await this.audit.append(transaction, events, { lastHash: previousHash, eventCount: String(BigInt(head.eventCount) + BigInt(events.length)) });
  }

  /** Passes a versioned write's outcome through, recording the event only when the write happened. */
  async recordIfWritten<T>(transaction: Transaction, outcome: VersionedUpdate<T>, entry: AuditEntry): Promise<VersionedUpdate<T>> {
    if (outcome.outcome === 'updated') await this.record(transaction, entry);
    return outcome;
  }

  /**
   * For reads, which change nothing else: the events are appended with those of concurrent requests in
   * one shared transaction, and this settles only once that transaction has committed. If it fails,
   * every request in it fails with AUDIT_UNAVAILABLE (503): no read is answered without its event.
   */
  async recordNow(...entries: AuditEntry[]): Promise<void> {
    await this.reads.add(stamp(entries)).catch(() => {
      throw new DomainError('unavailable', AUDIT_UNAVAILABLE, 'The audit trail could not record this read; retry shortly.');
    });
  }

  private async appendReads(batch: Stamped[]): Promise<void> {
    try {
      await this.transactions.run((transaction) => this.append(transaction, batch));
    } catch (error) {
      // Logged once here; each request in the batch answers 503 with its own request id.
      this.logger.error({ events: batch.length, error: describeErrorForLog(error) }, 'audit read events could not be written');
      throw error;
    }
  }

  /** Re-hashes the whole chain in order and compares its end with the head. */
  verify(): Promise<ChainVerification> {
    // One snapshot: events committed while the check runs are neither counted nor missed.
    return this.audit.inSnapshot((transaction) => this.verifyIn(transaction));
  }

  private async verifyIn(transaction: Transaction): Promise<ChainVerification> {
    const head = await this.audit.readHead(transaction);
    const expectedEvents = head === null ? 0 : Number(head.eventCount);
    let previousHash = GENESIS_HASH;
    let afterSequence = '0';
    let checkedEvents = 0;
    for (;;) {
      const batch = await this.audit.chainBatch(transaction, afterSequence, VERIFY_BATCH);
      if (batch.length === 0) break;
      const result = findChainBreak(previousHash, batch);
      if (result.break !== null) return { intact: false, checkedEvents: checkedEvents + batch.findIndex((event) => event.id === result.break?.id), expectedEvents, firstBreak: result.break };
      checkedEvents += batch.length;
      previousHash = result.lastHash;
      afterSequence = batch[batch.length - 1]?.sequence ?? afterSequence;
    }
    if (checkedEvents !== expectedEvents || previousHash !== (head?.lastHash ?? GENESIS_HASH)) {
      const problem = checkedEvents < expectedEvents ? 'missing_events' : checkedEvents > expectedEvents ? 'extra_events' : 'broken_link';
      return { intact: false, checkedEvents, expectedEvents, firstBreak: { sequence: null, id: null, problem } };
    }
    return { intact: true, checkedEvents, expectedEvents, firstBreak: null };
  }
}

function stamp(entries: readonly AuditEntry[]): Stamped[] {
  const requestId = currentRequestId();
  const at = new Date();
  return entries.map((entry) => ({ entry, at, requestId }));
}

/** The names of the fields a request set (present, not undefined): what an audit event may say changed. */
export function sentFields(input: object): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
}
