import type { DenseBatch } from './Batch.js';
import { Dataset } from './Dataset.js';

/**
 * Splits an in-memory dense batch (such as a generated data set) into batches of `batchSize` rows (the last
 * may be smaller). The batches are views of `data`, so nothing is copied.
 */
export function batchesOf(data: DenseBatch, batchSize = 1024): Dataset<DenseBatch> {
  const { x, y, rows, cols } = data;
  return new Dataset(function* () {
    for (let s = 0; s < rows; s += batchSize) {
      const m = Math.min(batchSize, rows - s);
      const bx = x.subarray(s * cols, (s + m) * cols);
      const b: DenseBatch =
        y === undefined ? { x: bx, rows: m, cols } : { x: bx, y: y.subarray(s, s + m), rows: m, cols };
      yield b;
    }
  });
}
