import { ConfigError, ValueError } from '../errors/errors.js';
import type { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { Label } from '../estimators/base/labels.js';
import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { type ModelLike, type Target, modelHas } from './ModelLike.js';

/**
 * A scorer: evaluates a fitted model on (X, y), higher is better (losses are negated, as scikit-learn's
 * `neg_…` scorers). scikit-learn's scorer objects.
 */
export type Scorer = (model: ModelLike, X: MatrixLike, y: Target, sampleWeight?: ArrayLike<number>) => number;

/** Which model output a metric reads: labels (`predict`), probabilities, or continuous scores. */
export type ScorerResponse = 'predict' | 'proba' | 'threshold';

/** A metric function of (yTrue, yPred or yScore, options). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MetricFunction = (yTrue: any, yPred: any, options?: any) => number | number[];

/** Options of `makeScorer`. */
export interface MakeScorerOptions {
  /** Is the metric a score (true, default) or a loss (false: the scorer negates it)? */
  greaterIsBetter?: boolean;
  /** Which output the metric reads; default `'predict'`. */
  response?: ScorerResponse;
  /** Extra options passed to the metric on every call (e.g. `{ average: 'macro' }`). */
  metricOptions?: Record<string, unknown>;
  /** Pass the model's `classes` as the metric's `labels` option for probability metrics; default false. */
  passClasses?: boolean;
  /** Name used in messages; default the metric's function name. */
  name?: string;
}

function isBinaryTarget(y: readonly Label[]): boolean {
  const distinct = new Set(y);
  if (distinct.size > 2) return false;
  return [...distinct].every((v) => typeof v === 'string' || Number.isInteger(v));
}

/** Rows of a DenseMatrix as views, the form the metrics read as a matrix. */
function rowsOf(m: DenseMatrix): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < m.rows; i++) out.push(Float64Array.from(m.row(i)));
  return out;
}

function positiveColumn(proba: DenseMatrix, classes: readonly Label[], posLabel: unknown, name: string): Float64Array {
  if (proba.cols !== 2) {
    throw new ValueError(
      `${name}: predictProba returned ${proba.cols} columns, but a binary scorer needs a classifier with two classes.`,
    );
  }
  const pos = posLabel ?? classes[1];
  const col = classes.indexOf(pos as Label);
  if (col < 0) {
    throw new ValueError(`${name}: posLabel ${JSON.stringify(pos)} is not one of the classes [${classes.join(', ')}].`);
  }
  return proba.column(col);
}

function requireMethod(model: ModelLike, method: 'predict' | 'predictProba', name: string): void {
  if (!modelHas(model, method)) {
    throw new ConfigError(
      `${name}: the scorer needs ${method}(), which ${model.className ?? 'the estimator'} does not have.`,
    );
  }
}

/**
 * Wraps a metric as a scorer (scikit-learn's `make_scorer`), calling the model's `predict`, `predictProba` or
 * `decisionFunction` as scikit-learn's predict/proba/threshold scorers do: for a binary target, probability
 * scorers read the positive class's column (`posLabel` or `classes[1]`), and threshold scorers prefer
 * `decisionFunction` and fall back to that column.
 * @param metric `(yTrue, yPred, options) => number`
 * @param options sign, response and fixed metric options
 */
export function makeScorer(metric: MetricFunction, options: MakeScorerOptions = {}): Scorer {
  const { greaterIsBetter = true, response = 'predict', metricOptions = {}, passClasses = false } = options;
  const name = options.name ?? (metric.name || 'scorer');
  const sign = greaterIsBetter ? 1 : -1;
  const call = (
    y: Target,
    pred: unknown,
    sampleWeight?: ArrayLike<number>,
    extra?: Record<string, unknown>,
  ): number => {
    const base = extra === undefined ? metricOptions : { ...metricOptions, ...extra };
    const opts = sampleWeight === undefined ? base : { ...base, sampleWeight };
    const value = metric(y, pred, opts);
    if (typeof value !== 'number') {
      throw new ConfigError(`${name}: the metric returned several values; pass an "average" option to get one number.`);
    }
    return sign * value;
  };
  return (model, X, y, sampleWeight) => {
    if (y === undefined) throw new ValueError(`${name}: scoring needs the true targets y.`);
    const yTrue = Array.from(y as ArrayLike<Label>);
    if (response === 'predict') {
      requireMethod(model, 'predict', name);
      return call(y, (model.predict as (X: MatrixLike) => unknown)(X), sampleWeight);
    }
    const classes = model.classes ?? [];
    if (response === 'proba') {
      requireMethod(model, 'predictProba', name);
      const proba = (model.predictProba as (X: MatrixLike) => DenseMatrix)(X);
      if (isBinaryTarget(yTrue) && proba.cols <= 2) {
        return call(y, positiveColumn(proba, classes, metricOptions.posLabel, name), sampleWeight);
      }
      return call(y, rowsOf(proba), sampleWeight, passClasses ? { labels: [...classes] } : undefined);
    }
    // threshold
    if (!isBinaryTarget(yTrue)) {
      throw new ValueError(
        `${name}: multiclass targets are not supported by this threshold scorer; use its _ovr or _ovo variant.`,
      );
    }
    if (model.estimatorType === 'regressor') {
      requireMethod(model, 'predict', name);
      return call(y, (model.predict as (X: MatrixLike) => unknown)(X), sampleWeight);
    }
    if (modelHas(model, 'decisionFunction') && typeof model.decisionFunction === 'function') {
      const d = model.decisionFunction(X);
      let scores = d instanceof Float64Array ? d : d.cols === 1 ? d.column(0) : null;
      if (scores !== null) {
        const pos = metricOptions.posLabel;
        if (pos !== undefined && pos === classes[0]) scores = scores.map((v) => -v);
        return call(y, scores, sampleWeight);
      }
    }
    requireMethod(model, 'predictProba', name);
    const proba = (model.predictProba as (X: MatrixLike) => DenseMatrix)(X);
    return call(y, positiveColumn(proba, classes, metricOptions.posLabel, name), sampleWeight);
  };
}
