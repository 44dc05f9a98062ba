import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, backward, lstm, matmul, noGrad, reshape, Tensor } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';
import { lstmSequence } from '../../src/nn/layers/rnn/lstmSequence.js';
import { pointwise } from '../../src/nn/layers/rnn/pointwise.js';
import { Random } from '../../src/util/random.js';
import { testBackends, useBackend } from '../helpers/backends.js';
import { expectTensor } from '../helpers/expectClose.js';

/**
 * The LSTM layer's fused path (the `lstm` op: LSTMSequence / LSTMSequenceGrad kernels) against the path it
 * replaces for the default activations (projection by matmul, then the general step loop): same outputs and same
 * gradients of the input, kernel, recurrent kernel and bias, in float32, with and without a recurrent-dropout
 * mask, in both directions, on every backend.
 */

function uniform32(rng: Random, shape: number[], lo: number, hi: number, grad = false): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  return new Tensor(
    Float32Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform()),
    shape,
    grad,
  );
}

const tanh = pointwise('tanh', 'test', 'activation');
const sigmoid = pointwise('sigmoid', 'test', 'recurrentActivation');

interface Weights {
  x: Tensor;
  w: Tensor;
  u: Tensor;
  b: Tensor;
}

const leafCopy = (t: Tensor): Tensor => new Tensor(t.data.slice(), t.shape, true);

/** Output and gradients (of Σ y·R) of one implementation. */
function run(
  impl: 'fused' | 'loop',
  v: Weights,
  r: Tensor,
  o: { returnSequences: boolean; goBackwards: boolean; mask: Tensor | null },
): { y: Tensor; grads: Tensor[] } {
  const [x, w, u, b] = [leafCopy(v.x), leafCopy(v.w), leafCopy(v.u), leafCopy(v.b)] as [Tensor, Tensor, Tensor, Tensor];
  const [B, T, D] = x.shape as [number, number, number];
  const H = u.shape[0] as number;
  const y =
    impl === 'fused'
      ? lstm(x, w, u, b, { returnSequences: o.returnSequences, goBackwards: o.goBackwards, recurrentMask: o.mask })
      : lstmSequence(reshape(add(matmul(reshape(x, [B * T, D]), w), b), [B, T, 4 * H]), u, {
          units: H,
          returnSequences: o.returnSequences,
          goBackwards: o.goBackwards,
          recurrentMask: o.mask,
          activation: tanh,
          recurrentActivation: sigmoid,
        });
  backward(y, { gradOutput: r });
  return { y, grads: [x, w, u, b].map((t) => t.grad as Tensor) };
}

for (const backend of testBackends()) {
  describe(`LSTM fused recurrence equals the general step loop on the ${backend} backend`, () => {
    let restore: () => void;
    beforeAll(() => {
      restore = useBackend(backend);
    });
    afterAll(() => restore());

    for (const [B, T, H] of [
      [3, 5, 4],
      [9, 12, 17],
    ] as const) {
      for (const goBackwards of [false, true]) {
        for (const masked of [false, true]) {
          it(`batch ${B}, steps ${T}, units ${H}, goBackwards ${goBackwards}, mask ${masked}`, () => {
            const rng = new Random(B * 100 + H + (goBackwards ? 7 : 0) + (masked ? 13 : 0));
            const v: Weights = {
              x: uniform32(rng, [B, T, 5], -1, 1),
              w: uniform32(rng, [5, 4 * H], -0.8, 0.8),
              u: uniform32(rng, [H, 4 * H], -0.6, 0.6),
              b: uniform32(rng, [4 * H], -0.5, 0.5),
            };
            const mask = masked
              ? new Tensor(
                  Float32Array.from({ length: B * H }, () => (rng.uniform() < 0.3 ? 0 : 1 / 0.7)),
                  [B, H],
                )
              : null;
            for (const returnSequences of [false, true]) {
              const r = uniform32(rng, returnSequences ? [B, T, H] : [B, H], -1, 1);
              const o = { returnSequences, goBackwards, mask };
              const fused = run('fused', v, r, o);
              const loop = run('loop', v, r, o);
              expect(fused.y.dtype).toBe('float32');
              expectTensor(fused.y, Array.from(loop.y.data), { shape: loop.y.shape, rtol: 1e-5, atol: 2e-6 });
              fused.grads.forEach((g, k) => {
                const want = loop.grads[k] as Tensor;
                expectTensor(g, Array.from(want.data), { shape: want.shape, rtol: 1e-4, atol: 5e-5 });
              });
            }
          });
        }
      }
    }

    it('the LSTM layer with default activations gives the step loop’s output', () => {
      const layer = new nn.LSTM({ units: 6, returnSequences: true, seed: 3 });
      const rng = new Random(5);
      const x = uniform32(rng, [4, 7, 5], -1, 1);
      const y = noGrad(() => layer.apply(x)) as Tensor;
      const w = (layer.kernel as nn.LayerWeight).value.data as Float32Array;
      const b = (layer.bias as nn.LayerWeight).value.data as Float32Array;
      // xp = x·W + b by hand, then the general loop.
      const xp = new Float32Array(4 * 7 * 24);
      for (let r = 0; r < 28; r++) {
        for (let k = 0; k < 24; k++) {
          let acc = b[k] as number;
          for (let d = 0; d < 5; d++) acc += (x.data[r * 5 + d] as number) * (w[d * 24 + k] as number);
          xp[r * 24 + k] = acc;
        }
      }
      const loop = noGrad(() =>
        lstmSequence(new Tensor(xp, [4, 7, 24]), (layer.recurrentKernel as nn.LayerWeight).value, {
          units: 6,
          returnSequences: true,
          goBackwards: false,
          recurrentMask: null,
          activation: tanh,
          recurrentActivation: sigmoid,
        }),
      );
      expectTensor(y, Array.from(loop.data), { shape: [4, 7, 6], rtol: 1e-5, atol: 2e-6 });
    });
  });
}
