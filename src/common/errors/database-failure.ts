/**
 * Recognises failures that mean "the database is not reachable right now" (connection refused or
 * dropped, server shutting down, pool exhausted, statement timeout): the caller should retry, so the
 * API answers 503 rather than 500.
 */
const UNAVAILABLE_SQLSTATE_PREFIXES = ['08', '53', '57P'];
const UNAVAILABLE_SQLSTATES = new Set(['57014', '55P03', '40001', '40P01']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/**
 * TypeORM releases a transaction's query runner when its connection dies under it (terminated by the
 * server, or the server crashed); the transaction's next statement then fails with one of these. The
 * server has rolled the transaction back, so nothing was half-written: the caller should retry.
 */
const CONNECTION_LOST_ERROR_NAMES = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is not established',
  'Cannot use a pool after calling end',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof candidate.name === 'string' && CONNECTION_LOST_ERROR_NAMES.has(candidate.name)) return true;
  const code = typeof candidate.code === 'string' ? candidate.code : undefined;
  if (code !== undefined) {
    if (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_SQLSTATE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
  }
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  if (UNAVAILABLE_MESSAGES.some((text) => message.includes(text))) return true;
  if (candidate.driverError !== undefined && candidate.driverError !== error) return isDatabaseUnavailable(candidate.driverError);
  if (candidate.cause !== undefined && candidate.cause !== error) return isDatabaseUnavailable(candidate.cause);
  return false;
}

/** What may be logged about an unexpected error: no driver detail, which can quote row values. */
export function describeErrorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const withCode = error as Error & { code?: unknown; driverError?: { code?: unknown; constraint?: unknown; table?: unknown } };
  const isQueryError = withCode.driverError !== undefined || error.name === 'QueryFailedError';
  return {
    name: error.name,
    code: typeof withCode.code === 'string' ? withCode.code : withCode.driverError?.code,
    constraint: withCode.driverError?.constraint,
    table: withCode.driverError?.table,
    // Postgres messages can quote the offending value ("invalid input syntax for type uuid: ..."), so query errors log none.
    message: isQueryError ? undefined : error.message,
    stack: isQueryError ? undefined : error.stack,
  };
}
