import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lstm, Tensor } from '../../src/index.js';
import { testBackends, useBackend } from '../helpers/backends.js';
import { gradCheck, randLeaf } from '../helpers/gradcheck.js';

/**
 * The fused `lstm` op: central-difference gradient checks in float64 of the input, kernel, recurrent kernel and
 * bias on every backend (with and without bias and recurrent mask, both directions, last state and whole
 * sequence), and its argument errors. Equality with the layers' general step loop is in test/nn/lstmFused.test.ts.
 */

const B = 2;
const T = 4;
const D = 3;
const H = 3;

function mask(seed: number): Tensor {
  // Inverted-dropout-like values: some zeros, the rest 1/(1 − 0.3).
  const m = randLeaf([B, H], seed, 0, 1);
  const d = m.data as Float64Array;
  for (let i = 0; i < d.length; i++) d[i] = (d[i] as number) < 0.3 ? 0 : 1 / 0.7;
  return new Tensor(d, [B, H]);
}

for (const backend of testBackends()) {
  describe(`lstm gradients on the ${backend} backend`, () => {
    let restore: () => void;
    beforeAll(() => {
      restore = useBackend(backend);
    });
    afterAll(() => restore());

    for (const goBackwards of [false, true]) {
      for (const returnSequences of [false, true]) {
        for (const masked of [false, true]) {
          it(`match central differences (goBackwards ${goBackwards}, returnSequences ${returnSequences}, mask ${masked})`, () => {
            const x = randLeaf([B, T, D], 10, -1.5, 1.5);
            const w = randLeaf([D, 4 * H], 11, -0.8, 0.8);
            const u = randLeaf([H, 4 * H], 12, -0.8, 0.8);
            const b = randLeaf([4 * H], 13, -0.5, 0.5);
            const m = masked ? mask(14) : null;
            gradCheck(
              (xx, ww, uu, bb) => lstm(xx, ww, uu, bb, { returnSequences, goBackwards, recurrentMask: m }),
              [x, w, u, b],
            );
          });
        }
      }
    }

    it('match central differences without a bias', () => {
      const x = randLeaf([B, T, D], 20, -1.5, 1.5);
      const w = randLeaf([D, 4 * H], 21, -0.8, 0.8);
      const u = randLeaf([H, 4 * H], 22, -0.8, 0.8);
      gradCheck((xx, ww, uu) => lstm(xx, ww, uu, null, { returnSequences: true }), [x, w, u]);
    });
  });
}

describe('lstm argument checks', () => {
  const f32 = (shape: number[]): Tensor => new Tensor(new Float32Array(shape.reduce((p, d) => p * d, 1)), shape);

  it('names the op and every shape when the weights do not fit x', () => {
    expect(() => lstm(f32([2, 3, 5]), f32([4, 8]), f32([2, 8]), null)).toThrow(
      'lstm: expected x [batch, steps >= 1, features], kernel [features, 4·units], recurrentKernel [units, 4·units] and bias [4·units]; received x [2, 3, 5], kernel [4, 8], recurrentKernel [2, 8], bias null.',
    );
    expect(() => lstm(f32([2, 3, 4]), f32([4, 8]), f32([2, 8]), f32([6]))).toThrow('bias [6].');
  });

  it('rejects a mask of the wrong shape and mixed dtypes', () => {
    const x = f32([2, 3, 4]);
    const w = f32([4, 8]);
    const u = f32([2, 8]);
    expect(() => lstm(x, w, u, null, { recurrentMask: f32([4, 1]) })).toThrow(
      'lstm: expected recurrentMask [2, 2]; received [4, 1].',
    );
    expect(() => lstm(x, w, new Tensor(new Float64Array(16), [2, 8]), null)).toThrow(
      'lstm: dtypes differ: x is float32, recurrentKernel is float64.',
    );
  });
});
