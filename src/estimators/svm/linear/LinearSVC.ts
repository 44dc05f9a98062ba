import { ConfigError, ValueError } from '../../../errors/errors.js';
import { randomFor } from '../../../util/random.js';
import { warn } from '../../../util/warnings.js';
import { BaseClassifier, type ClassifierState, type FitOptions } from '../../base/BaseClassifier.js';
import { checkMatrix } from '../../base/checkMatrix.js';
import { DenseMatrix } from '../../base/DenseMatrix.js';
import { type Label, type LabelsLike, checkSampleWeight, encodeLabels } from '../../base/labels.js';
import type { MatrixLike } from '../../base/matrixLike.js';
import { registerEstimator } from '../../base/persistence.js';
import { bool, integer, oneOf, range, seed } from '../../base/validators.js';
import { convergenceAdvice } from '../convergenceAdvice.js';
import { type SvmClassWeight, classWeightSpec, resolveClassWeights } from '../svmParams.js';
import { crammerSinger } from './crammerSinger.js';
import { dualCdSvc } from './dualCdSvc.js';
import { l1rL2Svc } from './l1rL2Svc.js';
import { linearRows } from './LinearRows.js';
import { linearScores } from './linearDecision.js';

/** Hyper-parameters of LinearSVC. */
export interface LinearSVCOptions {
  /** Penalty on w: `'l2'` (default) or `'l1'` (sparse weights; needs `loss: 'squared_hinge'`, `dual: false`). */
  penalty?: 'l1' | 'l2';
  /** `'squared_hinge'` (default, LIBLINEAR's L2 loss) or `'hinge'` (L1 loss, the standard SVM loss). */
  loss?: 'hinge' | 'squared_hinge';
  /**
   * Solve the dual (coordinate descent) or the primal. `'auto'` (default): the dual for the L2 penalty, the primal
   * for L1. `false` with the L2 penalty is solved in the dual too (same minimiser; LIBLINEAR's primal Newton solver
   * is not implemented).
   */
  dual?: 'auto' | boolean;
  /** Stopping tolerance, > 0; default 1e-4 (scikit-learn's). The dual solvers stop when the projected-gradient spread is ≤ tol (LIBLINEAR's `-e`). */
  tol?: number;
  /** Penalty parameter, > 0; default 1. */
  C?: number;
  /** `'ovr'` (default): one-vs-rest binary problems; `'crammer_singer'`: one joint multi-class problem (penalty, loss and dual ignored). */
  multiClass?: 'ovr' | 'crammer_singer';
  /** Learn an intercept (as LIBLINEAR's bias feature); default true. */
  fitIntercept?: boolean;
  /** Value of the synthetic bias feature, > 0; default 1. The intercept is regularised like the weights; raise it to weaken that. */
  interceptScaling?: number;
  /** Per-class weights multiplying C; default null. */
  classWeight?: SvmClassWeight;
  /** Iteration limit (passes over the data), ≥ 1; default 1000. */
  maxIter?: number;
  /** Seed of the random coordinate order. */
  seed?: number | null;
}

interface LinearSVCState extends ClassifierState {
  /** outputs × d row-major (one row for two classes). */
  coef: Float64Array;
  intercept: Float64Array;
  nIter: number;
}

/**
 * Linear support vector classification (LIBLINEAR; scikit-learn's `LinearSVC`): min ½‖w‖² + C Σ loss(y_i wᵀx_i)
 * by dual coordinate descent (Hsieh et al. 2008) for the L2 penalty, by primal coordinate descent with Newton steps
 * (Yuan et al. 2010) for the L1 penalty, and Crammer–Singer multi-class by the sequential dual method (Keerthi et
 * al. 2008). Dense and CSR input; a step costs O(nnz(x_i)), so large sparse text problems train in seconds.
 *
 * @example
 * const clf = new LinearSVC({ C: 0.5 }).fit(Xcsr, y);
 * clf.predict(Xtest); clf.coef; clf.intercept;
 */
export class LinearSVC extends BaseClassifier<LinearSVCOptions, LinearSVCState> {
  static override readonly className: string = 'LinearSVC';
  static override readonly spec = {
    penalty: oneOf('l1', 'l2'),
    loss: oneOf('hinge', 'squared_hinge'),
    dual: oneOf('auto', true, false),
    tol: range(0, Infinity, '()'),
    C: range(0, Infinity, '()'),
    multiClass: oneOf('ovr', 'crammer_singer'),
    fitIntercept: bool,
    interceptScaling: range(0, Infinity, '()'),
    classWeight: classWeightSpec,
    maxIter: integer(1, Infinity),
    seed,
  };
  static override readonly defaults = {
    penalty: 'l2',
    loss: 'squared_hinge',
    dual: 'auto',
    tol: 1e-4,
    C: 1,
    multiClass: 'ovr',
    fitIntercept: true,
    interceptScaling: 1,
    classWeight: null,
    maxIter: 1000,
    seed: null,
  };

  protected override checkParams(): void {
    const { penalty, loss, dual, multiClass } = this.params;
    if (multiClass === 'crammer_singer') return;
    if (penalty === 'l1' && loss === 'hinge') {
      throw new ConfigError('LinearSVC: penalty "l1" with loss "hinge" is not supported; use loss "squared_hinge".', {
        option: 'loss',
      });
    }
    if (penalty === 'l1' && dual === true) {
      throw new ConfigError('LinearSVC: penalty "l1" is solved in the primal only; set dual to false or "auto".', {
        option: 'dual',
      });
    }
    if (penalty === 'l2' && loss === 'hinge' && dual === false) {
      throw new ConfigError('LinearSVC: loss "hinge" is solved in the dual only; set dual to true or "auto".', {
        option: 'dual',
      });
    }
  }

