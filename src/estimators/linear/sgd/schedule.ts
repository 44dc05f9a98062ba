import { sgdDLoss } from './sgdLoss.js';

/** Learning-rate schedules of SGD (scikit-learn's names). */
export type LearningRateName = 'constant' | 'optimal' | 'invscaling' | 'adaptive';

/** Numeric code of each schedule, for the training loop. */
export const SCHEDULE_CODE: Readonly<Record<LearningRateName, number>> = {
  constant: 0,
  optimal: 1,
  invscaling: 2,
  adaptive: 3,
};

/**
 * The offset t₀ of the 'optimal' schedule η = 1 / (α·(t₀ + t − 1)), chosen as in Bottou's SGD and scikit-learn so
 * that the first step equals an initial rate guessed from a typical weight size: typw = √(1/√α),
 * η₀ = typw / max(1, ℓ'(−typw, 1)), t₀ = 1 / (η₀·α).
 * @param lossCode a `LOSS_CODE` value
 * @param alpha regularisation strength (> 0)
 * @param epsilon loss threshold
 */
export function optimalInit(lossCode: number, alpha: number, epsilon: number): number {
  const typw = Math.sqrt(1 / Math.sqrt(alpha));
  const eta0 = typw / Math.max(1, sgdDLoss(lossCode, -typw, 1, epsilon));
  return 1 / (eta0 * alpha);
}
