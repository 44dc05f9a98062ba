/**
 * Training steps of the MNIST CNN (examples/mnist-cnn.ts, batch 32, Adam) with and without Winograd in one
 * process: LSML_WINOGRAD alternates step by step over the same batches, so both sides see the same machine load.
 * Prints the median (and 25th percentile) step time of each and their ratio. Not part of the default test run.
 *
 * Run: npx tsx bench/kernels/winogradSteps.ts [steps per side = 100]
 */
import { Tensor, setGlobalSeed, tensor } from '../../src/index.js';
import { mnistCnn } from '../../src/cli/examples/mnistCnn.js';
import { loadMnist } from '../../src/data/datasets/loadMnist.js';
import { Adam } from '../../src/optim/index.js';

const perSide = Number(process.argv[2] ?? 100);
const BATCHES = 40;
setGlobalSeed(1);
const data = await loadMnist({ shuffle: true, seed: 1 });
const cnn = mnistCnn();
cnn.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
const batches: [Tensor, Tensor][] = [];
for (let b = 0; b < BATCHES; b++) {
  const x = new Tensor(data.x.slice(b * 32 * 784, (b + 1) * 32 * 784), [32, 28, 28, 1]);
  batches.push([x, tensor(Int32Array.from(data.y.slice(b * 32, (b + 1) * 32)), [32], 'int32')]);
}
const times: Record<'0' | '1', number[]> = { '0': [], '1': [] };
// One warm-up pass over the batches, then alternate (the phase flips every pass so each batch runs both ways).
const rounds = 1 + Math.ceil((2 * perSide) / BATCHES);
for (let round = 0; round < rounds; round++) {
  for (let b = 0; b < BATCHES; b++) {
    const mode = (b + round) % 2 === 0 ? '1' : '0';
    process.env.LSML_WINOGRAD = mode;
    const t = performance.now();
    cnn.trainOnBatch(batches[b]![0], batches[b]![1]);
    if (round > 0) times[mode].push(performance.now() - t);
  }
}
delete process.env.LSML_WINOGRAD;
const quantile = (v: number[], q: number): number => [...v].sort((a, b) => a - b)[Math.floor(v.length * q)] as number;
const gemm = quantile(times['0'], 0.5);
const wino = quantile(times['1'], 0.5);
console.log(
  `MNIST CNN training step (batch 32), ms, median (25th percentile) of ${times['0'].length} steps each: ` +
    `GEMM ${gemm.toFixed(2)} (${quantile(times['0'], 0.25).toFixed(2)}), ` +
    `Winograd ${wino.toFixed(2)} (${quantile(times['1'], 0.25).toFixed(2)}); ×${(gemm / wino).toFixed(3)}`,
);
process.exit(0);
