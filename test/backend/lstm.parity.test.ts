import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/tensor/Tensor.js';
import { wasmLstmSequence, wasmLstmSequenceGrad } from '../../src/backend/wasm/lstm.js';
import { WasmRuntime } from '../../src/backend/wasm/runtime.js';
import { Random } from '../../src/util/random.js';
import { expectIdentical, expectParity, REF, SEED, uniform, WASM } from './parityHelpers.js';

/**
 * The fused LSTM kernels, wasm against the reference on random float32 inputs. Sizes off the 4×8 tile grid and
 * off the 4-lane gate vectors on purpose; the largest cases are big enough for the multi-threaded path.
 * Tolerance: the recurrence feeds every step's rounding into the next, so values are compared to
 * rtol · max|reference| of the whole tensor (states, cells and gates lie in [−1, 1]; gradients are sums).
 */
const CASES: [batch: number, steps: number, features: number, units: number, bias: boolean, masked: boolean][] = [
  [1, 1, 1, 1, true, false],
  [2, 3, 5, 3, true, true],
  [8, 5, 7, 16, false, false],
  [5, 4, 3, 9, true, true],
  [21, 6, 11, 37, true, false],
  [24, 7, 16, 40, false, true],
];

/** A tensor of `like`'s shape filled with max |like|: a scale of the whole tensor. */
function maxScale(like: Tensor): Tensor {
  let m = 0;
  for (let i = 0; i < like.size; i++) m = Math.max(m, Math.abs(like.data[i] as number));
  return new Tensor(new Float32Array(like.size).fill(m), like.shape);
}

function dropoutMask(rng: Random, batch: number, units: number): Tensor {
  const d = new Float32Array(batch * units);
  for (let i = 0; i < d.length; i++) d[i] = rng.uniform() < 0.25 ? 0 : 1 / 0.75;
  return new Tensor(d, [batch, units]);
}

describe(`LSTMSequence kernels: wasm vs reference (seed ${SEED})`, () => {
  for (const [B, T, D, H, withBias, masked] of CASES) {
    const what = `batch ${B}, steps ${T}, features ${D}, units ${H}${withBias ? ', bias' : ''}${masked ? ', mask' : ''}`;
    it(`forward and gradient agree for ${what}`, () => {
      const rng = new Random(SEED + B * 1000 + H);
      const x = uniform(rng, [B, T, D], -1, 1);
      const w = uniform(rng, [D, 4 * H], -0.8, 0.8);
      const u = uniform(rng, [H, 4 * H], -0.5, 0.5);
      const bias = withBias ? uniform(rng, [4 * H], -0.5, 0.5) : null;
      const mask = masked ? dropoutMask(rng, B, H) : null;
      const want = REF.LSTMSequence(x, w, u, bias, mask);
      const got = WASM.LSTMSequence(x, w, u, bias, mask);
      const rtol = 2e-5;
      expectParity(got.h, want.h, 'LSTMSequence h', rtol, maxScale(want.h));
      expectParity(got.c, want.c, 'LSTMSequence c', rtol, maxScale(want.c));
      expectParity(got.gates, want.gates, 'LSTMSequence gates', rtol, maxScale(want.gates));

      const dh = uniform(rng, [B, T, H], -1, 1);
      const gWant = REF.LSTMSequenceGrad(dh, x, w, u, withBias, mask, want);
      const gGot = WASM.LSTMSequenceGrad(dh, x, w, u, withBias, mask, want);
      expectParity(gGot.dx, gWant.dx, 'LSTMSequenceGrad dx', 1e-4, maxScale(gWant.dx));
      expectParity(gGot.dKernel, gWant.dKernel, 'LSTMSequenceGrad dKernel', 1e-4, maxScale(gWant.dKernel));
      expectParity(
        gGot.dRecurrentKernel,
        gWant.dRecurrentKernel,
        'LSTMSequenceGrad dRecurrentKernel',
        1e-4,
        maxScale(gWant.dRecurrentKernel),
      );
      if (withBias) {
        expectParity(
          gGot.dBias as Tensor,
          gWant.dBias as Tensor,
          'LSTMSequenceGrad dBias',
          1e-4,
          maxScale(gWant.dBias as Tensor),
        );
      } else if (gGot.dBias !== null) {
        throw new Error('LSTMSequenceGrad returned a bias gradient for a layer without bias');
      }
    });
  }
});

