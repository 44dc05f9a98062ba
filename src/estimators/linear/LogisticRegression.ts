import { ConfigError, DataError } from '../../errors/errors.js';
import { warn } from '../../util/warnings.js';
import { BaseClassifier, type ClassifierState, type FitOptions } from '../base/BaseClassifier.js';
import { checkMatrix } from '../base/checkMatrix.js';
import { DenseMatrix } from '../base/DenseMatrix.js';
import { type Label, type LabelsLike, checkSampleWeight, encodeLabels } from '../base/labels.js';
import type { MatrixLike } from '../base/matrixLike.js';
import { registerEstimator } from '../base/persistence.js';
import { bool, integer, nullable, oneOf, range } from '../base/validators.js';
import { type ClassWeight, classCounts, classWeightSpec, expandClassWeight } from './classWeight.js';
import { labelsFromScores, logOf, ovrLogisticProba, scoresOutput, softmaxRows } from './classifierOutput.js';
import type { Design } from './linalg/Design.js';
import { linearScores } from './linalg/linearScores.js';
import { LogisticObjective } from './logistic/LogisticObjective.js';
import { fista } from './solvers/fista.js';
import { lbfgs } from './solvers/lbfgs.js';

/** Hyper-parameters of LogisticRegression (scikit-learn's, camelCase). */
export interface LogisticRegressionOptions {
  /** 'l2' (default), 'l1', 'elasticnet' or null (no penalty). */
  penalty?: 'l2' | 'l1' | 'elasticnet' | null;
  /** Inverse regularisation strength C > 0: the objective is C·Σwᵢℓᵢ + penalty. Default 1. */
  C?: number;
  /** Learn an unpenalised intercept. Default true. */
  fitIntercept?: boolean;
  /** Stop when the largest gradient component (L-BFGS) or gradient-mapping component (FISTA) is below tol. */
  tol?: number;
  /** Most iterations; null: 100 for 'lbfgs' (scikit-learn's), 1000 for 'fista'. */
  maxIter?: number | null;
  /**
   * 'lbfgs' for the smooth penalties ('l2', null), 'fista' (accelerated proximal gradient) for any penalty;
   * 'auto' (default) picks 'lbfgs' when it applies, else 'fista'.
   */
  solver?: 'auto' | 'lbfgs' | 'fista';
  /** 'multinomial' (softmax), 'ovr' (one binary model per class) or 'auto' (multinomial for > 2 classes). */
  multiClass?: 'auto' | 'ovr' | 'multinomial';
  /** Per-class weights multiplying the sample weights: label → weight, 'balanced', or null. */
  classWeight?: ClassWeight;
  /** Start from the previous solution. Default false. */
  warmStart?: boolean;
  /** Elastic-net mixing ρ in [0, 1] (penalty ρ‖w‖₁ + ½(1 − ρ)‖w‖²); required with 'elasticnet'. */
  l1Ratio?: number | null;
}

/** Learned state of LogisticRegression. */
export interface LogisticRegressionState extends ClassifierState {
  /** k × features (k = 1 for binary problems). */
  coef: Float64Array;
  intercept: Float64Array;
  /** 'multinomial' or 'ovr', as fitted. */
  multiClass: 'multinomial' | 'ovr';
  /** Iterations (largest over one-vs-rest models). */
  nIter: number;
}

type Params = Required<LogisticRegressionOptions>;

/**
 * Logistic regression, scikit-learn's `LogisticRegression`: minimises C·Σᵢ wᵢ·ℓᵢ + R(w) with the logistic (binary)
 * or softmax (multinomial) loss ℓ and R = ½‖w‖² ('l2'), ‖w‖₁ ('l1'), or ρ‖w‖₁ + ½(1 − ρ)‖w‖² ('elasticnet').
 * Smooth problems are solved by L-BFGS (written here, float64), L1 problems by FISTA. Dense or CSR input.
 *
 * @example
 * const clf = new LogisticRegression({ C: 10 }).fit(X, y);
 * clf.predictProba(Xtest);
 */
