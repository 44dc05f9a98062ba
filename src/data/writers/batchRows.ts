import type { Batch } from '../Batch.js';

/**
 * Calls `fn(values, row)` for each row of `b` with the row's dense values (sparse rows are expanded into a
 * reused buffer, so copy it if you keep it).
 */
export function forEachDenseRow(b: Batch, fn: (values: ArrayLike<number>, row: number) => void): void {
  const { rows, cols } = b;
  if (b.x instanceof Float32Array) {
    for (let i = 0; i < rows; i++) fn(b.x.subarray(i * cols, (i + 1) * cols), i);
    return;
  }
  const { indptr, indices, values } = b.x;
  const row = new Float32Array(cols);
  for (let i = 0; i < rows; i++) {
    row.fill(0);
    for (let k = indptr[i] as number; k < (indptr[i + 1] as number); k++)
      row[indices[k] as number] = values[k] as number;
    fn(row, i);
  }
}

/** Default feature names: f0, f1, … */
export function defaultFeatureNames(cols: number): string[] {
  return Array.from({ length: cols }, (_, i) => `f${i}`);
}
