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

/** Options of `lstmSequence`. */
export interface LSTMSequenceOptions extends SequenceOptions {
  /** Activation of the candidate and of the cell output (tanh). */
  activation: Pointwise;
  /** Activation of the gates (sigmoid). */
  recurrentActivation: Pointwise;
}

/**
 * The LSTM recurrence over a whole sequence as one differentiable op (what a fused `LSTMSequence` kernel would
 * do). `xp` is the input projection x·W + b of every step, computed by the caller with one matmul:
 * [batch, steps, 4·units], gates in Keras' order i, f, c, o. Per step one matmul h·U gives all four gates:
 *   i = σ(zi), f = σ(zf), g = tanh(zc), o = σ(zo); c ← f·c + i·g; h ← o·tanh(c).
 * Backward is hand-written backpropagation through time: per step one matmul for the state gradient, then one
 * matmul for the whole dU = Σ hᵀ·dz over all steps; the gradient of `xp` flows back through the caller's matmul.
 *
 * @param recurrentKernel U, [units, 4·units].
 * @returns [batch, steps, units] with `returnSequences`, else the last state [batch, units].
 */
export function lstmSequence(xp: Tensor, recurrentKernel: Tensor, o: LSTMSequenceOptions): Tensor {
  const [B, T] = xp.shape as [number, number, number];
  const U = o.units;
  const G = 4 * U;
  const act = o.activation;
  const rec = o.recurrentActivation;
  const keep = needsGrad([xp, recurrentKernel]);
  const x = xp.data as Buf;
  const mask = (o.recurrentMask?.data as Buf | undefined) ?? null;
  const h = buffer(xp.dtype, B * U);
  const c = buffer(xp.dtype, B * U);
  const hin = buffer(xp.dtype, B * U);
  const out = buffer(xp.dtype, o.returnSequences ? B * T * U : B * U);
  // Saved for backward, indexed by processing step s: gate activations, cell states, matmul inputs.
  const gates = keep ? buffer(xp.dtype, B * T * G) : null;
  const cells = keep ? buffer(xp.dtype, B * T * U) : null;
  const cellActs = keep ? buffer(xp.dtype, B * T * U) : null; // act(c), reused by backward
  const hins = keep ? buffer(xp.dtype, B * T * U) : null;
  // The usual activations get a loop with the math inlined; others go through the Pointwise functions.
  const standard = act.name === 'tanh' && rec.name === 'sigmoid';
  const z = buffer(xp.dtype, G);
  for (let s = 0; s < T; s++) {
    const t = timeOf(s, T, o.goBackwards);
    maskState(h, mask, hin);
    const r = matmulRaw(hin, B, U, recurrentKernel);
    for (let b = 0; b < B; b++) {
      const xo = (b * T + t) * G;
      const ro = b * G;
      const so = b * U;
      for (let k = 0; k < G; k++) z[k] = (x[xo + k] as number) + (r[ro + k] as number);
      if (standard) {
        for (let k = 0; k < G; k++) {
          // i, f, o: sigmoid (1 / (1 + e^−x) is safe: e^−x overflowing to ∞ gives 0); c: tanh
          const v = z[k] as number;
          z[k] = k >= 2 * U && k < 3 * U ? Math.tanh(v) : 1 / (1 + Math.exp(-v));
        }
      } else {
        for (let k = 0; k < G; k++) z[k] = k >= 2 * U && k < 3 * U ? act.f(z[k] as number) : rec.f(z[k] as number);
      }
      const co = (b * T + s) * U;
      for (let j = 0; j < U; j++) {
        const cv = (z[U + j] as number) * (c[so + j] as number) + (z[j] as number) * (z[2 * U + j] as number);
        c[so + j] = cv;
        const ac = standard ? Math.tanh(c[so + j] as number) : act.f(c[so + j] as number);
        h[so + j] = (z[3 * U + j] as number) * ac;
        if (cellActs) cellActs[co + j] = ac;
      }
      if (gates) gates.set(z, (b * T + s) * G);
      if (o.returnSequences) out.set(h.subarray(so, so + U), co);
      if (cells && hins) {
        cells.set(c.subarray(so, so + U), co);
        hins.set(hin.subarray(so, so + U), co);
      }
    }
  }
  if (!o.returnSequences) out.set(h);
  const y = new Tensor(out, o.returnSequences ? [B, T, U] : [B, U]);
  if (!keep) return y;
  return record(y, 'lstmSequence', [xp, recurrentKernel], (gOut) => {
    const gy = gOut.data as Buf;
    const gs = gates as Buf;
    const cs = cells as Buf;
    const cas = cellActs as Buf;
    const dh = buffer(xp.dtype, B * U);
    const dc = buffer(xp.dtype, B * U);
    const dzStep = buffer(xp.dtype, B * G);
    const dz = buffer(xp.dtype, B * T * G);
    for (let s = T - 1; s >= 0; s--) {
      for (let b = 0; b < B; b++) {
        const so = b * U;
        const go = (b * T + s) * G;
        const co = (b * T + s) * U;
        for (let j = 0; j < U; j++) {
          let dhv = dh[so + j] as number;
          if (o.returnSequences) dhv += gy[co + j] as number;
          else if (s === T - 1) dhv += gy[so + j] as number;
          const i = gs[go + j] as number;
          const f = gs[go + U + j] as number;
          const g = gs[go + 2 * U + j] as number;
          const og = gs[go + 3 * U + j] as number;
          const ac = cas[co + j] as number;
          const cPrev = s > 0 ? (cs[co - U + j] as number) : 0;
          const dcv = (dc[so + j] as number) + dhv * og * act.dy(ac);
          const dzi = dcv * g * rec.dy(i);
          const dzf = dcv * cPrev * rec.dy(f);
          const dzg = dcv * i * act.dy(g);
          const dzo = dhv * ac * rec.dy(og);
          dc[so + j] = dcv * f;
          const zo = b * G;
          dzStep[zo + j] = dzi;
          dzStep[zo + U + j] = dzf;
          dzStep[zo + 2 * U + j] = dzg;
          dzStep[zo + 3 * U + j] = dzo;
        }
        dz.set(dzStep.subarray(b * G, (b + 1) * G), go);
      }
      if (s > 0) {
        const dhin = matmulRaw(dzStep, B, G, recurrentKernel, true);
        for (let k = 0; k < B * U; k++) dh[k] = (dhin[k] as number) * (mask ? (mask[k] as number) : 1);
      }
    }
    const dxp = new Tensor(toTimeOrder(dz, B, T, G, o.goBackwards), xp.shape);
    const dU = recurrentKernel.requiresGrad
      ? getKernel('MatMul')(new Tensor(hins as Buf, [B * T, U]), new Tensor(dz, [B * T, G]), true, false)
      : null;
    return [dxp, dU];
  });
}
