import { describe, expect, it } from 'vitest';
import type { FusedActivation } from '../../src/backend/kernels.js';
import { convSizes } from '../../src/backend/wasm/conv2d.js';
import { directConvEligible, directConvFilterGradAt } from '../../src/backend/wasm/directConv.js';
import { WasmRuntime } from '../../src/backend/wasm/runtime.js';
import { Tensor } from '../../src/tensor/Tensor.js';
import { Random } from '../../src/util/random.js';
import {
  abs,
  convGeometry,
  expectIdentical,
  expectParity,
  poolGeometry,
  REF,
  SEED,
  uniform,
  WASM,
  type PadMode,
} from './parityHelpers.js';

/**
 * The direct kernels for single-channel convolutions (src/backend/wasm/directConv.ts), taken by the fused
 * Conv2D + bias + activation forward and by its backward when no input gradient is wanted, against the
 * reference backend: odd sizes, strides, dilations, padding, filter counts with and without a 16-wide remainder,
 * and a batch large enough to run on every thread.
 */
interface Case {
  x: number[];
  k: [number, number];
  f: number;
  strides: [number, number];
  dilations: [number, number];
  padding: PadMode;
}

const CASES: Case[] = [
  { x: [2, 7, 7, 1], k: [3, 3], f: 4, strides: [1, 1], dilations: [1, 1], padding: 'valid' },
  { x: [3, 9, 8, 1], k: [3, 3], f: 20, strides: [2, 2], dilations: [1, 1], padding: 'same' },
  { x: [1, 11, 6, 1], k: [2, 5], f: 36, strides: [1, 2], dilations: [1, 1], padding: 'same' },
  { x: [2, 10, 9, 1], k: [3, 2], f: 12, strides: [1, 1], dilations: [2, 3], padding: 'valid' },
  { x: [1, 5, 5, 1], k: [4, 4], f: 8, strides: [1, 1], dilations: [1, 1], padding: [2, 1, 0, 3] },
  { x: [1, 1, 1, 1], k: [1, 1], f: 4, strides: [1, 1], dilations: [1, 1], padding: 'valid' },
  { x: [32, 28, 28, 1], k: [3, 3], f: 32, strides: [1, 1], dilations: [1, 1], padding: 'valid' },
];
const ACTS: FusedActivation[] = ['linear', 'relu'];

const label = (c: Case): string =>
  `x [${c.x}] ${c.k.join('×')}→${c.f} strides ${c.strides} dilations ${c.dilations} ${JSON.stringify(c.padding)}`;

describe(`direct single-channel convolution matches the reference (seed ${SEED})`, () => {
  const rng = new Random(SEED ^ 0x1b873593);
  for (const c of CASES) {
    for (const act of ACTS) {
      it(`${act}: ${label(c)}`, () => {
        const g = convGeometry(c.x, c.k, c.strides, c.dilations, c.padding);
        const x = uniform(rng, c.x);
        const w = uniform(rng, [...c.k, 1, c.f]);
        const b = uniform(rng, [c.f], -0.3, 0.3);
        expect(directConvEligible(convSizes(c.x, w.shape, g))).toBe(true);
        const ry = REF.Conv2DBiasActivation(x, w, b, act, g);
        const scale = REF.Conv2DBiasActivation(abs(x), abs(w), abs(b), 'linear', g);
        expectParity(WASM.Conv2DBiasActivation(x, w, b, act, g), ry, 'forward', 1e-5, scale);
        expectParity(
          WASM.Conv2DBiasActivation(x, w, null, act, g),
          REF.Conv2DBiasActivation(x, w, null, act, g),
          'forward without bias',
          1e-5,
          scale,
        );
        const dy = uniform(rng, ry.shape);
        const wanted = [false, true, true] as const;
        const [dx, dw, db] = WASM.Conv2DBiasActivationGrad(x, w, ry, dy, act, g, wanted);
        const [, rdw, rdb] = REF.Conv2DBiasActivationGrad(x, w, ry, dy, act, g, wanted);
        const [, sdw, sdb] = REF.Conv2DBiasActivationGrad(abs(x), abs(w), ry, abs(dy), act, g, wanted);
        expect(dx).toBeNull();
        expectParity(dw as Tensor, rdw as Tensor, 'dfilter', 1e-5, sdw as Tensor);
        expectParity(db as Tensor, rdb as Tensor, 'dbias', 1e-5, sdb as Tensor);
        const onlyBias = WASM.Conv2DBiasActivationGrad(x, w, ry, dy, act, g, [false, false, true]);
        expect(onlyBias[1]).toBeNull();
        expectIdentical(onlyBias[2] as Tensor, db as Tensor, 'dbias alone');
      });
    }
  }

  it('relu forward maps NaN to 0 and keeps ±∞ as the reference does', () => {
    const g = convGeometry([1, 4, 4, 1], [2, 2], [1, 1], [1, 1], 'valid');
    const x = new Tensor(
      Float32Array.from({ length: 16 }, (_, i) => (i === 5 ? NaN : i === 10 ? Infinity : i / 7)),
      [1, 4, 4, 1],
    );
    const w = uniform(rng, [2, 2, 1, 8]);
    for (const act of ACTS) {
      const got = WASM.Conv2DBiasActivation(x, w, null, act, g);
      const want = REF.Conv2DBiasActivation(x, w, null, act, g);
      const finite = (t: Tensor) => Array.from(t.data as Float32Array, (v) => (Number.isFinite(v) ? 0 : String(v)));
      expect(finite(got)).toEqual(finite(want));
    }
  });

  it('filter gradients are bit-identical on 1 and 3 threads (partial sums added in task order)', () => {
    const shape = [16, 28, 28, 1];
    const g = convGeometry(shape, [3, 3], [1, 1], [1, 1], 'valid');
    const d = convSizes(shape, [3, 3, 1, 16], g);
    const x = uniform(rng, shape);
    const y = REF.Relu(uniform(rng, [16, 26, 26, 16]));
    const dy = uniform(rng, [16, 26, 26, 16]);
    const run = (threads: number) => {
      const rt = new WasmRuntime({ threads });
      rt.begin();
      const xPtr = rt.copyIn(x.data as Float32Array);
      const dyPtr = rt.copyIn(dy.data as Float32Array);
      const yPtr = rt.copyIn(y.data as Float32Array);
      const { dw, db } = directConvFilterGradAt(rt, d, g, 'relu', xPtr, dyPtr, yPtr);
      return { dw: Array.from(dw), db: Array.from(db), threads: rt.threads };
    };
    const one = run(1);
    const three = run(3);
    expect(three.threads).toBe(3);
    expect(three.dw).toEqual(one.dw);
    expect(three.db).toEqual(one.db);
  });

  it('is not taken for several channels or a filter count that is not a multiple of 4', () => {
    const g = convGeometry([1, 5, 5, 2], [3, 3], [1, 1], [1, 1], 'valid');
    expect(directConvEligible(convSizes([1, 5, 5, 2], [3, 3, 2, 8], g))).toBe(false);
    expect(directConvEligible(convSizes([1, 5, 5, 1], [3, 3, 1, 6], g))).toBe(false);
  });
});

