import type { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { DenseMatrix } from '../../base/DenseMatrix.js';
import type { SvmKernelParams } from '../kernel/kernelTypes.js';

/** The four LIBSVM problem types lsml trains (LIBSVM's `svm_type` names). */
export type SvmType = 'c_svc' | 'nu_svc' | 'epsilon_svr' | 'nu_svr';

/**
 * A trained kernel SVM in LIBSVM's layout, classes in sorted order:
 * - support vectors grouped by class (class 0's first), `nSupport[c]` of class c;
 * - `svCoef` is (nClasses − 1) × nSV row-major: for the pair (i, j), i < j, the coefficients of class i's support
 *   vectors sit in row j − 1 and those of class j's in row i;
 * - `rho[p]` for the pairs p in the order (0,1), (0,2), …, (1,2), …; the pair decision value
 *   Σ coef K(sv, x) − ρ is positive for the first class of the pair.
 * Regression models have one row of coefficients and one ρ.
 */
export interface SvmModel {
  svmType: SvmType;
  kernel: SvmKernelParams;
  /** Number of classes (1 for regression). */
  nClasses: number;
  /** Support vectors' features; null for a precomputed kernel. */
  supportVectors: DenseMatrix | CsrMatrix | null;
  /**
   * Training row of each support vector (for a precomputed kernel, its column in the kernel matrix); null when
   * unknown (a LIBSVM model file of a non-precomputed kernel does not record it).
   */
  support: Int32Array | null;
  /** Support vectors per class (regression: one entry, all of them). */
  nSupport: Int32Array;
  /** Dual coefficients, max(nClasses − 1, 1) rows × nSV columns. */
  svCoef: Float64Array;
  /** Offset of each pairwise (or the regression) decision function. */
  rho: Float64Array;
  /** Platt sigmoid parameters per pair (classification) or the Laplace scale (regression, probA only); null without. */
  probA: Float64Array | null;
  probB: Float64Array | null;
  /**
   * Class order of the pairwise coupling of probabilities (sorted class indices), or null for sorted order. A model
   * read from a LIBSVM file keeps the file's label order here: the coupling iteration stops at a tolerance, so its
   * result depends slightly on the order, and keeping LIBSVM's gives LIBSVM's probabilities.
   */
  couplingOrder?: Int32Array | null;
}

/** Number of support vectors of a model. */
export function modelSvCount(m: SvmModel): number {
  let n = 0;
  for (const c of m.nSupport) n += c;
  return n;
}
