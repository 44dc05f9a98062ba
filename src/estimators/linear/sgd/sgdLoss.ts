/**
 * The loss functions of SGDClassifier / SGDRegressor, scikit-learn's (`sklearn/linear_model/_sgd_fast.pyx`), as
 * numeric codes so the training loop can switch on them without calling through objects. `p` is the prediction
 * (decision value), `y` the target: ±1 for the classification losses, a real number for the regression ones.
 */

/** Names of the classification losses. */
export const CLASSIFICATION_LOSSES = ['hinge', 'log_loss', 'modified_huber', 'squared_hinge', 'perceptron'] as const;

/** Names of the regression losses (SGDClassifier accepts them too, on ±1 targets). */
export const REGRESSION_LOSSES = [
  'squared_error',
  'huber',
  'epsilon_insensitive',
  'squared_epsilon_insensitive',
] as const;

/** Any SGD loss name. */
export type SgdLossName = (typeof CLASSIFICATION_LOSSES)[number] | (typeof REGRESSION_LOSSES)[number];

/** Numeric code of each loss. */
export const LOSS_CODE: Readonly<Record<SgdLossName, number>> = {
  hinge: 0,
  log_loss: 1,
  modified_huber: 2,
  squared_hinge: 3,
  perceptron: 4,
  squared_error: 5,
  huber: 6,
  epsilon_insensitive: 7,
  squared_epsilon_insensitive: 8,
};

/**
 * Loss value ℓ(p, y).
 * @param code a `LOSS_CODE` value
 * @param epsilon threshold of huber and the epsilon-insensitive losses
 */
export function sgdLoss(code: number, p: number, y: number, epsilon: number): number {
  switch (code) {
    case 0: {
      const z = p * y;
      return z <= 1 ? 1 - z : 0;
    }
    case 1: {
      const z = p * y;
      // log(1 + e^-z) without overflow: the tails are asymptotically exact beyond |z| = 18
      if (z > 18) return Math.exp(-z);
      if (z < -18) return -z;
      return Math.log1p(Math.exp(-z));
    }
    case 2: {
      const z = p * y;
      if (z >= 1) return 0;
      if (z >= -1) return (1 - z) * (1 - z);
      return -4 * z;
    }
    case 3: {
      const z = 1 - p * y;
      return z > 0 ? z * z : 0;
    }
    case 4: {
      const z = p * y;
      return z <= 0 ? -z : 0;
    }
    case 5:
      return 0.5 * (p - y) * (p - y);
    case 6: {
      const r = Math.abs(p - y);
      return r <= epsilon ? 0.5 * r * r : epsilon * r - 0.5 * epsilon * epsilon;
    }
    case 7:
      return Math.max(0, Math.abs(y - p) - epsilon);
    default: {
      const z = Math.abs(y - p) - epsilon;
      return z > 0 ? z * z : 0;
    }
  }
}

/**
 * Derivative ∂ℓ/∂p (a subgradient at the kinks, as scikit-learn picks it).
 * @param code a `LOSS_CODE` value
 * @param epsilon threshold of huber and the epsilon-insensitive losses
 */
export function sgdDLoss(code: number, p: number, y: number, epsilon: number): number {
  switch (code) {
    case 0:
      return p * y <= 1 ? -y : 0;
    case 1: {
      const z = p * y;
      if (z > 18) return -y * Math.exp(-z);
      if (z < -18) return -y;
      return -y / (Math.exp(z) + 1);
    }
    case 2: {
      const z = p * y;
      if (z >= 1) return 0;
      if (z >= -1) return -2 * (1 - z) * y;
      return -4 * y;
    }
    case 3: {
      const z = 1 - p * y;
      return z > 0 ? -2 * y * z : 0;
    }
    case 4:
      return p * y <= 0 ? -y : 0;
    case 5:
      return p - y;
    case 6: {
      const r = p - y;
      if (Math.abs(r) <= epsilon) return r;
      return r > 0 ? epsilon : -epsilon;
    }
    case 7:
      if (y - p > epsilon) return -1;
      if (p - y > epsilon) return 1;
      return 0;
    default: {
      const z = y - p;
      if (z > epsilon) return -2 * (z - epsilon);
      if (z < -epsilon) return 2 * (-z - epsilon);
      return 0;
    }
  }
}
