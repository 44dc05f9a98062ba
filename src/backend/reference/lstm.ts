import type { LSTMSequenceGrads, LSTMSequenceState } from '../kernels.js';
import { allocate } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/Tensor.js';

type Buf = Float32Array | Float64Array;

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** xp = x·W + b for every row of x [rows, D] (float64 sums): [rows, G]. */
function project(x: Buf, w: Buf, bias: Buf | null, rows: number, D: number, G: number): Float64Array {
  const xp = new Float64Array(rows * G);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < G; k++) xp[r * G + k] = bias ? (bias[k] as number) : 0;
    for (let d = 0; d < D; d++) {
      const xv = x[r * D + d] as number;
      if (xv === 0) continue;
      for (let k = 0; k < G; k++) xp[r * G + k] = (xp[r * G + k] as number) + xv * (w[d * G + k] as number);
    }
  }
  return xp;
}

/**
 * An LSTM layer over a sequence written out step by step, float64 arithmetic: the specification of the fused
 * kernels. xp = x·W + b; per step s: z = xp[:, s] + (h ⊙ mask)·U; i, f, o = σ(z_i, z_f, z_o), g = tanh(z_g);
 * c ← f·c + i·g; h ← o·tanh(c). State and cell start at zero.
 */
export function lstmSequence(
  input: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor | null,
  mask: Tensor | null,
): LSTMSequenceState {
  const [B, T, D] = input.shape as [number, number, number];
  const G = kernel.shape[1] as number;
  const H = G / 4;
  const xp = project(input.data as Buf, kernel.data as Buf, (bias?.data as Buf | undefined) ?? null, B * T, D, G);
  const u = recurrentKernel.data as Buf;
  const m = (mask?.data as Buf | undefined) ?? null;
  const hs = allocate(input.dtype, B * T * H) as Buf;
  const cs = allocate(input.dtype, B * T * H) as Buf;
  const gs = allocate(input.dtype, B * T * G) as Buf;
  const z = new Float64Array(G);
  for (let s = 0; s < T; s++) {
    for (let b = 0; b < B; b++) {
      const xo = (b * T + s) * G;
      const prev = (b * T + s - 1) * H; // row of step s − 1
      for (let k = 0; k < G; k++) z[k] = xp[xo + k] as number;
      if (s > 0) {
        for (let p = 0; p < H; p++) {
          const hv = (hs[prev + p] as number) * (m ? (m[b * H + p] as number) : 1);
          if (hv === 0) continue;
          for (let k = 0; k < G; k++) z[k] = (z[k] as number) + hv * (u[p * G + k] as number);
        }
      }
      const ho = (b * T + s) * H;
      for (let j = 0; j < H; j++) {
        const i = sigmoid(z[j] as number);
        const f = sigmoid(z[H + j] as number);
        const g = Math.tanh(z[2 * H + j] as number);
        const o = sigmoid(z[3 * H + j] as number);
        const c = f * (s > 0 ? (cs[prev + j] as number) : 0) + i * g;
        cs[ho + j] = c;
        hs[ho + j] = o * Math.tanh(c);
        gs[xo + j] = i;
        gs[xo + H + j] = f;
        gs[xo + 2 * H + j] = g;
        gs[xo + 3 * H + j] = o;
      }
    }
  }
  return {
    h: new Tensor(hs, [B, T, H]),
    c: new Tensor(cs, [B, T, H]),
    gates: new Tensor(gs, [B, T, G]),
  };
}

/**
 * Backpropagation through time of `lstmSequence`. Per step, from the last: dh = dy[:, s] + (dz_{s+1}·Uᵀ) ⊙ mask;
 * dc = dc_{s+1}·f_{s+1} + dh·o·(1 − tanh²c); dz_i = dc·g·i(1 − i), dz_f = dc·c_{s−1}·f(1 − f),
 * dz_g = dc·i·(1 − g²), dz_o = dh·tanh(c)·o(1 − o). Then dx = dz·Wᵀ, dW = xᵀ·dz, dU = Σ_s (h_{s−1} ⊙ mask)ᵀ·dz_s,
 * db = Σ dz.
 */
