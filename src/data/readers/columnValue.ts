/** A decoded column as the columnar readers (Parquet, Arrow) hand it over. */
export type ColumnArray = ArrayLike<unknown> & { readonly length: number };

/**
 * Copies `count` values of `col` from `from` into column `j` of the row-major Float32 `x` (`cols` wide)
 * starting at row `row0`. Typed arrays take a tight loop; other arrays go value by value, where null and
 * undefined are missing (replaced by `fill`, or reported through `onMissing` when it is given), booleans 0/1,
 * bigints and numeric strings numbers. Returns the index (relative to `from`) of the first value that is not
 * a number, or -1.
 */
export function copyColumn(
  col: ColumnArray,
  from: number,
  count: number,
  x: Float32Array,
  cols: number,
  j: number,
  row0: number,
  fill: number,
  onMissing: ((i: number) => void) | null,
): number {
  let o = row0 * cols + j;
  if (col instanceof Float32Array || col instanceof Float64Array || col instanceof Int32Array) {
    for (let i = from; i < from + count; i++, o += cols) x[o] = col[i] as number;
    return -1;
  }
  if (ArrayBuffer.isView(col)) {
    // other typed arrays: Uint8/16/32, Int8/16, BigInt64/BigUint64
    const a = col as unknown as ArrayLike<number | bigint>;
    for (let i = from; i < from + count; i++, o += cols) x[o] = Number(a[i]);
    return -1;
  }
  for (let i = from; i < from + count; i++, o += cols) {
    const v = col[i];
    if (typeof v === 'number') x[o] = v;
    else if (v === null || v === undefined) {
      if (onMissing !== null) onMissing(i);
      x[o] = fill;
    } else if (typeof v === 'boolean') x[o] = v ? 1 : 0;
    else if (typeof v === 'bigint') x[o] = Number(v);
    else if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) x[o] = Number(v);
    else return i;
  }
  return -1;
}
