import { needsGrad, record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import { DTypeError, ShapeError } from '../errors/errors.js';
import { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { gather } from './gather.js';
import { checkFloat, checkTensor } from './operands.js';
import { reshape } from './reshape.js';
import { slice } from './slice.js';

/** Options of `lstm`. */
export interface LSTMOptions {
  /** Return every step's state [batch, steps, units] instead of the last one [batch, units]. Default false. */
  returnSequences?: boolean;
  /** Process the steps from the last to the first; outputs come in processing order (as Keras). Default false. */
  goBackwards?: boolean;
  /** [batch, units] mask multiplied into the state before every recurrent product (recurrent dropout), or null. */
  recurrentMask?: Tensor | null;
}

/**
 * An LSTM layer's math over a whole sequence as one differentiable op, in Keras' formulation and gate order
 * (i, f, g = candidate, o). Per step z = x·W + h·U + b gives all four gates, fused with the gate math:
 *   i, f, o = σ(z), g = tanh(z); c ← f·c + i·g; h ← o·tanh(c)   (state and cell start at zero).
 * Runs the LSTMSequence kernel forward and LSTMSequenceGrad (backpropagation through time, then the weight
 * gradients as products over all steps) backward. Without `returnSequences` only the last state leaves the kernel,
 * and its gradient goes back as the last step's alone (no [batch, steps, units] of zeros).
 * @param x [batch, steps, features], float32 or float64.
 * @param kernel W, [features, 4·units].
 * @param recurrentKernel U, [units, 4·units].
 * @param bias b, [4·units], or null.
 * @returns [batch, steps, units] with `returnSequences`, else the last state [batch, units].
 * @throws ShapeError when ranks or sizes do not agree; DTypeError for non-float or mixed dtypes.
 * @example lstm(x, w, u, b, { returnSequences: true })
 */
export function lstm(
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  options: LSTMOptions = {},
): Tensor {
  const op = 'lstm';
  checkTensor(x, op, 'x');
  checkTensor(kernel, op, 'kernel');
  checkTensor(recurrentKernel, op, 'recurrentKernel');
  if (bias !== null) checkTensor(bias, op, 'bias');
  checkFloat(x, op, 'x');
  const mask = options.recurrentMask ?? null;
  for (const [name, t] of [
    ['kernel', kernel],
    ['recurrentKernel', recurrentKernel],
    ['bias', bias],
    ['recurrentMask', mask],
  ] as const) {
    if (t && t.dtype !== x.dtype) {
      throw new DTypeError(`${op}: dtypes differ: x is ${x.dtype}, ${name} is ${t.dtype}.`, { op });
    }
  }
  const [B, T, D] = x.shape as [number, number, number];
  const H = recurrentKernel.shape[0] as number;
  const G = 4 * H;
  const fits =
    x.rank === 3 &&
    T > 0 &&
    kernel.rank === 2 &&
    kernel.shape[0] === D &&
    kernel.shape[1] === G &&
    recurrentKernel.rank === 2 &&
    recurrentKernel.shape[1] === G &&
    (bias === null || (bias.rank === 1 && bias.shape[0] === G));
  if (!fits) {
    throw new ShapeError(
      `${op}: expected x [batch, steps >= 1, features], kernel [features, 4·units], recurrentKernel [units, 4·units] and bias [4·units]; received x ${formatShape(x.shape)}, kernel ${formatShape(kernel.shape)}, recurrentKernel ${formatShape(recurrentKernel.shape)}, bias ${bias ? formatShape(bias.shape) : 'null'}.`,
      { op, shapeX: [...x.shape], shapeKernel: [...kernel.shape], shapeRecurrentKernel: [...recurrentKernel.shape] },
    );
  }
  if (mask && (mask.rank !== 2 || mask.shape[0] !== B || mask.shape[1] !== H)) {
    throw new ShapeError(`${op}: expected recurrentMask [${B}, ${H}]; received ${formatShape(mask.shape)}.`, {
      op,
      shape: [...mask.shape],
    });
  }
  // Going backwards is going forwards over the reversed steps; gather's gradient reverses them back.
  const steps = options.goBackwards
    ? gather(
        x,
        Array.from({ length: T }, (_, s) => T - 1 - s),
        1,
      )
    : x;
  return sequence(steps, kernel, recurrentKernel, bias, mask, !(options.returnSequences ?? false));
}

/**
 * Every step's state [B, T, H] (or with `lastOnly` the last step's [B, H]), differentiable in x and the weights.
 */
function sequence(
  x: Tensor,
  w: Tensor,
  u: Tensor,
  bias: Tensor | null,
  mask: Tensor | null,
  lastOnly: boolean,
): Tensor {
  const [B, T] = x.shape as [number, number, number];
  const H = u.shape[0] as number;
  let saved = getKernel('LSTMSequence')(x, w, u, bias, mask);
  // The kernel's tensors stay plain (saved for backward); only this view of the states joins the tape.
  let out: Tensor;
  if (!lastOnly) out = new Tensor(saved.h.data, saved.h.shape);
  else if (saved.lastStep) out = saved.lastStep();
  else out = reshape(slice(saved.h, [0, T - 1, 0], [B, 1, H]), [B, H]);
  const inputs = bias ? [x, w, u, bias] : [x, w, u];
  if (!needsGrad(inputs)) {
    saved.release?.();
    return out;
  }
  return record(out, 'lstm', inputs, (g) => {
    // A backend may free the saved state after its first backward; a second one (retainGraph) recomputes it.
    if (saved.released === true) saved = getKernel('LSTMSequence')(x, w, u, bias, mask);
    // With lastOnly, g [B, H] is the last step's gradient (the kernel takes it as such).
    const d = getKernel('LSTMSequenceGrad')(g, x, w, u, bias !== null, mask, saved);
    saved.release?.();
    return bias ? [d.dx, d.dKernel, d.dRecurrentKernel, d.dBias] : [d.dx, d.dKernel, d.dRecurrentKernel];
  });
}
