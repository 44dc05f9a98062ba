import { ValueError } from '../../../errors/errors.js';
import type { Random } from '../../../util/random.js';
import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { Design } from '../linalg/Design.js';
import { optimalInit } from './schedule.js';
import { LOSS_CODE, sgdDLoss, sgdLoss } from './sgdLoss.js';
import { DenseSgdWasm } from './denseSgdWasm.js';
import { type SparseEpochSettings, SparseSgdWasm } from './sparseSgdWasm.js';
import { TOUCH_GROUP, touchRows } from './touchRows.js';
import type { WeightVector } from './WeightVector.js';

/** Penalty codes of the training loop. */
export const PENALTY_CODE = { none: 0, l1: 1, l2: 2, elasticnet: 3 } as const;

const EMPTY_F64: Float32Array | Float64Array = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);
const ONE = new Float64Array(1);

/** scikit-learn clips |ℓ'| here so one wild sample cannot blow the weights up. */
const MAX_DLOSS = 1e12;

/** One binary (±1) or regression problem for `plainSgd`. */
export interface SgdProblem {
  X: Design;
  /** ±1 for classification, real targets for regression. */
  y: Float64Array;
  /** Per-row weights, or null for all ones. */
  sampleWeight: Float64Array | null;
  /** Rows trained on, in the order used when `shuffle` is off. */
  trainRows: Int32Array;
  /** Rows held out for early stopping, or null. */
  validationRows: Int32Array | null;
}

/** Settings of `plainSgd` (already validated). */
export interface SgdSettings {
  loss: number;
  epsilon: number;
  penalty: number;
  alpha: number;
  l1Ratio: number;
  fitIntercept: boolean;
  /** Multiplier of intercept steps (scikit-learn uses 0.01 for sparse data, 1 for dense). */
  interceptDecay: number;
  schedule: number;
  eta0: number;
  powerT: number;
  /** 0: no averaging; n ≥ 1: average the weights from step n on. */
  average: number;
  batchSize: number;
  maxIter: number;
  /** Stopping tolerance; -Infinity disables the check. */
  tol: number;
  nIterNoChange: number;
  shuffle: boolean;
  random: Random;
  /** Class weights of the +1 and −1 samples. */
  weightPos: number;
  weightNeg: number;
  /** Early stopping on the validation rows: 'accuracy' (classifiers) or 'r2' (regressors); null: training loss. */
  validationScore: 'accuracy' | 'r2' | null;
  /**
   * Called with the row number when a decision value is not finite (NaN/±Infinity in that row, or overflowing
   * weights); it must throw. Null: the input is known to be finite, overflow is caught at the end of the epoch.
   */
  onNonFinite: ((row: number) => never) | null;
  /** Called after every epoch with its number (1-based) and mean training loss. */
  onEpoch?: ((epoch: number, meanLoss: number) => void) | undefined;
}

/** The parts of the model `plainSgd` updates; they persist between calls (partialFit). */
export interface SgdModel {
  weights: WeightVector;
  intercept: number;
  averageIntercept: number;
  /** Step counter, 1 before the first step (scikit-learn's `t_`). */
  t: number;
  /** Cumulative L1 penalty u and per-weight applied penalty q of the truncated-gradient method (L1/elasticnet). */
  l1U: number;
  l1Q: Float64Array | null;
}

/** What a run did. */
export interface SgdRunInfo {
  /** Epochs run. */
  nIter: number;
  /** True when the stopping rule fired before `maxIter`. */
  stopped: boolean;
}

/**
 * Plain stochastic gradient descent on one linear model, scikit-learn's `_plain_sgd` with a mini-batch option:
 * per step, the loss gradient of `batchSize` samples (evaluated at the current weights) is averaged, the L2 part of
 * the penalty shrinks the weights by (1 − (1 − l1Ratio)·η·α), the gradient step is added, the L1 part is applied
 * by the cumulative truncated gradient of Tsuruoka et al. (2009), and the averaged weights take in the result.
 * (scikit-learn averages before the L1 truncation; averaging after it makes the average that of the actual
 * iterates and independent of how training is split into `partialFit` calls.) Epochs
 * stop early when the training loss (or validation score) has not improved by `tol` for `nIterNoChange` epochs;
 * the 'adaptive' schedule divides η by 5 instead, until η < 1e-6. In the common settings (batch size 1, no L1, no
 * averaging, any loss but log_loss, any schedule but invscaling) the steps run in WebAssembly (sparseSgdWasm.ts,
 * denseSgdWasm.ts), operation for operation the loop below, so the model is the same bits.
 * @throws ValueError when the weights overflow (advice: scale the inputs)
 */
