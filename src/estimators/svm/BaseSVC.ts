import { ConfigError, ValueError } from '../../errors/errors.js';
import type { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { warn } from '../../util/warnings.js';
import { randomFor } from '../../util/random.js';
import { BaseClassifier, type ClassifierState, type FitOptions } from '../base/BaseClassifier.js';
import { DenseMatrix } from '../base/DenseMatrix.js';
import { type Label, type LabelsLike, checkSampleWeight, encodeLabels } from '../base/labels.js';
import type { MatrixLike } from '../base/matrixLike.js';
import type { BinaryFormulation } from './libsvm/binaryProbability.js';
import { SvmPredictor } from './libsvm/SvmPredictor.js';
import type { SvmModel } from './libsvm/SvmModel.js';
import { trainClassifierModel } from './libsvm/trainModels.js';
import { fitKernelInput, predictInput } from './kernelInput.js';
import { type SvmClassWeight, type KernelSvmOptions, resolveClassWeights } from './svmParams.js';
import { convergenceAdvice } from './convergenceAdvice.js';
import { ovrDecision } from './libsvm/ovrDecision.js';
import { pairwiseWeights } from './libsvm/pairwiseWeights.js';

/** Hyper-parameters shared by SVC and NuSVC. */
export interface BaseSvcOptions extends KernelSvmOptions {
  /** Per-class weights multiplying the bound C (NuSVC: the bound 1); default null (all 1). */
  classWeight?: SvmClassWeight;
  /** Fit Platt sigmoids by 5-fold cross-validation so `predictProba` works (slower fit); default false. */
  probability?: boolean;
  /**
   * Shape of `decisionFunction` for 3+ classes: `'ovr'` (n × k, scikit-learn's vote-based transform, default) or
   * `'ovo'` (n × k(k−1)/2, LIBSVM's pairwise values).
   */
  decisionFunctionShape?: 'ovr' | 'ovo';
  /** With `'ovr'` and 3+ classes, predict the argmax of `decisionFunction` instead of the vote winner; default false. */
  breakTies?: boolean;
  /** Seed of the cross-validation folds of `probability`. */
  seed?: number | null;
}

/** Learned state of SVC and NuSVC. */
export interface SvcState extends ClassifierState {
  /** The trained model in LIBSVM's layout. */
  model: SvmModel;
  /** Weight of each class (resolved `classWeight`). */
  classWeights: Float64Array;
  /** SMO iterations per pair of classes. */
  nIter: Int32Array;
}

/**
 * The shared machinery of the kernel SVM classifiers (SVC, NuSVC): one-vs-one training on the SMO solver,
 * voting, decision values, Platt probabilities and the learned attributes of scikit-learn's SVC.
 */
export abstract class BaseSVC<O extends BaseSvcOptions> extends BaseClassifier<O, SvcState> {
  private predictor: SvmPredictor | null = null;

  /** @param options hyper-parameters; validated against the class's `spec` */
  constructor(options: O = {} as O) {
    super(options);
    this.syncMethods();
  }

  override setParams(params: Partial<O> & Record<string, unknown>): this {
    super.setParams(params);
    this.syncMethods();
    return this;
  }

  /**
   * scikit-learn's `available_if`: `predictProba` and `predictLogProba` exist only with `probability: true`, so
   * `typeof clf.predictProba === 'function'` answers "can this model give probabilities?". Without it they are
   * shadowed by an own `undefined` property.
   */
  private syncMethods(): void {
    const available = (this.params as BaseSvcOptions).probability === true;
    for (const name of ['predictProba', 'predictLogProba'] as const) {
      if (available) delete (this as Record<string, unknown>)[name];
      else
        Object.defineProperty(this, name, { value: undefined, configurable: true, writable: true, enumerable: false });
    }
  }

  /** The two-class dual each pair is solved with. */
  protected abstract formulation(): BinaryFormulation;

  /** Bound of a sample of weight 1 (C for C-SVC; 1 for nu-SVC). */
  protected abstract unitBound(): number;

  protected override checkParams(): void {
    const p = this.params as BaseSvcOptions;
    if (p.breakTies === true && p.decisionFunctionShape === 'ovo') {
      throw new ConfigError(
        `${this.className}: breakTies is only available with decisionFunctionShape "ovr"; received "ovo".`,
        { option: 'breakTies' },
      );
    }
  }

  /**
   * Trains the classifier.
   * @param X training rows (dense or CSR), or the n × n kernel matrix when `kernel: 'precomputed'`
   * @param y one label per row; at least two classes
   * @param options `sampleWeight` multiplies each sample's bound
   * @returns this
   * @throws ValueError when y has a single class; DataError/ShapeError on bad input
   */
  fit(X: MatrixLike, y: LabelsLike, options: FitOptions = {}): this {
    this.checkParams();
    const where = `${this.className}.fit`;
    const p = this.params as Required<BaseSvcOptions>;
    const input = fitKernelInput(X, p, where);
    const n = input.X.rows;
    const { classes, indices } = encodeLabels(y, where, n);
    if (classes.length < 2) {
      throw new ValueError(
        `${where}: y has only one class (${JSON.stringify(classes[0])}); ${this.className} needs at least 2 classes.`,
        { where, classes },
      );
    }
    const weights = checkSampleWeight(options.sampleWeight, n, where);
    const counts = new Int32Array(classes.length);
    for (const c of indices) counts[c]++;
    const classWeights = resolveClassWeights(p.classWeight, classes, counts, where);
    const C = new Float64Array(n);
    const unit = this.unitBound();
    const mass = new Float64Array(classes.length);
    for (let i = 0; i < n; i++) {
      const c = indices[i] as number;
      C[i] = unit * (classWeights[c] as number) * (weights[i] as number);
      mass[c] = (mass[c] as number) + (C[i] as number);
    }
    const empty = mass.findIndex((m) => m === 0);
    if (empty >= 0) {
      throw new ValueError(
        `${where}: class ${JSON.stringify(classes[empty])} has no sample with a positive weight (sample and class weights); drop its samples or give them weight.`,
        { where, class: classes[empty] },
      );
    }

    const { model, stats } = trainClassifierModel({
      kernel: input.kernel,
      params: input.params,
      X: p.kernel === 'precomputed' ? null : input.X,
      yIdx: indices,
      nClasses: classes.length,
      C,
      form: this.formulation(),
      settings: { eps: p.tol, shrinking: p.shrinking, maxIter: p.maxIter, cacheBytes: p.cacheSize * 2 ** 20 },
      probability: p.probability,
      rng: randomFor(p.seed ?? undefined),
    });
    if (stats.unconverged > 0) {
      warn('ConvergenceWarning', convergenceAdvice(where, p.maxIter, p.tol, stats.unconverged, stats.problems), {
        where,
        maxIter: p.maxIter,
        unconverged: stats.unconverged,
      });
    }
    this.state = {
      classes,
      nFeaturesIn: input.X.cols,
      model,
      classWeights,
      nIter: Int32Array.from(stats.iterations),
    };
    this.predictor = null;
    return this;
  }

  /** The predictor of the current state (rebuilt after fit or load). */
  protected predictorOf(s: SvcState): SvmPredictor {
    if (this.predictor === null || this.predictor.model !== s.model) this.predictor = new SvmPredictor(s.model);
    return this.predictor;
  }

  private pairwise(X: MatrixLike, method: string): { dec: Float64Array; rows: number; s: SvcState } {
    const s = this.fitted(method);
    const M = predictInput(X, s.nFeaturesIn, `${this.className}.${method}`);
    return { dec: this.predictorOf(s).decisionValues(M), rows: M.rows, s };
  }

  /**
   * Predicted label of each row by one-vs-one voting (LIBSVM's rule; ties go to the smaller class).
   * @throws NotFittedError before fit; ShapeError when the column count differs from fit
   */
  predict(X: MatrixLike): Label[] {
    const { dec, rows, s } = this.pairwise(X, 'predict');
    const k = s.classes.length;
    let idx: Int32Array;
    if (this.params.breakTies === true && k > 2) {
      const ovr = ovrDecision(dec, rows, k);
      idx = new Int32Array(rows);
      for (let t = 0; t < rows; t++) {
        let best = 0;
        for (let c = 1; c < k; c++) if ((ovr[t * k + c] as number) > (ovr[t * k + best] as number)) best = c;
        idx[t] = best;
      }
    } else idx = SvmPredictor.vote(dec, rows, k);
    return Array.from(idx, (c) => s.classes[c] as Label);
  }

  /**
   * Decision values. Two classes: one value per row, positive for `classes[1]`. More classes: with
   * `decisionFunctionShape: 'ovo'` one column per pair (i, j), i < j, positive for class i; with `'ovr'`
   * (default) one column per class (votes plus a confidence in (−⅓, ⅓), scikit-learn's transform).
   * @throws NotFittedError before fit
   */
  override decisionFunction(X: MatrixLike): Float64Array | DenseMatrix {
    const { dec, rows, s } = this.pairwise(X, 'decisionFunction');
    const k = s.classes.length;
    if (k === 2) {
      for (let t = 0; t < rows; t++) dec[t] = -(dec[t] as number);
      return dec;
    }
    if (this.params.decisionFunctionShape === 'ovo') return new DenseMatrix(rows, (k * (k - 1)) / 2, dec);
    return new DenseMatrix(rows, k, ovrDecision(dec, rows, k));
  }

  /**
   * Class probabilities (columns in `classes` order) from the Platt sigmoids of each pair, coupled as in LIBSVM
   * (Wu, Lin & Weng 2004). Needs `probability: true` at fit time.
   * @throws ConfigError when the model was fitted without `probability: true`; NotFittedError before fit
   */
  override predictProba(X: MatrixLike): DenseMatrix {
    const s = this.fitted('predictProba');
    if (s.model.probA === null) {
      throw new ConfigError(
        `${this.className}.predictProba: probability estimates need probability: true at fit time; refit with new ${this.className}({ ..., probability: true }).`,
        { option: 'probability' },
      );
    }
    const { dec, rows } = this.pairwise(X, 'predictProba');
    const k = s.classes.length;
    return new DenseMatrix(rows, k, this.predictorOf(s).probabilities(dec, rows));
  }

  /** Log of `predictProba`. */
  predictLogProba(X: MatrixLike): DenseMatrix {
    const P = this.predictProba(X);
    for (let q = 0; q < P.data.length; q++) P.data[q] = Math.log(P.data[q] as number);
    return P;
  }

  /** The trained model in LIBSVM's layout (classes sorted), for `writeLibsvmModel`. */
  get model(): SvmModel {
    return this.fitted('model').model;
  }

  /** Support vectors, grouped by class (empty for a precomputed kernel). */
  get supportVectors(): DenseMatrix | CsrMatrix {
    const s = this.fitted('supportVectors');
    return s.model.supportVectors ?? new DenseMatrix(0, 0);
  }

  /** Training row of each support vector; null for a model loaded from a LIBSVM file (it does not record them). */
  get support(): Int32Array | null {
    const m = this.fitted('support').model;
    return m.support === null ? null : m.support.slice();
  }

  /** Number of support vectors of each class. */
  get nSupport(): Int32Array {
    return this.fitted('nSupport').model.nSupport.slice();
  }

  /**
   * Dual coefficients y_i α_i of the support vectors, (k − 1) × nSV in LIBSVM's layout (see SvmModel); for two
   * classes the sign is flipped so positive values push towards `classes[1]` (scikit-learn's `dual_coef_`).
   */
  get dualCoef(): DenseMatrix {
    const m = this.fitted('dualCoef').model;
    const k = m.nClasses;
    const out = new DenseMatrix(k - 1, m.svCoef.length / (k - 1), m.svCoef.slice());
    if (k === 2) for (let q = 0; q < out.data.length; q++) out.data[q] = -(out.data[q] as number);
    return out;
  }

  /** Intercept of each pairwise decision function, −ρ (two classes: ρ, matching `dualCoef`'s sign). */
  get intercept(): Float64Array {
    const m = this.fitted('intercept').model;
    return Float64Array.from(m.rho, (r) => (m.nClasses === 2 ? r : -r));
  }

  /**
   * Primal weights of each pairwise function, (pairs × features), for the linear kernel only (scikit-learn's
   * `coef_`, same signs as `dualCoef`).
   * @throws ConfigError for other kernels
   */
  get coef(): DenseMatrix {
    const s = this.fitted('coef');
    return pairwiseWeights(s.model, this.className);
  }

  /** Platt parameter A of each pair (needs `probability: true`). */
  get probA(): Float64Array | null {
    const m = this.fitted('probA').model;
    return m.probA === null ? null : m.probA.slice();
  }

  /** Platt parameter B of each pair (needs `probability: true`). */
  get probB(): Float64Array | null {
    const m = this.fitted('probB').model;
    return m.probB === null ? null : m.probB.slice();
  }

  /** The numeric gamma used (after resolving `'scale'` / `'auto'`). */
  get gammaValue(): number {
    return this.fitted('gammaValue').model.kernel.gamma;
  }

  /** SMO iterations of each pairwise problem. */
  get nIter(): Int32Array {
    return this.fitted('nIter').nIter.slice();
  }

  /** Resolved weight of each class, in `classes` order. */
  get classWeights(): Float64Array {
    return this.fitted('classWeights').classWeights.slice();
  }
}
