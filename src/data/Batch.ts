import { ShapeError } from '../errors/errors.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import { Tensor } from '../tensor/Tensor.js';

/** Targets of a batch: class indices (Int32Array) or real values (Float32Array, Float64Array). */
export type Labels = Float32Array | Float64Array | Int32Array;

/** Names of the label storage types, for reader and writer options. */
export type LabelDType = 'float32' | 'float64' | 'int32';

/**
 * A dense batch: `rows` examples of `cols` features in one row-major Float32Array, with optional targets.
 * Row `i` is `x.subarray(i * cols, (i + 1) * cols)`; `y[i]` is its target. Both estimator families accept an
 * `AsyncIterable<DenseBatch>` (a `Dataset` of batches) in `fit` / `partialFit`.
 */
export interface DenseBatch {
  readonly x: Float32Array;
  readonly y?: Labels;
  readonly rows: number;
  readonly cols: number;
}

/** A sparse batch: the features as a CSR matrix of `rows × cols`, with optional targets. */
export interface SparseBatch {
  readonly x: CsrMatrix;
  readonly y?: Labels;
  readonly rows: number;
  readonly cols: number;
}

/** Either kind of batch; tell them apart with `isSparseBatch`. */
export type Batch = DenseBatch | SparseBatch;

/** One dense example: a feature vector and an optional target. */
export interface DenseExample {
  readonly x: Float32Array;
  readonly y?: number;
}

/** A sparse vector of length `size`: `values[k]` sits at position `indices[k]` (ascending). */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  readonly size: number;
}

/** One sparse example. */
export interface SparseExample {
  readonly x: SparseVector;
  readonly y?: number;
}

/** Either kind of example. */
export type Example = DenseExample | SparseExample;

/** True when `b` holds its features as a CSR matrix. */
export function isSparseBatch(b: Batch): b is SparseBatch {
  return b.x instanceof CsrMatrix;
}

/** True when `value` looks like a dense or sparse batch (`x`, `rows`, `cols`). */
export function isBatch(value: unknown): value is Batch {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { rows?: unknown; cols?: unknown; x?: unknown };
  return (
    typeof v.rows === 'number' &&
    typeof v.cols === 'number' &&
    (v.x instanceof Float32Array || v.x instanceof CsrMatrix)
  );
}

/** True when `value` looks like an example (`x` is a Float32Array or a sparse vector). */
export function isExample(value: unknown): value is Example {
  if (typeof value !== 'object' || value === null || !('x' in value)) return false;
  const x = (value as { x: unknown }).x;
  return x instanceof Float32Array || isSparseVector(x);
}

/** True when `value` is a `SparseVector`. */
export function isSparseVector(value: unknown): value is SparseVector {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SparseVector>;
  return v.indices instanceof Int32Array && v.values instanceof Float32Array && typeof v.size === 'number';
}

/**
 * Checks a dense batch's storage sizes and returns it.
 * @throws ShapeError when `x.length !== rows * cols` or `y.length !== rows`.
 */
export function denseBatch(x: Float32Array, rows: number, cols: number, y?: Labels): DenseBatch {
  if (x.length !== rows * cols) {
    throw new ShapeError(`denseBatch: x holds ${x.length} values; expected rows × cols = ${rows} × ${cols}.`, {
      rows,
      cols,
      length: x.length,
    });
  }
  if (y !== undefined && y.length !== rows) {
    throw new ShapeError(`denseBatch: y holds ${y.length} labels; expected one per row (${rows}).`, {
      rows,
      labels: y.length,
    });
  }
  return y === undefined ? { x, rows, cols } : { x, y, rows, cols };
}

/**
 * The batch as tensors: `x` of shape [rows, cols] (float32; a sparse batch is densified) and `y` of shape
 * [rows] when the batch has targets.
 */
export function batchToTensors(b: Batch): { x: Tensor; y?: Tensor } {
  const data = isSparseBatch(b) ? Float32Array.from(b.x.toDense()) : b.x;
  const x = new Tensor(data, [b.rows, b.cols]);
  return b.y === undefined ? { x } : { x, y: new Tensor(b.y, [b.rows]) };
}

/**
 * The features of a batch in the matrix forms the estimators take: `{ rows, cols, data }` (row-major, no copy)
 * for a dense batch, the `CsrMatrix` itself for a sparse one. With `b.y` this is what `partialFit` needs.
 */
export function batchMatrix(b: Batch): { rows: number; cols: number; data: Float32Array } | CsrMatrix {
  return isSparseBatch(b) ? b.x : { rows: b.rows, cols: b.cols, data: b.x };
}

/** Allocates an empty label array of `dtype`. */
export function allocateLabels(dtype: LabelDType, n: number): Labels {
  if (dtype === 'int32') return new Int32Array(n);
  if (dtype === 'float32') return new Float32Array(n);
  return new Float64Array(n);
}

/** The dtype name of a label array. */
export function labelDType(y: Labels): LabelDType {
  if (y instanceof Int32Array) return 'int32';
  if (y instanceof Float32Array) return 'float32';
  return 'float64';
}
