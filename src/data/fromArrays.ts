import { ShapeError } from '../errors/errors.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import type { DenseExample, SparseExample } from './Batch.js';
import { Dataset } from './Dataset.js';

/** Dense features held row-major in one array. */
export interface RowMajorData {
  readonly data: Float32Array | Float64Array | readonly number[];
  readonly rows: number;
  readonly cols: number;
}

/** Targets accepted by `fromArrays`. */
export type TargetArray = readonly number[] | Float32Array | Float64Array | Int32Array;

function isRowMajorData(x: unknown): x is RowMajorData {
  return typeof x === 'object' && x !== null && 'data' in x && 'rows' in x && 'cols' in x && !(x instanceof CsrMatrix);
}

/**
 * A dataset of examples from in-memory arrays: `x` as nested rows, a row-major `RowMajorData`, or a `CsrMatrix`
 * (giving sparse examples); `y` one target per row (optional). Follow with `.batch(n)` for batches.
 * @throws ShapeError when rows are ragged or `y` has another length.
 */
export function fromArrays(x: readonly (readonly number[])[] | RowMajorData, y?: TargetArray): Dataset<DenseExample>;
export function fromArrays(x: CsrMatrix, y?: TargetArray): Dataset<SparseExample>;
export function fromArrays(
  x: readonly (readonly number[])[] | RowMajorData | CsrMatrix,
  y?: TargetArray,
): Dataset<DenseExample> | Dataset<SparseExample> {
  const rows = x instanceof CsrMatrix || isRowMajorData(x) ? x.rows : x.length;
  if (y !== undefined && y.length !== rows) {
    throw new ShapeError(`fromArrays: x has ${rows} rows but y has ${y.length} targets.`, { rows, targets: y.length });
  }
  if (x instanceof CsrMatrix) {
    const { indptr, indices, values, cols } = x;
    return new Dataset<SparseExample>(function* () {
      for (let i = 0; i < rows; i++) {
        const lo = indptr[i] as number;
        const hi = indptr[i + 1] as number;
        const v = { indices: indices.slice(lo, hi), values: Float32Array.from(values.subarray(lo, hi)), size: cols };
        yield y === undefined ? { x: v } : { x: v, y: y[i] as number };
      }
    });
  }
  let flat: Float32Array;
  let cols: number;
  if (isRowMajorData(x)) {
    cols = x.cols;
    if (x.data.length !== x.rows * x.cols) {
      throw new ShapeError(`fromArrays: data holds ${x.data.length} values; expected ${x.rows} × ${x.cols}.`);
    }
    flat = Float32Array.from(x.data);
  } else {
    cols = x[0]?.length ?? 0;
    flat = new Float32Array(rows * cols);
    x.forEach((row, i) => {
      if (row.length !== cols) {
        throw new ShapeError(`fromArrays: row ${i} has ${row.length} values; expected ${cols} as in row 0.`, {
          row: i,
          expected: cols,
          received: row.length,
        });
      }
      flat.set(row, i * cols);
    });
  }
  return new Dataset<DenseExample>(function* () {
    for (let i = 0; i < rows; i++) {
      const v = flat.slice(i * cols, (i + 1) * cols);
      yield y === undefined ? { x: v } : { x: v, y: y[i] as number };
    }
  });
}
