import type { Tensor } from '../../tensor/Tensor.js';

/**
 * Remembers the logits behind softmax and sigmoid outputs (Keras 3 keeps `_keras_logits` for the same reason):
 * a cross-entropy given probabilities can then use the logits, which is exact and stable where log(softmax(x))
 * would lose precision or hit log(0).
 */
const registry = new WeakMap<Tensor, { logits: Tensor; kind: 'softmax' | 'sigmoid' }>();

/** Records that `probabilities` = softmax (over the last axis) or sigmoid of `logits`. */
export function attachLogits(probabilities: Tensor, logits: Tensor, kind: 'softmax' | 'sigmoid'): Tensor {
  registry.set(probabilities, { logits, kind });
  return probabilities;
}

/** The logits behind `probabilities` when they came from the `kind` activation, else null. */
export function logitsOf(probabilities: Tensor, kind: 'softmax' | 'sigmoid'): Tensor | null {
  const entry = registry.get(probabilities);
  return entry && entry.kind === kind ? entry.logits : null;
}
