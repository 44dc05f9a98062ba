import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as L from '../../src/index.js';
import { Tensor } from '../../src/tensor/Tensor.js';
import type { ConvPoolState, FusedActivation } from '../../src/backend/kernels.js';
import {
  RetainedConvPoolState,
  wasmConv2DBiasActivationMaxPool,
  wasmConv2DBiasActivationMaxPoolGrad,
} from '../../src/backend/wasm/conv2dPoolFused.js';
import { type RetainedBlock, WasmRuntime } from '../../src/backend/wasm/runtime.js';
import { Random } from '../../src/util/random.js';
import { gradCheck, randLeaf } from '../helpers/gradcheck.js';
import { useBackend } from '../helpers/backends.js';
import {
  abs,
  convGeometry,
  expectIdentical,
  expectParity,
  type PadMode,
  poolGeometry,
  REF,
  uniform,
  WASM,
} from '../backend/parityHelpers.js';

/**
 * conv2dBiasActivationMaxPool = maxPool2d(conv2dBiasActivation(…)) in one op. Checked here: the wasm kernels match
 * the reference; on wasm the fused op is bit-identical to the composition of the two kernels, forward and every
 * gradient; the gradient matches central differences; the wasm forward keeps the convolution output in a retained
 * block only while a gradient is recorded, and the block is freed after backward (or by the garbage collector).
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Case {
  x: [number, number, number, number];
  k: [number, number];
  f: number;
  strides: [number, number];
  padding: PadMode;
  pool: [number, number];
  poolStrides: [number, number];
  poolPadding: PadMode;
  bias: boolean;
  act: FusedActivation;
}

/** Padding same/valid, strides, pools 2 and 3 (overlapping too), odd sizes (11 → 5), one and several channels. */
const CASES: Case[] = [
  // MNIST first layer, scaled down: single channel, direct kernel, 11 → 5 pooling.
  {
    x: [3, 13, 13, 1],
    k: [3, 3],
    f: 8,
    strides: [1, 1],
    padding: 'valid',
    pool: [2, 2],
    poolStrides: [2, 2],
    poolPadding: 'valid',
    bias: true,
    act: 'relu',
  },
  // MNIST second layer, scaled down: several channels, GEMM path, 11 → 5.
  {
    x: [2, 13, 13, 8],
    k: [3, 3],
    f: 16,
    strides: [1, 1],
    padding: 'valid',
    pool: [2, 2],
    poolStrides: [2, 2],
    poolPadding: 'valid',
    bias: true,
    act: 'relu',
  },
  {
    x: [2, 9, 7, 5],
    k: [3, 2],
    f: 6,
    strides: [2, 2],
    padding: 'same',
    pool: [3, 3],
    poolStrides: [1, 1],
    poolPadding: 'valid',
    bias: false,
    act: 'linear',
  },
  {
    x: [2, 12, 12, 4],
    k: [3, 3],
    f: 8,
    strides: [1, 1],
    padding: 'same',
    pool: [3, 3],
    poolStrides: [3, 3],
    poolPadding: 'valid',
    bias: false,
    act: 'relu',
  },
  {
    x: [1, 11, 11, 1],
    k: [2, 2],
    f: 4,
    strides: [2, 2],
    padding: 'same',
    pool: [2, 2],
    poolStrides: [2, 2],
    poolPadding: 'same',
    bias: true,
    act: 'linear',
  },
  {
    x: [2, 10, 9, 1],
    k: [3, 3],
    f: 6,
    strides: [1, 1],
    padding: 'valid',
    pool: [2, 3],
    poolStrides: [1, 2],
    poolPadding: 'same',
    bias: true,
    act: 'relu',
  },
  // Several channels, overlapping windows: the convolution output itself is kept.
  {
    x: [2, 9, 9, 3],
    k: [3, 3],
    f: 8,
    strides: [1, 1],
    padding: 'valid',
    pool: [3, 3],
    poolStrides: [2, 2],
    poolPadding: 'valid',
    bias: true,
    act: 'relu',
  },
];

const label = (c: Case): string =>
  `x [${c.x}] ${c.k.join('×')}→${c.f} s${c.strides} ${JSON.stringify(c.padding)}, pool ${c.pool.join('×')} s${c.poolStrides} ${JSON.stringify(c.poolPadding)}, ${c.bias ? 'bias' : 'no bias'}, ${c.act}`;

