import { ConfigError, LsmlError } from '../errors/errors.js';
import { type MatrixLike, takeItems, takeRows } from '../estimators/base/matrixLike.js';
import { warn } from '../util/warnings.js';
import { type ModelLike, type Target, fitModel } from './ModelLike.js';
import type { Scorer } from './Scorer.js';
import type { Split } from './Splitter.js';

/** What to do when a fit or a score throws: rethrow (`'raise'`) or record this number (default NaN). */
export type ErrorScore = 'raise' | number;

/** Validator of `errorScore` options. */
export const errorScoreValidator = {
  description: '"raise" or a number (NaN allowed)',
  check: (v: unknown): boolean => v === 'raise' || typeof v === 'number',
};

/** Settings of one fit-and-score task. */
export interface FitAndScoreOptions {
  scorers: ReadonlyMap<string, Scorer>;
  returnTrainScore: boolean;
  errorScore: ErrorScore;
  /** Hyper-parameters set on the clone before fitting. */
  parameters?: Record<string, unknown> | undefined;
  /** Per-sample fit weights of the whole data (indexed to the training rows). */
  sampleWeight?: ArrayLike<number> | undefined;
}

/** Result of one fit-and-score task (scikit-learn's `_fit_and_score`). */
export interface FitAndScoreResult {
  testScores: Record<string, number>;
  trainScores?: Record<string, number>;
  /** Seconds spent in fit. */
  fitTime: number;
  /** Seconds spent scoring the test set. */
  scoreTime: number;
  /** The fitted clone. */
  model: ModelLike;
  nTestSamples: number;
  /** The error when fitting failed and was recorded as `errorScore`. */
  fitError?: string;
}

const now = (): number => globalThis.performance.now() / 1000;

function scoreAll(
  scorers: ReadonlyMap<string, Scorer>,
  model: ModelLike,
  X: MatrixLike,
  y: Target,
  errorScore: ErrorScore,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, scorer] of scorers) {
    try {
      const s = scorer(model, X, y);
      if (typeof s !== 'number') throw new ConfigError(`Scorer "${name}" returned ${typeof s}, not a number.`);
      out[name] = s;
    } catch (err) {
      if (errorScore === 'raise') throw err;
      warn(
        'FitFailedWarning',
        `Scoring "${name}" failed; the score is set to ${errorScore}. ${(err as Error).message}`,
      );
      out[name] = errorScore;
    }
  }
  return out;
}

/**
 * Clones `model`, sets `parameters`, fits on the training rows of `split` and scores on its test rows (and
 * training rows with `returnTrainScore`), timing both. A failing fit scores `errorScore` with a FitFailedWarning
 * unless errorScore is `'raise'`.
 */
export function fitAndScore(
  model: ModelLike,
  X: MatrixLike,
  y: Target,
  split: Split,
  options: FitAndScoreOptions,
): FitAndScoreResult {
  const { scorers, returnTrainScore, errorScore, parameters, sampleWeight } = options;
  const est = model.clone();
  if (parameters !== undefined) est.setParams(cloneValues(parameters));
  const XTrain = takeRows(X, split.train);
  const yTrain = y === undefined ? undefined : takeItems(y, split.train);
  const XTest = takeRows(X, split.test);
  const yTest = y === undefined ? undefined : takeItems(y, split.test);
  const start = now();
  try {
    const fitOptions =
      sampleWeight === undefined
        ? undefined
        : { sampleWeight: takeItems(Float64Array.from(sampleWeight), split.train) };
    fitModel(est, XTrain, yTrain, fitOptions);
  } catch (err) {
    if (errorScore === 'raise' || !(err instanceof Error)) throw err;
    const fitTime = now() - start;
    const failed: Record<string, number> = {};
    for (const name of scorers.keys()) failed[name] = errorScore;
    warn(
      'FitFailedWarning',
      `Fitting ${model.className ?? 'the estimator'} failed; its scores are set to ${errorScore}. ${err instanceof LsmlError ? `${err.name}: ` : ''}${err.message}`,
      { parameters },
    );
    const result: FitAndScoreResult = {
      testScores: failed,
      fitTime,
      scoreTime: 0,
      model: est,
      nTestSamples: split.test.length,
      fitError: err.message,
    };
    if (returnTrainScore) result.trainScores = { ...failed };
    return result;
  }
  const fitTime = now() - start;
  const testScores = scoreAll(scorers, est, XTest, yTest, errorScore);
  const scoreTime = now() - start - fitTime;
  const result: FitAndScoreResult = { testScores, fitTime, scoreTime, model: est, nTestSamples: split.test.length };
  if (returnTrainScore) result.trainScores = scoreAll(scorers, est, XTrain, yTrain, errorScore);
  return result;
}

/** Copies parameter values so candidates never share mutable values (estimators are cloned). */
function cloneValues(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    const isModel =
      v !== null &&
      typeof v === 'object' &&
      typeof (v as ModelLike).clone === 'function' &&
      typeof (v as ModelLike).fit === 'function';
    out[k] = isModel ? (v as ModelLike).clone() : Array.isArray(v) ? [...v] : v;
  }
  return out;
}
