import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { numRows } from '../estimators/base/matrixLike.js';
import { checkLength } from '../estimators/base/labels.js';
import { resolveParams } from '../estimators/base/params.js';
import {
  anything,
  arrayOf,
  bool,
  integer,
  nullable,
  optional,
  satisfies,
  string,
} from '../estimators/base/validators.js';
import { type CvSetting, checkCv, cvValidator } from './checkCv.js';
import { type ErrorScore, errorScoreValidator, fitAndScore } from './fitAndScore.js';
import type { ModelLike, Target } from './ModelLike.js';
import { type FoldOutcome, resolveNJobs, runFolds } from './parallelFolds.js';
import type { Scorer } from './Scorer.js';
import { type Scoring, resolveScoring } from './scorers.js';
import type { Split, SplitLabels } from './Splitter.js';

/** Options of `crossValidate`. */
export interface CrossValidateOptions {
  /** Folds: a count (StratifiedKFold for classifiers, else KFold), a splitter, or explicit splits; default 5. */
  cv?: CvSetting;
  /** Scorer name, scorer, list or object of them; default the model's own `score`. */
  scoring?: Scoring;
  /** Group ids for group splitters (GroupKFold). */
  groups?: SplitLabels | undefined;
  /** Also score the training folds; default false. */
  returnTrainScore?: boolean;
  /** Return the fitted model of every fold; default false. */
  returnEstimator?: boolean;
  /** Return the train/test indices of every fold; default false. */
  returnIndices?: boolean;
  /** What a failed fit scores: `'raise'` rethrows; default NaN (with a FitFailedWarning), as scikit-learn. */
  errorScore?: ErrorScore;
  /** Per-sample weights passed to `fit` (indexed to each training fold). */
  sampleWeight?: ArrayLike<number> | undefined;
  /**
   * Threads fitting folds at once (the calling thread included): null or 1 one after another; k > 1 up to k
   * threads (Node worker threads); -1 every core. See parallelFolds.ts for what can run on workers.
   */
  nJobs?: number | null;
  /**
   * Modules (URLs or absolute paths) every worker imports before rebuilding the model: the ones that register
   * your own estimator classes or Keras model builders. Default none.
   */
  workerModules?: string[];
}

/** Per-fold results of `crossValidate`. */
export interface CrossValidateResult<M extends ModelLike = ModelLike> {
  /** Seconds spent fitting, per fold. */
  fitTime: number[];
  /** Seconds spent scoring the test fold, per fold. */
  scoreTime: number[];
  /** Test score per fold, by scorer name (`'score'` for a single scorer). */
  testScores: Record<string, number[]>;
  /** Training score per fold (with `returnTrainScore`). */
  trainScores?: Record<string, number[]>;
  /** The fitted model of each fold (with `returnEstimator`). */
  estimators?: M[];
  /** The train/test indices of each fold (with `returnIndices`). */
  indices?: Split[];
}

/** Constraints of `crossValidate`'s options (shared by the curves). */
export const CROSS_VALIDATE_SPEC = {
  cv: cvValidator,
  scoring: anything,
  groups: optional(satisfies('an array of group ids', (v) => Array.isArray(v) || ArrayBuffer.isView(v))),
  returnTrainScore: bool,
  returnEstimator: bool,
  returnIndices: bool,
  errorScore: errorScoreValidator,
  sampleWeight: optional(satisfies('an array of weights', (v) => Array.isArray(v) || ArrayBuffer.isView(v))),
  nJobs: nullable(integer()),
};
const SPEC = { ...CROSS_VALIDATE_SPEC, workerModules: arrayOf(string, 0, 'module paths') };
const DEFAULTS = {
  cv: null,
  scoring: null,
  groups: undefined,
  returnTrainScore: false,
  returnEstimator: false,
  returnIndices: false,
  errorScore: NaN,
  sampleWeight: undefined,
  nJobs: null,
  workerModules: [],
};

/**
 * Evaluates a model by cross-validation (scikit-learn's `cross_validate`): for every fold, a clone is fitted on
 * the training rows and scored on the test rows with each scorer, timing fit and score.
 * @param model any estimator of the lsml contract (unfitted or fitted: it is cloned, never changed)
 * @param X samples; y targets (omit for unsupervised models)
 * @returns per-fold times and scores
 * @throws ConfigError on bad options or scorer names; ShapeError when X and y differ in length
 * @example
 * const r = crossValidate(new DummyClassifier(), X, y, { cv: 5, scoring: ['accuracy', 'f1_macro'] });
 * r.testScores.accuracy; // five numbers
 */
export function crossValidate<M extends ModelLike>(
  model: M,
  X: MatrixLike,
  y?: Target,
  options: CrossValidateOptions = {},
): CrossValidateResult<M> {
  const where = 'crossValidate';
  const o = resolveParams(where, SPEC, DEFAULTS, options as Record<string, unknown>) as Required<CrossValidateOptions>;
  if (y !== undefined) checkLength(y, numRows(X), where);
  const splitter = checkCv(o.cv, y, model, where);
  const { scorers } = resolveScoring(o.scoring, model, where);
  const splits = splitter.split(X, y as SplitLabels | undefined, o.groups);
  const result: CrossValidateResult<M> = { fitTime: [], scoreTime: [], testScores: {} };
  const names = [...scorers.keys()];
  for (const name of names) result.testScores[name] = [];
  if (o.returnTrainScore) {
    result.trainScores = {};
    for (const name of names) result.trainScores[name] = [];
  }
  if (o.returnEstimator) result.estimators = [];
  if (o.returnIndices) result.indices = splits;
  const runLocal = (fold: number): FoldOutcome => {
    const r = fitAndScore(model, X, y, splits[fold] as Split, {
      scorers,
      returnTrainScore: o.returnTrainScore,
      errorScore: o.errorScore,
      sampleWeight: o.sampleWeight,
    });
    return { result: r, model: r.model };
  };
  const nThreads = resolveNJobs(o.nJobs);
  const outcomes =
    nThreads > 1
      ? runFolds(
          {
            model,
            X,
            y,
            splits,
            scoring: o.scoring,
            returnTrainScore: o.returnTrainScore,
            returnEstimator: o.returnEstimator,
            errorScore: o.errorScore,
            sampleWeight: o.sampleWeight,
            workerModules: o.workerModules,
          },
          nThreads,
          runLocal,
        )
      : splits.map((_, fold) => runLocal(fold));
  for (const { result: r, model: fitted } of outcomes) {
    result.fitTime.push(r.fitTime);
    result.scoreTime.push(r.scoreTime);
    for (const name of names) {
      (result.testScores[name] as number[]).push(r.testScores[name] as number);
      if (result.trainScores) (result.trainScores[name] as number[]).push(r.trainScores?.[name] as number);
    }
    result.estimators?.push(fitted as M);
  }
  return result;
}

/** Options of `crossValScore`: those of crossValidate with one scorer. */
export type CrossValScoreOptions = Omit<
  CrossValidateOptions,
  'scoring' | 'returnTrainScore' | 'returnEstimator' | 'returnIndices'
> & {
  /** Scorer name or function; default the model's own `score`. */
  scoring?: string | Scorer | null;
};

/**
 * Test score of every cross-validation fold (scikit-learn's `cross_val_score`).
 * @returns one score per fold
 * @example crossValScore(new DummyRegressor(), X, y, { cv: 3, scoring: 'r2' })
 */
export function crossValScore(
  model: ModelLike,
  X: MatrixLike,
  y?: Target,
  options: CrossValScoreOptions = {},
): number[] {
  return crossValidate(model, X, y, options).testScores.score as number[];
}