export class LogisticRegression extends BaseClassifier<LogisticRegressionOptions, LogisticRegressionState> {
  static override readonly className = 'LogisticRegression';
  static override readonly spec = {
    penalty: nullable(oneOf('l2', 'l1', 'elasticnet')),
    C: range(0, Infinity, '()'),
    fitIntercept: bool,
    tol: range(0, Infinity, '[)'),
    maxIter: nullable(integer(1, Infinity)),
    solver: oneOf('auto', 'lbfgs', 'fista'),
    multiClass: oneOf('auto', 'ovr', 'multinomial'),
    classWeight: classWeightSpec,
    warmStart: bool,
    l1Ratio: nullable(range(0, 1)),
  };
  static override readonly defaults = {
    penalty: 'l2',
    C: 1,
    fitIntercept: true,
    tol: 1e-4,
    maxIter: null,
    solver: 'auto',
    multiClass: 'auto',
    classWeight: null,
    warmStart: false,
    l1Ratio: null,
  };

  private get p(): Params {
    return this.params as Params;
  }

  /** The solver `fit` will use. */
  private solverName(): 'lbfgs' | 'fista' {
    const { solver, penalty } = this.p;
    if (solver !== 'auto') return solver;
    return penalty === 'l2' || penalty === null ? 'lbfgs' : 'fista';
  }

  protected override checkParams(): void {
    const { penalty, l1Ratio } = this.p;
    if (this.solverName() === 'lbfgs' && (penalty === 'l1' || penalty === 'elasticnet')) {
      throw new ConfigError(
        `${this.className}: solver "lbfgs" supports only penalty "l2" or null; received penalty "${penalty}". Use solver "fista" (or "auto").`,
        { estimator: this.className, option: 'solver' },
      );
    }
    if (penalty === 'elasticnet' && l1Ratio === null) {
      throw new ConfigError(`${this.className}: penalty "elasticnet" needs "l1Ratio" in [0, 1]; received null.`, {
        estimator: this.className,
        option: 'l1Ratio',
      });
    }
  }

  /**
   * Fits the model.
   * @param X rows × features: nested arrays, a DenseMatrix (float32/float64) or a CsrMatrix
   * @param y one label per row, at least two classes
   * @returns this
   * @throws ConfigError on incompatible solver/penalty; DataError on bad input or a single class; ShapeError when
   *   lengths differ; ValueError on bad sample weights
   */
  fit(X: MatrixLike, y: LabelsLike, options: FitOptions = {}): this {
    const where = `${this.className}.fit`;
    this.checkParams();
    const p = this.p;
    const M = checkMatrix(X, { where, acceptSparse: true });
    const { classes, indices } = encodeLabels(y, where, M.rows);
    const K = classes.length;
    if (K < 2) {
      throw new DataError(
        `${where}: y holds only one class (${JSON.stringify(classes[0])}); a classifier needs at least 2.`,
        { where, classes },
      );
    }
    const sw = checkSampleWeight(options.sampleWeight, M.rows, where);
    const cw = expandClassWeight(p.classWeight, classes, classCounts(indices, K), where);
    for (let i = 0; i < sw.length; i++) sw[i] = (sw[i] as number) * (cw[indices[i] as number] as number);
    const multiClass = K === 2 || p.multiClass === 'ovr' ? 'ovr' : 'multinomial';
    const k = K === 2 ? 1 : K;
    const d = M.cols;
    const coef = new Float64Array(k * d);
    const intercept = new Float64Array(k);
    const previous = this.state;
    const warm =
      p.warmStart &&
      previous !== undefined &&
      previous.nFeaturesIn === d &&
      previous.multiClass === multiClass &&
      previous.intercept.length === k;
    let nIter = 0;
    if (multiClass === 'multinomial') {
      const start = warm ? packed(previous.coef, previous.intercept, p.fitIntercept) : undefined;
      const r = this.solve(M, indices, K, sw, start);
      coef.set(r.x.subarray(0, K * d));
      if (p.fitIntercept) intercept.set(r.x.subarray(K * d));
      nIter = r.nIter;
    } else {
      for (let c = 0; c < k; c++) {
        const positive = k === 1 ? 1 : c;
        const labels = new Int32Array(M.rows);
        for (let i = 0; i < M.rows; i++) labels[i] = indices[i] === positive ? 1 : 0;
        const start = warm
          ? packed(previous.coef.subarray(c * d, (c + 1) * d), previous.intercept.subarray(c, c + 1), p.fitIntercept)
          : undefined;
        const r = this.solve(M, labels, 1, sw, start);
        coef.set(r.x.subarray(0, d), c * d);
        if (p.fitIntercept) intercept[c] = r.x[d] as number;
        nIter = Math.max(nIter, r.nIter);
      }
    }
    this.state = { classes, nFeaturesIn: d, coef, intercept, multiClass, nIter };
    return this;
  }

