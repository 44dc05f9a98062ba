import { argmaxAt } from '../../nn/metrics/Metric.js';

/** counts[true][predicted] for integer labels in [0, classes). */
export function confusionCounts(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) (m[truth[i] as number] as number[])[predicted[i] as number]! += 1;
  return m;
}

/** A printable confusion matrix: rows are true classes, columns predicted ones. */
export function formatConfusion(m: number[][], names: readonly string[]): string {
  const width = Math.max(5, ...m.flat().map((v) => String(v).length + 1), ...names.map((n) => n.length + 1));
  const head = ' '.repeat(width + 6) + names.map((n) => n.padStart(width)).join('');
  const rows = m.map(
    (row, i) => `true ${(names[i] as string).padStart(width)} ` + row.map((v) => String(v).padStart(width)).join(''),
  );
  return [`${' '.repeat(width + 6)}predicted`, head, ...rows].join('\n');
}

/** Index of the largest value in each row of a [rows, width] array (the first on ties). */
export function argmaxRows(data: ArrayLike<number>, width: number): Int32Array {
  const rows = data.length / width;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = argmaxAt(data, r * width, width);
  return out;
}
