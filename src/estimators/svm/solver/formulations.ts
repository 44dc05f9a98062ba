import { ValueError } from '../../../errors/errors.js';
import type { KernelEvaluator } from '../kernel/KernelEvaluator.js';
import { NuSolver } from './NuSolver.js';
import { type SolutionInfo, Solver } from './Solver.js';
import { SvcQ } from './SvcQ.js';
import { SvrQ } from './SvrQ.js';

/** Settings shared by every SMO solve. */
export interface SmoSettings {
  /** Stopping tolerance (LIBSVM's `-e`). */
  eps: number;
  shrinking: boolean;
  maxIter: number;
  /** Kernel cache bound in bytes. */
  cacheBytes: number;
}

/** A trained two-class or regression decision function f(x) = Σ coef_i K(x_i, x) − ρ over the training rows. */
export interface DecisionFunction {
  /** Signed coefficient of each training sample of the sub-problem (y_i α_i; α_i − α*_i for regression). */
  coef: Float64Array;
  rho: number;
  info: SolutionInfo;
}

/**
 * C-SVC: min ½ αᵀQα − eᵀα  s.t.  yᵀα = 0, 0 ≤ α_i ≤ C_i.
 * @param rows stored row of each sample
 * @param y ±1 labels
 * @param C per-sample upper bound (C × class weight × sample weight)
 */
export function solveCSvc(
  kernel: KernelEvaluator,
  rows: Int32Array,
  y: Int8Array,
  C: Float64Array,
  settings: SmoSettings,
): DecisionFunction {
  const l = rows.length;
  const alpha = new Float64Array(l);
  const p = new Float64Array(l).fill(-1);
  const Q = new SvcQ(kernel, rows, y, settings.cacheBytes);
  const info = new Solver().solve({ Q, p, y, alpha, C, ...settings });
  for (let i = 0; i < l; i++) alpha[i] = (alpha[i] as number) * (y[i] as number);
  return { coef: alpha, rho: info.rho, info };
}

/**
 * nu-SVC: min ½ αᵀQα  s.t.  yᵀα = 0, eᵀα = ν Σ w_i, 0 ≤ α_i ≤ w_i; the solution is rescaled by 1/r (LIBSVM's
 * solve_nu_svc; with unit weights w_i = 1 it is exactly LIBSVM's problem).
 * @param weight per-sample upper bound w_i (class weight × sample weight; 1 for LIBSVM's nu-SVC)
 * @param strict check that ν is feasible (cross-validation folds skip the check, as LIBSVM's do)
 * @throws ValueError when ν is infeasible for this pair of classes
 */
export function solveNuSvc(
  kernel: KernelEvaluator,
  rows: Int32Array,
  y: Int8Array,
  weight: Float64Array,
  nu: number,
  settings: SmoSettings,
  strict = true,
): DecisionFunction {
  const l = rows.length;
  let total = 0;
  let posTotal = 0;
  let negTotal = 0;
  for (let i = 0; i < l; i++) {
    total += weight[i] as number;
    if (y[i] === 1) posTotal += weight[i] as number;
    else negTotal += weight[i] as number;
  }
  if (strict && (nu * total) / 2 > Math.min(posTotal, negTotal) * (1 + 1e-12)) {
    throw new ValueError(
      `NuSVC.fit: nu = ${nu} is infeasible for a pair of classes with weights ${posTotal} and ${negTotal}; nu must be at most 2 × min / total = ${(2 * Math.min(posTotal, negTotal)) / total}.`,
      { nu, positive: posTotal, negative: negTotal },
    );
  }
  let sumPos = (nu * total) / 2;
  let sumNeg = (nu * total) / 2;
  const alpha = new Float64Array(l);
  for (let i = 0; i < l; i++) {
    const w = weight[i] as number;
    if (y[i] === 1) {
      alpha[i] = Math.min(w, sumPos);
      sumPos -= alpha[i] as number;
    } else {
      alpha[i] = Math.min(w, sumNeg);
      sumNeg -= alpha[i] as number;
    }
  }
  const p = new Float64Array(l);
  const Q = new SvcQ(kernel, rows, y, settings.cacheBytes);
  const info = new NuSolver().solve({ Q, p, y, alpha, C: weight, ...settings });
  const r = info.r;
  for (let i = 0; i < l; i++) alpha[i] = ((alpha[i] as number) * (y[i] as number)) / r;
  info.rho /= r;
  info.obj /= r * r;
  return { coef: alpha, rho: info.rho, info };
}

function regressionProblem(l: number): { y: Int8Array; alpha: Float64Array } {
  const y = new Int8Array(2 * l);
  for (let i = 0; i < l; i++) {
    y[i] = 1;
    y[i + l] = -1;
  }
  return { y, alpha: new Float64Array(2 * l) };
}

function collapse(alpha2: Float64Array, l: number): Float64Array {
  const coef = new Float64Array(l);
  for (let i = 0; i < l; i++) coef[i] = (alpha2[i] as number) - (alpha2[i + l] as number);
  return coef;
}

/**
 * ε-SVR: min ½ (α − α*)ᵀK(α − α*) + ε Σ(α + α*) − Σ z_i(α_i − α*_i)  s.t.  Σ(α − α*) = 0, 0 ≤ α, α* ≤ C_i.
 * @param z targets
 * @param C per-sample upper bound (C × sample weight)
 */
export function solveEpsilonSvr(
  kernel: KernelEvaluator,
  rows: Int32Array,
  z: Float64Array,
  C: Float64Array,
  epsilon: number,
  settings: SmoSettings,
): DecisionFunction {
  const l = rows.length;
  const { y, alpha } = regressionProblem(l);
  const p = new Float64Array(2 * l);
  const C2 = new Float64Array(2 * l);
  for (let i = 0; i < l; i++) {
    p[i] = epsilon - (z[i] as number);
    p[i + l] = epsilon + (z[i] as number);
    C2[i] = C[i] as number;
    C2[i + l] = C[i] as number;
  }
  const Q = new SvrQ(kernel, rows, settings.cacheBytes);
  const info = new Solver().solve({ Q, p, y, alpha, C: C2, ...settings });
  return { coef: collapse(alpha, l), rho: info.rho, info };
}

/**
 * nu-SVR: ε is found by the solver so that a fraction ν of the samples lie outside the tube (LIBSVM's solve_nu_svr).
 * @param C per-sample upper bound (C × sample weight)
 */
export function solveNuSvr(
  kernel: KernelEvaluator,
  rows: Int32Array,
  z: Float64Array,
  C: Float64Array,
  nu: number,
  settings: SmoSettings,
): DecisionFunction & { epsilon: number } {
  const l = rows.length;
  const { y, alpha } = regressionProblem(l);
  const p = new Float64Array(2 * l);
  const C2 = new Float64Array(2 * l);
  let total = 0;
  for (let i = 0; i < l; i++) total += C[i] as number;
  let sum = (total * nu) / 2;
  for (let i = 0; i < l; i++) {
    const c = C[i] as number;
    const a = Math.min(sum, c);
    alpha[i] = a;
    alpha[i + l] = a;
    sum -= a;
    p[i] = -(z[i] as number);
    p[i + l] = z[i] as number;
    C2[i] = c;
    C2[i + l] = c;
  }
  const Q = new SvrQ(kernel, rows, settings.cacheBytes);
  const info = new NuSolver().solve({ Q, p, y, alpha, C: C2, ...settings });
  return { coef: collapse(alpha, l), rho: info.rho, info, epsilon: -info.r };
}
