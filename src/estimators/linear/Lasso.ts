import { registerEstimator } from '../base/persistence.js';
import { ElasticNetBase, LASSO_DEFAULTS, LASSO_SPEC, type LassoOptions } from './ElasticNetBase.js';

/**
 * Linear regression with an L1 penalty by coordinate descent, scikit-learn's `Lasso`: minimises
 * 1/(2n)·‖y − Xθ − b‖² + α‖θ‖₁ (the elastic net with l1Ratio = 1). Large α zeroes coefficients.
 *
 * @example
 * const lasso = new Lasso({ alpha: 0.1 }).fit(X, y);
 */
export class Lasso extends ElasticNetBase<LassoOptions> {
  static override readonly className = 'Lasso';
  static override readonly spec = LASSO_SPEC;
  static override readonly defaults = LASSO_DEFAULTS;

  protected l1Ratio(): number {
    return 1;
  }
}

registerEstimator(Lasso);
