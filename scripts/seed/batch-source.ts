import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CaseGenerator, CaseGeneratorOptions } from './case-generator';
import { Batch, BATCH_TABLES } from './tables';

/** One batch as COPY text: per table, chunks of whole lines, ready to stream. */
export interface TextBatch {
  chunks: Map<string, string[]>;
  counts: Map<string, number>;
  rows: number;
  /** Cases generated so far, this batch included. */
  generated: number;
}

/** Where the COPY path gets its batches: generated in this thread, or ahead of time in a worker. */
export interface BatchSource {
  /** Null when every case has been generated. */
  next(): Promise<TextBatch | null>;
  close(): Promise<void>;
}

export interface BatchPlan {
  generator: CaseGeneratorOptions;
  batchSize: number;
}

const CHUNK_LINES = 4_096;

export function toTextBatch(batch: Batch, generated: number): TextBatch {
  const chunks = new Map<string, string[]>();
  for (const spec of BATCH_TABLES) {
    const lines = batch.textOf(spec);
    const parts: string[] = [];
    for (let start = 0; start < lines.length; start += CHUNK_LINES) parts.push(lines.slice(start, start + CHUNK_LINES).join(''));
    chunks.set(spec.name, parts);
  }
  return { chunks, counts: new Map(batch.counts), rows: batch.rowCount, generated };
}

/** Generates each batch when asked, in the caller's thread. */
export class InlineBatchSource implements BatchSource {
  private readonly generator: CaseGenerator;

  constructor(private readonly plan: BatchPlan) {
    this.generator = new CaseGenerator(plan.generator);
  }

  async next(): Promise<TextBatch | null> {
    if (this.generator.generated >= this.plan.generator.cases) return null;
    const batch = new Batch(true);
    const end = Math.min(this.plan.generator.cases, this.generator.generated + this.plan.batchSize);
    while (this.generator.generated < end) this.generator.next(batch);
    return toTextBatch(batch, this.generator.generated);
  }

  async close(): Promise<void> {}
}

type WorkerReply = { kind: 'batch'; batch: TextBatch } | { kind: 'done' } | { kind: 'error'; message: string };

/**
 * Generates batches in a worker thread, a couple ahead of the writer, so generating the next batch
 * overlaps with PostgreSQL ingesting this one (on two cores, one each). Same generator, same order:
 * the data is identical to the inline source's.
 */
export class WorkerBatchSource implements BatchSource {
  private readonly worker: Worker;
  private readonly ready: WorkerReply[] = [];
  private waiting: ((reply: WorkerReply) => void) | null = null;
  private failure: Error | null = null;

  constructor(plan: BatchPlan) {
    const entry = join(__dirname, `generate-worker${extname(__filename)}`);
    // Under ts-node the worker compiles its TypeScript the same way; built JavaScript loads directly.
    const bootstrap =
      extname(__filename) === '.ts'
        ? `require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(join(__dirname, '..', '..', 'tsconfig.json'))} }); require(${JSON.stringify(entry)});`
        : `require(${JSON.stringify(entry)});`;
    this.worker = new Worker(bootstrap, { eval: true, workerData: plan });
    this.worker.on('message', (reply: WorkerReply) => this.deliver(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`the generator worker stopped with code ${code}`));
    });
  }

  private deliver(reply: WorkerReply): void {
    if (this.waiting !== null) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(reply);
    } else {
      this.ready.push(reply);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.deliver({ kind: 'error', message: error.message });
  }

  async next(): Promise<TextBatch | null> {
    if (this.failure !== null) throw this.failure;
    const reply = this.ready.shift() ?? (await new Promise<WorkerReply>((resolve) => (this.waiting = resolve)));
    if (reply.kind === 'error') throw this.failure ?? new Error(reply.message);
    if (reply.kind === 'done') return null;
    this.worker.postMessage('more');
    return reply.batch;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
