import type { FitOptions } from '../base/BaseClassifier.js';
import { BaseRegressor, type RegressorState } from '../base/BaseRegressor.js';
import { DenseMatrix } from '../base/DenseMatrix.js';
import type { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { checkSampleWeight, checkTarget } from '../base/labels.js';
import type { MatrixLike } from '../base/matrixLike.js';
import { warn } from '../../util/warnings.js';
import { SvmPredictor } from './libsvm/SvmPredictor.js';
import type { SvmModel } from './libsvm/SvmModel.js';
import { trainRegressorModel } from './libsvm/trainModels.js';
import { fitKernelInput, predictInput } from './kernelInput.js';
import { pairwiseWeights } from './libsvm/pairwiseWeights.js';
import type { KernelSvmOptions } from './svmParams.js';
import { convergenceAdvice } from './convergenceAdvice.js';

/** Hyper-parameters shared by SVR and NuSVR. */
export interface BaseSvrOptions extends KernelSvmOptions {
  /** Penalty of errors outside the tube, > 0; default 1. */
  C?: number;
}

/** Learned state of SVR and NuSVR. */
export interface SvrState extends RegressorState {
  model: SvmModel;
  /** Tube half-width (ε of SVR; the ε found by NuSVR). */
  epsilon: number;
  nIter: Int32Array;
}

/** The shared machinery of the kernel SVM regressors (SVR, NuSVR) on the SMO solver. */
export abstract class BaseSVR<O extends BaseSvrOptions> extends BaseRegressor<O, SvrState> {
  private predictor: SvmPredictor | null = null;

  /** Which dual, and its ε (SVR) or ν (NuSVR). */
  protected abstract formulation(): { type: 'epsilon_svr' | 'nu_svr'; value: number };

  /**
   * Trains the regressor.
   * @param X training rows (dense or CSR), or the n × n kernel matrix when `kernel: 'precomputed'`
   * @param y finite targets
   * @param options `sampleWeight` multiplies each sample's C
   * @returns this
   */
  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    this.checkParams();
    const where = `${this.className}.fit`;
    const p = this.params as Required<BaseSvrOptions>;
    const input = fitKernelInput(X, p, where);
    const n = input.X.rows;
    const z = checkTarget(y, where, n);
    const weights = checkSampleWeight(options.sampleWeight, n, where);
    const C = Float64Array.from(weights, (w) => w * p.C);
    const form = this.formulation();
    const { model, stats, epsilon } = trainRegressorModel({
      kernel: input.kernel,
      params: input.params,
      X: p.kernel === 'precomputed' ? null : input.X,
      z,
      C,
      type: form.type,
      epsilonOrNu: form.value,
      settings: { eps: p.tol, shrinking: p.shrinking, maxIter: p.maxIter, cacheBytes: p.cacheSize * 2 ** 20 },
    });
    if (stats.unconverged > 0) {
      warn('ConvergenceWarning', convergenceAdvice(where, p.maxIter, p.tol, stats.unconverged, stats.problems), {
        where,
        maxIter: p.maxIter,
      });
    }
    this.state = { nFeaturesIn: input.X.cols, model, epsilon, nIter: Int32Array.from(stats.iterations) };
    this.predictor = null;
    return this;
  }

  private predictorOf(s: SvrState): SvmPredictor {
    if (this.predictor === null || this.predictor.model !== s.model) this.predictor = new SvmPredictor(s.model);
    return this.predictor;
  }

  /**
   * Predicted target Σ coef_i K(sv_i, x) + intercept of each row.
   * @throws NotFittedError before fit; ShapeError when the column count differs from fit
   */
  predict(X: MatrixLike): Float64Array {
    const s = this.fitted('predict');
    const M = predictInput(X, s.nFeaturesIn, `${this.className}.predict`);
    return this.predictorOf(s).decisionValues(M);
  }

  /** The trained model in LIBSVM's layout, for `writeLibsvmModel`. */
  get model(): SvmModel {
    return this.fitted('model').model;
  }

  /** Support vectors (empty for a precomputed kernel). */
  get supportVectors(): DenseMatrix | CsrMatrix {
    return this.fitted('supportVectors').model.supportVectors ?? new DenseMatrix(0, 0);
  }

  /** Training row of each support vector; null for a model loaded from a LIBSVM file. */
  get support(): Int32Array | null {
    const m = this.fitted('support').model;
    return m.support === null ? null : m.support.slice();
  }

  /** Number of support vectors (one entry). */
  get nSupport(): Int32Array {
    return this.fitted('nSupport').model.nSupport.slice();
  }

  /** Coefficients α_i − α*_i of the support vectors, 1 × nSV. */
  get dualCoef(): DenseMatrix {
    const m = this.fitted('dualCoef').model;
    return new DenseMatrix(1, m.svCoef.length, m.svCoef.slice());
  }

  /** Intercept −ρ (one entry). */
  get intercept(): Float64Array {
    return Float64Array.of(-(this.fitted('intercept').model.rho[0] as number));
  }

  /** Primal weights (1 × features), linear kernel only. */
  get coef(): DenseMatrix {
    return pairwiseWeights(this.fitted('coef').model, this.className);
  }

  /** Tube half-width: ε of SVR, the ε found by NuSVR. */
  get epsilonValue(): number {
    return this.fitted('epsilonValue').epsilon;
  }

  /** The numeric gamma used. */
  get gammaValue(): number {
    return this.fitted('gammaValue').model.kernel.gamma;
  }

  /** SMO iterations. */
  get nIter(): Int32Array {
    return this.fitted('nIter').nIter.slice();
  }
}
