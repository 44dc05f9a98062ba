import { ValueError } from '../errors/errors.js';
import { anyOf, integer, nullable, range } from '../estimators/base/validators.js';

/** A split size: a fraction in (0, 1) or a sample count (an integer >= 1). */
export const splitSize = nullable(anyOf(range(0, 1, '()'), integer(1, Infinity)));

const isFraction = (x: number): boolean => !Number.isInteger(x);

/**
 * Train and test sizes exactly as scikit-learn computes them (`_validate_shuffle_split`): a test fraction is
 * rounded up (⌈f·n⌉), a train fraction down (⌊f·n⌋); a missing size is the rest; with neither given, the test
 * size is `defaultTestSize`. Integers are counts, non-integers fractions.
 * @throws ValueError when a count is not below n, fractions sum above 1, sizes sum above n, or train is empty
 */
export function splitSizes(
  where: string,
  n: number,
  testSize: number | null | undefined,
  trainSize: number | null | undefined,
  defaultTestSize: number,
): { nTrain: number; nTest: number } {
  let test = testSize ?? null;
  const train = trainSize ?? null;
  if (test === null && train === null) test = defaultTestSize;
  for (const [name, v] of [
    ['testSize', test],
    ['trainSize', train],
  ] as const) {
    if (v === null) continue;
    if (isFraction(v) ? v <= 0 || v >= 1 : v >= n || v <= 0) {
      throw new ValueError(
        `${where}: ${name} = ${v} must be a count in [1, ${n - 1}] (fewer than the ${n} samples) or a fraction in (0, 1).`,
        { [name]: v, nSamples: n },
      );
    }
  }
  if (test !== null && train !== null && isFraction(test) && isFraction(train) && test + train > 1) {
    throw new ValueError(
      `${where}: testSize + trainSize = ${test + train} must be at most 1; reduce testSize or trainSize.`,
      { testSize: test, trainSize: train },
    );
  }
  let nTest = test === null ? NaN : isFraction(test) ? Math.ceil(test * n) : test;
  let nTrain = train === null ? NaN : isFraction(train) ? Math.floor(train * n) : train;
  if (train === null) nTrain = n - nTest;
  else if (test === null) nTest = n - nTrain;
  if (nTrain + nTest > n) {
    throw new ValueError(
      `${where}: train and test sizes add up to ${nTrain + nTest}, more than the ${n} samples; reduce testSize or trainSize.`,
      { nTrain, nTest, nSamples: n },
    );
  }
  if (nTrain === 0) {
    throw new ValueError(
      `${where}: with ${n} samples, testSize = ${String(testSize ?? null)} and trainSize = ${String(trainSize ?? null)} the train set would be empty.`,
      { nSamples: n },
    );
  }
  return { nTrain, nTest };
}
