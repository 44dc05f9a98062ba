import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { DenseMatrix } from '../../base/DenseMatrix.js';
import { KernelEvaluator } from '../kernel/KernelEvaluator.js';
import { type DenseStore, type SparseStore, storeFor } from '../kernel/SampleStore.js';
import { pairwiseCoupling } from './pairwiseCoupling.js';
import { sigmoidPredict } from './sigmoid.js';
import { type SvmModel, modelSvCount } from './SvmModel.js';

/** Smallest pairwise probability used in coupling (LIBSVM's min_prob). */
const MIN_PROB = 1e-7;

/**
 * Evaluates a trained SvmModel: kernel values against the support vectors, pairwise decision values, votes and
 * probabilities. Built lazily from the model (after `fit` or after loading) and reused.
 */
export class SvmPredictor {
  readonly model: SvmModel;
  private readonly nSV: number;
  private readonly evaluator: KernelEvaluator | null;
  /** First support vector of each class. */
  private readonly start: Int32Array;

  constructor(model: SvmModel) {
    this.model = model;
    this.nSV = modelSvCount(model);
    const sv = model.supportVectors;
    this.evaluator = sv === null ? null : new KernelEvaluator(storeFor(sv) as DenseStore | SparseStore, model.kernel);
    this.start = new Int32Array(model.nSupport.length);
    for (let c = 1; c < model.nSupport.length; c++) {
      this.start[c] = (this.start[c - 1] as number) + (model.nSupport[c - 1] as number);
    }
  }

  /** Number of pairwise decision functions (1 for two classes and for regression). */
  get nPairs(): number {
    const k = this.model.nClasses;
    return k <= 2 ? 1 : (k * (k - 1)) / 2;
  }

  /**
   * Calls `each(t, k)` for every row t of X with `k[s] = K(x_t, sv_s)`; `k` is reused between calls.
   * @param X test rows (for a precomputed kernel: test × training kernel values)
   */
  forEachKernelRow(X: DenseMatrix | CsrMatrix, each: (t: number, k: Float64Array) => void): void {
    const k = new Float64Array(this.nSV);
    const ev = this.evaluator;
    if (ev === null) {
      const support = this.model.support as Int32Array;
      const dense = X instanceof CsrMatrix ? Float64Array.from(X.toDense()) : X.data;
      const m = X.cols;
      for (let t = 0; t < X.rows; t++) {
        for (let s = 0; s < this.nSV; s++) k[s] = dense[t * m + (support[s] as number)] as number;
        each(t, k);
      }
      return;
    }
    if (X instanceof CsrMatrix) {
      const buf = new Float64Array(X.cols);
      const { indptr, indices, values } = X;
      for (let t = 0; t < X.rows; t++) {
        const a = indptr[t] as number;
        const b = indptr[t + 1] as number;
        let sq = 0;
        for (let q = a; q < b; q++) {
          const v = values[q] as number;
          buf[indices[q] as number] = v;
          sq += v * v;
        }
        ev.against(buf, 0, sq, k);
        for (let q = a; q < b; q++) buf[indices[q] as number] = 0;
        each(t, k);
      }
      return;
    }
    const data = X.data instanceof Float64Array ? X.data : Float64Array.from(X.data);
    const d = X.cols;
    for (let t = 0; t < X.rows; t++) {
      let sq = 0;
      for (let q = t * d; q < (t + 1) * d; q++) sq += (data[q] as number) * (data[q] as number);
      ev.against(data, t * d, sq, k);
      each(t, k);
    }
  }

  /**
   * Pairwise decision values, rows × nPairs row-major (regression: the predictions). Pair p = (i, j), i < j, in
   * the order (0,1), (0,2), …; positive means class i.
   */
  decisionValues(X: DenseMatrix | CsrMatrix): Float64Array {
    const { nClasses, svCoef, rho } = this.model;
    const nSV = this.nSV;
    const P = this.nPairs;
    const out = new Float64Array(X.rows * P);
    if (nClasses <= 1) {
      const r = rho[0] as number;
      this.forEachKernelRow(X, (t, k) => {
        let s = 0;
        for (let q = 0; q < nSV; q++) s += (svCoef[q] as number) * (k[q] as number);
        out[t] = s - r;
      });
      return out;
    }
    const { start } = this;
    const count = this.model.nSupport;
    this.forEachKernelRow(X, (t, k) => {
      let p = 0;
      for (let i = 0; i < nClasses; i++) {
        for (let j = i + 1; j < nClasses; j++) {
          let s = 0;
          const si = start[i] as number;
          const sj = start[j] as number;
          const c1 = (j - 1) * nSV;
          const c2 = i * nSV;
          for (let q = si; q < si + (count[i] as number); q++) s += (svCoef[c1 + q] as number) * (k[q] as number);
          for (let q = sj; q < sj + (count[j] as number); q++) s += (svCoef[c2 + q] as number) * (k[q] as number);
          out[t * P + p] = s - (rho[p] as number);
          p++;
        }
      }
    });
    return out;
  }

  /** Class index of each row by one-vs-one voting (ties go to the smaller class index, as LIBSVM). */
  static vote(dec: Float64Array, rows: number, nClasses: number): Int32Array {
    const P = nClasses <= 2 ? 1 : (nClasses * (nClasses - 1)) / 2;
    const out = new Int32Array(rows);
    const votes = new Int32Array(nClasses);
    for (let t = 0; t < rows; t++) {
      votes.fill(0);
      let p = 0;
      for (let i = 0; i < nClasses; i++) {
        for (let j = i + 1; j < nClasses; j++) {
          if ((dec[t * P + p] as number) > 0) votes[i] = (votes[i] as number) + 1;
          else votes[j] = (votes[j] as number) + 1;
          p++;
        }
      }
      let best = 0;
      for (let c = 1; c < nClasses; c++) if ((votes[c] as number) > (votes[best] as number)) best = c;
      out[t] = best;
    }
    return out;
  }

  /** Class probabilities rows × nClasses from pairwise decision values (Platt sigmoids, then pairwise coupling). */
  probabilities(dec: Float64Array, rows: number): Float64Array {
    const k = this.model.nClasses;
    const A = this.model.probA as Float64Array;
    const B = this.model.probB as Float64Array;
    const P = this.nPairs;
    const out = new Float64Array(rows * k);
    const r = new Float64Array(k * k);
    const p = new Float64Array(k);
    const order = this.model.couplingOrder ?? null;
    const rOrdered = new Float64Array(k * k);
    for (let t = 0; t < rows; t++) {
      let q = 0;
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          const v = Math.min(
            Math.max(sigmoidPredict(dec[t * P + q] as number, A[q] as number, B[q] as number), MIN_PROB),
            1 - MIN_PROB,
          );
          r[i * k + j] = v;
          r[j * k + i] = 1 - v;
          q++;
        }
      }
      if (k === 2) {
        out[t * 2] = r[1] as number;
        out[t * 2 + 1] = r[2] as number;
      } else if (order === null) {
        pairwiseCoupling(k, r, p);
        out.set(p, t * k);
      } else {
        for (let a = 0; a < k; a++) {
          for (let b = 0; b < k; b++)
            rOrdered[a * k + b] = r[(order[a] as number) * k + (order[b] as number)] as number;
        }
        pairwiseCoupling(k, rOrdered, p);
        for (let a = 0; a < k; a++) out[t * k + (order[a] as number)] = p[a] as number;
      }
    }
    return out;
  }
}
