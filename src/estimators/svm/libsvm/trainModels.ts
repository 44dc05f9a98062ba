import type { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { Random } from '../../../util/random.js';
import type { DenseMatrix } from '../../base/DenseMatrix.js';
import { takeRows } from '../../base/matrixLike.js';
import type { KernelEvaluator } from '../kernel/KernelEvaluator.js';
import type { SvmKernelParams } from '../kernel/kernelTypes.js';
import { type SmoSettings, solveEpsilonSvr, solveNuSvr } from '../solver/formulations.js';
import { type BinaryFormulation, binaryProbability, trainBinary } from './binaryProbability.js';
import type { SvmModel } from './SvmModel.js';

/** Solver statistics of one fit. */
export interface TrainStats {
  /** SMO iterations of each sub-problem (one per pair of classes; one for regression). */
  iterations: number[];
  /** Sub-problems stopped by the iteration limit. */
  unconverged: number;
  /** Sub-problems solved. */
  problems: number;
}

/** Everything trainClassifierModel needs. */
export interface ClassifierTraining {
  kernel: KernelEvaluator;
  params: SvmKernelParams;
  /** The training matrix (null for a precomputed kernel): support vectors are copied from it. */
  X: DenseMatrix | CsrMatrix | null;
  /** Class index of each training sample. */
  yIdx: Int32Array;
  nClasses: number;
  /** Per-sample bound: C × class weight × sample weight (nu-SVC: class weight × sample weight). */
  C: Float64Array;
  form: BinaryFormulation;
  settings: SmoSettings;
  /** Fit Platt sigmoids by internal cross-validation. */
  probability: boolean;
  rng: Random;
}

function supportFeatures(X: DenseMatrix | CsrMatrix | null, support: Int32Array): DenseMatrix | CsrMatrix | null {
  return X === null ? null : takeRows(X, support);
}

/**
 * Multi-class SVM by one-vs-one, as LIBSVM's `svm_train`: samples grouped by class, one two-class problem per
 * pair (i, j) with class i as +1, support vectors the union over pairs of the samples with non-zero α.
 * Samples whose bound C_i is 0 (zero weight) are left out.
 */
export function trainClassifierModel(t: ClassifierTraining): { model: SvmModel; stats: TrainStats } {
  const { kernel, yIdx, nClasses: k, C } = t;
  const n = yIdx.length;
  // group samples by class, keeping their order within a class
  const count = new Int32Array(k);
  for (let i = 0; i < n; i++) if ((C[i] as number) > 0) count[yIdx[i] as number]++;
  const start = new Int32Array(k);
  for (let c = 1; c < k; c++) start[c] = (start[c - 1] as number) + (count[c - 1] as number);
  const grouped = new Int32Array((start[k - 1] as number) + (count[k - 1] as number));
  const fill = start.slice();
  for (let i = 0; i < n; i++) if ((C[i] as number) > 0) grouped[fill[yIdx[i] as number]++] = i;

  const stats: TrainStats = { iterations: [], unconverged: 0, problems: 0 };
  const nonzero = new Uint8Array(n);
  const pairCoef: Float64Array[] = [];
  const P = (k * (k - 1)) / 2;
  const probA = t.probability ? new Float64Array(P) : null;
  const probB = t.probability ? new Float64Array(P) : null;
  const rho = new Float64Array(P);
  let p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const ci = count[i] as number;
      const cj = count[j] as number;
      const rows = new Int32Array(ci + cj);
      rows.set(grouped.subarray(start[i] as number, (start[i] as number) + ci), 0);
      rows.set(grouped.subarray(start[j] as number, (start[j] as number) + cj), ci);
      const y = new Int8Array(ci + cj);
      y.fill(1, 0, ci);
      y.fill(-1, ci);
      const subC = new Float64Array(ci + cj);
      for (let q = 0; q < rows.length; q++) subC[q] = C[rows[q] as number] as number;
      if (probA !== null && probB !== null) {
        const [a, b] = binaryProbability(kernel, rows, y, subC, t.form, t.settings, t.rng);
        probA[p] = a;
        probB[p] = b;
      }
      const f = trainBinary(kernel, rows, y, subC, t.form, t.settings);
      stats.iterations.push(f.info.iterations);
      stats.problems++;
      if (!f.info.converged) stats.unconverged++;
      for (let q = 0; q < rows.length; q++) if (f.coef[q] !== 0) nonzero[rows[q] as number] = 1;
      pairCoef.push(f.coef);
      rho[p] = f.rho;
      p++;
    }
  }

  // support vectors grouped by class; position of each within the list
  const nSupport = new Int32Array(k);
  const svList: number[] = [];
  for (let c = 0; c < k; c++) {
    for (let q = start[c] as number; q < (start[c] as number) + (count[c] as number); q++) {
      const s = grouped[q] as number;
      if (nonzero[s] === 1) {
        svList.push(s);
        nSupport[c]++;
      }
    }
  }
  const nSV = svList.length;
  const svStart = new Int32Array(k);
  for (let c = 1; c < k; c++) svStart[c] = (svStart[c - 1] as number) + (nSupport[c - 1] as number);
  const svCoef = new Float64Array(Math.max(k - 1, 1) * nSV);
  p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const coef = pairCoef[p] as Float64Array;
      const ci = count[i] as number;
      let q = svStart[i] as number;
      for (let s = 0; s < ci; s++) {
        if (nonzero[grouped[(start[i] as number) + s] as number] === 1) svCoef[(j - 1) * nSV + q++] = coef[s] as number;
      }
      q = svStart[j] as number;
      for (let s = 0; s < (count[j] as number); s++) {
        if (nonzero[grouped[(start[j] as number) + s] as number] === 1) svCoef[i * nSV + q++] = coef[ci + s] as number;
      }
      p++;
    }
  }
  const support = Int32Array.from(svList);
  return {
    model: {
      svmType: t.form.type,
      kernel: t.params,
      nClasses: k,
      supportVectors: supportFeatures(t.X, support),
      support,
      nSupport,
      svCoef,
      rho,
      probA,
      probB,
    },
    stats,
  };
}

