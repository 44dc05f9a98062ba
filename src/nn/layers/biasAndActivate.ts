import { add } from '../../ops/binary.js';
import { biasActivation } from '../../ops/biasActivation.js';
import { isFusable } from '../../ops/fusedActivation.js';
import type { Tensor } from '../../tensor/Tensor.js';
import type { ActivationFn } from '../activations.js';
import type { LayerWeight } from '../engine/LayerWeight.js';

/**
 * The tail of Dense and Conv2D: `activation(y + bias)`. Linear and relu run as one fused kernel (one pass
 * forward, one backward); other activations add the bias, then apply `fn`.
 * @param y the layer's product, [..., units]
 * @param bias the layer's bias weight, or null without one
 * @param activation the activation's canonical name; `fn` its function
 */
export function biasAndActivate(y: Tensor, bias: LayerWeight | null, activation: string, fn: ActivationFn): Tensor {
  if (isFusable(activation) && y.dtype !== 'int32') {
    if (bias === null && activation === 'linear') return y;
    return biasActivation(y, bias ? bias.value : null, activation);
  }
  return fn(bias ? add(y, bias.value) : y);
}
