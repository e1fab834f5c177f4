/** Prefixes of the references the API shows; parsed back by the same functions. */
export const CLIENT_REFERENCE_PREFIX = 'OI';
export const CASE_REFERENCE_PREFIX = 'CASE';

/**
 * Human references such as `OI-2026-000123`: a prefix, the year the record was created (UTC) and its
 * database sequence number, at least six digits. Derived, never stored, so they cannot drift or clash.
 */
export function formatReference(prefix: string, createdAt: Date, sequenceNumber: string | number): string {
  return `${prefix}-${createdAt.getUTCFullYear()}-${String(sequenceNumber).padStart(6, '0')}`;
}

export function parseReference(prefix: string, reference: string): { year: number; sequenceNumber: string } | undefined {
  const match = new RegExp(`^${prefix}-(\\d{4})-(\\d{6,15})$`, 'i').exec(reference.trim());
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { year: Number(match[1]), sequenceNumber: String(BigInt(match[2])) };
}
