import { needsGrad, record } from '../../../autograd/tape.js';
import { getKernel } from '../../../backend/registry.js';
import { Tensor } from '../../../tensor/Tensor.js';
import type { Pointwise } from './pointwise.js';
import {
  type Buf,
  type SequenceOptions,
  buffer,
  maskState,
  matmulRaw,
  timeOf,
  toTimeOrder,
} from './sequenceBuffers.js';

/** Options of `simpleRnnSequence`. */
export interface SimpleRNNSequenceOptions extends SequenceOptions {
  /** The state activation (tanh). */
  activation: Pointwise;
}

/**
 * The Elman recurrence h ← act(x·W + b + h·U) over a whole sequence as one differentiable op. `xp` = x·W + b for
 * every step, [batch, steps, units]; backward is hand-written backpropagation through time (see lstmSequence).
 */
export function simpleRnnSequence(xp: Tensor, recurrentKernel: Tensor, o: SimpleRNNSequenceOptions): Tensor {
  const [B, T] = xp.shape as [number, number, number];
  const U = o.units;
  const act = o.activation;
  const keep = needsGrad([xp, recurrentKernel]);
  const x = xp.data as Buf;
  const mask = (o.recurrentMask?.data as Buf | undefined) ?? null;
  const h = buffer(xp.dtype, B * U);
  const hin = buffer(xp.dtype, B * U);
  const states = buffer(xp.dtype, B * T * U); // every state, in processing order
  const hins = keep ? buffer(xp.dtype, B * T * U) : null;
  for (let s = 0; s < T; s++) {
    const t = timeOf(s, T, o.goBackwards);
    maskState(h, mask, hin);
    const r = matmulRaw(hin, B, U, recurrentKernel);
    for (let b = 0; b < B; b++) {
      const xo = (b * T + t) * U;
      const so = b * U;
      for (let j = 0; j < U; j++) h[so + j] = act.f((x[xo + j] as number) + (r[so + j] as number));
      states.set(h.subarray(so, so + U), (b * T + s) * U);
      if (hins) hins.set(hin.subarray(so, so + U), (b * T + s) * U);
    }
  }
  const y = o.returnSequences ? new Tensor(states, [B, T, U]) : new Tensor(h, [B, U]);
  if (!keep) return y;
  return record(y, 'simpleRnnSequence', [xp, recurrentKernel], (gOut) => {
    const gy = gOut.data as Buf;
    const dh = buffer(xp.dtype, B * U);
    const dzStep = buffer(xp.dtype, B * U);
    const dz = buffer(xp.dtype, B * T * U);
    for (let s = T - 1; s >= 0; s--) {
      for (let b = 0; b < B; b++) {
        const so = b * U;
        const co = (b * T + s) * U;
        for (let j = 0; j < U; j++) {
          let dhv = dh[so + j] as number;
          if (o.returnSequences) dhv += gy[co + j] as number;
          else if (s === T - 1) dhv += gy[so + j] as number;
          dzStep[so + j] = dhv * act.dy(states[co + j] as number);
        }
        dz.set(dzStep.subarray(so, so + U), co);
      }
      if (s > 0) {
        const dhin = matmulRaw(dzStep, B, U, recurrentKernel, true);
        for (let k = 0; k < B * U; k++) dh[k] = (dhin[k] as number) * (mask ? (mask[k] as number) : 1);
      }
    }
    const dxp = new Tensor(toTimeOrder(dz, B, T, U, o.goBackwards), xp.shape);
    const dU = recurrentKernel.requiresGrad
      ? getKernel('MatMul')(new Tensor(hins as Buf, [B * T, U]), new Tensor(dz, [B * T, U]), true, false)
      : null;
    return [dxp, dU];
  });
}
