import { ConfigError, ValueError } from '../errors/errors.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { bool, integer, seed } from '../estimators/base/validators.js';
import { randomFor } from '../util/random.js';
import { BaseSplitter, type Split, type SplitData, complementSplit, sampleCount } from './Splitter.js';

/** Options of KFold. */
export interface KFoldOptions {
  /** Number of folds, at least 2; default 5. */
  nSplits?: number;
  /** Shuffle the rows before cutting folds; default false. */
  shuffle?: boolean;
  /** Seed of the shuffle (only with `shuffle: true`). */
  seed?: number | null;
}

/** Throws ConfigError when a seed is given without shuffling (scikit-learn raises too: it would do nothing). */
export function checkShuffleSeed(className: string, shuffle: boolean, seedValue: number | null): void {
  if (!shuffle && seedValue !== null) {
    throw new ConfigError(
      `${className}: "seed" has no effect when "shuffle" is false; leave seed null or set shuffle: true.`,
      { option: 'seed' },
    );
  }
}

/** Fold sizes of scikit-learn's KFold: the first n % k folds get one extra sample. */
export function foldSizes(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, f) => Math.floor(n / k) + (f < n % k ? 1 : 0));
}

/**
 * K-fold cross-validation (scikit-learn's `KFold`): consecutive folds of sizes ⌊n/k⌋ or ⌊n/k⌋ + 1 (larger first),
 * each the test set once; rows are shuffled first when `shuffle` is set.
 * @example new KFold({ nSplits: 3 }).split(6) // tests [0,1], [2,3], [4,5]
 */
export class KFold extends BaseSplitter<KFoldOptions> {
  static override readonly className: string = 'KFold';
  static override readonly spec = { nSplits: integer(2, Infinity), shuffle: bool, seed };
  static override readonly defaults = { nSplits: 5, shuffle: false, seed: null };

  constructor(options: KFoldOptions = {}) {
    super(options);
    checkShuffleSeed('KFold', this.params.shuffle, this.params.seed);
  }

  /**
   * @throws ValueError when there are fewer samples than folds
   */
  split(X: SplitData): Split[] {
    const n = sampleCount(X);
    const k = this.params.nSplits;
    if (k > n) {
      throw new ValueError(`KFold: cannot have nSplits = ${k} greater than the number of samples n = ${n}.`, {
        nSplits: k,
        nSamples: n,
      });
    }
    const order = this.params.shuffle
      ? randomFor(this.params.seed ?? undefined).permutation(n)
      : Int32Array.from({ length: n }, (_, i) => i);
    const out: Split[] = [];
    let start = 0;
    for (const size of foldSizes(n, k)) {
      const test = Array.from(order.subarray(start, start + size)).sort((a, b) => a - b);
      out.push(complementSplit(n, test));
      start += size;
    }
    return out;
  }

  getNSplits(): number {
    return this.params.nSplits;
  }
}

registerEstimator(KFold);
