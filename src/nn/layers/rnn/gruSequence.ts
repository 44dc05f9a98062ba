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

/** Options of `gruSequence`. */
export interface GRUSequenceOptions extends SequenceOptions {
  /** Activation of the candidate state (tanh). */
  activation: Pointwise;
  /** Activation of the gates (sigmoid). */
  recurrentActivation: Pointwise;
}

/**
 * The GRU recurrence over a whole sequence as one differentiable op, in Keras' default "reset after" form (the
 * CuDNN-compatible one). `xp` = x·W + b_in for every step, [batch, steps, 3·units], gates in order z, r, h. Per
 * step one matmul gives the recurrent part of all three gates, m = h·U + b_rec:
 *   z = σ(xz + mz), r = σ(xr + mr), ĥ = tanh(xh + r·mh), h ← z·h + (1 − z)·ĥ.
 * Backward is hand-written backpropagation through time (see lstmSequence).
 *
 * @param recurrentKernel U, [units, 3·units]; @param recurrentBias b_rec, [3·units].
 */
export function gruSequence(xp: Tensor, recurrentKernel: Tensor, recurrentBias: Tensor, o: GRUSequenceOptions): Tensor {
  const [B, T] = xp.shape as [number, number, number];
  const U = o.units;
  const G = 3 * U;
  const act = o.activation;
  const rec = o.recurrentActivation;
  const keep = needsGrad([xp, recurrentKernel, recurrentBias]);
  const x = xp.data as Buf;
  const rb = recurrentBias.data as Buf;
  const mask = (o.recurrentMask?.data as Buf | undefined) ?? null;
  const h = buffer(xp.dtype, B * U);
  const hin = buffer(xp.dtype, B * U);
  const out = buffer(xp.dtype, o.returnSequences ? B * T * U : B * U);
  // Saved per processing step: z, r, ĥ and mh (4 blocks of units), the previous state, the matmul input.
  const saved = keep ? buffer(xp.dtype, B * T * 4 * U) : null;
  const prev = keep ? buffer(xp.dtype, B * T * U) : null;
  const hins = keep ? buffer(xp.dtype, B * T * U) : null;
  for (let s = 0; s < T; s++) {
    const t = timeOf(s, T, o.goBackwards);
    maskState(h, mask, hin);
    const m = matmulRaw(hin, B, U, recurrentKernel);
    for (let b = 0; b < B; b++) {
      const xo = (b * T + t) * G;
      const mo = b * G;
      const so = b * U;
      if (prev && hins) {
        prev.set(h.subarray(so, so + U), (b * T + s) * U);
        hins.set(hin.subarray(so, so + U), (b * T + s) * U);
      }
      for (let j = 0; j < U; j++) {
        const z = rec.f((x[xo + j] as number) + (m[mo + j] as number) + (rb[j] as number));
        const r = rec.f((x[xo + U + j] as number) + (m[mo + U + j] as number) + (rb[U + j] as number));
        const mh = (m[mo + 2 * U + j] as number) + (rb[2 * U + j] as number);
        const hh = act.f((x[xo + 2 * U + j] as number) + r * mh);
        h[so + j] = z * (h[so + j] as number) + (1 - z) * hh;
        if (saved) {
          const vo = (b * T + s) * 4 * U;
          saved[vo + j] = z;
          saved[vo + U + j] = r;
          saved[vo + 2 * U + j] = hh;
          saved[vo + 3 * U + j] = mh;
        }
      }
      if (o.returnSequences) out.set(h.subarray(so, so + U), (b * T + s) * U);
    }
  }
  if (!o.returnSequences) out.set(h);
  const y = new Tensor(out, o.returnSequences ? [B, T, U] : [B, U]);
  if (!keep) return y;
  return record(y, 'gruSequence', [xp, recurrentKernel, recurrentBias], (gOut) => {
    const gy = gOut.data as Buf;
    const sv = saved as Buf;
    const hp = prev as Buf;
    const dh = buffer(xp.dtype, B * U);
    const dmStep = buffer(xp.dtype, B * G);
    const dm = buffer(xp.dtype, B * T * G); // gradient of m = h·U + b_rec, per step
    const dx = buffer(xp.dtype, B * T * G);
    for (let s = T - 1; s >= 0; s--) {
      for (let b = 0; b < B; b++) {
        const so = b * U;
        const vo = (b * T + s) * 4 * U;
        const co = (b * T + s) * U;
        const xo = (b * T + s) * G;
        for (let j = 0; j < U; j++) {
          let dhv = dh[so + j] as number;
          if (o.returnSequences) dhv += gy[co + j] as number;
          else if (s === T - 1) dhv += gy[so + j] as number;
          const z = sv[vo + j] as number;
          const r = sv[vo + U + j] as number;
          const hh = sv[vo + 2 * U + j] as number;
          const mh = sv[vo + 3 * U + j] as number;
          const dzz = dhv * ((hp[co + j] as number) - hh) * rec.dy(z);
          const dah = dhv * (1 - z) * act.dy(hh);
          const dzr = dah * mh * rec.dy(r);
          dx[xo + j] = dzz;
          dx[xo + U + j] = dzr;
          dx[xo + 2 * U + j] = dah;
          const mo = b * G;
          dmStep[mo + j] = dzz;
          dmStep[mo + U + j] = dzr;
          dmStep[mo + 2 * U + j] = dah * r;
          dh[so + j] = dhv * z; // the direct path h_{t-1} → h_t
        }
        dm.set(dmStep.subarray(b * G, (b + 1) * G), xo);
      }
      if (s > 0) {
        const dhin = matmulRaw(dmStep, B, G, recurrentKernel, true);
        for (let k = 0; k < B * U; k++)
          dh[k] = (dh[k] as number) + (dhin[k] as number) * (mask ? (mask[k] as number) : 1);
      }
    }
    const dxp = new Tensor(toTimeOrder(dx, B, T, G, o.goBackwards), xp.shape);
    const dU = recurrentKernel.requiresGrad
      ? getKernel('MatMul')(new Tensor(hins as Buf, [B * T, U]), new Tensor(dm, [B * T, G]), true, false)
      : null;
    let dBias: Tensor | null = null;
    if (recurrentBias.requiresGrad) {
      const db = buffer(xp.dtype, G);
      for (let k = 0; k < B * T; k++) for (let j = 0; j < G; j++) db[j] = (db[j] as number) + (dm[k * G + j] as number);
      dBias = new Tensor(db, [G]);
    }
    return [dxp, dU, dBias];
  });
}
