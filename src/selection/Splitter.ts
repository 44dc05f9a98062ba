import { ConfigError } from '../errors/errors.js';
import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { numRows } from '../estimators/base/matrixLike.js';
import { type Params, resolveParams } from '../estimators/base/params.js';
import type { EstimatorJSON } from '../estimators/base/persistence.js';
import { decodeValue, encodeValue, isEstimatorJSON } from '../estimators/base/persistence.js';
import type { Validator } from '../estimators/base/validators.js';

/** One train/test split: row indices into the data, ascending unless the splitter shuffles. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/** What a splitter reads the number of samples from: the data (any X or y) or the count itself. */
export type SplitData = MatrixLike | { readonly length: number } | number;

/** A 1-D sequence of class labels or group ids. */
export type SplitLabels = readonly (number | string)[] | Float64Array | Float32Array | Int32Array;

/** A cross-validation strategy: scikit-learn's splitter interface (`split`, `getNSplits`). */
export interface Splitter {
  /** The splits, in order. `y` is needed by stratified splitters, `groups` by group splitters. */
  split(X: SplitData, y?: SplitLabels, groups?: SplitLabels): Split[];
  /** Number of splits `split` returns. */
  getNSplits(X?: SplitData, y?: SplitLabels, groups?: SplitLabels): number;
}

/** Number of samples in `X` (rows of a matrix, items of a vector, or the number itself). */
export function sampleCount(X: SplitData): number {
  if (typeof X === 'number') return X;
  if (Array.isArray(X) || ArrayBuffer.isView(X)) return (X as { length: number }).length;
  return numRows(X as MatrixLike);
}

/** The test indices given, with the train indices as their complement (both ascending). */
export function complementSplit(n: number, test: ArrayLike<number>): Split {
  const inTest = new Uint8Array(n);
  for (let k = 0; k < test.length; k++) inTest[test[k] as number] = 1;
  const train = new Int32Array(n - test.length);
  let t = 0;
  for (let i = 0; i < n; i++) if (inTest[i] === 0) train[t++] = i;
  return { train, test: Int32Array.from(test) };
}

/** Statics each splitter class declares (as estimators do). */
interface SplitterStatics {
  readonly className: string;
  readonly spec: Readonly<Record<string, Validator>>;
  readonly defaults: Readonly<Record<string, unknown>>;
}

/**
 * Base of the splitters: options validated against a `spec` table like estimators' hyper-parameters, `getParams`,
 * and JSON save/load (so searches that hold a splitter can be saved).
 */
export abstract class BaseSplitter<O extends object> implements Splitter {
  static readonly className: string = 'BaseSplitter';
  static readonly spec: Readonly<Record<string, Validator>> = {};
  static readonly defaults: Readonly<Record<string, unknown>> = {};

  protected readonly params: Params<O>;

  /** @throws ConfigError on an unknown option or a value outside its declared constraint */
  constructor(options: O = {} as O) {
    const cls = this.constructor as unknown as SplitterStatics;
    this.params = resolveParams(cls.className, cls.spec, cls.defaults, options as Record<string, unknown>) as Params<O>;
  }

  /** The class name used in messages. */
  get className(): string {
    return (this.constructor as unknown as SplitterStatics).className;
  }

  /** The options, defaults filled in. */
  getParams(): Params<O> {
    return { ...this.params };
  }

  abstract split(X: SplitData, y?: SplitLabels, groups?: SplitLabels): Split[];
  abstract getNSplits(X?: SplitData, y?: SplitLabels, groups?: SplitLabels): number;

  /** The splitter as JSON (class name and options). */
  toJSON(): EstimatorJSON {
    return {
      format: 'lsml-estimator',
      version: 1,
      className: this.className,
      params: encodeValue(this.params),
      state: null,
    };
  }

  /** Restores a splitter saved by `toJSON`. */
  static fromJSON<T>(this: new (options: Record<string, unknown>) => T, json: EstimatorJSON | string): T {
    const parsed: unknown = typeof json === 'string' ? JSON.parse(json) : json;
    const name = (this as unknown as SplitterStatics).className;
    if (!isEstimatorJSON(parsed) || parsed.className !== name) {
      throw new ConfigError(`${name}.fromJSON: expected a saved ${name}.`);
    }
    return new this(decodeValue(parsed.params) as Record<string, unknown>);
  }
}
