import { ValueError } from '../errors/errors.js';
import { checkLength } from '../estimators/base/labels.js';
import { type MatrixLike, numRows } from '../estimators/base/matrixLike.js';
import { resolveParams } from '../estimators/base/params.js';
import { arrayOf, bool, range, seed } from '../estimators/base/validators.js';
import { randomFor } from '../util/random.js';
import { warn } from '../util/warnings.js';
import { type CrossValidateOptions, CROSS_VALIDATE_SPEC } from './crossValidate.js';
import { checkCv } from './checkCv.js';
import { fitAndScore } from './fitAndScore.js';
import type { ModelLike, Target } from './ModelLike.js';
import type { Scorer } from './Scorer.js';
import { resolveScoring } from './scorers.js';
import type { SplitLabels } from './Splitter.js';

/** Options of `learningCurve`. */
export interface LearningCurveOptions extends Pick<CrossValidateOptions, 'cv' | 'groups' | 'errorScore' | 'nJobs'> {
  /**
   * Training-set sizes: fractions of the largest training fold when any value is not an integer
   * (default [0.1, 0.325, 0.55, 0.775, 1]), else sample counts.
   */
  trainSizes?: readonly number[];
  /** Scorer name or function; default the model's own `score`. */
  scoring?: string | Scorer | null;
  /** Shuffle each training fold before taking its prefix; default false. */
  shuffle?: boolean;
  /** Seed of that shuffle. */
  seed?: number | null;
}

/** Scores of `learningCurve`: rows are training sizes, columns folds. */
export interface LearningCurveResult {
  /** The distinct training sizes used, ascending. */
  trainSizesAbs: number[];
  trainScores: number[][];
  testScores: number[][];
  fitTimes: number[][];
  scoreTimes: number[][];
}

/**
 * The training sizes `learningCurve` uses (scikit-learn's `_translate_train_sizes`): fractions are scaled by the
 * largest training fold and truncated, clipped to [1, max]; duplicates removed with a warning.
 * @throws ValueError when fractions fall outside (0, 1] or counts outside [1, max]
 */
export function translateTrainSizes(trainSizes: readonly number[], nMax: number): number[] {
  const min = Math.min(...trainSizes);
  const max = Math.max(...trainSizes);
  let abs: number[];
  if (trainSizes.some((s) => !Number.isInteger(s))) {
    if (min <= 0 || max > 1) {
      throw new ValueError(
        `learningCurve: trainSizes were read as fractions of the largest training set and must lie in (0, 1]; received [${min}, ${max}].`,
      );
    }
    abs = trainSizes.map((s) => Math.min(nMax, Math.max(1, Math.trunc(s * nMax))));
  } else {
    if (min <= 0 || max > nMax) {
      throw new ValueError(
        `learningCurve: trainSizes were read as sample counts and must lie in [1, ${nMax}]; received [${min}, ${max}].`,
      );
    }
    abs = [...trainSizes];
  }
  const unique = [...new Set(abs)].sort((a, b) => a - b);
  if (unique.length < trainSizes.length) {
    warn(
      'DuplicateTrainSizes',
      `learningCurve: removed duplicate training sizes; ${unique.length} sizes instead of ${trainSizes.length}.`,
    );
  }
  return unique;
}

const SPEC = {
  cv: CROSS_VALIDATE_SPEC.cv,
  groups: CROSS_VALIDATE_SPEC.groups,
  errorScore: CROSS_VALIDATE_SPEC.errorScore,
  nJobs: CROSS_VALIDATE_SPEC.nJobs,
  scoring: CROSS_VALIDATE_SPEC.scoring,
  trainSizes: arrayOf(range(0, Infinity, '()'), 1, 'positive numbers'),
  shuffle: bool,
  seed,
};
const DEFAULTS = {
  cv: null,
  groups: undefined,
  errorScore: NaN,
  nJobs: null,
  scoring: null,
  trainSizes: [0.1, 0.325, 0.55, 0.775, 1.0],
  shuffle: false,
  seed: null,
};

/**
 * Train and test scores for growing training sets (scikit-learn's `learning_curve`): for each fold and each
 * size n, a clone is fitted on the first n training rows of the fold (shuffled first with `shuffle`).
 * @returns scores shaped [size][fold]
 */
export function learningCurve(
  model: ModelLike,
  X: MatrixLike,
  y?: Target,
  options: LearningCurveOptions = {},
): LearningCurveResult {
  const where = 'learningCurve';
  const o = resolveParams(where, SPEC, DEFAULTS, options as Record<string, unknown>) as Required<LearningCurveOptions>;
  if (y !== undefined) checkLength(y, numRows(X), where);
  let splits = checkCv(o.cv, y, model, where).split(X, y as SplitLabels | undefined, o.groups);
  const { scorers } = resolveScoring(o.scoring, model, where);
  const sizes = translateTrainSizes(o.trainSizes, splits[0]?.train.length ?? 0);
  if (o.shuffle) {
    const rng = randomFor(o.seed ?? undefined);
    splits = splits.map((s) => {
      const perm = rng.permutation(s.train.length);
      return { train: Int32Array.from(perm, (i) => s.train[i] as number), test: s.test };
    });
  }
  const grid = (): number[][] => sizes.map(() => []);
  const out: LearningCurveResult = {
    trainSizesAbs: sizes,
    trainScores: grid(),
    testScores: grid(),
    fitTimes: grid(),
    scoreTimes: grid(),
  };
  for (const split of splits) {
    sizes.forEach((n, k) => {
      const r = fitAndScore(
        model,
        X,
        y,
        { train: split.train.subarray(0, n), test: split.test },
        {
          scorers,
          returnTrainScore: true,
          errorScore: o.errorScore,
        },
      );
      (out.trainScores[k] as number[]).push(r.trainScores?.score as number);
      (out.testScores[k] as number[]).push(r.testScores.score as number);
      (out.fitTimes[k] as number[]).push(r.fitTime);
      (out.scoreTimes[k] as number[]).push(r.scoreTime);
    });
  }
  return out;
}