export function plainSgd(problem: SgdProblem, s: SgdSettings, model: SgdModel): SgdRunInfo {
  const { X, y, sampleWeight, trainRows, validationRows } = problem;
  const w = model.weights;
  const sparse = X instanceof CsrMatrix;
  const d = X.cols;
  // non-null locals of one type each keep the hot loop monomorphic
  const dense = sparse ? EMPTY_F64 : X.data;
  const indptr = sparse ? X.indptr : EMPTY_I32;
  const indices = sparse ? X.indices : EMPTY_I32;
  const values = sparse ? X.values : EMPTY_F64;
  const nTrain = trainRows.length;
  const B = Math.max(1, Math.min(s.batchSize, nTrain));
  const coefs = new Float64Array(B);
  const l2 = s.penalty === PENALTY_CODE.l2 || s.penalty === PENALTY_CODE.elasticnet;
  const l1 = s.penalty === PENALTY_CODE.l1 || s.penalty === PENALTY_CODE.elasticnet;
  const l2Strength = s.penalty === PENALTY_CODE.l2 ? s.alpha : (1 - s.l1Ratio) * s.alpha;
  const l1Strength = s.penalty === PENALTY_CODE.l1 ? s.alpha : s.l1Ratio * s.alpha;
  if (l1 && model.l1Q === null) model.l1Q = new Float64Array(d);
  const q = model.l1Q;
  const tOptimal = s.schedule === 1 ? optimalInit(s.loss, s.alpha, s.epsilon) : 0;
  let eta = s.eta0;
  let bestLoss = Infinity;
  let bestScore = -Infinity;
  let noImprovement = 0;
  let epoch = 0;
  let stopped = false;
  const scratch = s.validationScore !== null ? new Float64Array(d) : null;

  // settings and model scalars in locals: the hot loop then reads registers, not object fields
  const lossCode = s.loss;
  const epsilon = s.epsilon;
  const weightPos = s.weightPos;
  const weightNeg = s.weightNeg;
  const fitIntercept = s.fitIntercept;
  const decay = s.interceptDecay;
  const schedule = s.schedule;
  const alpha = s.alpha;
  const eta0 = s.eta0;
  const powerT = s.powerT;
  const average = s.average;
  const needLoss = s.tol > -Infinity || s.onEpoch !== undefined;
  const onNonFinite = s.onNonFinite;
  const sw = sampleWeight ?? ONE;
  const weighted = sampleWeight !== null;
  let intercept = model.intercept;
  let avgIntercept = model.averageIntercept;
  let t = model.t;
  let l1U = model.l1U;
  let touched = 0;

  // sparse rows in the common settings: the same loop in WebAssembly over a copy of the data (sparseSgdWasm.ts)
  // and dense rows staged group by group into WebAssembly memory (denseSgdWasm.ts)
  const plainCase =
    B === 1 && !l1 && average === 0 && w.avgU === null && lossCode !== LOSS_CODE.log_loss && schedule !== 2;
  const fast = !plainCase
    ? null
    : sparse
      ? SparseSgdWasm.create(X, y, sampleWeight, trainRows)
      : DenseSgdWasm.create(dense, X.rows, d, y, sampleWeight, trainRows);
  const order = fast !== null ? fast.order : Int32Array.from(trainRows);
  const fastSettings: SparseEpochSettings = {
    lossCode,
    epsilon,
    weightPos,
    weightNeg,
    fitIntercept,
    decay,
    schedule,
    alpha,
    tOptimal,
    l2,
    l2Strength,
    needLoss,
    checkFinite: onNonFinite !== null,
  };
  const fastState = { intercept, t, eta };
  // dense rows in random order: read every cache line of the next rows a group ahead (see touchRows)
  const touchAhead = !sparse && s.shuffle && fast === null && d > 0;
  if (touchAhead) touched += touchRows(dense, order, 0, d);

  for (epoch = 1; epoch <= s.maxIter; epoch++) {
    if (s.shuffle) shuffleInPlace(order, s.random);
    let sumLoss = 0;
    if (fast !== null) {
      fastState.intercept = intercept;
      fastState.t = t;
      fastState.eta = eta;
      const run = fast.epoch(w, fastState, fastSettings);
      intercept = fastState.intercept;
      t = fastState.t;
      eta = fastState.eta;
      sumLoss = run.sumLoss;
      if (run.badRow >= 0 && onNonFinite !== null) onNonFinite(run.badRow);
    }
    for (let start = 0; fast === null && start < nTrain; start += B) {
      const end = start + B < nTrain ? start + B : nTrain;
      const bs = end - start;
      if (schedule === 1) eta = 1 / (alpha * (tOptimal + t - 1));
      else if (schedule === 2) eta = eta0 / Math.pow(t, powerT);
      // 1. gradient coefficients at the current weights
      for (let k = start; k < end; k++) {
        const i = order[k] as number;
        if (touchAhead && (k & (TOUCH_GROUP - 1)) === 0) touched += touchRows(dense, order, k + TOUCH_GROUP, d);
        const p =
          (sparse
            ? w.dotSparse(indices, values, indptr[i] as number, indptr[i + 1] as number)
            : w.dotDense(dense, i * d, d)) + intercept;
        if (onNonFinite !== null && p - p !== 0) onNonFinite(i);
        const yi = y[i] as number;
        if (needLoss) sumLoss += sgdLoss(lossCode, p, yi, epsilon);
        let dl = sgdDLoss(lossCode, p, yi, epsilon);
        if (dl > MAX_DLOSS) dl = MAX_DLOSS;
        else if (dl < -MAX_DLOSS) dl = -MAX_DLOSS;
        const weight = (yi > 0 ? weightPos : weightNeg) * (weighted ? (sw[i] as number) : 1);
        coefs[k - start] = (-eta * dl * weight) / bs;
      }
      // 2. L2 shrink, O(1) through the scale factor
      if (l2) w.scaleBy(Math.max(0, 1 - l2Strength * eta));
      // 3. gradient step
      for (let k = start; k < end; k++) {
        const c = coefs[k - start] as number;
        if (c === 0) continue;
        const i = order[k] as number;
        if (sparse) w.addSparse(indices, values, indptr[i] as number, indptr[i + 1] as number, c);
        else w.addDense(dense, i * d, d, c);
        if (fitIntercept) intercept += c * decay;
      }
      // 4. L1 by cumulative truncated gradient, on the features this step touched
      if (l1) {
        l1U += l1Strength * eta;
        if (sparse) {
          // repeating a feature is harmless: the cumulative rule owes it nothing the second time
          for (let k = start; k < end; k++) {
            const i = order[k] as number;
            l1Truncate(w, q as Float64Array, indices, indptr[i] as number, indptr[i + 1] as number, l1U);
          }
        } else {
          l1TruncateAll(w, q as Float64Array, l1U);
        }
      }
      // 5. running average of the weights after the whole step (L1 included)
      if (average > 0 && average <= t) {
        const n = t - average + 1;
        w.stepAverage(n);
        avgIntercept += (intercept - avgIntercept) / n;
      }
      t += 1;
    }
    SINK[0] = touched;
    model.intercept = intercept;
    model.averageIntercept = avgIntercept;
    model.t = t;
    model.l1U = l1U;

    checkFinite(w, model.intercept, epoch);
    s.onEpoch?.(epoch, sumLoss / Math.max(1, nTrain));

    if (s.tol > -Infinity) {
      if (s.validationScore !== null && validationRows !== null) {
        const useAverage = s.average > 0 && s.average < model.t;
        const coef = useAverage ? w.average(scratch as Float64Array) : w.weights(scratch as Float64Array);
        const b = useAverage ? model.averageIntercept : model.intercept;
        const score = validationScoreOf(s.validationScore, X, y, sampleWeight, validationRows, coef, b);
        if (score < bestScore + s.tol) noImprovement += 1;
        else noImprovement = 0;
        if (score > bestScore) bestScore = score;
      } else {
        if (sumLoss > bestLoss - s.tol * nTrain) noImprovement += 1;
        else noImprovement = 0;
        if (sumLoss < bestLoss) bestLoss = sumLoss;
      }
      if (noImprovement >= s.nIterNoChange) {
        if (s.schedule === 3 && eta > 1e-6) {
          eta /= 5;
          noImprovement = 0;
        } else {
          stopped = true;
          break;
        }
      }
    }
  }
  w.normalize();
  return { nIter: Math.min(epoch, s.maxIter), stopped };
}

