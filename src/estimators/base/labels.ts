import { DataError, ShapeError, ValueError } from '../../errors/errors.js';
import type { Vector } from './matrixLike.js';

/** A class label: a number or a string. */
export type Label = number | string;

/** Labels as given to `fit`: an array of numbers or strings, or a typed array. */
export type LabelsLike = Vector<Label>;

/**
 * Total order of labels, as numpy sorts them: numbers ascending, strings by UTF-16 code units. Mixed kinds are
 * rejected before sorting, so the order between a number and a string never matters.
 */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Throws ShapeError unless `y` has `n` items (the rows of X). */
export function checkLength(y: { length: number }, n: number, where: string, name = 'y', what = 'labels'): void {
  if (y.length !== n) {
    throw new ShapeError(`${where}: X has ${n} rows but ${name} has ${y.length} ${what}; they must match.`, {
      where,
      name,
      expected: n,
      received: y.length,
    });
  }
}

/**
 * Validates class labels: each is a finite number or a string, all of one kind.
 * @returns the labels as a plain array
 * @throws DataError on NaN, ±Infinity, null/undefined, or a mix of numbers and strings
 */
export function checkLabels(y: LabelsLike, where: string, name = 'y'): Label[] {
  if (y === null || typeof y !== 'object' || typeof (y as { length?: unknown }).length !== 'number') {
    throw new DataError(`${where}: ${name} must be an array of labels; received ${y === null ? 'null' : typeof y}.`, {
      where,
      name,
    });
  }
  const out = Array.from(y as ArrayLike<Label>);
  let kind: 'number' | 'string' | null = null;
  out.forEach((v, i) => {
    const t = typeof v;
    if (t === 'number') {
      if (!Number.isFinite(v)) {
        throw new DataError(`${where}: ${name} contains ${String(v)} at index ${i}; labels must be finite.`, {
          where,
          name,
          index: i,
        });
      }
    } else if (t !== 'string') {
      throw new DataError(
        `${where}: ${name} contains ${v === null ? 'null' : t} at index ${i}; labels must be numbers or strings.`,
        { where, name, index: i },
      );
    }
    if (kind === null) kind = t as 'number' | 'string';
    else if (kind !== t) {
      throw new DataError(
        `${where}: ${name} mixes numbers and strings (index ${i} is a ${t}, earlier labels are ${kind}s); use one kind.`,
        { where, name, index: i },
      );
    }
  });
  return out;
}

/** Sorted distinct labels. */
export function uniqueLabels(labels: readonly Label[]): Label[] {
  return [...new Set(labels)].sort(compareLabels);
}

/** Labels encoded as indices into the sorted classes. */
export interface EncodedLabels {
  /** Distinct labels, sorted (scikit-learn's `classes_`). */
  classes: Label[];
  /** For each sample, the index of its label in `classes`. */
  indices: Int32Array;
}

/**
 * Validates labels and encodes them as indices into their sorted distinct values.
 * @param n expected count (rows of X); omitted → not checked
 * @throws DataError on bad labels, ShapeError on a count mismatch
 */
export function encodeLabels(y: LabelsLike, where: string, n?: number, name = 'y'): EncodedLabels {
  const labels = checkLabels(y, where, name);
  if (n !== undefined) checkLength(labels, n, where, name);
  const classes = uniqueLabels(labels);
  const position = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const indices = new Int32Array(labels.length);
  labels.forEach((l, i) => (indices[i] = position.get(l) as number));
  return { classes, indices };
}

/**
 * Validates a regression target: finite numbers, `n` of them.
 * @returns a float64 copy
 * @throws DataError on NaN, ±Infinity or a non-number; ShapeError on a count mismatch
 */
export function checkTarget(y: ArrayLike<number>, where: string, n?: number, name = 'y'): Float64Array {
  if (y === null || typeof y !== 'object' || typeof y.length !== 'number') {
    throw new DataError(`${where}: ${name} must be an array of numbers; received ${y === null ? 'null' : typeof y}.`, {
      where,
      name,
    });
  }
  if (n !== undefined) checkLength(y, n, where, name, 'values');
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as unknown;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DataError(
        `${where}: ${name} contains ${typeof v === 'string' ? JSON.stringify(v) : String(v)} at index ${i}; targets must be finite numbers.`,
        { where, name, index: i },
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * Validates per-sample weights: `n` finite numbers >= 0 that do not all vanish. Undefined means all ones.
 * @returns a float64 copy, or all ones
 * @throws ShapeError on a count mismatch, ValueError on a negative, non-finite or all-zero weight vector
 */
export function checkSampleWeight(
  sampleWeight: ArrayLike<number> | undefined,
  n: number,
  where: string,
  name = 'sampleWeight',
): Float64Array {
  if (sampleWeight === undefined) return new Float64Array(n).fill(1);
  checkLength(sampleWeight, n, where, name, 'weights');
  const out = Float64Array.from(sampleWeight);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = out[i] as number;
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new ValueError(`${where}: ${name} must hold finite numbers >= 0; received ${w} at index ${i}.`, {
        where,
        name,
        index: i,
      });
    }
    total += w;
  }
  if (total === 0) {
    throw new ValueError(`${where}: ${name} sums to 0; at least one sample needs a positive weight.`, { where, name });
  }
  return out;
}
