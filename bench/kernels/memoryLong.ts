/**
 * `npm run bench:kernels:memory`: the long version of test/backend/memory.test.ts. Runs LSML_MEMORY_STEPS
 * (default 100,000) training-like steps on the wasm backend (dense layer forward/backward, a small
 * convolution every 10 steps, SGD updates) and prints RSS and the WebAssembly memory size as it goes: both
 * must level off after the first steps, since tensors are garbage-collected values and the backend reuses
 * one arena for every kernel call.
 */
import type { Conv2DGeometry, KernelMap } from '../../src/backend/kernels.js';
import { wasmBackend, wasmBackendInfo } from '../../src/backend/wasm/index.js';
import { Tensor } from '../../src/tensor/Tensor.js';
import { Random } from '../../src/util/random.js';

const STEPS = Number(process.env.LSML_MEMORY_STEPS ?? 100_000);
const W = wasmBackend.kernels as KernelMap;
const rng = new Random(7);
const init = (shape: number[]): Tensor =>
  new Tensor(
    Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => 0.05 * rng.normal()),
    shape,
  );
const gc = (globalThis as { gc?: () => void }).gc;

const x = init([64, 256]);
let w = init([256, 128]);
let b = init([128]);
const img = init([8, 16, 16, 8]);
let filt = init([3, 3, 8, 16]);
const g: Conv2DGeometry = { strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1] };
const lr = new Tensor(Float32Array.from([0.001]), []);
const zero = new Tensor(new Float32Array(1), []);
const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

console.log(`step       rss MiB   heap MiB   wasm MiB  (${STEPS} steps, ${wasmBackendInfo().threads} threads)`);
const t0 = performance.now();
for (let step = 1; step <= STEPS; step++) {
  const z = W.Add(W.MatMul(x, w, false, false), b);
  const dz = W.Mul(W.Cast(W.Greater(z, zero), 'float32'), W.Tanh(z));
  w = W.Sub(w, W.Mul(W.MatMul(x, dz, true, false), lr));
  b = new Tensor(W.Sub(b, W.Mul(W.Sum(dz, [0]), lr)).data, [128]);
  if (step % 10 === 0) {
    const y = W.Conv2D(img, filt, g);
    filt = W.Sub(filt, W.Mul(W.Conv2DBackpropFilter(img, W.Softmax(y, 3), filt.shape, g), lr));
  }
  if (step % (STEPS / 10) === 0 || step === 100) {
    gc?.();
    const m = process.memoryUsage();
    console.log(
      `${String(step).padStart(6)}  ${mb(m.rss).padStart(10)} ${mb(m.heapUsed).padStart(10)} ${mb(wasmBackendInfo().memoryBytes).padStart(10)}`,
    );
  }
}
console.log(
  `${((performance.now() - t0) / STEPS).toFixed(3)} ms per step; weights finite: ${Number.isFinite(w.data[0] as number)}`,
);
