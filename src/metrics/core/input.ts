/**
 * Reading metric inputs: plain arrays, typed arrays, nested arrays and tensors become one internal form, checked
 * for shape, type and finiteness, with errors that name the function and the argument.
 */
import { DataError, DTypeError, ShapeError, ValueError } from '../../errors/errors.js';
import { Tensor } from '../../tensor/Tensor.js';
import type { Label } from './types.js';

/** A row-major matrix of float64 values (`ndim` 1 means the input was a vector, stored as one column). */
export interface NumericData {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly ndim: 1 | 2;
}

/** A vector of class labels, all numbers or all strings (booleans become 0 and 1). */
export interface LabelVector {
  readonly kind: 'labels';
  readonly values: readonly Label[];
  readonly isString: boolean;
  readonly length: number;
}

/** A 2-D target with more than one column (a multi-label indicator or a multi-output target). */
export interface MatrixTarget {
  readonly kind: 'matrix';
  readonly matrix: NumericData;
  readonly length: number;
}

/** A classification target as read from the user. */
export type Target = LabelVector | MatrixTarget;

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return 'a typed array';
  if (value instanceof Tensor) return 'a tensor';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function checkFinite(fn: string, arg: string, value: number, index: string): void {
  if (!Number.isFinite(value)) {
    const what = Number.isNaN(value) ? 'NaN' : String(value);
    throw new DataError(
      `${fn}: "${arg}" contains ${what} at index ${index}; metrics need finite values (drop or impute missing values first).`,
      { fn, argument: arg, index, value },
    );
  }
}

/** Reads rows of a nested array into a row-major Float64Array, checking that it is rectangular and numeric. */
function readRows(fn: string, arg: string, rows: ArrayLike<unknown>): NumericData {
  const n = rows.length;
  const first = rows[0] as ArrayLike<unknown>;
  const cols = first.length;
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!isArrayLike(row) || row.length !== cols) {
      const got = isArrayLike(row) ? `length ${row.length}` : kindOf(row);
      throw new ShapeError(
        `${fn}: "${arg}" must be a rectangular matrix; row 0 has length ${cols} but row ${i} has ${got}.`,
        { fn, argument: arg, row: i },
      );
    }
    for (let j = 0; j < cols; j++) {
      let v = row[j];
      if (typeof v === 'boolean') v = v ? 1 : 0;
      if (typeof v !== 'number') {
        throw new DTypeError(
          `${fn}: "${arg}" must hold numbers; row ${i}, column ${j} is ${kindOf(v)} (${String(v)}).`,
          { fn, argument: arg, row: i, column: j },
        );
      }
      checkFinite(fn, arg, v, `[${i}, ${j}]`);
      data[i * cols + j] = v;
    }
  }
  return { data, rows: n, cols, ndim: 2 };
}

function tensorData(fn: string, arg: string, t: Tensor): NumericData {
  if (t.rank !== 1 && t.rank !== 2) {
    throw new ShapeError(`${fn}: "${arg}" must be a 1-D or 2-D tensor; received rank ${t.rank}.`, {
      fn,
      argument: arg,
      shape: [...t.shape],
    });
  }
  const data = Float64Array.from(t.data);
  for (let i = 0; i < data.length; i++) checkFinite(fn, arg, data[i] as number, String(i));
  return t.rank === 1
    ? { data, rows: t.shape[0] as number, cols: 1, ndim: 1 }
    : { data, rows: t.shape[0] as number, cols: t.shape[1] as number, ndim: 2 };
}

/**
 * Reads numbers (scores, probabilities, regression targets, weights) as a vector or a matrix.
 * @throws DTypeError for non-numbers, ShapeError for ragged matrices, DataError for NaN or ±Infinity.
 */
export function readNumeric(fn: string, arg: string, input: unknown): NumericData {
  if (input instanceof Tensor) return tensorData(fn, arg, input);
  if (!isArrayLike(input)) {
    throw new DTypeError(`${fn}: "${arg}" must be an array of numbers or a matrix; received ${kindOf(input)}.`, {
      fn,
      argument: arg,
    });
  }
  if (input.length > 0 && isArrayLike(input[0])) return readRows(fn, arg, input);
  const n = input.length;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = input[i];
    if (typeof v === 'boolean') v = v ? 1 : 0;
    if (typeof v !== 'number') {
      throw new DTypeError(`${fn}: "${arg}" must hold numbers; index ${i} is ${kindOf(v)} (${String(v)}).`, {
        fn,
        argument: arg,
        index: i,
      });
    }
    checkFinite(fn, arg, v, String(i));
    data[i] = v;
  }
  return { data, rows: n, cols: 1, ndim: 1 };
}

