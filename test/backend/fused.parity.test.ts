import { describe, expect, it } from 'vitest';
import type { FusedActivation } from '../../src/backend/kernels.js';
import { Tensor } from '../../src/tensor/Tensor.js';
import { Random } from '../../src/util/random.js';
import { abs, convGeometry, expectIdentical, expectParity, REF, SEED, uniform, WASM } from './parityHelpers.js';

/**
 * BiasActivation and ActivationGrad: the wasm kernels equal the reference bit for bit (one float32 add and a
 * comparison per element), over channel counts that are and are not multiples of the 4-lane vectors, sizes
 * below and above one task, and special values (NaN, ±0, ±∞).
 */
const SHAPES: number[][] = [[7], [3, 5], [2, 4, 4, 32], [2, 3, 3, 3], [32, 26, 26, 32], [5, 1601]];
const ACTS: FusedActivation[] = ['linear', 'relu'];

function withSpecials(t: Tensor): Tensor {
  const d = t.data as Float32Array;
  [NaN, 0, -0, Infinity, -Infinity, 1e-40].forEach((v, i) => {
    if (i < d.length) d[(i * 7919) % d.length] = v;
  });
  return t;
}

describe(`fused bias + activation parity (seed ${SEED})`, () => {
  const rng = new Random(SEED);
  for (const shape of SHAPES) {
    for (const act of ACTS) {
      it(`BiasActivation ${act} on [${shape}] with and without a bias`, () => {
        const x = withSpecials(uniform(rng, shape, -2, 2));
        const b = uniform(rng, [shape[shape.length - 1] as number], -1, 1);
        expectIdentical(WASM.BiasActivation(x, b, act), REF.BiasActivation(x, b, act), 'BiasActivation');
        expectIdentical(WASM.BiasActivation(x, null, act), REF.BiasActivation(x, null, act), 'BiasActivation');
      });
      it(`ActivationGrad ${act} on [${shape}]`, () => {
        const dy = uniform(rng, shape, -2, 2);
        const y = REF.BiasActivation(withSpecials(uniform(rng, shape, -2, 2)), null, 'relu');
        expectIdentical(WASM.ActivationGrad(dy, y, act), REF.ActivationGrad(dy, y, act), 'ActivationGrad');
      });
    }
  }

  it('reference BiasActivation is relu(x + bias) along the last axis (hand-computed)', () => {
    const x = new Tensor(Float32Array.from([1, -2, 3, -4, 0.5, 0.25]), [3, 2]);
    const b = new Tensor(Float32Array.from([-1.5, 2]), [2]);
    expect([...REF.BiasActivation(x, b, 'relu').data]).toEqual([0, 0, 1.5, 0, 0, 2.25]);
    expect([...REF.BiasActivation(x, b, 'linear').data]).toEqual([-0.5, 0, 1.5, -2, -1, 2.25]);
    const dy = new Tensor(Float32Array.from([1, 2, 3, 4, 5, 6]), [3, 2]);
    const y = REF.BiasActivation(x, b, 'relu');
    expect([...REF.ActivationGrad(dy, y, 'relu').data]).toEqual([0, 0, 3, 0, 0, 6]);
  });
});

