/** class-transformer helper: trims strings and leaves every other type for the validators to refuse. */
export function trimString({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/** class-transformer helper for emails: trimmed and lower-cased, since addresses are compared that way. */
export function normaliseEmail({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

/** class-transformer helper for boolean query parameters, which arrive as text. */
export function queryBoolean({ value }: { value: unknown }): unknown {
  return value === 'true' ? true : value === 'false' ? false : value;
}

/**
 * class-transformer helper for whole-number query parameters: plain digits become a number; anything
 * else (`0x10`, `1e1`, ` 5`, which Number() would take) is left as text for @IsInt to refuse.
 */
export function queryInteger({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^-?[0-9]{1,15}$/.test(value) ? Number(value) : value;
}
