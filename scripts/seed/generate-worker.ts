/**
 * The generator's worker thread (see WorkerBatchSource): keeps up to two batches ready ahead of the
 * writer, and makes another each time the writer takes one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchPlan, toTextBatch } from './batch-source';
import { CaseGenerator } from './case-generator';
import { Batch } from './tables';

const AHEAD = 2;

function run(port: NonNullable<typeof parentPort>, plan: BatchPlan): void {
  const generator = new CaseGenerator(plan.generator);
  const produce = () => {
    if (generator.generated >= plan.generator.cases) {
      port.postMessage({ kind: 'done' });
      return;
    }
    const batch = new Batch(true);
    const end = Math.min(plan.generator.cases, generator.generated + plan.batchSize);
    while (generator.generated < end) generator.next(batch);
    port.postMessage({ kind: 'batch', batch: toTextBatch(batch, generator.generated) });
  };
  port.on('message', () => {
    try {
      produce();
    } catch (error) {
      port.postMessage({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  try {
    for (let i = 0; i < AHEAD; i += 1) produce();
  } catch (error) {
    port.postMessage({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

if (parentPort !== null) run(parentPort, workerData as BatchPlan);
