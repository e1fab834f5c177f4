import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs the rest of a request inside its context, so code far from the controller (the audit trail) knows its id. */
export function runInRequestContext(context: RequestContext, next: () => void): void {
  storage.run(context, next);
}

/** The current request's id, or null outside a request (scripts, start-up). */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}
