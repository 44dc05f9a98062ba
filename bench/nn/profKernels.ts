/**
 * Where a training step of the MNIST CNN spends its time: wraps every kernel of the active backend with a timer,
 * trains one epoch over `n` digits (default 640, batch 32) and prints milliseconds and calls per step for each
 * kernel and shape, largest first, then the step total. A profiling aid, not part of `npm run bench:nn`.
 *
 * Run: npx tsx bench/nn/profKernels.ts [n]
 */
import { Tensor, getBackend, setGlobalSeed, tensor } from '../../src/index.js';
import { loadMnist } from '../../src/data/datasets/loadMnist.js';
import { Adam } from '../../src/optim/index.js';
import { mnistCnn } from '../../src/cli/examples/mnistCnn.js';
setGlobalSeed(1);
const n = Number(process.argv[2] ?? 640);
const data = await loadMnist({ shuffle: true, seed: 1 });
const cnn = mnistCnn();
cnn.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
const x = new Tensor(data.x.slice(0, n * 784), [n, 28, 28, 1]);
const y = tensor(Int32Array.from(data.y.slice(0, n)), [n], 'int32');
cnn.trainOnBatch(
  new Tensor(data.x.slice(0, 32 * 784), [32, 28, 28, 1]),
  tensor(Int32Array.from(data.y.slice(0, 32)), [32], 'int32'),
);
const kernels = getBackend().kernels as Record<string, (...a: unknown[]) => unknown>;
const stats = new Map<string, { n: number; ms: number }>();
let depth = 0;
for (const [name, fn] of Object.entries(kernels)) {
  kernels[name] = (...args: unknown[]) => {
    const t = performance.now();
    depth++;
    try {
      return fn(...args);
    } finally {
      depth--;
      const shp = args
        .filter((a) => a instanceof Tensor)
        .map((a) => (a as Tensor).shape.join('x'))
        .join(',');
      const key = `${name}(${shp})`;
      const s = stats.get(key) ?? { n: 0, ms: 0 };
      s.n++;
      if (depth === 0) s.ms += performance.now() - t;
      stats.set(key, s);
    }
  };
}
const t = performance.now();
await cnn.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, shuffle: false });
const steps = n / 32;
const total = performance.now() - t;
let kt = 0;
for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) {
  kt += s.ms;
  if (s.ms / steps > 0.05) console.log((s.ms / steps).toFixed(2).padStart(7), (s.n / steps).toFixed(1).padStart(5), k);
}
console.log(`total ${(total / steps).toFixed(1)} ms/step, kernels ${(kt / steps).toFixed(1)}`);
process.exit(0);
