import { registerEstimator } from '../base/persistence.js';
import { bool, oneOf, range, seed } from '../base/validators.js';
import { BaseSVC, type BaseSvcOptions } from './BaseSVC.js';
import type { BinaryFormulation } from './libsvm/binaryProbability.js';
import { classWeightSpec, kernelSvmDefaults, kernelSvmSpec } from './svmParams.js';

/** Hyper-parameters of NuSVC. */
export interface NuSVCOptions extends BaseSvcOptions {
  /**
   * Upper bound on the fraction of margin errors and lower bound on the fraction of support vectors, in (0, 1];
   * default 0.5. Must be feasible for every pair of classes: ν ≤ 2 min(n_i, n_j) / (n_i + n_j).
   */
  nu?: number;
}

/**
 * nu-support vector classification (LIBSVM's nu-SVC, scikit-learn's `NuSVC`; Schölkopf et al. 2000): like SVC
 * with the penalty C replaced by ν, solved by the nu variant of the same SMO solver. With class or sample
 * weights, the bound of each sample is its weight and ν scales the total weight.
 *
 * @example
 * const clf = new NuSVC({ nu: 0.1 }).fit(X, y);
 */
export class NuSVC extends BaseSVC<NuSVCOptions> {
  static override readonly className: string = 'NuSVC';
  static override readonly spec = {
    nu: range(0, 1, '(]'),
    ...kernelSvmSpec,
    classWeight: classWeightSpec,
    probability: bool,
    decisionFunctionShape: oneOf('ovr', 'ovo'),
    breakTies: bool,
    seed,
  };
  static override readonly defaults = {
    nu: 0.5,
    ...kernelSvmDefaults,
    classWeight: null,
    probability: false,
    decisionFunctionShape: 'ovr',
    breakTies: false,
    seed: null,
  };

  protected formulation(): BinaryFormulation {
    return { type: 'nu_svc', nu: this.params.nu };
  }

  protected unitBound(): number {
    return 1;
  }
}

registerEstimator(NuSVC);