describe(`max-pooling gradient over windows that tile the image (seed ${SEED})`, () => {
  const rng = new Random(SEED ^ 0x85ebca6b);

  it('routes each gradient to the first maximum on ties, as the reference scans (2×2 and 3×2 windows)', () => {
    for (const shape of [
      [3, 6, 6, 8],
      [2, 7, 9, 4],
    ]) {
      const x = new Tensor(
        Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => rng.int(3)),
        shape,
      );
      for (const pool of [
        [2, 2],
        [3, 2],
      ] as [number, number][]) {
        const g = poolGeometry(x.shape, pool, pool, 'valid');
        const dy = uniform(rng, REF.MaxPool2D(x, g).shape);
        const what = `MaxPool2DGrad ties [${shape}] ${pool}`;
        expectIdentical(WASM.MaxPool2DGrad(x, dy, g), REF.MaxPool2DGrad(x, dy, g), what);
      }
    }
  });

  it('zeroes the rows and columns left over past the last window, whatever the arena held before', () => {
    // A large gradient first leaves non-zero values where the next, smaller one's dx is allocated.
    const big = uniform(rng, [8, 26, 26, 32]);
    const gb = poolGeometry(big.shape, [2, 2], [2, 2], 'valid');
    WASM.MaxPool2DGrad(big, uniform(rng, REF.MaxPool2D(big, gb).shape, 1, 2), gb);
    const x = uniform(rng, [32, 11, 11, 64]);
    const g = poolGeometry(x.shape, [2, 2], [2, 2], 'valid');
    const dy = uniform(rng, REF.MaxPool2D(x, g).shape);
    expectIdentical(WASM.MaxPool2DGrad(x, dy, g), REF.MaxPool2DGrad(x, dy, g), 'MaxPool2DGrad leftovers');
  });

  it('NaN in a window: the gradient follows the reference rule (a first NaN wins, a later one is skipped)', () => {
    const x = uniform(rng, [2, 4, 4, 4]);
    const d = x.data as Float32Array;
    [0, 21, 38, 70, 101].forEach((i) => (d[i] = NaN));
    const g = poolGeometry(x.shape, [2, 2], [2, 2], 'valid');
    const dy = uniform(rng, REF.MaxPool2D(x, g).shape);
    expectIdentical(WASM.MaxPool2DGrad(x, dy, g), REF.MaxPool2DGrad(x, dy, g), 'MaxPool2DGrad NaN');
  });

  it('large batch on every thread equals the reference', () => {
    const x = uniform(rng, [32, 26, 26, 32]);
    const g = poolGeometry(x.shape, [2, 2], [2, 2], 'valid');
    const dy = uniform(rng, REF.MaxPool2D(x, g).shape);
    expectIdentical(WASM.MaxPool2DGrad(x, dy, g), REF.MaxPool2DGrad(x, dy, g), 'MaxPool2DGrad large');
  });
});
