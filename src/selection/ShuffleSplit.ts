import { registerEstimator } from '../estimators/base/persistence.js';
import { integer, seed } from '../estimators/base/validators.js';
import { randomFor } from '../util/random.js';
import { BaseSplitter, type Split, type SplitData, sampleCount } from './Splitter.js';
import { splitSize, splitSizes } from './splitSizes.js';

/** Options of ShuffleSplit. */
export interface ShuffleSplitOptions {
  /** Number of random splits; default 10. */
  nSplits?: number;
  /** Test fraction in (0, 1) or count; default null: 0.1 when trainSize is null too, else the rest. */
  testSize?: number | null;
  /** Train fraction in (0, 1) or count; default null: the rest. */
  trainSize?: number | null;
  /** Seed of the permutations. */
  seed?: number | null;
}

/**
 * Independent random train/test splits (scikit-learn's `ShuffleSplit`): each split permutes the rows and takes
 * the first nTest as the test set and the next nTrain as the training set. Test sets may overlap between splits.
 */
export class ShuffleSplit extends BaseSplitter<ShuffleSplitOptions> {
  static override readonly className: string = 'ShuffleSplit';
  static override readonly spec = { nSplits: integer(1, Infinity), testSize: splitSize, trainSize: splitSize, seed };
  static override readonly defaults = { nSplits: 10, testSize: null, trainSize: null, seed: null };

  /** @throws ValueError on sizes that do not fit the data (see `splitSizes`) */
  split(X: SplitData): Split[] {
    const n = sampleCount(X);
    const { nTrain, nTest } = splitSizes('ShuffleSplit.split', n, this.params.testSize, this.params.trainSize, 0.1);
    const rng = randomFor(this.params.seed ?? undefined);
    const out: Split[] = [];
    for (let s = 0; s < this.params.nSplits; s++) {
      const perm = rng.permutation(n);
      out.push({ test: perm.slice(0, nTest), train: perm.slice(nTest, nTest + nTrain) });
    }
    return out;
  }

  getNSplits(): number {
    return this.params.nSplits;
  }
}

registerEstimator(ShuffleSplit);
