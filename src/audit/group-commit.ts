/**
 * Group commit: items added while a flush is running (or in the same turn of the event loop) are
 * written together by the next flush, one at a time. Each caller's promise settles with the flush
 * that holds its items: resolved once that flush has committed, rejected if it failed. Nothing is
 * acknowledged before it is written, and a failure reaches every caller whose items it carried.
 */
export class GroupCommit<T> {
  // Batches not yet being written, oldest first; only the last one still takes new items.
  private readonly waiting: Batch<T>[] = [];
  private flushing: Promise<void> | null = null;

  /**
   * `maxItems` bounds one flush: when the database stalls (a lock, a timeout) the requests piling up
   * meanwhile are spread over several statements, so one failure does not fail them all at once.
   */
  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly maxItems = 500,
  ) {}

  add(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    let batch = this.waiting.at(-1);
    if (batch === undefined || batch.items.length + items.length > this.maxItems) {
      batch = new Batch<T>();
      this.waiting.push(batch);
      // Not at once: let the requests of this turn (and those arriving while a flush runs) join.
      if (this.flushing === null && this.waiting.length === 1) setImmediate(() => this.next());
    }
    // One caller's items stay in one batch, even past the bound: they succeed or fail together.
    batch.items.push(...items);
    return batch.done;
  }

  /** Settles when nothing is waiting or being written (for shutdown). */
  async drain(): Promise<void> {
    while (this.flushing !== null || this.waiting.length > 0) {
      await (this.flushing ?? this.waiting[0]?.done)?.catch(() => undefined);
    }
  }

  private next(): void {
    if (this.flushing !== null) return;
    const batch = this.waiting.shift();
    if (batch === undefined) return;
    this.flushing = Promise.resolve()
      .then(() => this.flush(batch.items))
      .then(batch.resolve, batch.reject)
      .finally(() => {
        this.flushing = null;
        if (this.waiting.length > 0) this.next();
      });
  }
}

class Batch<T> {
  readonly items: T[] = [];
  readonly done: Promise<void>;
  resolve!: () => void;
  reject!: (error: unknown) => void;

  constructor() {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Callers attach their own handlers; a batch nobody waits on must not crash the process.
    this.done.catch(() => undefined);
  }
}