export function lstmSequenceGrad(
  dh: Tensor,
  input: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  hasBias: boolean,
  mask: Tensor | null,
  saved: LSTMSequenceState,
): LSTMSequenceGrads {
  const [B, T, G] = saved.gates.shape as [number, number, number];
  const D = input.shape[2] as number;
  const H = G / 4;
  const dy = dh.data as Buf;
  const u = recurrentKernel.data as Buf;
  const w = kernel.data as Buf;
  const x = input.data as Buf;
  const m = (mask?.data as Buf | undefined) ?? null;
  const hs = saved.h.data as Buf;
  const cs = saved.c.data as Buf;
  const gs = saved.gates.data as Buf;
  const lastOnly = dh.rank === 2; // dh [B, H]: the last step's gradient only
  const dz = new Float64Array(B * T * G);
  const dhRec = new Float64Array(B * H); // (dz_{s+1}·Uᵀ) ⊙ mask
  const dcNext = new Float64Array(B * H);
  for (let s = T - 1; s >= 0; s--) {
    for (let b = 0; b < B; b++) {
      const go = (b * T + s) * G;
      const ho = (b * T + s) * H;
      for (let j = 0; j < H; j++) {
        const dyv = lastOnly ? (s === T - 1 ? (dy[b * H + j] as number) : 0) : (dy[ho + j] as number);
        const dhv = dyv + (dhRec[b * H + j] as number);
        const i = gs[go + j] as number;
        const f = gs[go + H + j] as number;
        const g = gs[go + 2 * H + j] as number;
        const o = gs[go + 3 * H + j] as number;
        const tc = Math.tanh(cs[ho + j] as number);
        const cPrev = s > 0 ? (cs[ho - H + j] as number) : 0;
        const dc = (dcNext[b * H + j] as number) + dhv * o * (1 - tc * tc);
        dz[go + j] = dc * g * i * (1 - i);
        dz[go + H + j] = dc * cPrev * f * (1 - f);
        dz[go + 2 * H + j] = dc * i * (1 - g * g);
        dz[go + 3 * H + j] = dhv * tc * o * (1 - o);
        dcNext[b * H + j] = dc * f;
      }
      for (let p = 0; p < H; p++) {
        let acc = 0;
        for (let k = 0; k < G; k++) acc += (dz[go + k] as number) * (u[p * G + k] as number);
        dhRec[b * H + p] = acc * (m ? (m[b * H + p] as number) : 1);
      }
    }
  }
  const dx = allocate(dh.dtype, B * T * D) as Buf;
  const dW = new Float64Array(D * G);
  const dU = new Float64Array(H * G);
  const db = new Float64Array(G);
  for (let r = 0; r < B * T; r++) {
    const s = r % T;
    for (let d = 0; d < D; d++) {
      let acc = 0;
      for (let k = 0; k < G; k++) acc += (dz[r * G + k] as number) * (w[d * G + k] as number);
      dx[r * D + d] = acc;
      const xv = x[r * D + d] as number;
      for (let k = 0; k < G; k++) dW[d * G + k] = (dW[d * G + k] as number) + xv * (dz[r * G + k] as number);
    }
    for (let k = 0; k < G; k++) db[k] = (db[k] as number) + (dz[r * G + k] as number);
    if (s === 0) continue;
    const b = (r - s) / T;
    for (let p = 0; p < H; p++) {
      const hv = (hs[(r - 1) * H + p] as number) * (m ? (m[b * H + p] as number) : 1);
      if (hv === 0) continue;
      for (let k = 0; k < G; k++) dU[p * G + k] = (dU[p * G + k] as number) + hv * (dz[r * G + k] as number);
    }
  }
  const out = (values: Float64Array, shape: number[]): Tensor => {
    const t = allocate(dh.dtype, values.length) as Buf;
    t.set(values);
    return new Tensor(t, shape);
  };
  return {
    dx: new Tensor(dx, [B, T, D]),
    dKernel: out(dW, [D, G]),
    dRecurrentKernel: out(dU, [H, G]),
    dBias: hasBias ? out(db, [G]) : null,
  };
}
