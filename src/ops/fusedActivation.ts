import type { FusedActivation } from '../backend/kernels.js';
import { DTypeError, ShapeError, ValueError } from '../errors/errors.js';
import type { DType } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { checkTensor } from './operands.js';

/** Activations `biasActivation` fuses. */
export const FUSED_ACTIVATIONS: readonly FusedActivation[] = ['linear', 'relu'];

/** True when `activation` (a canonical name) is one the fused ops take. */
export function isFusable(activation: string): activation is FusedActivation {
  return (FUSED_ACTIVATIONS as readonly string[]).includes(activation);
}

/**
 * Checks the bias and activation of a fused op: `bias` null or [channels] of `dtype`; `activation` fusable.
 * @throws ValueError, DTypeError or ShapeError naming `op`.
 */
export function checkBiasActivation(
  op: string,
  dtype: DType,
  channels: number,
  bias: Tensor | null,
  activation: FusedActivation,
): void {
  if (!FUSED_ACTIVATIONS.includes(activation)) {
    throw new ValueError(
      `${op}: "activation" must be one of ${FUSED_ACTIVATIONS.join(', ')}; received ${JSON.stringify(activation)}.`,
      { op, activation },
    );
  }
  if (bias === null) return;
  checkTensor(bias, op, 'bias');
  if (bias.dtype !== dtype) {
    throw new DTypeError(`${op}: dtypes differ: x is ${dtype}, bias is ${bias.dtype}.`, { op });
  }
  if (bias.rank !== 1 || bias.shape[0] !== channels) {
    throw new ShapeError(
      `${op}: expected bias of shape [${channels}] (the output channels); received shape ${formatShape(bias.shape)}.`,
      { op, shape: [...bias.shape] },
    );
  }
}
