import { ValueError } from '../../errors/errors.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import type { DenseMatrix } from '../base/DenseMatrix.js';
import { type Label, compareLabels } from '../base/labels.js';
import { type Validator, anyOf, bool, integer, oneOf, range, satisfies } from '../base/validators.js';
import { KERNEL_TYPES, type SvmKernel } from './kernel/kernelTypes.js';

/** `gamma`: `'scale'` = 1 / (n_features · Var(X)), `'auto'` = 1 / n_features, or a number ≥ 0 (scikit-learn's). */
export type SvmGamma = 'scale' | 'auto' | number;

/** Per-class weights: `'balanced'` (n / (k · n_c)), or label → weight (missing labels weigh 1). */
export type SvmClassWeight = 'balanced' | Readonly<Record<string, number>> | ReadonlyMap<Label, number> | null;

/** Hyper-parameters every kernel SVM (SVC, NuSVC, SVR, NuSVR) takes. */
export interface KernelSvmOptions {
  /** Kernel; default `'rbf'`. `'precomputed'`: X is the kernel matrix (fit: n × n; predict: n_test × n_train). */
  kernel?: SvmKernel;
  /** Degree of the poly kernel, integer ≥ 0; default 3. */
  degree?: number;
  /** Kernel coefficient of rbf, poly and sigmoid; default `'scale'`. */
  gamma?: SvmGamma;
  /** Constant of the poly and sigmoid kernels; default 0. */
  coef0?: number;
  /** Stopping tolerance, > 0: stop when the maximal KKT violation m(α) − M(α) ≤ tol (LIBSVM's `-e`); default 1e-3. */
  tol?: number;
  /** Use LIBSVM's shrinking heuristic; default true. */
  shrinking?: boolean;
  /** Kernel cache size in MB, > 0; default 200 (scikit-learn's). */
  cacheSize?: number;
  /** SMO iteration limit per sub-problem, or -1 for LIBSVM's max(10⁷, 100 n); default -1. */
  maxIter?: number;
}

/** The spec entries of KernelSvmOptions. */
export const kernelSvmSpec = {
  kernel: oneOf(...KERNEL_TYPES),
  degree: integer(0, Infinity),
  gamma: anyOf(oneOf('scale', 'auto'), range(0, Infinity, '[)')),
  coef0: range(-Infinity, Infinity, '()'),
  tol: range(0, Infinity, '()'),
  shrinking: bool,
  cacheSize: range(0, Infinity, '()'),
  maxIter: anyOf(oneOf(-1), integer(1, Infinity)),
} satisfies Record<string, Validator>;

/** Defaults of KernelSvmOptions (scikit-learn's). */
export const kernelSvmDefaults = {
  kernel: 'rbf',
  degree: 3,
  gamma: 'scale',
  coef0: 0,
  tol: 1e-3,
  shrinking: true,
  cacheSize: 200,
  maxIter: -1,
} as const;

/** The `classWeight` constraint. */
export const classWeightSpec: Validator = satisfies(
  'null, "balanced", or an object or Map from label to a weight >= 0',
  (v) => {
    if (v === null || v === 'balanced') return true;
    const values =
      v instanceof Map
        ? [...v.values()]
        : typeof v === 'object' && !Array.isArray(v)
          ? Object.values(v as object)
          : null;
    return values !== null && values.every((w) => typeof w === 'number' && Number.isFinite(w) && w >= 0);
  },
);

/**
 * gamma as a number, scikit-learn's definitions: `'scale'` → 1 / (d · Var(X)) with the variance over every entry
 * of X (1 when X is constant), `'auto'` → 1 / d.
 */
export function resolveGamma(gamma: SvmGamma, X: DenseMatrix | CsrMatrix): number {
  if (typeof gamma === 'number') return gamma;
  const d = X.cols;
  if (gamma === 'auto') return 1 / d;
  const values = X instanceof CsrMatrix ? X.values : X.data;
  const total = X.rows * X.cols;
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k] as number;
  const mean = sum / total;
  let variance: number;
  if (X instanceof CsrMatrix) {
    let sq = 0;
    for (let k = 0; k < values.length; k++) sq += (values[k] as number) * (values[k] as number);
    variance = sq / total - mean * mean;
  } else {
    let ss = 0;
    for (let k = 0; k < values.length; k++) ss += ((values[k] as number) - mean) ** 2;
    variance = ss / total;
  }
  return variance !== 0 ? 1 / (d * variance) : 1;
}

/**
 * Weight of each class (in `classes` order) from `classWeight`.
 * @param counts samples per class (for `'balanced'`)
 * @throws ValueError when a weight names a label that is not a class
 */
export function resolveClassWeights(
  classWeight: SvmClassWeight,
  classes: readonly Label[],
  counts: Int32Array,
  where: string,
): Float64Array {
  const k = classes.length;
  const out = new Float64Array(k).fill(1);
  if (classWeight === null) return out;
  if (classWeight === 'balanced') {
    let n = 0;
    for (const c of counts) n += c;
    for (let c = 0; c < k; c++) out[c] = n / (k * (counts[c] as number));
    return out;
  }
  const entries: [string, number][] =
    classWeight instanceof Map
      ? [...(classWeight as ReadonlyMap<Label, number>).entries()].map(([l, w]) => [String(l), w])
      : Object.entries(classWeight as Record<string, number>);
  const position = new Map(classes.map((c, i) => [String(c), i]));
  for (const [label, w] of entries) {
    const c = position.get(label);
    if (c === undefined) {
      const known = [...classes].sort(compareLabels).map((x) => JSON.stringify(x));
      throw new ValueError(
        `${where}: classWeight names the label ${JSON.stringify(label)}, which is not among the training labels [${known.join(', ')}].`,
        { where, label },
      );
    }
    out[c] = w;
  }
  return out;
}
