import type { SgdProblem, SgdRunInfo, SgdSettings } from './plainSgd.js';
import { plainSgd } from './plainSgd.js';
import { WeightVector } from './WeightVector.js';

/**
 * Learned state of k linear models trained by SGD (k = 1 for regression and binary classification, one per class
 * for one-vs-rest), everything needed to predict and to continue training with `partialFit`.
 */
export interface SgdCoefState {
  /** Number of features seen in `fit`. */
  nFeaturesIn: number;
  /** k × features row-major: the model's coefficients (the averaged ones once averaging has started). */
  coef: Float64Array;
  /** k intercepts of the model. */
  intercept: Float64Array;
  /** Plain (not averaged) SGD weights and intercepts, where training resumes. */
  standardCoef: Float64Array;
  standardIntercept: Float64Array;
  /** Averaged weights and intercepts (null when not averaging). */
  averageCoef: Float64Array | null;
  averageIntercept: Float64Array | null;
  /** Truncated-gradient L1 bookkeeping per model (null without an L1 part). */
  l1U: Float64Array | null;
  l1Q: Float64Array | null;
  /** Step counter t (1 + steps taken), scikit-learn's `t_`. */
  t: number;
  /** Epochs of the last `fit` (largest over the k models). */
  nIter: number;
}

/** A zero state for k models of d features. */
export function emptySgdState(k: number, d: number, averaged: boolean, l1: boolean): SgdCoefState {
  return {
    nFeaturesIn: d,
    coef: new Float64Array(k * d),
    intercept: new Float64Array(k),
    standardCoef: new Float64Array(k * d),
    standardIntercept: new Float64Array(k),
    averageCoef: averaged ? new Float64Array(k * d) : null,
    averageIntercept: averaged ? new Float64Array(k) : null,
    l1U: l1 ? new Float64Array(k) : null,
    l1Q: l1 ? new Float64Array(k * d) : null,
    t: 1,
    nIter: 0,
  };
}

/**
 * Trains model `c` of `state` on `problem`, starting from its stored weights at step `t0`, and writes the result
 * back (the model's `coef` row becomes the average once averaging has started, as in scikit-learn).
 * @returns the run's info and the step counter after it
 */
export function trainModel(
  problem: SgdProblem,
  settings: SgdSettings,
  state: SgdCoefState,
  c: number,
  t0: number,
): SgdRunInfo & { t: number } {
  const d = state.nFeaturesIn;
  const row = (a: Float64Array): Float64Array => a.subarray(c * d, (c + 1) * d);
  const averaged = settings.average > 0;
  const weights = new WeightVector(
    row(state.standardCoef),
    averaged,
    averaged && state.averageCoef !== null ? row(state.averageCoef) : undefined,
  );
  const model = {
    weights,
    intercept: state.standardIntercept[c] as number,
    averageIntercept: state.averageIntercept?.[c] ?? 0,
    t: t0,
    l1U: state.l1U?.[c] ?? 0,
    l1Q: state.l1Q !== null ? Float64Array.from(row(state.l1Q)) : null,
  };
  const info = plainSgd(problem, settings, model);
  weights.weights(row(state.standardCoef));
  state.standardIntercept[c] = model.intercept;
  if (averaged) {
    if (state.averageCoef === null || state.averageIntercept === null) {
      state.averageCoef = new Float64Array(state.standardCoef.length);
      state.averageIntercept = new Float64Array(state.standardIntercept.length);
    }
    weights.average(row(state.averageCoef));
    state.averageIntercept[c] = model.averageIntercept;
  }
  if (model.l1Q !== null) {
    if (state.l1U === null || state.l1Q === null) {
      state.l1U = new Float64Array(state.intercept.length);
      state.l1Q = new Float64Array(state.standardCoef.length);
    }
    state.l1U[c] = model.l1U;
    row(state.l1Q).set(model.l1Q);
  }
  const useAverage = averaged && settings.average <= model.t - 1;
  row(state.coef).set(useAverage && state.averageCoef !== null ? row(state.averageCoef) : row(state.standardCoef));
  state.intercept[c] = useAverage ? (state.averageIntercept?.[c] ?? 0) : model.intercept;
  return { ...info, t: model.t };
}