  /** Solves one (binary k = 1 or multinomial) problem. */
  private solve(
    M: Design,
    labels: Int32Array,
    nClasses: number,
    sw: Float64Array,
    start: Float64Array | undefined,
  ): { x: Float64Array; nIter: number } {
    const p = this.p;
    let swSum = 0;
    for (let i = 0; i < sw.length; i++) swSum += sw[i] as number;
    const scale = 1 / (p.C * swSum);
    const rho = p.penalty === 'l1' ? 1 : p.penalty === 'elasticnet' ? (p.l1Ratio as number) : 0;
    const l2 = p.penalty === null ? 0 : (1 - rho) * scale;
    const k = nClasses === 2 ? 1 : nClasses;
    const objective = new LogisticObjective(M, labels, k, sw, p.fitIntercept, l2);
    const x0 = start ?? new Float64Array(objective.size);
    const fg = (x: Float64Array, g: Float64Array): number => objective.valueAndGradient(x, g);
    const solver = this.solverName();
    if (solver === 'lbfgs') {
      const maxIter = p.maxIter ?? 100;
      const r = lbfgs(fg, x0, { maxIter, gtol: p.tol });
      if (!r.converged && r.reason === 'maxIter') {
        warn(
          'ConvergenceWarning',
          `${this.className}: L-BFGS reached maxIter=${maxIter} before the gradient fell below tol=${p.tol}; increase maxIter or scale the features (see StandardScaler).`,
          { estimator: this.className, maxIter },
        );
      }
      return { x: r.x, nIter: r.nIter };
    }
    const maxIter = p.maxIter ?? 1000;
    const r = fista(fg, x0, { l1: rho * scale, penalized: objective.penalized(), maxIter, tol: p.tol });
    if (!r.converged) {
      warn(
        'ConvergenceWarning',
        `${this.className}: FISTA reached maxIter=${maxIter} before converging to tol=${p.tol}; increase maxIter or scale the features.`,
        { estimator: this.className, maxIter },
      );
    }
    return { x: r.x, nIter: r.nIter };
  }

  /** Confidence scores: binary a Float64Array (positive for `classes[1]`), else an n × k DenseMatrix. */
  override decisionFunction(X: MatrixLike): Float64Array | DenseMatrix {
    const s = this.fitted('decisionFunction');
    return scoresOutput(this.scores(X, 'decisionFunction'), s.intercept.length);
  }

  /** Predicted label of every row. */
  predict(X: MatrixLike): Label[] {
    const s = this.fitted('predict');
    return labelsFromScores(this.scores(X, 'predict'), s.intercept.length, s.classes);
  }

  /** Class probabilities, columns in `classes` order (softmax for multinomial, normalised sigmoids for ovr). */
  override predictProba(X: MatrixLike): DenseMatrix {
    const s = this.fitted('predictProba');
    const scores = this.scores(X, 'predictProba');
    const k = s.intercept.length;
    return s.multiClass === 'multinomial' ? softmaxRows(scores, k) : ovrLogisticProba(scores, k);
  }

  /** Natural log of `predictProba`. */
  predictLogProba(X: MatrixLike): DenseMatrix {
    return logOf(this.predictProba(X));
  }

  /** Coefficients, k × features (k = 1 for binary problems). */
  get coef(): DenseMatrix {
    const s = this.fitted('coef');
    return new DenseMatrix(s.intercept.length, s.nFeaturesIn, Float64Array.from(s.coef));
  }

  /** Intercepts, k of them. */
  get intercept(): Float64Array {
    return Float64Array.from(this.fitted('intercept').intercept);
  }

  /** Solver iterations of the last fit (largest over one-vs-rest models). */
  get nIter(): number {
    return this.fitted('nIter').nIter;
  }

  private scores(X: MatrixLike, method: string): Float64Array {
    const s = this.fitted(method);
    const M = checkMatrix(X, { where: `${this.className}.${method}`, acceptSparse: true, nFeatures: s.nFeaturesIn });
    return linearScores(M, s.coef, s.intercept);
  }
}

registerEstimator(LogisticRegression);

function packed(coef: Float64Array, intercept: Float64Array, fitIntercept: boolean): Float64Array {
  const x = new Float64Array(coef.length + (fitIntercept ? intercept.length : 0));
  x.set(coef);
  if (fitIntercept) x.set(intercept, coef.length);
  return x;
}