  /**
   * Trains the classifier.
   * @param X dense or CSR rows
   * @param y labels; at least two classes
   * @param options `sampleWeight` multiplies each sample's C
   * @throws ValueError on a single class; ConfigError on an unsupported penalty/loss/dual combination
   */
  fit(X: MatrixLike, y: LabelsLike, options: FitOptions = {}): this {
    this.checkParams();
    const where = 'LinearSVC.fit';
    const p = this.params as Required<LinearSVCOptions>;
    const M = checkMatrix(X, { where, acceptSparse: true });
    const n = M.rows;
    const d = M.cols;
    const { classes, indices } = encodeLabels(y, where, n);
    if (classes.length < 2) {
      throw new ValueError(
        `${where}: y has only one class (${JSON.stringify(classes[0])}); LinearSVC needs at least 2 classes.`,
        {
          where,
          classes,
        },
      );
    }
    const weights = checkSampleWeight(options.sampleWeight, n, where);
    const k = classes.length;
    const counts = new Int32Array(k);
    for (const c of indices) counts[c]++;
    const classWeights = resolveClassWeights(p.classWeight, classes, counts, where);
    const C = new Float64Array(n);
    for (let i = 0; i < n; i++) C[i] = p.C * (classWeights[indices[i] as number] as number) * (weights[i] as number);
    const bias = p.fitIntercept ? p.interceptScaling : 0;
    const rows = linearRows(M, bias);
    const rng = randomFor(p.seed ?? undefined);
    const settings = { eps: p.tol, maxIter: p.maxIter };

    const outputs = k === 2 && p.multiClass === 'ovr' ? 1 : k;
    const coef = new Float64Array(outputs * d);
    const intercept = new Float64Array(outputs);
    let nIter = 0;
    let unconverged = 0;
    if (p.multiClass === 'crammer_singer') {
      const r = crammerSinger(rows, indices, k, C, settings, rng);
      for (let m = 0; m < k; m++) {
        for (let j = 0; j < d; j++) coef[m * d + j] = r.w[j * k + m] as number;
        intercept[m] = bias > 0 ? bias * (r.w[d * k + m] as number) : 0;
      }
      nIter = r.iterations;
      if (!r.converged) unconverged++;
    } else {
      const yBin = new Int8Array(n);
      for (let m = 0; m < outputs; m++) {
        const positive = outputs === 1 ? 1 : m;
        let pos = 0;
        for (let i = 0; i < n; i++) {
          yBin[i] = indices[i] === positive ? 1 : -1;
          if (yBin[i] === 1) pos++;
        }
        let r;
        if (p.penalty === 'l1') {
          // LIBLINEAR scales the primal tolerance by min(#pos, #neg) / l
          const eps = (p.tol * Math.max(Math.min(pos, n - pos), 1)) / n;
          r = l1rL2Svc(rows, yBin, C, { eps, maxIter: p.maxIter }, rng);
        } else r = dualCdSvc(rows, yBin, C, p.loss === 'squared_hinge', settings, rng);
        coef.set(r.w.subarray(0, d), m * d);
        intercept[m] = bias > 0 ? bias * (r.w[d] as number) : 0;
        nIter = Math.max(nIter, r.iterations);
        if (!r.converged) unconverged++;
      }
    }
    if (unconverged > 0) {
      warn('ConvergenceWarning', convergenceAdvice(where, p.maxIter, p.tol, unconverged, outputs), {
        where,
        maxIter: p.maxIter,
      });
    }
    this.state = { classes, nFeaturesIn: d, coef, intercept, nIter };
    return this;
  }

  /**
   * Decision values X·coefᵀ + intercept: one per row for two classes (positive for `classes[1]`), else rows × k.
   * @throws NotFittedError before fit
   */
  override decisionFunction(X: MatrixLike): Float64Array | DenseMatrix {
    const s = this.fitted('decisionFunction');
    const M = checkMatrix(X, { where: 'LinearSVC.decisionFunction', acceptSparse: true, nFeatures: s.nFeaturesIn });
    const scores = linearScores(M, s.coef, s.intercept);
    return s.intercept.length === 1 ? scores : new DenseMatrix(M.rows, s.intercept.length, scores);
  }

  /**
   * Predicted labels: the sign of the decision value (two classes) or its argmax.
   * @throws NotFittedError before fit
   */
  predict(X: MatrixLike): Label[] {
    const s = this.fitted('predict');
    const M = checkMatrix(X, { where: 'LinearSVC.predict', acceptSparse: true, nFeatures: s.nFeaturesIn });
    const scores = linearScores(M, s.coef, s.intercept);
    const k = s.intercept.length;
    const out: Label[] = new Array(M.rows);
    for (let i = 0; i < M.rows; i++) {
      if (k === 1) out[i] = s.classes[(scores[i] as number) > 0 ? 1 : 0] as Label;
      else {
        let best = 0;
        for (let m = 1; m < k; m++) if ((scores[i * k + m] as number) > (scores[i * k + best] as number)) best = m;
        out[i] = s.classes[best] as Label;
      }
    }
    return out;
  }

  /** Weights, outputs × features (one row for two classes, else one per class). */
  get coef(): DenseMatrix {
    const s = this.fitted('coef');
    return new DenseMatrix(s.intercept.length, s.nFeaturesIn, s.coef.slice());
  }

  /** Intercepts, one per row of `coef` (0 without `fitIntercept`). */
  get intercept(): Float64Array {
    return this.fitted('intercept').intercept.slice();
  }

  /** Passes over the data made (the largest over the one-vs-rest problems). */
  get nIter(): number {
    return this.fitted('nIter').nIter;
  }
}

registerEstimator(LinearSVC);
