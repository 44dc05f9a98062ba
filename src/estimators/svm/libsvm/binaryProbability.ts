import type { Random } from '../../../util/random.js';
import type { KernelEvaluator } from '../kernel/KernelEvaluator.js';
import { type DecisionFunction, type SmoSettings, solveCSvc, solveNuSvc } from '../solver/formulations.js';
import { sigmoidTrain } from './sigmoid.js';

/** Which dual a two-class problem is solved with. */
export interface BinaryFormulation {
  type: 'c_svc' | 'nu_svc';
  /** nu of nu-SVC (ignored by C-SVC). */
  nu: number;
}

/** Trains one two-class decision function on `rows` (labels ±1, per-sample bounds C). */
export function trainBinary(
  kernel: KernelEvaluator,
  rows: Int32Array,
  y: Int8Array,
  C: Float64Array,
  form: BinaryFormulation,
  settings: SmoSettings,
  strict = true,
): DecisionFunction {
  return form.type === 'c_svc'
    ? solveCSvc(kernel, rows, y, C, settings)
    : solveNuSvc(kernel, rows, y, C, form.nu, settings, strict);
}

/**
 * Decision values f(x) = Σ coef_s K(sv_s, x) − ρ of stored rows `targets` under a function trained on `rows`.
 */
export function decisionOnRows(
  kernel: KernelEvaluator,
  rows: Int32Array,
  f: DecisionFunction,
  targets: Int32Array,
): Float64Array {
  let nsv = 0;
  for (let i = 0; i < rows.length; i++) if (f.coef[i] !== 0) nsv++;
  const svRows = new Int32Array(nsv);
  const coef = new Float64Array(nsv);
  for (let i = 0, s = 0; i < rows.length; i++) {
    if (f.coef[i] !== 0) {
      svRows[s] = rows[i] as number;
      coef[s++] = f.coef[i] as number;
    }
  }
  const k = new Float64Array(nsv);
  const out = new Float64Array(targets.length);
  for (let t = 0; t < targets.length; t++) {
    kernel.row(targets[t] as number, svRows, 0, nsv, k);
    let s = 0;
    for (let q = 0; q < nsv; q++) s += (coef[q] as number) * (k[q] as number);
    out[t] = s - f.rho;
  }
  return out;
}

/**
 * Platt scaling parameters (A, B) of a two-class problem from 5-fold cross-validated decision values, as LIBSVM's
 * `svm_binary_svc_probability`: folds from a seeded permutation; a fold whose training part holds one class only
 * gets the constant decision value ±1 (0 when empty).
 */
export function binaryProbability(
  kernel: KernelEvaluator,
  rows: Int32Array,
  y: Int8Array,
  C: Float64Array,
  form: BinaryFormulation,
  settings: SmoSettings,
  rng: Random,
): [number, number] {
  const nrFold = 5;
  const l = rows.length;
  const perm = rng.permutation(l);
  const dec = new Float64Array(l);
  for (let fold = 0; fold < nrFold; fold++) {
    const begin = Math.floor((fold * l) / nrFold);
    const end = Math.floor(((fold + 1) * l) / nrFold);
    const m = l - (end - begin);
    const subRows = new Int32Array(m);
    const subY = new Int8Array(m);
    const subC = new Float64Array(m);
    let pCount = 0;
    let nCount = 0;
    for (let t = 0, q = 0; t < l; t++) {
      if (t >= begin && t < end) continue;
      const i = perm[t] as number;
      subRows[q] = rows[i] as number;
      subY[q] = y[i] as number;
      subC[q++] = C[i] as number;
      if (y[i] === 1) pCount++;
      else nCount++;
    }
    const heldOut = perm.subarray(begin, end);
    if (pCount === 0 || nCount === 0) {
      const v = pCount === 0 && nCount === 0 ? 0 : pCount > 0 ? 1 : -1;
      for (const i of heldOut) dec[i] = v;
      continue;
    }
    const f = trainBinary(kernel, subRows, subY, subC, form, settings, false);
    const targets = new Int32Array(heldOut.length);
    heldOut.forEach((i, t) => (targets[t] = rows[i] as number));
    const values = decisionOnRows(kernel, subRows, f, targets);
    heldOut.forEach((i, t) => (dec[i] = values[t] as number));
  }
  const positive = new Uint8Array(l);
  for (let i = 0; i < l; i++) positive[i] = y[i] === 1 ? 1 : 0;
  return sigmoidTrain(dec, positive);
}