/** Where the touched values are stored, so the compiler cannot drop the reads. */
const SINK = new Float64Array(1);

function shuffleInPlace(a: Int32Array, random: Random): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const tmp = a[i] as number;
    a[i] = a[j] as number;
    a[j] = tmp;
  }
}

/**
 * Applies the cumulative L1 penalty to the given features: each weight is pulled toward 0 by what it is owed,
 * u − (penalty already applied), clipped at 0 (Tsuruoka, Tsujii & Ananiadou, ACL 2009). A lazy average is
 * compensated so it does not see the change until the step is folded in.
 */
function l1Truncate(
  w: WeightVector,
  q: Float64Array,
  indices: Int32Array,
  start: number,
  end: number,
  u: number,
): void {
  for (let k = start; k < end; k++) l1One(w, q, indices[k] as number, u);
}

function l1TruncateAll(w: WeightVector, q: Float64Array, u: number): void {
  for (let j = 0; j < w.raw.length; j++) l1One(w, q, j, u);
}

function l1One(w: WeightVector, q: Float64Array, j: number, u: number): void {
  const raw = w.raw;
  const scale = w.scale;
  const z = raw[j] as number;
  const qj = q[j] as number;
  if (scale * z > 0) raw[j] = Math.max(0, z - (u + qj) / scale);
  else if (scale * z < 0) raw[j] = Math.min(0, z + (u - qj) / scale);
  const delta = (raw[j] as number) - z;
  q[j] = qj + scale * delta;
  if (delta !== 0 && w.avgU !== null && w.avgA !== 0) w.avgU[j] = (w.avgU[j] as number) - w.avgA * delta;
}

