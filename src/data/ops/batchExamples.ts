import { DataError, ShapeError } from '../../errors/errors.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import {
  type DenseBatch,
  type DenseExample,
  type LabelDType,
  type Labels,
  type SparseBatch,
  type SparseExample,
  allocateLabels,
  isSparseVector,
} from '../Batch.js';
import type { Source } from './source.js';

/** Options of `batchSource`. */
export interface BatchOptions {
  /** Drop a last batch smaller than `size` (default false). */
  dropRemainder?: boolean;
  /** Storage of the targets (default 'float64'; use 'int32' for class indices). */
  labelDtype?: LabelDType;
}

/**
 * Groups consecutive elements into batches of `size`. Dense examples (`x` a Float32Array) become a
 * `DenseBatch`, sparse examples (`x` a `SparseVector`) a `SparseBatch` in CSR form, anything else a plain array.
 * @throws ShapeError when examples in one batch differ in length; DataError when only some carry a target.
 */
export async function* batchSource<T>(
  src: Source<T>,
  size: number,
  options: BatchOptions = {},
): AsyncGenerator<unknown> {
  const dropRemainder = options.dropRemainder ?? false;
  const labelDtype = options.labelDtype ?? 'float64';
  let pending: T[] = [];
  let index = 0; // position of pending[0] in the stream, for error messages
  for await (const v of src) {
    pending.push(v);
    if (pending.length === size) {
      yield assemble(pending, labelDtype, index);
      index += size;
      pending = [];
    }
  }
  if (pending.length > 0 && !dropRemainder) yield assemble(pending, labelDtype, index);
}

function assemble<T>(items: T[], labelDtype: LabelDType, first: number): unknown {
  const head = items[0] as unknown;
  if (typeof head === 'object' && head !== null && 'x' in head) {
    const x = (head as { x: unknown }).x;
    if (x instanceof Float32Array) return denseFrom(items as unknown as DenseExample[], labelDtype, first);
    if (isSparseVector(x)) return sparseFrom(items as unknown as SparseExample[], labelDtype, first);
  }
  return items;
}

function labelsOf(items: readonly { y?: number }[], labelDtype: LabelDType, first: number): Labels | undefined {
  const hasY = items[0]?.y !== undefined;
  const y = hasY ? allocateLabels(labelDtype, items.length) : undefined;
  items.forEach((e, i) => {
    if ((e.y !== undefined) !== hasY) {
      throw new DataError(
        `batch: example ${first + i} ${hasY ? 'has no target' : 'has a target'} but example ${first} ${hasY ? 'has one' : 'has none'}; every example of a batch must agree.`,
        { index: first + i },
      );
    }
    if (y !== undefined) y[i] = e.y as number;
  });
  return y;
}

function denseFrom(items: DenseExample[], labelDtype: LabelDType, first: number): DenseBatch {
  const cols = (items[0] as DenseExample).x.length;
  const x = new Float32Array(items.length * cols);
  items.forEach((e, i) => {
    if (!(e.x instanceof Float32Array) || e.x.length !== cols) {
      throw new ShapeError(
        `batch: example ${first + i} has ${e.x instanceof Float32Array ? `${e.x.length} features` : 'no dense features'}; expected ${cols} as in example ${first}.`,
        { index: first + i, expected: cols },
      );
    }
    x.set(e.x, i * cols);
  });
  const y = labelsOf(items, labelDtype, first);
  return y === undefined ? { x, rows: items.length, cols } : { x, y, rows: items.length, cols };
}

function sparseFrom(items: SparseExample[], labelDtype: LabelDType, first: number): SparseBatch {
  const cols = (items[0] as SparseExample).x.size;
  const indptr = new Int32Array(items.length + 1);
  let nnz = 0;
  items.forEach((e, i) => {
    if (!isSparseVector(e.x) || e.x.size !== cols) {
      throw new ShapeError(
        `batch: example ${first + i} has ${isSparseVector(e.x) ? `size ${e.x.size}` : 'no sparse features'}; expected size ${cols} as in example ${first}.`,
        { index: first + i, expected: cols },
      );
    }
    nnz += e.x.indices.length;
    indptr[i + 1] = nnz;
  });
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  items.forEach((e, i) => {
    indices.set(e.x.indices, indptr[i] as number);
    values.set(e.x.values, indptr[i] as number);
  });
  const x = new CsrMatrix(items.length, cols, indptr, indices, values);
  const y = labelsOf(items, labelDtype, first);
  return y === undefined ? { x, rows: items.length, cols } : { x, y, rows: items.length, cols };
}
