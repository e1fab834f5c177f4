/** class-transformer helper: trims strings and leaves every other type for the validators to refuse. */
export function trimString({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? value.trim() : value;
}
