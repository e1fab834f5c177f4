import { createHash } from 'node:crypto';

/** Pure hash-chain rules for the audit trail. */

export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'transition', 'screening', 'review', 'override', 'export', 'read', 'erasure'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface ChainedEventContent {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  requestId: string | null;
  changedFields: readonly string[];
}

/** A stable text for an event: fixed key order, ISO time, so the same event always hashes the same. */
export function canonicalEvent(event: ChainedEventContent): string {
  return JSON.stringify([event.id, event.at.toISOString(), event.actorId, event.action, event.entityType, event.entityId, event.requestId, [...event.changedFields]]);
}

export function chainHash(previousHash: string, event: ChainedEventContent): string {
  return createHash('sha256').update(previousHash).update(canonicalEvent(event)).digest('hex');
}

export interface StoredChainEvent extends ChainedEventContent {
  sequence: string;
  previousHash: string;
  hash: string;
}

export type ChainBreak = { sequence: string; id: string; problem: 'altered' | 'broken_link' };

/**
 * Walks events in sequence order from `previousHash` and names the first that does not fit: `altered`
 * when its own content no longer hashes to its hash, `broken_link` when it does not follow the event
 * before it (one was removed, inserted or moved).
 */
export function findChainBreak(previousHash: string, events: readonly StoredChainEvent[]): { break: ChainBreak | null; lastHash: string } {
  let expectedPrevious = previousHash;
  for (const event of events) {
    if (chainHash(event.previousHash, event) !== event.hash) return { break: { sequence: event.sequence, id: event.id, problem: 'altered' }, lastHash: expectedPrevious };
    if (event.previousHash !== expectedPrevious) return { break: { sequence: event.sequence, id: event.id, problem: 'broken_link' }, lastHash: expectedPrevious };
    expectedPrevious = event.hash;
  }
  return { break: null, lastHash: expectedPrevious };
}
