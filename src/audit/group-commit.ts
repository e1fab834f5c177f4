/**
 * Group commit: items added while a flush is running (or in the same turn of the event loop) are
 * written together by the next flush, one at a time. Each caller's promise settles with the flush
 * that holds its items: resolved once that flush has committed, rejected if it failed. Nothing is
 * acknowledged before it is written, and a failure reaches every caller whose items it carried.
 */
export class GroupCommit<T> {
  private waiting: Batch<T> | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly flush: (items: T[]) => Promise<void>) {}

  add(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    if (this.waiting === null) {
      this.waiting = new Batch<T>();
      // Not at once: let the requests of this turn (and those arriving while a flush runs) join.
      if (this.flushing === null) setImmediate(() => this.next());
    }
    this.waiting.items.push(...items);
    return this.waiting.done;
  }

  /** Settles when nothing is waiting or being written (for shutdown). */
  async drain(): Promise<void> {
    while (this.flushing !== null || this.waiting !== null) {
      await (this.flushing ?? this.waiting?.done)?.catch(() => undefined);
    }
  }

  private next(): void {
    const batch = this.waiting;
    if (batch === null || this.flushing !== null) return;
    this.waiting = null;
    this.flushing = Promise.resolve()
      .then(() => this.flush(batch.items))
      .then(batch.resolve, batch.reject)
      .finally(() => {
        this.flushing = null;
        if (this.waiting !== null) this.next();
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
