import { ValueError } from '../errors/errors.js';
import { checkLength } from '../estimators/base/labels.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { integer, seed } from '../estimators/base/validators.js';
import { type Random, randomFor } from '../util/random.js';
import { approximateMode } from './approximateMode.js';
import { classCodes } from './classCodes.js';
import type { ShuffleSplitOptions } from './ShuffleSplit.js';
import { BaseSplitter, type Split, type SplitData, type SplitLabels, sampleCount } from './Splitter.js';
import { splitSize, splitSizes } from './splitSizes.js';

/** Options of StratifiedShuffleSplit (those of ShuffleSplit). */
export type StratifiedShuffleSplitOptions = ShuffleSplitOptions;

/**
 * One stratified random split of `n` samples with class codes `codes` into nTrain/nTest (scikit-learn's
 * StratifiedShuffleSplit step): per-class train and test counts from `approximateMode`, so each class's share in
 * either set is within one sample of its share in y.
 */
export function stratifiedDraw(
  codes: Int32Array,
  counts: readonly number[],
  nTrain: number,
  nTest: number,
  rng: Random,
): Split {
  const nClasses = counts.length;
  const trainCounts = approximateMode(counts, nTrain, rng);
  const testCounts = approximateMode(
    counts.map((c, i) => c - (trainCounts[i] as number)),
    nTest,
    rng,
  );
  const members: number[][] = Array.from({ length: nClasses }, () => []);
  codes.forEach((c, i) => (members[c] as number[]).push(i));
  const train: number[] = [];
  const test: number[] = [];
  members.forEach((idx, c) => {
    rng.shuffle(idx);
    const a = trainCounts[c] as number;
    train.push(...idx.slice(0, a));
    test.push(...idx.slice(a, a + (testCounts[c] as number)));
  });
  return { train: Int32Array.from(rng.shuffle(train)), test: Int32Array.from(rng.shuffle(test)) };
}

/**
 * Random splits that keep the class proportions of y (scikit-learn's `StratifiedShuffleSplit`).
 */
export class StratifiedShuffleSplit extends BaseSplitter<StratifiedShuffleSplitOptions> {
  static override readonly className: string = 'StratifiedShuffleSplit';
  static override readonly spec = { nSplits: integer(1, Infinity), testSize: splitSize, trainSize: splitSize, seed };
  static override readonly defaults = { nSplits: 10, testSize: null, trainSize: null, seed: null };

  /**
   * @throws ValueError when y is missing, a class has fewer than 2 members, or a set is smaller than the number
   *   of classes
   */
  split(X: SplitData, y?: SplitLabels): Split[] {
    const where = 'StratifiedShuffleSplit.split';
    if (y === undefined) throw new ValueError(`${where}: y is required to stratify the splits.`);
    const n = sampleCount(X);
    checkLength(y, n, where);
    const { nTrain, nTest } = splitSizes(where, n, this.params.testSize, this.params.trainSize, 0.1);
    const { codes, counts } = stratifyCodes(y, where, nTrain, nTest);
    const rng = randomFor(this.params.seed ?? undefined);
    return Array.from({ length: this.params.nSplits }, () => stratifiedDraw(codes, counts, nTrain, nTest, rng));
  }

  getNSplits(): number {
    return this.params.nSplits;
  }
}

/**
 * Class codes for a stratified random split, with scikit-learn's checks.
 * @throws ValueError when a class has one member, or nTrain or nTest is below the number of classes
 */
export function stratifyCodes(
  y: SplitLabels,
  where: string,
  nTrain: number,
  nTest: number,
): { codes: Int32Array; counts: number[] } {
  const { codes, counts } = classCodes(y, where, 'sorted');
  if (Math.min(...counts) < 2) {
    throw new ValueError(
      `${where}: the least populated class in y has only 1 member, which is too few; every class needs at least 2.`,
    );
  }
  if (nTrain < counts.length) {
    throw new ValueError(
      `${where}: the train size ${nTrain} must be at least the number of classes (${counts.length}).`,
    );
  }
  if (nTest < counts.length) {
    throw new ValueError(`${where}: the test size ${nTest} must be at least the number of classes (${counts.length}).`);
  }
  return { codes, counts };
}

registerEstimator(StratifiedShuffleSplit);
