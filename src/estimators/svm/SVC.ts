import { registerEstimator } from '../base/persistence.js';
import { bool, oneOf, range, seed } from '../base/validators.js';
import { BaseSVC, type BaseSvcOptions } from './BaseSVC.js';
import type { BinaryFormulation } from './libsvm/binaryProbability.js';
import { classWeightSpec, kernelSvmDefaults, kernelSvmSpec } from './svmParams.js';

/** Hyper-parameters of SVC. */
export interface SVCOptions extends BaseSvcOptions {
  /** Penalty of margin violations, > 0; default 1. */
  C?: number;
}

/**
 * C-support vector classification (LIBSVM's C-SVC, scikit-learn's `SVC`): min ½‖w‖² + C Σ ξ_i in the feature
 * space of a kernel, solved in the dual by SMO with second-order working-set selection, shrinking and a bounded
 * kernel-row cache. Multi-class by one-vs-one with voting; probabilities by Platt scaling with internal
 * 5-fold cross-validation (seeded) and pairwise coupling, as LIBSVM.
 *
 * @example
 * const clf = new SVC({ C: 10, gamma: 0.5 }).fit(X, y);
 * clf.predict(Xtest); clf.decisionFunction(Xtest); clf.supportVectors;
 */
export class SVC extends BaseSVC<SVCOptions> {
  static override readonly className: string = 'SVC';
  static override readonly spec = {
    C: range(0, Infinity, '()'),
    ...kernelSvmSpec,
    classWeight: classWeightSpec,
    probability: bool,
    decisionFunctionShape: oneOf('ovr', 'ovo'),
    breakTies: bool,
    seed,
  };
  static override readonly defaults = {
    C: 1,
    ...kernelSvmDefaults,
    classWeight: null,
    probability: false,
    decisionFunctionShape: 'ovr',
    breakTies: false,
    seed: null,
  };

  protected formulation(): BinaryFormulation {
    return { type: 'c_svc', nu: 0 };
  }

  protected unitBound(): number {
    return this.params.C;
  }
}

registerEstimator(SVC);