/** Reads a numeric vector; an `n × 1` matrix counts as a vector (scikit-learn's `column_or_1d`). */
export function readVector(fn: string, arg: string, input: unknown): Float64Array {
  const d = readNumeric(fn, arg, input);
  if (d.ndim === 2 && d.cols !== 1) {
    throw new ShapeError(`${fn}: "${arg}" must be a vector; received a matrix of shape [${d.rows}, ${d.cols}].`, {
      fn,
      argument: arg,
      shape: [d.rows, d.cols],
    });
  }
  return d.data;
}

/**
 * Reads classification targets: a label vector (numbers, strings or booleans) or a 2-D matrix.
 * An `n × 1` matrix is read as a vector.
 * @throws DTypeError for mixed or unsupported element types, DataError for NaN or ±Infinity.
 */
export function readTarget(fn: string, arg: string, input: unknown): Target {
  if (input instanceof Tensor || (Array.isArray(input) && input.length > 0 && isArrayLike(input[0]))) {
    const m = input instanceof Tensor ? tensorData(fn, arg, input) : readRows(fn, arg, input as ArrayLike<unknown>);
    if (m.ndim === 2 && m.cols !== 1) return { kind: 'matrix', matrix: m, length: m.rows };
    return { kind: 'labels', values: Array.from(m.data), isString: false, length: m.rows };
  }
  if (!isArrayLike(input)) {
    throw new DTypeError(`${fn}: "${arg}" must be an array of labels or a matrix; received ${kindOf(input)}.`, {
      fn,
      argument: arg,
    });
  }
  const n = input.length;
  const values: Label[] = new Array<Label>(n);
  let firstKind = '';
  for (let i = 0; i < n; i++) {
    const v = input[i];
    const k = typeof v;
    if (k !== 'number' && k !== 'string' && k !== 'boolean') {
      throw new DTypeError(`${fn}: "${arg}" must hold numbers, strings or booleans; index ${i} is ${kindOf(v)}.`, {
        fn,
        argument: arg,
        index: i,
      });
    }
    if (i === 0) firstKind = k;
    else if (k !== firstKind) {
      throw new DTypeError(
        `${fn}: "${arg}" mixes label types (${firstKind} at index 0, ${k} at index ${i}); use one type for all labels.`,
        { fn, argument: arg, index: i },
      );
    }
    if (k === 'number') checkFinite(fn, arg, v as number, String(i));
    values[i] = k === 'boolean' ? (v ? 1 : 0) : (v as Label);
  }
  return { kind: 'labels', values, isString: firstKind === 'string', length: n };
}

/**
 * Reads `sampleWeight` (undefined stays undefined) and checks it has one finite weight per sample.
 * @throws ShapeError when the length differs from `n`.
 */
export function readSampleWeight(fn: string, input: unknown, n: number): Float64Array | undefined {
  if (input === undefined || input === null) return undefined;
  const w = readVector(fn, 'sampleWeight', input);
  if (w.length !== n) {
    throw new ShapeError(
      `${fn}: "sampleWeight" has ${w.length} entries but there are ${n} samples; give one weight per sample.`,
      { fn, argument: 'sampleWeight', expected: n, received: w.length },
    );
  }
  return w;
}

/**
 * Checks that the named inputs have the same number of samples (scikit-learn's `check_consistent_length`).
 * @throws ShapeError naming both arguments.
 */
export function checkSameLength(fn: string, first: [string, number], ...others: [string, number][]): void {
  for (const [name, len] of others) {
    if (len !== first[1]) {
      throw new ShapeError(
        `${fn}: "${name}" has ${len} samples but "${first[0]}" has ${first[1]}; they must have the same length.`,
        { fn, argument: name, expected: first[1], received: len },
      );
    }
  }
}

/**
 * Checks that there is at least one sample.
 * @throws ValueError for empty inputs.
 */
export function checkNotEmpty(fn: string, arg: string, n: number): void {
  if (n === 0) {
    throw new ValueError(`${fn}: "${arg}" is empty; at least one sample is needed.`, { fn, argument: arg });
  }
}
