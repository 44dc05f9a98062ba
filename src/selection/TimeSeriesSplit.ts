import { ValueError } from '../errors/errors.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { integer, nullable } from '../estimators/base/validators.js';
import { BaseSplitter, type Split, type SplitData, sampleCount } from './Splitter.js';

/** Options of TimeSeriesSplit. */
export interface TimeSeriesSplitOptions {
  /** Number of splits, at least 2; default 5. */
  nSplits?: number;
  /** Longest training window (the most recent samples); default null (no limit). */
  maxTrainSize?: number | null;
  /** Samples per test set; default null: ⌊n / (nSplits + 1)⌋. */
  testSize?: number | null;
  /** Samples left out between the end of training and the start of the test set; default 0. */
  gap?: number;
}

function range(start: number, end: number): Int32Array {
  return Int32Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

/**
 * Forward-chaining splits for ordered data (scikit-learn's `TimeSeriesSplit`): each test set is a block of
 * consecutive samples and is trained on everything before it (minus `gap`, at most `maxTrainSize`); the test
 * blocks tile the end of the data.
 */
export class TimeSeriesSplit extends BaseSplitter<TimeSeriesSplitOptions> {
  static override readonly className: string = 'TimeSeriesSplit';
  static override readonly spec = {
    nSplits: integer(2, Infinity),
    maxTrainSize: nullable(integer(1, Infinity)),
    testSize: nullable(integer(1, Infinity)),
    gap: integer(0, Infinity),
  };
  static override readonly defaults = { nSplits: 5, maxTrainSize: null, testSize: null, gap: 0 };

  /**
   * @throws ValueError when the data are too short for nSplits test blocks plus the gap
   */
  split(X: SplitData): Split[] {
    const n = sampleCount(X);
    const { nSplits, maxTrainSize, gap } = this.params;
    const nFolds = nSplits + 1;
    const testSize = this.params.testSize ?? Math.floor(n / nFolds);
    if (nFolds > n) {
      throw new ValueError(`TimeSeriesSplit: cannot have nSplits + 1 = ${nFolds} folds with only ${n} samples.`, {
        nSplits,
        nSamples: n,
      });
    }
    if (n - gap - testSize * nSplits <= 0) {
      throw new ValueError(
        `TimeSeriesSplit: too many splits (${nSplits}) for ${n} samples with testSize = ${testSize} and gap = ${gap}.`,
        { nSplits, nSamples: n, testSize, gap },
      );
    }
    const out: Split[] = [];
    for (let testStart = n - nSplits * testSize; testStart < n; testStart += testSize) {
      const trainEnd = testStart - gap;
      const trainStart = maxTrainSize !== null && maxTrainSize < trainEnd ? trainEnd - maxTrainSize : 0;
      out.push({ train: range(trainStart, trainEnd), test: range(testStart, testStart + testSize) });
    }
    return out;
  }

  getNSplits(): number {
    return this.params.nSplits;
  }
}

registerEstimator(TimeSeriesSplit);
