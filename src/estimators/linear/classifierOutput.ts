import { DenseMatrix } from '../base/DenseMatrix.js';
import type { Label } from '../base/labels.js';

/**
 * Labels from decision scores: binary (k = 1 score per row) picks `classes[1]` when the score is > 0, else
 * `classes[0]`; multi-class picks the class of the largest score (the first on ties).
 */
export function labelsFromScores(scores: Float64Array, k: number, classes: readonly Label[]): Label[] {
  const n = scores.length / k;
  const out: Label[] = new Array<Label>(n);
  if (k === 1) {
    for (let i = 0; i < n; i++) out[i] = classes[(scores[i] as number) > 0 ? 1 : 0] as Label;
    return out;
  }
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestScore = scores[i * k] as number;
    for (let c = 1; c < k; c++) {
      const s = scores[i * k + c] as number;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    out[i] = classes[best] as Label;
  }
  return out;
}

/** Scores as `decisionFunction` returns them: a Float64Array for one column, else an n × k DenseMatrix. */
export function scoresOutput(scores: Float64Array, k: number): Float64Array | DenseMatrix {
  return k === 1 ? scores : new DenseMatrix(scores.length / k, k, scores);
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * One-vs-rest logistic probabilities (scikit-learn's `_predict_proba_lr`): binary [1 − σ(s), σ(s)]; multi-class
 * σ(sᶜ) normalised over the classes.
 */
export function ovrLogisticProba(scores: Float64Array, k: number): DenseMatrix {
  const n = scores.length / k;
  const cols = k === 1 ? 2 : k;
  const out = new DenseMatrix(n, cols);
  const p = out.data;
  for (let i = 0; i < n; i++) {
    if (k === 1) {
      const s = sigmoid(scores[i] as number);
      p[2 * i] = 1 - s;
      p[2 * i + 1] = s;
      continue;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const s = sigmoid(scores[i * k + c] as number);
      p[i * k + c] = s;
      sum += s;
    }
    for (let c = 0; c < k; c++) p[i * k + c] = (p[i * k + c] as number) / sum;
  }
  return out;
}

/**
 * Probabilities of the modified Huber loss (Zhang 2004; scikit-learn's): (clip(s, −1, 1) + 1) / 2 per class,
 * normalised over the classes in the multi-class case; a row where every class scores −1 or less becomes uniform.
 */
export function modifiedHuberProba(scores: Float64Array, k: number): DenseMatrix {
  const n = scores.length / k;
  const cols = k === 1 ? 2 : k;
  const out = new DenseMatrix(n, cols);
  const p = out.data;
  for (let i = 0; i < n; i++) {
    if (k === 1) {
      const s = (Math.min(1, Math.max(-1, scores[i] as number)) + 1) / 2;
      p[2 * i] = 1 - s;
      p[2 * i + 1] = s;
      continue;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const s = (Math.min(1, Math.max(-1, scores[i * k + c] as number)) + 1) / 2;
      p[i * k + c] = s;
      sum += s;
    }
    for (let c = 0; c < k; c++) p[i * k + c] = sum === 0 ? 1 / k : (p[i * k + c] as number) / sum;
  }
  return out;
}

/** Softmax of each row of n × k scores (multinomial logistic probabilities). */
export function softmaxRows(scores: Float64Array, k: number): DenseMatrix {
  const n = scores.length / k;
  const out = new DenseMatrix(n, k);
  const p = out.data;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, scores[i * k + c] as number);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((scores[i * k + c] as number) - max);
      p[i * k + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) p[i * k + c] = (p[i * k + c] as number) / sum;
  }
  return out;
}

/** Element-wise natural log of a probability matrix (a new matrix). */
export function logOf(m: DenseMatrix): DenseMatrix {
  const out = new DenseMatrix(m.rows, m.cols);
  for (let i = 0; i < m.data.length; i++) out.data[i] = Math.log(m.data[i] as number);
  return out;
}