/** Everything trainRegressorModel needs. */
export interface RegressorTraining {
  kernel: KernelEvaluator;
  params: SvmKernelParams;
  X: DenseMatrix | CsrMatrix | null;
  z: Float64Array;
  /** Per-sample bound C × sample weight. */
  C: Float64Array;
  type: 'epsilon_svr' | 'nu_svr';
  /** ε of ε-SVR, or ν of nu-SVR. */
  epsilonOrNu: number;
  settings: SmoSettings;
}

/** ε-SVR or nu-SVR on all samples (zero-weight ones left out); support vectors in training order. */
export function trainRegressorModel(t: RegressorTraining): { model: SvmModel; stats: TrainStats; epsilon: number } {
  const n = t.z.length;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if ((t.C[i] as number) > 0) keep.push(i);
  const rows = Int32Array.from(keep);
  const z = Float64Array.from(keep, (i) => t.z[i] as number);
  const C = Float64Array.from(keep, (i) => t.C[i] as number);
  let f;
  let epsilon = t.epsilonOrNu;
  if (t.type === 'epsilon_svr') f = solveEpsilonSvr(t.kernel, rows, z, C, t.epsilonOrNu, t.settings);
  else {
    f = solveNuSvr(t.kernel, rows, z, C, t.epsilonOrNu, t.settings);
    epsilon = f.epsilon;
  }
  const sv: number[] = [];
  const coef: number[] = [];
  for (let q = 0; q < rows.length; q++) {
    if (f.coef[q] !== 0) {
      sv.push(rows[q] as number);
      coef.push(f.coef[q] as number);
    }
  }
  const support = Int32Array.from(sv);
  return {
    model: {
      svmType: t.type,
      kernel: t.params,
      nClasses: 1,
      supportVectors: supportFeatures(t.X, support),
      support,
      nSupport: Int32Array.of(sv.length),
      svCoef: Float64Array.from(coef),
      rho: Float64Array.of(f.rho),
      probA: null,
      probB: null,
    },
    stats: {
      iterations: [f.info.iterations],
      unconverged: f.info.converged ? 0 : 1,
      problems: 1,
    },
    epsilon,
  };
}
