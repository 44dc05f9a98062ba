import { registerEstimator } from '../base/persistence.js';
import { range } from '../base/validators.js';
import { ElasticNetBase, LASSO_DEFAULTS, LASSO_SPEC, type LassoOptions } from './ElasticNetBase.js';

/** Hyper-parameters of ElasticNet. */
export interface ElasticNetOptions extends LassoOptions {
  /** Mixing ρ in [0, 1] of the penalty αρ‖θ‖₁ + ½α(1 − ρ)‖θ‖²: 1 is the Lasso, 0 ridge. Default 0.5. */
  l1Ratio?: number;
}

/**
 * Linear regression with combined L1 and L2 penalties by coordinate descent, scikit-learn's `ElasticNet`:
 * minimises 1/(2n)·‖y − Xθ − b‖² + αρ‖θ‖₁ + ½α(1 − ρ)‖θ‖².
 *
 * @example
 * const enet = new ElasticNet({ alpha: 0.1, l1Ratio: 0.7 }).fit(X, y);
 * enet.coef; // sparse: some exact zeros
 */
export class ElasticNet extends ElasticNetBase<ElasticNetOptions> {
  static override readonly className = 'ElasticNet';
  static override readonly spec = { ...LASSO_SPEC, l1Ratio: range(0, 1) };
  static override readonly defaults = { ...LASSO_DEFAULTS, l1Ratio: 0.5 };

  protected l1Ratio(): number {
    return (this.params as Required<ElasticNetOptions>).l1Ratio;
  }
}

registerEstimator(ElasticNet);
