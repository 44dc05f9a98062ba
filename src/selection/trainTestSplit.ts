import { ConfigError, ValueError } from '../errors/errors.js';
import { checkLength } from '../estimators/base/labels.js';
import {
  type MatrixLike,
  type Vector,
  matrixKind,
  numRows,
  takeItems,
  takeRows,
} from '../estimators/base/matrixLike.js';
import { resolveParams } from '../estimators/base/params.js';
import { bool, optional, satisfies, seed } from '../estimators/base/validators.js';
import { randomFor } from '../util/random.js';
import { stratifiedDraw, stratifyCodes } from './StratifiedShuffleSplit.js';
import type { SplitLabels } from './Splitter.js';
import { splitSize, splitSizes } from './splitSizes.js';

/** Options of `trainTestSplit`. */
export interface TrainTestSplitOptions {
  /** Test fraction in (0, 1) or count; default 0.25 when trainSize is unset too, else the rest. */
  testSize?: number | null;
  /** Train fraction in (0, 1) or count; default the rest. */
  trainSize?: number | null;
  /** Shuffle before splitting; default true. Without shuffling, train is the first rows and test the next. */
  shuffle?: boolean;
  /** Seed of the shuffle. */
  seed?: number | null;
  /** Class labels whose proportions both sets keep (usually y); needs `shuffle`. */
  stratify?: SplitLabels | undefined;
}

/** The two sets of `trainTestSplit`, and the row indices that made them. */
export interface TrainTestSplitResult<X, Y> {
  XTrain: X;
  XTest: X;
  yTrain: Y;
  yTest: Y;
  trainIndex: Int32Array;
  testIndex: Int32Array;
}

const SPEC = {
  testSize: splitSize,
  trainSize: splitSize,
  shuffle: bool,
  seed,
  stratify: optional(satisfies('an array of class labels', (v) => Array.isArray(v) || ArrayBuffer.isView(v))),
};
const DEFAULTS = { testSize: null, trainSize: null, shuffle: true, seed: null, stratify: undefined };

/**
 * Splits X (and y) into random train and test subsets (scikit-learn's `train_test_split`, same sizes: the test
 * size rounds up, the train size down). Rows keep their form (nested arrays, DenseMatrix, CsrMatrix, table…).
 * @param X the samples
 * @param y targets, split alongside (optional)
 * @param options sizes, shuffle, seed, stratify
 * @returns XTrain, XTest, yTrain, yTest (undefined without y), and the indices used
 * @throws ConfigError on an unknown option or stratify without shuffle; ValueError on sizes that do not fit;
 *   ShapeError when X, y and stratify differ in length
 * @example
 * const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, seed: 0, stratify: y });
 */
export function trainTestSplit<X extends MatrixLike, Y extends Vector<unknown> | undefined = undefined>(
  X: X,
  y?: Y,
  options: TrainTestSplitOptions = {},
): TrainTestSplitResult<X, Y> {
  const where = 'trainTestSplit';
  const o = resolveParams(where, SPEC, DEFAULTS, options as Record<string, unknown>) as Required<TrainTestSplitOptions>;
  matrixKind(X, where);
  const n = numRows(X);
  if (y !== undefined) checkLength(y, n, where);
  const { nTrain, nTest } = splitSizes(where, n, o.testSize, o.trainSize, 0.25);
  let train: Int32Array;
  let test: Int32Array;
  if (!o.shuffle) {
    if (o.stratify !== undefined) {
      throw new ConfigError(
        `${where}: "stratify" needs shuffle: true (a stratified split without shuffling is not defined).`,
      );
    }
    train = Int32Array.from({ length: nTrain }, (_, i) => i);
    test = Int32Array.from({ length: nTest }, (_, i) => nTrain + i);
  } else if (o.stratify !== undefined) {
    checkLength(o.stratify, n, where, 'stratify');
    const { codes, counts } = stratifyCodes(o.stratify, where, nTrain, nTest);
    ({ train, test } = stratifiedDraw(codes, counts, nTrain, nTest, randomFor(o.seed ?? undefined)));
  } else {
    const perm = randomFor(o.seed ?? undefined).permutation(n);
    test = perm.slice(0, nTest);
    train = perm.slice(nTest, nTest + nTrain);
  }
  if (train.length === 0 || test.length === 0) {
    throw new ValueError(`${where}: a split came out empty (train ${train.length}, test ${test.length}).`);
  }
  return {
    XTrain: takeRows(X, train),
    XTest: takeRows(X, test),
    yTrain: (y === undefined ? undefined : takeItems(y, train)) as Y,
    yTest: (y === undefined ? undefined : takeItems(y, test)) as Y,
    trainIndex: train,
    testIndex: test,
  };
}
