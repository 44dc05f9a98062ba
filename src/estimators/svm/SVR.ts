import { registerEstimator } from '../base/persistence.js';
import { range } from '../base/validators.js';
import { BaseSVR, type BaseSvrOptions } from './BaseSVR.js';
import { kernelSvmDefaults, kernelSvmSpec } from './svmParams.js';

/** Hyper-parameters of SVR. */
export interface SVROptions extends BaseSvrOptions {
  /** Half-width of the ε-insensitive tube, ≥ 0; default 0.1. */
  epsilon?: number;
}

/**
 * ε-support vector regression (LIBSVM's epsilon-SVR, scikit-learn's `SVR`): errors inside a tube of half-width ε
 * cost nothing, larger ones cost C per unit; kernelised and solved by the same SMO solver as SVC.
 *
 * @example
 * const reg = new SVR({ C: 10, epsilon: 0.05 }).fit(X, y);
 * reg.predict(Xtest);
 */
export class SVR extends BaseSVR<SVROptions> {
  static override readonly className: string = 'SVR';
  static override readonly spec = { C: range(0, Infinity, '()'), epsilon: range(0, Infinity, '[)'), ...kernelSvmSpec };
  static override readonly defaults = { C: 1, epsilon: 0.1, ...kernelSvmDefaults };

  protected formulation(): { type: 'epsilon_svr'; value: number } {
    return { type: 'epsilon_svr', value: this.params.epsilon };
  }
}

registerEstimator(SVR);
