import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import type { Batch, DenseExample, SparseExample } from '../Batch.js';
import type { Source } from './source.js';

/**
 * Splits batches back into examples (each a copy, so it does not keep its batch alive). Plain arrays are
 * flattened one level.
 */
export async function* unbatchSource(src: Source<unknown>): AsyncGenerator<unknown> {
  for await (const b of src) {
    if (Array.isArray(b)) {
      yield* b;
      continue;
    }
    const batch = b as Batch;
    const { rows, cols, y } = batch;
    if (batch.x instanceof CsrMatrix) {
      const { indptr, indices, values } = batch.x;
      for (let i = 0; i < rows; i++) {
        const lo = indptr[i] as number;
        const hi = indptr[i + 1] as number;
        const x = { indices: indices.slice(lo, hi), values: Float32Array.from(values.subarray(lo, hi)), size: cols };
        const e: SparseExample = y === undefined ? { x } : { x, y: y[i] as number };
        yield e;
      }
    } else {
      const data = batch.x;
      for (let i = 0; i < rows; i++) {
        const x = data.slice(i * cols, (i + 1) * cols);
        const e: DenseExample = y === undefined ? { x } : { x, y: y[i] as number };
        yield e;
      }
    }
  }
}