describe('LSTMSequenceGrad with the last step gradient only (dh [B, H])', () => {
  for (const [B, T, D, H, withBias, masked] of CASES) {
    it(`equals dh [B, T, H] zero except at the last step, on both backends, for batch ${B}, steps ${T}, units ${H}`, () => {
      const rng = new Random(SEED + 77 + B * 1000 + H);
      const x = uniform(rng, [B, T, D], -1, 1);
      const w = uniform(rng, [D, 4 * H], -0.8, 0.8);
      const u = uniform(rng, [H, 4 * H], -0.5, 0.5);
      const bias = withBias ? uniform(rng, [4 * H], -0.5, 0.5) : null;
      const mask = masked ? dropoutMask(rng, B, H) : null;
      const last = uniform(rng, [B, H], -1, 1);
      const full = new Float32Array(B * T * H);
      for (let b = 0; b < B; b++)
        full.set((last.data as Float32Array).subarray(b * H, (b + 1) * H), (b * T + T - 1) * H);
      const dh = new Tensor(full, [B, T, H]);
      for (const [name, k] of [
        ['reference', REF],
        ['wasm', WASM],
      ] as const) {
        const state = k.LSTMSequence(x, w, u, bias, mask);
        const copied = {
          h: state.h,
          c: new Tensor(Float32Array.from(state.c.data as Float32Array), state.c.shape),
          gates: new Tensor(Float32Array.from(state.gates.data as Float32Array), state.gates.shape),
        };
        const want = k.LSTMSequenceGrad(dh, x, w, u, withBias, mask, copied);
        const got = k.LSTMSequenceGrad(last, x, w, u, withBias, mask, copied);
        state.release?.();
        expectIdentical(got.dx, want.dx, `${name} dx`);
        expectIdentical(got.dKernel, want.dKernel, `${name} dKernel`);
        expectIdentical(got.dRecurrentKernel, want.dRecurrentKernel, `${name} dRecurrentKernel`);
        if (withBias) expectIdentical(got.dBias as Tensor, want.dBias as Tensor, `${name} dBias`);
      }
    });
  }
});

describe('LSTMSequence kernels on the wasm runtime', () => {
  it('give bit-identical results on 1 and 3 threads (rows never mix; each row is summed in one fixed order)', () => {
    const rng = new Random(SEED);
    const [B, T, D, H] = [26, 5, 12, 36];
    const x = uniform(rng, [B, T, D], -1, 1);
    const w = uniform(rng, [D, 4 * H], -0.8, 0.8);
    const u = uniform(rng, [H, 4 * H], -0.5, 0.5);
    const bias = uniform(rng, [4 * H], -0.5, 0.5);
    const mask = dropoutMask(rng, B, H);
    const dh = uniform(rng, [B, T, H], -1, 1);
    const [one, three] = [new WasmRuntime({ threads: 1 }), new WasmRuntime({ threads: 3 })];
    const s1 = wasmLstmSequence(one, x, w, u, bias, mask);
    const s3 = wasmLstmSequence(three, x, w, u, bias, mask);
    expectIdentical(s3.h, s1.h, 'LSTMSequence h');
    expectIdentical(s3.gates, s1.gates, 'LSTMSequence gates');
    const g1 = wasmLstmSequenceGrad(one, dh, x, w, u, true, mask, s1);
    const g3 = wasmLstmSequenceGrad(three, dh, x, w, u, true, mask, s1);
    expectIdentical(g3.dx, g1.dx, 'LSTMSequenceGrad dx');
    expectIdentical(g3.dKernel, g1.dKernel, 'LSTMSequenceGrad dKernel');
    expectIdentical(g3.dRecurrentKernel, g1.dRecurrentKernel, 'LSTMSequenceGrad dRecurrentKernel');
    expectIdentical(g3.dBias as Tensor, g1.dBias as Tensor, 'LSTMSequenceGrad dBias');
    expect(three.threads).toBe(3);
  });
});
