import { VersionedUpdate } from '../../database/versioned-update';
import { staleWrite } from './etag';

/** A versioned write's outcome as the row, or the error the API answers with. */
export function unwrap<T>(update: VersionedUpdate<T>, notFound: () => Error): T {
  if (update.outcome === 'updated') return update.row;
  throw update.outcome === 'stale' ? staleWrite() : notFound();
}

/** Drops the keys a PATCH did not send, so they are left as they are. */
export function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