function setup(c: Case, seed: number) {
  const rng = new Random(seed);
  const x = uniform(rng, c.x);
  const filter = uniform(rng, [c.k[0], c.k[1], c.x[3], c.f]);
  const bias = c.bias ? uniform(rng, [c.f], -0.3, 0.3) : null;
  const g = convGeometry(c.x, c.k, c.strides, [1, 1], c.padding);
  const convShape = REF.Conv2D(x, filter, g).shape;
  const pool = poolGeometry(convShape, c.pool, c.poolStrides, c.poolPadding);
  const pooledShape = REF.MaxPool2D(
    new Tensor(new Float32Array(convShape.reduce((a, b) => a * b, 1)), convShape),
    pool,
  ).shape;
  const dy = uniform(rng, pooledShape);
  return { x, filter, bias, g, pool, dy };
}

const ALL = [true, true, true] as const;
const WEIGHTS_ONLY = [false, true, true] as const;

describe('Conv2DBiasActivationMaxPool kernels', () => {
  it.each(CASES.map((c, i) => [label(c), c, i] as const))(
    'wasm equals the wasm composition bit for bit and the reference within 1e-4: %s',
    (_, c, i) => {
      const { x, filter, bias, g, pool, dy } = setup(c, 100 + i);
      const act = c.act;
      const fused = WASM.Conv2DBiasActivationMaxPool(x, filter, bias, act, g, pool, true);
      const conv = WASM.Conv2DBiasActivation(x, filter, bias, act, g);
      expectIdentical(fused.y, WASM.MaxPool2D(conv, pool), 'pooled output (fused vs composed)');
      // Single-channel convolutions under tiling windows keep only the codes of the maxima (see convPool.ts).
      const codes = fused instanceof RetainedConvPoolState && fused.codes;
      expect(codes).toBe([0, 1, 3, 4].includes(i)); // the tiling windows with channels a multiple of 4
      const convScale = REF.Conv2DBiasActivation(abs(x), abs(filter), bias && abs(bias), 'linear', g);
      if (codes) expectParity(fused.conv as Tensor, conv, 'recomputed convolution output', 1e-4, convScale);
      else expectIdentical(fused.conv as Tensor, conv, 'kept convolution output');
      const ref = REF.Conv2DBiasActivationMaxPool(x, filter, bias, act, g, pool, true);
      const scale = REF.MaxPool2D(REF.Conv2DBiasActivation(abs(x), abs(filter), bias && abs(bias), 'linear', g), pool);
      expectParity(fused.y, ref.y, 'pooled output (wasm vs reference)', 1e-4, scale);
      const dConv = WASM.MaxPool2DGrad(conv, dy, pool);
      for (const wanted of [ALL, WEIGHTS_ONLY]) {
        const got = WASM.Conv2DBiasActivationMaxPoolGrad(x, filter, dy, act, g, pool, wanted, fused);
        const composed = WASM.Conv2DBiasActivationGrad(x, filter, conv, dConv, act, g, wanted);
        const want = REF.Conv2DBiasActivationMaxPoolGrad(x, filter, dy, act, g, pool, wanted, ref);
        ['dx', 'dfilter', 'dbias'].forEach((name, k) => {
          const [a, b, r] = [got[k], composed[k], want[k]];
          expect(a === null).toBe(!wanted[k]);
          if (!a || !b || !r) return;
          expectIdentical(a, b, `${name} (fused vs composed)`);
          const s = Math.max(...Array.from(abs(r).data as Float32Array), 1);
          expectParity(
            a,
            r,
            `${name} (wasm vs reference)`,
            1e-4,
            new Tensor(new Float32Array(r.size).fill(s), r.shape),
          );
        });
      }
      fused.release?.();
    },
  );

  it('the reference composes MaxPool2D and Conv2DBiasActivation, and keeps nothing unless asked', () => {
    const { x, filter, bias, g, pool } = setup(CASES[1] as Case, 7);
    const kept = REF.Conv2DBiasActivationMaxPool(x, filter, bias, 'relu', g, pool, true);
    const conv = REF.Conv2DBiasActivation(x, filter, bias, 'relu', g);
    expectIdentical(kept.y, REF.MaxPool2D(conv, pool), 'pooled');
    expectIdentical(kept.conv as Tensor, conv, 'conv');
    const lean = REF.Conv2DBiasActivationMaxPool(x, filter, bias, 'relu', g, pool, false);
    expect(lean.conv).toBeNull();
    expect(() => REF.Conv2DBiasActivationMaxPoolGrad(x, filter, kept.y, 'relu', g, pool, ALL, lean)).toThrow(
      'Conv2DBiasActivationMaxPoolGrad: the forward state holds no convolution output (the forward ran without keep); run the forward again with keep = true.',
    );
  });
});

