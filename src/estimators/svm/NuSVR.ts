import { registerEstimator } from '../base/persistence.js';
import { range } from '../base/validators.js';
import { BaseSVR, type BaseSvrOptions } from './BaseSVR.js';
import { kernelSvmDefaults, kernelSvmSpec } from './svmParams.js';

/** Hyper-parameters of NuSVR. */
export interface NuSVROptions extends BaseSvrOptions {
  /** Upper bound on the fraction of errors outside the tube and lower bound on the fraction of support vectors, in (0, 1]; default 0.5. */
  nu?: number;
}

/**
 * nu-support vector regression (LIBSVM's nu-SVR, scikit-learn's `NuSVR`): the tube width ε is learned so that a
 * fraction ν of the samples lies outside it (`epsilonValue` after fit).
 *
 * @example
 * const reg = new NuSVR({ nu: 0.2, C: 10 }).fit(X, y);
 */
export class NuSVR extends BaseSVR<NuSVROptions> {
  static override readonly className: string = 'NuSVR';
  static override readonly spec = { nu: range(0, 1, '(]'), C: range(0, Infinity, '()'), ...kernelSvmSpec };
  static override readonly defaults = { nu: 0.5, C: 1, ...kernelSvmDefaults };

  protected formulation(): { type: 'nu_svr'; value: number } {
    return { type: 'nu_svr', value: this.params.nu };
  }
}

registerEstimator(NuSVR);
