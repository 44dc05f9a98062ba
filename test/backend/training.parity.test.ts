import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as L from '../../src/index.js';
import { wasmBackend } from '../../src/backend/wasm/index.js';
import { SEED } from './parityHelpers.js';

/** A small CNN's loss; its gradients exercise every kernel a training step uses, forward and backward. */
function loss(x: L.Tensor, labels: L.Tensor, w1: L.Tensor, w2: L.Tensor, w3: L.Tensor, b3: L.Tensor): L.Tensor {
  const h1 = L.relu(L.conv2d(x, w1, { padding: 'same' }));
  const p1 = L.maxPool2d(h1, { poolSize: 2, strides: 2 });
  const h2 = L.tanh(L.conv2d(p1, w2, { strides: 2, padding: 'valid' }));
  const p2 = L.avgPool2d(h2, { poolSize: 2, strides: 1, padding: 'same' });
  const flat = L.reshape(p2, [x.shape[0] as number, -1]);
  const logits = L.add(L.matmul(flat, w3), b3);
  const logp = L.logSoftmax(logits);
  return L.neg(L.mean(L.sum(L.mul(logp, labels), 1)));
}

/** ‖got − want‖∞ ≤ rtol·‖want‖∞: a composition of many kernels is compared normwise. */
function expectClose(got: L.Tensor, want: L.Tensor, what: string, rtol: number): void {
  let maxWant = 0;
  let maxDiff = 0;
  for (let i = 0; i < want.size; i++) {
    maxWant = Math.max(maxWant, Math.abs(want.data[i] as number));
    maxDiff = Math.max(maxDiff, Math.abs((got.data[i] as number) - (want.data[i] as number)));
  }
  expect(maxDiff, `${what}: max |diff| ${maxDiff} vs max |ref| ${maxWant} (seed ${SEED})`).toBeLessThanOrEqual(
    rtol * maxWant,
  );
}

describe(`a training step through the public API agrees on both backends (seed ${SEED})`, () => {
  let previous: string;
  beforeAll(() => {
    previous = L.getBackend().name;
    L.registerBackend(wasmBackend, -1);
  });
  afterAll(() => L.setBackend(previous));

  it('loss and every parameter gradient of a small CNN match within 1e-4 normwise', () => {
    const rng = new L.Random(SEED);
    const rand = (shape: number[], scale: number): L.Tensor =>
      new L.Tensor(
        Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => scale * rng.normal()),
        shape,
      );
    const x = rand([6, 12, 12, 3], 1);
    const labels = L.oneHot(
      Array.from({ length: 6 }, () => rng.int(10)),
      10,
    );
    const params = [rand([3, 3, 3, 8], 0.3), rand([3, 3, 8, 16], 0.2), rand([2 * 2 * 16, 10], 0.2), rand([10], 0.1)];
    const f = (...ps: L.Tensor[]): L.Tensor => loss(x, labels, ...(ps as [L.Tensor, L.Tensor, L.Tensor, L.Tensor]));
    const results = ['reference', 'wasm'].map((name) => {
      L.setBackend(name);
      return L.valueAndGrad(f)(...params);
    });
    const [ref, wasm] = results as [
      ReturnType<ReturnType<typeof L.valueAndGrad>>,
      ReturnType<ReturnType<typeof L.valueAndGrad>>,
    ];
    expectClose(wasm.value, ref.value, 'loss', 1e-5);
    ref.grads.forEach((g, i) => expectClose(wasm.grads[i] as L.Tensor, g, `gradient ${i}`, 1e-4));
  });
});
