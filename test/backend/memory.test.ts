import { describe, expect, it } from 'vitest';
import type { KernelMap } from '../../src/backend/kernels.js';
import { wasmBackend, wasmBackendInfo } from '../../src/backend/wasm/index.js';
import { Tensor } from '../../src/tensor/Tensor.js';
import { Random } from '../../src/util/random.js';
import { SEED } from './parityHelpers.js';

const W = wasmBackend.kernels as KernelMap;

describe('memory', () => {
  it('stays flat over a 10,000-step training-like loop: no growth of the wasm memory, bounded RSS', () => {
    const rng = new Random(SEED);
    const init = (shape: number[]): Tensor =>
      new Tensor(
        Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => 0.1 * rng.normal()),
        shape,
      );
    const x = init([32, 64]);
    let w = init([64, 32]);
    let b = init([32]);
    const lr = new Tensor(Float32Array.from([0.01]), []);
    const zero = new Tensor(new Float32Array(1), []);
    let rssAt2k = 0;
    let wasmAt2k = 0;
    for (let step = 1; step <= 10_000; step++) {
      // Forward: relu(x·w + b); "loss" gradient 1 everywhere; backward through relu, bias and weights; SGD step.
      const z = W.Add(W.MatMul(x, w, false, false), b);
      const mask = W.Cast(W.Greater(z, zero), 'float32');
      const dz = W.Mul(mask, W.Relu(z));
      const dw = W.MatMul(x, dz, true, false);
      const db = W.Sum(dz, [0]);
      w = W.Sub(w, W.Mul(dw, lr));
      b = W.Sub(b, W.Mul(W.BroadcastTo(db, [1, 32]), lr));
      b = new Tensor(b.data, [32]);
      if (step === 2000) {
        rssAt2k = process.memoryUsage().rss;
        wasmAt2k = wasmBackendInfo().memoryBytes;
      }
    }
    const rssGrowth = process.memoryUsage().rss - rssAt2k;
    expect(wasmBackendInfo().memoryBytes).toBe(wasmAt2k);
    expect(rssGrowth).toBeLessThan(48 * 1024 * 1024);
    expect(Number.isFinite(w.data[0] as number)).toBe(true);
  });
});