function checkFinite(w: WeightVector, intercept: number, epoch: number): void {
  let ok = Number.isFinite(intercept) && Number.isFinite(w.scale);
  const raw = w.raw;
  for (let j = 0; ok && j < raw.length; j++) if (!Number.isFinite(raw[j] as number)) ok = false;
  if (!ok) {
    throw new ValueError(
      `SGD: floating-point overflow in epoch ${epoch}: the weights are no longer finite; scale the inputs (see StandardScaler) or lower eta0 / alpha.`,
      { epoch },
    );
  }
}

/** Weighted accuracy (±1 targets, decision > 0 is +1) or R² of a linear model on the given rows. */
function validationScoreOf(
  kind: 'accuracy' | 'r2',
  X: Design,
  y: Float64Array,
  sw: Float64Array | null,
  rows: Int32Array,
  coef: Float64Array,
  b: number,
): number {
  let total = 0;
  let hits = 0;
  let sy = 0;
  const preds = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k] as number;
    let p = b;
    const wi = sw === null ? 1 : (sw[i] as number);
    if (X instanceof CsrMatrix) {
      for (let a = X.indptr[i] as number; a < (X.indptr[i + 1] as number); a++) {
        p += (coef[X.indices[a] as number] as number) * (X.values[a] as number);
      }
    } else {
      const base = i * X.cols;
      for (let j = 0; j < X.cols; j++) p += (coef[j] as number) * (X.data[base + j] as number);
    }
    preds[k] = p;
    total += wi;
    sy += wi * (y[i] as number);
    if ((p > 0 ? 1 : -1) === (y[i] as number)) hits += wi;
  }
  if (kind === 'accuracy') return hits / total;
  const mean = sy / total;
  let ssRes = 0;
  let ssTot = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k] as number;
    const wi = sw === null ? 1 : (sw[i] as number);
    ssRes += wi * ((y[i] as number) - (preds[k] as number)) ** 2;
    ssTot += wi * ((y[i] as number) - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}
