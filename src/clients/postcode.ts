// Outward code (area, district) then inward code (sector, unit); GIR 0AA is the one historic exception.
const UK_POSTCODE = /^(GIR0AA|[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2})$/;

/** `rg11aa`, ` RG1  1AA ` → `RG1 1AA`; undefined when it is not a UK postcode. */
export function normaliseUkPostcode(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!UK_POSTCODE.test(compact)) return undefined;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}
