import { ValueError } from '../errors/errors.js';
import { checkLength } from '../estimators/base/labels.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { bool, integer, seed } from '../estimators/base/validators.js';
import { randomFor } from '../util/random.js';
import { warn } from '../util/warnings.js';
import { classCodes } from './classCodes.js';
import { checkShuffleSeed, type KFoldOptions } from './KFold.js';
import {
  BaseSplitter,
  type Split,
  type SplitData,
  type SplitLabels,
  complementSplit,
  sampleCount,
} from './Splitter.js';

/** Options of StratifiedKFold (those of KFold). */
export type StratifiedKFoldOptions = KFoldOptions;

/**
 * K-fold cross-validation that keeps the class proportions of y in every fold (scikit-learn's `StratifiedKFold`,
 * same allocation): the labels sorted by class are dealt to the folds round-robin, so each class's count in each
 * fold is within one of its share, and without `shuffle` the folds follow the data order within each class.
 */
export class StratifiedKFold extends BaseSplitter<StratifiedKFoldOptions> {
  static override readonly className: string = 'StratifiedKFold';
  static override readonly spec = { nSplits: integer(2, Infinity), shuffle: bool, seed };
  static override readonly defaults = { nSplits: 5, shuffle: false, seed: null };

  constructor(options: StratifiedKFoldOptions = {}) {
    super(options);
    checkShuffleSeed('StratifiedKFold', this.params.shuffle, this.params.seed);
  }

  /**
   * @throws ValueError when y is missing or continuous, or every class has fewer members than nSplits
   *   (a class smaller than nSplits only warns, as in scikit-learn)
   */
  split(X: SplitData, y?: SplitLabels): Split[] {
    const where = 'StratifiedKFold.split';
    if (y === undefined) throw new ValueError(`${where}: y is required to stratify the folds.`);
    const n = sampleCount(X);
    checkLength(y, n, where);
    const k = this.params.nSplits;
    const { codes, counts } = classCodes(y, where, 'appearance');
    const nClasses = counts.length;
    if (counts.every((c) => k > c)) {
      throw new ValueError(`${where}: nSplits = ${k} cannot be greater than the number of members in each class.`, {
        nSplits: k,
      });
    }
    const smallest = Math.min(...counts);
    if (k > smallest) {
      warn(
        'StratifiedSplitWarning',
        `${where}: the least populated class in y has only ${smallest} members, which is less than nSplits = ${k}.`,
        { smallest, nSplits: k },
      );
    }
    // allocation[f][c]: members of class c in fold f, from dealing the class-sorted labels round-robin
    const sortedCodes = Int32Array.from(codes).sort();
    const allocation = Array.from({ length: k }, () => new Array<number>(nClasses).fill(0));
    sortedCodes.forEach((c, i) => {
      const row = allocation[i % k] as number[];
      row[c] = (row[c] as number) + 1;
    });
    const rng = this.params.shuffle ? randomFor(this.params.seed ?? undefined) : null;
    const testFold = new Int32Array(n);
    for (let c = 0; c < nClasses; c++) {
      const folds: number[] = [];
      for (let f = 0; f < k; f++) for (let r = 0; r < ((allocation[f] as number[])[c] as number); r++) folds.push(f);
      if (rng) rng.shuffle(folds);
      let next = 0;
      for (let i = 0; i < n; i++) if (codes[i] === c) testFold[i] = folds[next++] as number;
    }
    const out: Split[] = [];
    for (let f = 0; f < k; f++) {
      const test: number[] = [];
      for (let i = 0; i < n; i++) if (testFold[i] === f) test.push(i);
      out.push(complementSplit(n, test));
    }
    return out;
  }

  getNSplits(): number {
    return this.params.nSplits;
  }
}

registerEstimator(StratifiedKFold);