describe('RetainedConvPoolState (wasm runtime)', () => {
  it.each([
    ['the convolution output (overlapping windows)', 6, false],
    ['the codes of the maxima (single channel, tiling windows)', 0, true],
    ['the codes of the maxima (several channels, tiling windows)', 1, true],
  ] as const)('keeps %s in a retained block until release', (_, which, codes) => {
    const rt = new WasmRuntime({ threads: 1 });
    const c = CASES[which] as Case;
    const { x, filter, bias, g, pool, dy } = setup(c, 3);
    const state = wasmConv2DBiasActivationMaxPool(rt, x, filter, bias, 'relu', g, pool, true);
    expect(state).toBeInstanceOf(RetainedConvPoolState);
    expect((state as RetainedConvPoolState).codes).toBe(codes);
    expect(rt.retainedLive).toBe(1);
    const conv = state.conv as Tensor;
    const kept = codes ? state.y.size : conv.size;
    expect(rt.retainedBytes).toBeGreaterThanOrEqual(kept * 4);
    expect(rt.retainedBytes).toBeLessThan(kept * 4 + 256);
    const copied: ConvPoolState = { y: state.y, conv: new Tensor(Float32Array.from(conv.data), conv.shape) };
    for (const wanted of [ALL, WEIGHTS_ONLY]) {
      const fromBlock = WASM.Conv2DBiasActivationMaxPoolGrad(x, filter, dy, 'relu', g, pool, wanted, state);
      const fromCopy = WASM.Conv2DBiasActivationMaxPoolGrad(x, filter, dy, 'relu', g, pool, wanted, copied);
      fromBlock.forEach((t, k) => {
        const u = fromCopy[k];
        if (t && u) expectParity(t, u, `gradient ${k} from the block vs from a copy`, 1e-4, abs(u));
        else expect(t).toBe(u);
      });
    }
    state.release?.();
    expect(state.released).toBe(true);
    expect(rt.retainedLive).toBe(0);
    expect(rt.retainedBytes).toBe(0);
    expect(() => state.conv).toThrow(
      'wasm backend: Conv2DBiasActivationMaxPool state read after release(); run the forward again.',
    );
    expect(() => WASM.Conv2DBiasActivationMaxPoolGrad(x, filter, dy, 'relu', g, pool, ALL, state)).toThrow(
      'Conv2DBiasActivationMaxPoolGrad: the forward state holds no convolution output (it was released after an earlier backward); run the forward again with keep = true.',
    );
    state.release?.(); // again: no effect
    expect(rt.retainedBytes).toBe(0);
    const lean = wasmConv2DBiasActivationMaxPool(rt, x, filter, bias, 'relu', g, pool, false);
    expect(lean.conv).toBeNull();
    expect(rt.retainedLive).toBe(0);
    expectIdentical(lean.y, state.y, 'pooled without keep');
  });

  it('gives the same bits on one thread and on several (MNIST-sized layers, every gradient path)', () => {
    const shapes = [
      { x: [32, 28, 28, 1], f: [3, 3, 1, 32] },
      { x: [32, 13, 13, 32], f: [3, 3, 32, 64] },
    ] as const;
    const one = new WasmRuntime({ threads: 1 });
    const many = new WasmRuntime({ threads: 4 });
    const rng = new Random(5);
    for (const { x: xs, f: fs } of shapes) {
      const x = uniform(rng, xs);
      const filter = uniform(rng, fs, -0.3, 0.3);
      const bias = uniform(rng, [fs[3]], -0.1, 0.1);
      const g = convGeometry(xs, [3, 3], [1, 1], [1, 1], 'valid');
      const pool = poolGeometry([xs[0], xs[1] - 2, xs[2] - 2, fs[3]], [2, 2], [2, 2], 'valid');
      const a = wasmConv2DBiasActivationMaxPool(one, x, filter, bias, 'relu', g, pool, true);
      const b = wasmConv2DBiasActivationMaxPool(many, x, filter, bias, 'relu', g, pool, true);
      expectIdentical(b.y, a.y, 'pooled output');
      const dy = uniform(rng, a.y.shape);
      for (const wanted of [ALL, WEIGHTS_ONLY]) {
        const ga = wasmConv2DBiasActivationMaxPoolGrad(one, x, filter, dy, 'relu', g, pool, wanted, a);
        const gb = wasmConv2DBiasActivationMaxPoolGrad(many, x, filter, dy, 'relu', g, pool, wanted, b);
        ga.forEach((t, k) => (t ? expectIdentical(gb[k] as Tensor, t, `gradient ${k}`) : expect(gb[k]).toBeNull()));
      }
      a.release?.();
      b.release?.();
    }
  });

  it('frees the block of a forward state that is garbage-collected without a backward', async () => {
    const rt = new WasmRuntime({ threads: 1 });
    ((): void => {
      const { x, filter, bias, g, pool } = setup(CASES[0] as Case, 4);
      wasmConv2DBiasActivationMaxPool(rt, x, filter, bias, 'relu', g, pool, true);
    })();
    expect(rt.retainedLive).toBe(1);
    for (let i = 0; i < 50 && rt.retainedLive > 0; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(rt.retainedLive).toBe(0);
    expect(rt.retainedBytes).toBe(0);
  });
});

/** Watches the blocks the wasm runtime retains (and can make it decline). */
function watchBlocks(decline = false): { blocks: RetainedBlock[]; calls: () => number; stop: () => void } {
  const blocks: RetainedBlock[] = [];
  let calls = 0;
  const original = WasmRuntime.prototype.retain;
  const spy = vi.spyOn(WasmRuntime.prototype, 'retain').mockImplementation(function (this: WasmRuntime, n) {
    calls++;
    if (decline) return null;
    const block = original.call(this, n);
    if (block) blocks.push(block);
    return block;
  });
  return { blocks, calls: () => calls, stop: () => spy.mockRestore() };
}

for (const backend of L.listBackends()) {
  describe(`conv2dBiasActivationMaxPool op on ${backend}`, () => {
    let restore: () => void;
    beforeAll(() => {
      restore = useBackend(backend);
    });
    afterAll(() => restore());

    // The convolution output kept; the codes of the maxima kept (GEMM and direct convolution, the latter without
    // and with an input gradient).
    describe.each([
      ['several channels, overlapping windows', 6, true],
      ['several channels, tiling windows', 1, true],
      ['one channel, first layer', 0, false],
      ['one channel, input gradient', 0, true],
    ] as const)('%s', (_, which, xGrad) => {
      const c = CASES[which] as Case;
      const convOptions = { strides: c.strides, padding: c.padding } as const;
      const poolOptions = { poolSize: c.pool, strides: c.poolStrides, padding: c.poolPadding } as const;

      function params(seed: number) {
        const { x, filter, bias, dy } = setup(c, seed);
        return {
          x: new Tensor(x.data, x.shape, xGrad),
          w: new Tensor(filter.data, filter.shape, true),
          b: new Tensor((bias as Tensor).data, [c.f], true),
          dy,
        };
      }

      function grads(fused: boolean, retainGraph: boolean, seed = 11) {
        const { x, w, b, dy } = params(seed);
        const y = fused
          ? L.conv2dBiasActivationMaxPool(x, w, b, 'relu', convOptions, poolOptions)
          : L.maxPool2d(L.conv2dBiasActivation(x, w, b, 'relu', convOptions), poolOptions);
        L.backward(y, { gradOutput: dy, retainGraph });
        const first = [x, w, b].map((p) => Array.from(p.grad?.data ?? []));
        let second: number[][] | null = null;
        if (retainGraph) {
          for (const p of [x, w, b]) p.grad = null;
          L.backward(y, { gradOutput: dy });
          second = [x, w, b].map((p) => Array.from(p.grad?.data ?? []));
        }
        return { y: Array.from(y.data), first, second };
      }

      it('equals maxPool2d(conv2dBiasActivation(…)) bit for bit, forward and gradients', () => {
        const fused = grads(true, false);
        const composed = grads(false, false);
        expect(fused.y).toEqual(composed.y);
        expect(fused.first).toEqual(composed.first);
      });

      it('frees what it kept after backward, and keeps one block per forward on wasm', () => {
        const watch = watchBlocks();
        try {
          grads(true, false);
          expect(watch.blocks.length).toBe(backend === 'wasm' ? 1 : 0);
          expect(watch.blocks.filter((k) => k.live)).toHaveLength(0);
        } finally {
          watch.stop();
        }
      });

      it('gives the same gradients on a second backward with retainGraph (recomputing the freed state)', () => {
        const once = grads(true, false);
        const watch = watchBlocks();
        try {
          const twice = grads(true, true);
          expect(twice.first).toEqual(once.first);
          expect(twice.second).toEqual(once.first);
          expect(watch.blocks.length).toBe(backend === 'wasm' ? 2 : 0);
          expect(watch.blocks.filter((k) => k.live)).toHaveLength(0);
        } finally {
          watch.stop();
        }
      });

      it('keeps nothing when no gradient is recorded (inference, noGrad)', () => {
        const watch = watchBlocks();
        try {
          const { x, w, b } = params(12);
          const plain = L.conv2dBiasActivationMaxPool(new Tensor(x.data, x.shape), new Tensor(w.data, w.shape), null);
          const inNoGrad = L.noGrad(() => L.conv2dBiasActivationMaxPool(x, w, b, 'relu', convOptions, poolOptions));
          expect(plain.requiresGrad).toBe(false);
          expect(inNoGrad.requiresGrad).toBe(false);
          expect(watch.calls()).toBe(0);
        } finally {
          watch.stop();
        }
      });

      it('gives the same gradients when the runtime declines to retain (copies instead)', () => {
        const kept = grads(true, true);
        const watch = watchBlocks(true);
        try {
          const copied = grads(true, true);
          expect(copied.y).toEqual(kept.y);
          expect(copied.first).toEqual(kept.first);
          expect(copied.second).toEqual(kept.first);
          // One forward (a copied state is never released, so no recompute); the codes path asks twice.
          expect(watch.calls()).toBe(backend === 'wasm' ? (which === 6 ? 1 : 2) : 0);
        } finally {
          watch.stop();
        }
      });
    });

    it('gradient of x, filter and bias matches central differences (float64)', () => {
      const x = randLeaf([2, 7, 6, 2], 21);
      const w = randLeaf([3, 2, 2, 3], 22);
      const b = randLeaf([3], 23, -0.2, 0.2);
      gradCheck(
        (xx, ww, bb) => L.conv2dBiasActivationMaxPool(xx, ww, bb, 'relu', { padding: 'same' }, { poolSize: 2 }),
        [x, w, b],
      );
      gradCheck(
        (xx, ww) =>
          L.conv2dBiasActivationMaxPool(
            xx,
            ww,
            null,
            'linear',
            { strides: 2 },
            { poolSize: 2, strides: 1, padding: 'same' },
          ),
        [randLeaf([1, 9, 8, 2], 24), randLeaf([2, 2, 2, 4], 25)],
      );
    });
  });
}

describe('conv2dBiasActivationMaxPool errors', () => {
  it('name the op, what was expected and what was received', () => {
    const img = L.zeros([1, 6, 6, 2]);
    const f = L.zeros([3, 3, 2, 4]);
    expect(() => L.conv2dBiasActivationMaxPool(img, f, null, 'relu', {}, { poolSize: 5 })).toThrow(
      "conv2dBiasActivationMaxPool: a 5x5 window does not fit input [1, 4, 4, 4] with padding [0,0,0,0]; use padding 'same' or a smaller window.",
    );
    expect(() => L.conv2dBiasActivationMaxPool(img, f, L.zeros([3]))).toThrow(
      'conv2dBiasActivationMaxPool: expected bias of shape [4] (the output channels); received shape [3].',
    );
    expect(() => L.conv2dBiasActivationMaxPool(img, L.zeros([3, 3, 3, 4]), null)).toThrow(
      /^conv2dBiasActivationMaxPool: x has 2 channels/,
    );
    expect(() => L.conv2dBiasActivationMaxPool(img, f, null, 'relu', {}, { poolSize: 0 })).toThrow(
      'conv2dBiasActivationMaxPool: "poolSize" must be a positive integer or a pair of them; received 0.',
    );
  });
});
