import fc from 'fast-check';
import { chainHash, findChainBreak, GENESIS_HASH, StoredChainEvent } from './audit-chain';

function chain(count: number): StoredChainEvent[] {
  const events: StoredChainEvent[] = [];
  let previousHash = GENESIS_HASH;
  for (let index = 0; index < count; index += 1) {
    const content = {
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 10, 26, 9, 0, index)),
      actorId: index % 2 === 0 ? 'a1b2c3d4-0000-4000-8000-000000000001' : null,
      action: 'update',
      entityType: 'case',
      entityId: `case-${index % 3}`,
      requestId: `req-${index}`,
      changedFields: ['defendantName'],
    };
    const hash = chainHash(previousHash, content);
    events.push({ ...content, sequence: String(index + 1), previousHash, hash });
    previousHash = hash;
  }
  return events;
}

describe('audit hash chain', () => {
  it('an untouched chain verifies and ends at the last hash', () => {
    const events = chain(5);
    expect(findChainBreak(GENESIS_HASH, events)).toEqual({ break: null, lastHash: events[4]?.hash });
  });

  it('the same event always hashes the same, and any field changes the hash', () => {
    const [event] = chain(1);
    if (event === undefined) throw new Error('no event');
    expect(chainHash(GENESIS_HASH, event)).toBe(event.hash);
    for (const changed of [{ action: 'delete' }, { actorId: null }, { changedFields: ['insurerName'] }, { at: new Date(event.at.getTime() + 1) }, { requestId: null }]) {
      expect(chainHash(GENESIS_HASH, { ...event, ...changed })).not.toBe(event.hash);
    }
  });

  it.each([
    ['altered content', (events: StoredChainEvent[]) => events.map((event, index) => (index === 2 ? { ...event, action: 'read' } : event)), 'altered', '3'],
    ['a removed event', (events: StoredChainEvent[]) => events.filter((_event, index) => index !== 2), 'broken_link', '4'],
    ['two events swapped', (events: StoredChainEvent[]) => [events[0], events[2], events[1], events[3], events[4]] as StoredChainEvent[], 'broken_link', '3'],
    ['a rehashed forgery that does not follow on', (events: StoredChainEvent[]) => events.map((event, index) => (index === 1 ? { ...event, previousHash: 'f'.repeat(64), hash: chainHash('f'.repeat(64), event) } : event)), 'broken_link', '2'],
  ] as const)('names the first break for %s', (_name, tamper, problem, sequence) => {
    const result = findChainBreak(GENESIS_HASH, tamper(chain(5)));
    expect(result.break).toMatchObject({ problem, sequence });
  });

  it('removing any one event, or altering any one, is always found', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), fc.boolean(), (length, pick, remove) => {
        const events = chain(length);
        const index = pick % length;
        const tampered = remove ? events.filter((_event, position) => position !== index) : events.map((event, position) => (position === index ? { ...event, entityId: 'other' } : event));
        // Removing the very last event leaves a valid (shorter) chain: the verifier compares the count with the database's.
        if (remove && index === length - 1) return findChainBreak(GENESIS_HASH, tampered).break === null;
        return findChainBreak(GENESIS_HASH, tampered).break !== null;
      }),
    );
  });
});
