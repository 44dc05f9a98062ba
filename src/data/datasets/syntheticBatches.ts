import type { DenseBatch } from '../Batch.js';
import { Dataset } from '../Dataset.js';
import { Random } from '../../util/random.js';
import { checkNumber } from './checkOption.js';

/** Options of `syntheticBatches`. */
export interface SyntheticOptions {
  /** Total rows (may exceed memory: rows are made batch by batch). */
  rows: number;
  /** Features per row (default 10). */
  cols?: number;
  /** 'classification' (Int32 labels from a random linear model) or 'regression' (Float64 targets). Default 'classification'. */
  task?: 'classification' | 'regression';
  /** Classes for classification (default 2). */
  nClasses?: number;
  /** Standard deviation of the noise added to the linear scores (default 0.1). */
  noise?: number;
  /** Rows per batch (default 1024). */
  batchSize?: number;
  seed?: number;
}

/**
 * An endless-scale stream of synthetic rows for tests, examples and benchmarks: x ~ N(0, I) (float32), scores
 * s = W·x + noise with W drawn once from the seed; the label is argmax over classes (classification) or the
 * single score (regression). Every pass yields the same rows, and they do not depend on `batchSize`.
 */
export function syntheticBatches(options: SyntheticOptions): Dataset<DenseBatch> {
  const rows = options.rows;
  const cols = options.cols ?? 10;
  const task = options.task ?? 'classification';
  const nClasses = task === 'regression' ? 1 : (options.nClasses ?? 2);
  if (task === 'classification') checkNumber('syntheticBatches', 'nClasses', nClasses, 2, Infinity, true);
  const noise = options.noise ?? 0.1;
  const batchSize = options.batchSize ?? 1024;
  const seed = options.seed ?? 0;
  checkNumber('syntheticBatches', 'rows', rows, 0, Infinity, true);
  checkNumber('syntheticBatches', 'cols', cols, 1, Infinity, true);
  checkNumber('syntheticBatches', 'batchSize', batchSize, 1, Infinity, true);
  return new Dataset(function* () {
    const rng = new Random(seed);
    const W = Float64Array.from({ length: nClasses * cols }, () => rng.normal());
    for (let start = 0; start < rows; start += batchSize) {
      const m = Math.min(batchSize, rows - start);
      const x = new Float32Array(m * cols);
      const y = task === 'regression' ? new Float64Array(m) : new Int32Array(m);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < cols; j++) x[i * cols + j] = rng.normal();
        let best = -Infinity;
        let arg = 0;
        for (let c = 0; c < nClasses; c++) {
          let s = noise * rng.normal();
          for (let j = 0; j < cols; j++) s += (W[c * cols + j] as number) * (x[i * cols + j] as number);
          if (s > best) {
            best = s;
            arg = c;
          }
        }
        y[i] = task === 'regression' ? best : arg;
      }
      const b: DenseBatch = { x, y, rows: m, cols };
      yield b;
    }
  });
}
