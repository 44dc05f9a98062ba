import { DataError } from '../../errors/errors.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { BaseEstimator } from '../base/BaseEstimator.js';
import { registerEstimator } from '../base/persistence.js';
import { bool, integer, oneOf } from '../base/validators.js';
import { murmurhash3String } from './murmurhash3.js';

/** One sample for `inputType: 'dict'`: feature name → numeric value, or → string (feature `name=value`, value 1). */
export type HashDict = Readonly<Record<string, number | string>>;

/** One sample for `inputType: 'pair'`: (name, value) pairs; a string value means feature `name=value` with 1. */
export type HashPairs = Iterable<readonly [string, number | string]>;

/** One sample for `inputType: 'string'`: feature names, each counting 1 (repeats add up). */
export type HashStrings = Iterable<string>;

/** Any one sample FeatureHasher reads. */
export type HashSample = HashDict | HashPairs | HashStrings;

/** Hyper-parameters of FeatureHasher. */
export interface FeatureHasherOptions {
  /** Output columns; a power of two keeps the modulo unbiased. Default 2^20 = 1048576. */
  nFeatures?: number;
  /** What a sample is: 'dict' (default), 'pair' or 'string'. */
  inputType?: 'dict' | 'pair' | 'string';
  /** Give each feature a hash-chosen sign, so collisions cancel in expectation. Default true. */
  alternateSign?: boolean;
}

/**
 * The hashing trick, scikit-learn's `FeatureHasher`: each feature name (UTF-8) is hashed with signed 32-bit
 * MurmurHash3 (seed 0); column = |h| mod nFeatures, and with `alternateSign` the value is negated when h < 0.
 * Values landing in the same column of a row are summed (zeros dropped), giving a CSR matrix with sorted column
 * indices — identical to scikit-learn's output. Stateless: `transform` needs no `fit`, so text and categorical
 * streams train without building a vocabulary.
 *
 * @example
 * const h = new FeatureHasher({ nFeatures: 2 ** 18, inputType: 'string' });
 * const X = h.transform([['the', 'cat', 'sat'], ['the', 'dog']]); // CsrMatrix 2 × 262144
 */
export class FeatureHasher extends BaseEstimator<FeatureHasherOptions, Record<string, never>> {
  static override readonly className = 'FeatureHasher';
  static override readonly spec = {
    nFeatures: integer(1, 2147483647),
    inputType: oneOf('dict', 'pair', 'string'),
    alternateSign: bool,
  };
  static override readonly defaults = { nFeatures: 1048576, inputType: 'dict', alternateSign: true };

  readonly estimatorType = 'transformer' as const;

  /** @param options hyper-parameters (see FeatureHasherOptions); validated against `spec` */
  constructor(options: FeatureHasherOptions = {}) {
    super(options);
    // stateless: usable without fit, like scikit-learn's
    this.state = {};
  }

  /** Does nothing (the hasher is stateless); returns this. */
  fit(_X?: unknown): this {
    this.state = {};
    return this;
  }

  /** `transform(X)`. */
  fitTransform(X: Iterable<HashSample>): CsrMatrix {
    return this.transform(X);
  }

  /**
   * Hashes every sample into one sparse row.
   * @param X samples of the configured `inputType`
   * @returns CsrMatrix of samples × nFeatures, float64 values
   * @throws DataError when a value is not a finite number or a string, or a feature name is not a string
   */
  transform(X: Iterable<HashSample>): CsrMatrix {
    const { nFeatures, inputType, alternateSign } = this.params as Required<FeatureHasherOptions>;
    const where = `${this.className}.transform`;
    const indptr: number[] = [0];
    let indices = new Int32Array(1024);
    let values = new Float64Array(1024);
    let nnz = 0;
    let row = 0;
    const rowCols: number[] = [];
    const rowVals = new Map<number, number>();
    const add = (name: unknown, value: unknown): void => {
      if (typeof name !== 'string') {
        throw new DataError(`${where}: row ${row} has a feature name of type ${typeof name}; names must be strings.`, {
          where,
          row,
        });
      }
      let key = name;
      let v: number;
      if (typeof value === 'string') {
        key = `${name}=${value}`;
        v = 1;
      } else if (typeof value === 'number' && Number.isFinite(value)) {
        v = value;
      } else {
        throw new DataError(
          `${where}: feature ${JSON.stringify(name)} of row ${row} has value ${String(value)}; values must be finite numbers or strings.`,
          { where, row, feature: name },
        );
      }
      if (v === 0) return;
      const h = murmurhash3String(key, 0);
      // |−2³¹| does not fit in 32 bits; scikit-learn maps that one hash like this
      const col = h === -2147483648 ? (2147483647 - (nFeatures - 1)) % nFeatures : Math.abs(h) % nFeatures;
      if (alternateSign && h < 0) v = -v;
      const prev = rowVals.get(col);
      if (prev === undefined) {
        rowVals.set(col, v);
        rowCols.push(col);
      } else rowVals.set(col, prev + v);
    };
    for (const sample of X) {
      rowVals.clear();
      rowCols.length = 0;
      if (inputType === 'dict') {
        if (sample === null || typeof sample !== 'object' || Symbol.iterator in sample) {
          throw new DataError(`${where}: row ${row} must be an object of name → value for inputType "dict".`, {
            where,
            row,
          });
        }
        for (const [name, value] of Object.entries(sample as HashDict)) add(name, value);
      } else if (inputType === 'pair') {
        for (const pair of sample as HashPairs) add(pair[0], pair[1]);
      } else {
        if (typeof sample === 'string') {
          throw new DataError(
            `${where}: row ${row} is a single string; inputType "string" takes one list of strings per row (tokenise first).`,
            { where, row },
          );
        }
        for (const name of sample as HashStrings) add(name, 1);
      }
      rowCols.sort((a, b) => a - b);
      if (nnz + rowCols.length > indices.length) {
        const size = Math.max(2 * indices.length, nnz + rowCols.length);
        const i2 = new Int32Array(size);
        i2.set(indices.subarray(0, nnz));
        const v2 = new Float64Array(size);
        v2.set(values.subarray(0, nnz));
        indices = i2;
        values = v2;
      }
      for (const col of rowCols) {
        const v = rowVals.get(col) as number;
        if (v === 0) continue; // cancelled by a colliding feature of opposite sign
        indices[nnz] = col;
        values[nnz] = v;
        nnz++;
      }
      indptr.push(nnz);
      row++;
    }
    return new CsrMatrix(row, nFeatures, Int32Array.from(indptr), indices.slice(0, nnz), values.slice(0, nnz));
  }
}

registerEstimator(FeatureHasher);
