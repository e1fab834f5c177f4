import { IsDefined, IsOptional, ValidateIf } from 'class-validator';

/**
 * How a DTO field may be absent. `required`: must be present and not null. `omittable`: may be left
 * out (a PATCH that does not touch it), but null is refused because the column cannot be empty.
 * `nullable`: may be left out or set to null to clear it.
 */
export type Presence = 'required' | 'omittable' | 'nullable';

export function presence(kind: Presence): PropertyDecorator {
  if (kind === 'required') return IsDefined();
  if (kind === 'nullable') return IsOptional();
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
