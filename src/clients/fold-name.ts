/**
 * Folds a name for matching: case, accents, spacing and punctuation ignored, so `O'Brien`, `OBRIEN`,
 * `o brien` and `Ó Brien` are all `obrien`. Letters outside Latin keep their folded form.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o')
    .replace(/[łŀ]/g, 'l')
    .replace(/[^\p{L}\p{N}]/gu, '');
}
