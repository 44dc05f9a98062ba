import { ConfigError } from '../errors/errors.js';
import { BaseEstimator, isEstimator } from '../estimators/base/BaseEstimator.js';
import type { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { Label } from '../estimators/base/labels.js';
import { checkLength } from '../estimators/base/labels.js';
import { type MatrixLike, numRows } from '../estimators/base/matrixLike.js';
import { anyOf, anything, bool, integer, nullable, satisfies, string } from '../estimators/base/validators.js';
import { type CvSetting, checkCv, cvValidator } from './checkCv.js';
import { type CvResults, buildCvResults } from './cvResults.js';
import { type ErrorScore, type FitAndScoreResult, errorScoreValidator, fitAndScore } from './fitAndScore.js';
import { type ModelLike, type Target, fitModel } from './ModelLike.js';
import { type Scoring, resolveScoring } from './scorers.js';
import type { SplitLabels } from './Splitter.js';

/** Options every search shares. */
export interface SearchOptions {
  /** The model to tune (cloned for every fit; never changed). Required. */
  estimator: ModelLike;
  /** Scorer name, scorer, list or object of them; default the model's own `score`. */
  scoring?: Scoring;
  /** Folds: a count (StratifiedKFold for classifiers, else KFold), a splitter, or explicit splits; default 5. */
  cv?: CvSetting;
  /**
   * Refit the best setting on all the data (true, default), or not (false); with several scorers, the name of
   * the scorer that picks the best.
   */
  refit?: boolean | string;
  /** Also score the training folds; default false. */
  returnTrainScore?: boolean;
  /** What a failed fit scores: `'raise'` rethrows; default NaN with a FitFailedWarning (scikit-learn's). */
  errorScore?: ErrorScore;
  /** Reserved: parallel fits on the threads executor once it exists; fits run one after another for now. */
  nJobs?: number | null;
}

/** Options of a search's `fit`. */
export interface SearchFitOptions {
  /** Group ids for group splitters. */
  groups?: SplitLabels | undefined;
  /** Per-sample weights passed to every `fit`. */
  sampleWeight?: ArrayLike<number> | undefined;
}

/** What a search learns. */
export interface SearchState {
  cvResults: CvResults;
  /** Index of the best candidate (null with several scorers and refit false). */
  bestIndex: number | null;
  bestParams: Record<string, unknown> | null;
  bestScore: number | null;
  bestEstimator: ModelLike | null;
  /** Seconds spent refitting the best setting. */
  refitTime: number | null;
  nSplits: number;
  scorerNames: string[];
  multimetric: boolean;
}

/** The constraints every search shares. */
export const SEARCH_SPEC = {
  estimator: satisfies('an estimator (an object with fit, clone, getParams and setParams)', isEstimator),
  scoring: anything,
  cv: cvValidator,
  refit: anyOf(bool, string),
  returnTrainScore: bool,
  errorScore: errorScoreValidator,
  nJobs: nullable(integer()),
};
/** Defaults of the options every search shares. */
export const SEARCH_DEFAULTS = {
  scoring: null,
  cv: null,
  refit: true,
  returnTrainScore: false,
  errorScore: NaN,
  nJobs: null,
};

/**
 * Base of GridSearchCV and RandomizedSearchCV (scikit-learn's `BaseSearchCV`): cross-validates every candidate
 * setting, records `cvResults`, picks the best by mean test score, refits it on all the data, and then predicts,
 * scores and transforms through it. A search is itself an estimator: it clones, saves and loads.
 */
export abstract class BaseSearchCV<O extends SearchOptions> extends BaseEstimator<O, SearchState> {
  /** The settings to evaluate, in order. */
  protected abstract candidates(): Record<string, unknown>[];

  /** The tuned model's kind. */
  get estimatorType(): 'classifier' | 'regressor' | 'transformer' | 'meta' {
    return this.params.estimator.estimatorType as 'classifier';
  }

  /**
   * Runs the search.
   * @throws ConfigError on a bad scoring/refit setting; ShapeError when X and y differ in length; whatever a fit
   *   throws when errorScore is `'raise'`
   */
  fit(X: MatrixLike, y?: Target, options: SearchFitOptions = {}): this {
    const where = `${this.className}.fit`;
    const { estimator, cv, scoring, refit, returnTrainScore, errorScore } = this.params as Required<SearchOptions>;
    if (y !== undefined) checkLength(y, numRows(X), where);
    const { scorers, multimetric } = resolveScoring(scoring, estimator, where);
    const names = [...scorers.keys()];
    let refitMetric = 'score';
    if (multimetric) {
      if (refit === true) {
        throw new ConfigError(
          `${where}: with several scorers, "refit" must name the one that picks the best (one of ${names.map((n) => `"${n}"`).join(', ')}) or be false.`,
        );
      }
      if (typeof refit === 'string') {
        if (!scorers.has(refit)) {
          throw new ConfigError(
            `${where}: "refit" names "${refit}", which is not among the scorers ${names.map((n) => `"${n}"`).join(', ')}.`,
          );
        }
        refitMetric = refit;
      }
    }
    const splits = checkCv(cv, y, estimator, where).split(X, y as SplitLabels | undefined, options.groups);
    const candidates = this.candidates();
    const results: FitAndScoreResult[] = [];
    for (const parameters of candidates) {
      for (const split of splits) {
        results.push(
          fitAndScore(estimator, X, y, split, {
            scorers,
            returnTrainScore,
            errorScore,
            parameters,
            sampleWeight: options.sampleWeight,
          }),
        );
      }
    }
    const cvResults = buildCvResults(candidates, results, splits.length, names, returnTrainScore);
    const state: SearchState = {
      cvResults,
      bestIndex: null,
      bestParams: null,
      bestScore: null,
      bestEstimator: null,
      refitTime: null,
      nSplits: splits.length,
      scorerNames: names,
      multimetric,
    };
    if (refit !== false || !multimetric) {
      const ranks = cvResults.rankTestScore[refitMetric] as number[];
      const best = ranks.indexOf(Math.min(...ranks));
      state.bestIndex = best;
      state.bestParams = { ...(candidates[best] as Record<string, unknown>) };
      state.bestScore = (cvResults.meanTestScore[refitMetric] as number[])[best] as number;
    }
    if (refit !== false && state.bestParams !== null) {
      const model = estimator.clone();
      model.setParams(state.bestParams);
      const start = globalThis.performance.now();
      fitModel(model, X, y, options.sampleWeight === undefined ? undefined : { sampleWeight: options.sampleWeight });
      state.refitTime = (globalThis.performance.now() - start) / 1000;
      state.bestEstimator = model;
    }
    this.state = state;
    return this;
  }

  /** Per-candidate results (scikit-learn's `cv_results_`). */
  get cvResults(): CvResults {
    return this.fitted('cvResults').cvResults;
  }

  /** The best candidate's index into `cvResults.params`. */
  get bestIndex(): number {
    return this.needBest('bestIndex').bestIndex as number;
  }

  /** The best parameter setting. */
  get bestParams(): Record<string, unknown> {
    return { ...(this.needBest('bestParams').bestParams as Record<string, unknown>) };
  }

  /** Mean cross-validated score of the best setting. */
  get bestScore(): number {
    return this.needBest('bestScore').bestScore as number;
  }

  /** The best setting refitted on all the data (needs `refit`). */
  get bestEstimator(): ModelLike {
    const s = this.fitted('bestEstimator');
    if (s.bestEstimator === null) {
      throw new ConfigError(`${this.className}: bestEstimator is only available with refit enabled.`);
    }
    return s.bestEstimator;
  }

  /** Seconds the refit took. */
  get refitTime(): number | null {
    return this.fitted('refitTime').refitTime;
  }

  /** Number of cross-validation splits used. */
  get nSplits(): number {
    return this.fitted('nSplits').nSplits;
  }

  /** Classes of the refitted classifier. */
  get classes(): Label[] {
    return [...((this.bestEstimator.classes ?? []) as Label[])];
  }

  private needBest(what: string): SearchState {
    const s = this.fitted(what);
    if (s.bestIndex === null) {
      throw new ConfigError(
        `${this.className}: ${what} is not defined with several scorers and refit: false; set refit to a scorer name.`,
      );
    }
    return s;
  }

  /** Whether `method` works: the tuned estimator has it (scikit-learn's `available_if`). */
  hasMethod(method: string): boolean {
    const est = this.params.estimator as unknown as { hasMethod?: (m: string) => boolean } & Record<string, unknown>;
    return typeof est.hasMethod === 'function' ? est.hasMethod(method) : typeof est[method] === 'function';
  }

  private delegate<K extends 'predict' | 'predictProba' | 'decisionFunction' | 'transform'>(
    method: K,
  ): NonNullable<ModelLike[K]> {
    this.fitted(method);
    const model = this.bestEstimator;
    const f = model[method];
    if (typeof f !== 'function') {
      throw new ConfigError(
        `${this.className}: the best estimator (${model.className ?? 'model'}) has no ${method}().`,
      );
    }
    return f.bind(model) as NonNullable<ModelLike[K]>;
  }

  /** Predictions of the refitted best model. */
  predict(X: MatrixLike): ReturnType<NonNullable<ModelLike['predict']>> {
    return this.delegate('predict')(X);
  }

  /** Class probabilities of the refitted best model. */
  predictProba(X: MatrixLike): DenseMatrix {
    return this.delegate('predictProba')(X);
  }

  /** Decision function of the refitted best model. */
  decisionFunction(X: MatrixLike): DenseMatrix | Float64Array {
    return this.delegate('decisionFunction')(X);
  }

  /** Transform by the refitted best model. */
  transform(X: MatrixLike): unknown {
    return this.delegate('transform')(X);
  }

  /**
   * Score of the refitted best model on (X, y) with the scorer that picked it (the model's own `score` when no
   * scoring was given).
   */
  score(X: MatrixLike, y: Target): number {
    const s = this.fitted('score');
    const model = this.bestEstimator;
    const { scorers } = resolveScoring(this.params.scoring, model, `${this.className}.score`);
    const refit = this.params.refit;
    const scorer = scorers.get(s.multimetric && typeof refit === 'string' ? refit : 'score');
    if (scorer === undefined) throw new ConfigError(`${this.className}.score: no scorer to use.`);
    return scorer(model, X, y);
  }
}