describe(`fused bias-activation gradient parity (seed ${SEED})`, () => {
  const rng = new Random(SEED ^ 0x5bd1e995);
  for (const shape of SHAPES) {
    for (const act of ACTS) {
      it(`BiasActivationGrad ${act} on [${shape}]: dx identical, dbias within the sum's error bound`, () => {
        const dy = uniform(rng, shape, -2, 2);
        const y = REF.BiasActivation(uniform(rng, shape, -2, 2), null, 'relu');
        const [dx, db] = WASM.BiasActivationGrad(dy, y, act);
        const [rdx, rdb] = REF.BiasActivationGrad(dy, y, act);
        expectIdentical(dx, rdx, 'BiasActivationGrad dx');
        // Scale: the same sums of |dx| (float32 partial sums per task, then float64).
        const [, scale] = REF.BiasActivationGrad(REF.Abs(dy), y, act);
        expectParity(db, rdb, 'BiasActivationGrad dbias', 1e-5, scale);
      });
    }
  }

  it('reference BiasActivationGrad sums dx over every axis but the last (hand-computed)', () => {
    const dy = new Tensor(Float32Array.from([1, 2, 3, 4, 5, 6]), [3, 2]);
    const y = new Tensor(Float32Array.from([1, 0, 2, 3, -1, 4]), [3, 2]);
    const [dx, db] = REF.BiasActivationGrad(dy, y, 'relu');
    expect([...dx.data]).toEqual([1, 0, 3, 4, 0, 6]);
    expect([...db.data]).toEqual([4, 10]);
    expect([...REF.BiasActivationGrad(dy, y, 'linear')[1].data]).toEqual([9, 12]);
  });
});

describe(`fused Conv2D + bias + activation parity (seed ${SEED})`, () => {
  const rng = new Random(SEED ^ 0x27d4eb2d);
  const CASES: { x: number[]; k: [number, number]; f: number; strides: [number, number]; padding: 'valid' | 'same' }[] =
    [
      { x: [2, 7, 7, 1], k: [3, 3], f: 5, strides: [1, 1], padding: 'valid' },
      { x: [3, 9, 8, 6], k: [3, 3], f: 8, strides: [2, 2], padding: 'same' },
      { x: [4, 13, 13, 32], k: [3, 3], f: 64, strides: [1, 1], padding: 'valid' },
    ];
  for (const c of CASES) {
    for (const act of ACTS) {
      it(`${act}: x [${c.x}] ${c.k.join('×')}→${c.f} strides ${c.strides} ${c.padding}: forward and the three gradients`, () => {
        const g = convGeometry(c.x, c.k, c.strides, [1, 1], c.padding);
        const x = uniform(rng, c.x);
        const w = uniform(rng, [...c.k, c.x[3] as number, c.f]);
        const b = uniform(rng, [c.f], -0.2, 0.2);
        const y = WASM.Conv2DBiasActivation(x, w, b, act, g);
        const ry = REF.Conv2DBiasActivation(x, w, b, act, g);
        // Scale: the convolution of |x| and |w| plus |b| (the error bound of the sums).
        const scale = REF.Conv2DBiasActivation(abs(x), abs(w), abs(b), 'linear', g);
        expectParity(y, ry, 'Conv2DBiasActivation', 1e-4, scale);
        expectParity(
          WASM.Conv2DBiasActivation(x, w, null, act, g),
          REF.Conv2DBiasActivation(x, w, null, act, g),
          'no bias',
          1e-4,
          scale,
        );
        const dy = uniform(rng, ry.shape);
        const all = [true, true, true] as const;
        const [dx, dw, db] = WASM.Conv2DBiasActivationGrad(x, w, ry, dy, act, g, all);
        const [rdx, rdw, rdb] = REF.Conv2DBiasActivationGrad(x, w, ry, dy, act, g, all);
        const [sdx, sdw, sdb] = REF.Conv2DBiasActivationGrad(abs(x), abs(w), ry, abs(dy), act, g, all);
        expectParity(dx as Tensor, rdx as Tensor, 'dx', 1e-4, sdx as Tensor);
        expectParity(dw as Tensor, rdw as Tensor, 'dfilter', 1e-4, sdw as Tensor);
        expectParity(db as Tensor, rdb as Tensor, 'dbias', 1e-4, sdb as Tensor);
        const some = WASM.Conv2DBiasActivationGrad(x, w, ry, dy, act, g, [false, true, false]);
        expect(some[0]).toBeNull();
        expect(some[2]).toBeNull();
        expectParity(some[1] as Tensor, rdw as Tensor, 'dfilter alone', 1e-4, sdw as Tensor);
      });
    }
  }
});
