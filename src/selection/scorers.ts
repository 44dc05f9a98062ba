import { ConfigError } from '../errors/errors.js';
import { unknownOptionError } from '../estimators/base/params.js';
import {
  accuracyScore,
  averagePrecisionScore,
  balancedAccuracyScore,
  brierScoreLoss,
  cohenKappaScore,
  explainedVarianceScore,
  f1Score,
  logLoss,
  matthewsCorrcoef,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  precisionScore,
  r2Score,
  recallScore,
  rocAucScore,
  topKAccuracyScore,
} from '../metrics/index.js';
import type { ModelLike } from './ModelLike.js';
import { type MakeScorerOptions, type MetricFunction, type Scorer, makeScorer } from './Scorer.js';

type Entry = [MetricFunction, MakeScorerOptions];

const loss = (metricOptions: Record<string, unknown> = {}): MakeScorerOptions => ({
  greaterIsBetter: false,
  metricOptions,
});

/** scikit-learn 1.2's scorer table (`sklearn.metrics._scorer._SCORERS`), by the same names. */
function table(): Record<string, Entry> {
  const t: Record<string, Entry> = {
    accuracy: [accuracyScore, {}],
    balanced_accuracy: [balancedAccuracyScore, {}],
    top_k_accuracy: [topKAccuracyScore, { response: 'proba', passClasses: true }],
    matthews_corrcoef: [matthewsCorrcoef, {}],
    cohen_kappa: [cohenKappaScore, {}],
    roc_auc: [rocAucScore, { response: 'threshold' }],
    roc_auc_ovr: [rocAucScore, { response: 'proba', passClasses: true, metricOptions: { multiClass: 'ovr' } }],
    roc_auc_ovo: [rocAucScore, { response: 'proba', passClasses: true, metricOptions: { multiClass: 'ovo' } }],
    roc_auc_ovr_weighted: [
      rocAucScore,
      { response: 'proba', passClasses: true, metricOptions: { multiClass: 'ovr', average: 'weighted' } },
    ],
    roc_auc_ovo_weighted: [
      rocAucScore,
      { response: 'proba', passClasses: true, metricOptions: { multiClass: 'ovo', average: 'weighted' } },
    ],
    average_precision: [averagePrecisionScore, { response: 'threshold' }],
    neg_log_loss: [logLoss, { greaterIsBetter: false, response: 'proba', passClasses: true }],
    neg_brier_score: [brierScoreLoss, { greaterIsBetter: false, response: 'proba' }],
    explained_variance: [explainedVarianceScore, {}],
    r2: [r2Score, {}],
    max_error: [maxError, loss()],
    neg_mean_squared_error: [meanSquaredError, loss()],
    neg_root_mean_squared_error: [meanSquaredError, loss({ squared: false })],
    neg_mean_absolute_error: [meanAbsoluteError, loss()],
    neg_median_absolute_error: [medianAbsoluteError, loss()],
    neg_mean_absolute_percentage_error: [meanAbsolutePercentageError, loss()],
  };
  const prf: [string, MetricFunction][] = [
    ['precision', precisionScore],
    ['recall', recallScore],
    ['f1', f1Score],
  ];
  for (const [name, metric] of prf) {
    t[name] = [metric, { metricOptions: { average: 'binary' } }];
    for (const average of ['macro', 'micro', 'weighted', 'samples']) {
      t[`${name}_${average}`] = [metric, { metricOptions: { average } }];
    }
  }
  return t;
}

let cached: Record<string, Entry> | null = null;
function entries(): Record<string, Entry> {
  cached ??= table();
  return cached;
}

/** Names `getScorer` knows, sorted (scikit-learn's `get_scorer_names`). */
export function getScorerNames(): string[] {
  return Object.keys(entries()).sort();
}

/**
 * The scorer called `name` (scikit-learn's names: `'accuracy'`, `'f1_macro'`, `'roc_auc'`, `'neg_log_loss'`,
 * `'r2'`, `'neg_mean_squared_error'`, …; losses are negated so that higher is always better).
 * @throws ConfigError on an unknown name, listing the known ones
 */
export function getScorer(name: string): Scorer {
  const entry = entries()[name];
  if (entry === undefined) {
    const err = unknownOptionError('getScorer', name, getScorerNames());
    throw new ConfigError(
      err.message.replace('unknown option', 'unknown scorer').replace('Valid options', 'Valid scorers'),
      {
        scorer: name,
      },
    );
  }
  return makeScorer(entry[0], { ...entry[1], name });
}

/** How model selection is told to score: a scorer name, a scorer, several of either, or null for `model.score`. */
export type Scoring =
  string | Scorer | readonly string[] | Readonly<Record<string, string | Scorer>> | null | undefined;

/** The model's own `score(X, y)` as a scorer. */
export function passthroughScorer(model: ModelLike): Scorer {
  if (typeof model.score !== 'function') {
    throw new ConfigError(
      `${model.className ?? 'The estimator'} has no score() method; pass "scoring" (a scorer name or function).`,
    );
  }
  return (m, X, y, sampleWeight) => {
    const score = m.score as (X: unknown, y: unknown, o?: unknown) => number;
    return sampleWeight === undefined ? score.call(m, X, y) : score.call(m, X, y, { sampleWeight });
  };
}

/** Resolved scoring: named scorers, and whether several were asked for. */
export interface ResolvedScoring {
  scorers: Map<string, Scorer>;
  /** True when scoring named several metrics (results are keyed by name); false: one, keyed `'score'`. */
  multimetric: boolean;
}

/**
 * Turns a `Scoring` into named scorers. One scorer is keyed `'score'`; a list is keyed by names; an object by its keys.
 * @throws ConfigError on unknown names, duplicates, an empty list, or no scoring for a model without `score`
 */
export function resolveScoring(scoring: Scoring, model: ModelLike, where: string): ResolvedScoring {
  const toScorer = (s: string | Scorer): Scorer => (typeof s === 'string' ? getScorer(s) : s);
  if (scoring === null || scoring === undefined) {
    return { scorers: new Map([['score', passthroughScorer(model)]]), multimetric: false };
  }
  if (typeof scoring === 'string' || typeof scoring === 'function') {
    return { scorers: new Map([['score', toScorer(scoring)]]), multimetric: false };
  }
  if (Array.isArray(scoring)) {
    if (scoring.length === 0) throw new ConfigError(`${where}: "scoring" is an empty list; name at least one scorer.`);
    if (new Set(scoring).size !== scoring.length) {
      throw new ConfigError(
        `${where}: "scoring" lists a scorer twice: [${scoring.map((s) => JSON.stringify(s)).join(', ')}].`,
      );
    }
    return { scorers: new Map(scoring.map((s: string) => [s, getScorer(s)])), multimetric: true };
  }
  const named = Object.entries(scoring as Record<string, string | Scorer>);
  if (named.length === 0) throw new ConfigError(`${where}: "scoring" is an empty object; name at least one scorer.`);
  return { scorers: new Map(named.map(([k, s]) => [k, toScorer(s)])), multimetric: true };
}
