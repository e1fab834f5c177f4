import { GroupCommit } from './group-commit';

/** A flush the test releases by hand, recording what each call was given. */
function controlledFlush() {
  const calls: { items: number[]; release: () => void; fail: (error: Error) => void }[] = [];
  const flush = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ items: [...items], release: resolve, fail: reject });
    });
  return { calls, flush };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('writes what arrives in one turn together, and settles every caller with that write', async () => {
    const { calls, flush } = controlledFlush();
    const group = new GroupCommit(flush);
    const settled: string[] = [];
    const first = group.add([1, 2]).then(() => settled.push('first'));
    const second = group.add([3]).then(() => settled.push('second'));
    await turn();
    expect(calls.map((call) => call.items)).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([]);
    calls[0]?.release();
    await Promise.all([first, second]);
    expect(settled).toEqual(['first', 'second']);
  });

  it('bounds a flush: what piles up beyond maxItems goes in the flushes after, a caller\'s items never split', async () => {
    const { calls, flush } = controlledFlush();
    const group = new GroupCommit(flush, 3);
    const stalled = group.add([1]);
    await turn();
    expect(calls).toHaveLength(1);
    const waiting = [group.add([2, 3]), group.add([4]), group.add([5, 6, 7, 8]), group.add([9])];
    calls[0]?.release();
    await stalled;
    for (let flushed = 1; flushed < 4; flushed += 1) {
      await turn();
      expect(calls).toHaveLength(flushed + 1);
      calls[flushed]?.release();
    }
    await Promise.all(waiting);
    expect(calls.map((call) => call.items)).toEqual([[1], [2, 3, 4], [5, 6, 7, 8], [9]]);
  });

  it('one flush at a time: what arrives during a flush waits for it and goes in the next, in order', async () => {
    const { calls, flush } = controlledFlush();
    const group = new GroupCommit(flush);
    const first = group.add([1]);
    await turn();
    const later = [group.add([2]), group.add([3, 4])];
    await turn();
    expect(calls).toHaveLength(1);
    calls[0]?.release();
    await first;
    await turn();
    expect(calls.map((call) => call.items)).toEqual([[1], [2, 3, 4]]);
    calls[1]?.release();
    await Promise.all(later);
  });

  it('a failed flush rejects every caller in it, and the next batch is still written', async () => {
    const { calls, flush } = controlledFlush();
    const group = new GroupCommit(flush);
    const failing = [group.add([1]), group.add([2])];
    await turn();
    const next = group.add([3]);
    calls[0]?.fail(new Error('disk full'));
    for (const promise of failing) await expect(promise).rejects.toThrow('disk full');
    await turn();
    expect(calls.map((call) => call.items)).toEqual([[1, 2], [3]]);
    calls[1]?.release();
    await expect(next).resolves.toBeUndefined();
  });

  it('a flush that throws at once rejects its callers too', async () => {
    const group = new GroupCommit<number>(() => {
      throw new Error('no connection');
    });
    await expect(group.add([1])).rejects.toThrow('no connection');
  });

  it('adds nothing for no items, and drain waits for what is in flight', async () => {
    const { calls, flush } = controlledFlush();
    const group = new GroupCommit(flush);
    await group.add([]);
    expect(calls).toHaveLength(0);
    const pending = group.add([1]);
    let drained = false;
    const drain = group.drain().then(() => {
      drained = true;
    });
    await turn();
    expect(drained).toBe(false);
    calls[0]?.release();
    await Promise.all([pending, drain]);
    expect(drained).toBe(true);
  });
});
