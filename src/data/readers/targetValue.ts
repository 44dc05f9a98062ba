/**
 * The numeric target for a raw value: numbers pass, numeric strings parse, booleans give 0/1, and with
 * `classes` a string is replaced by its class index. Returns NaN when the value cannot be a target.
 */
export function targetValue(value: unknown, classes: ReadonlyMap<string, number> | null): number {
  if (classes !== null) {
    const k = classes.get(String(value));
    return k === undefined ? NaN : k;
  }
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return NaN;
}
