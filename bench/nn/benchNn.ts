/**
 * `npm run bench:nn`: training speed of the two nn examples with the default backend, beside TensorFlow.js (its
 * cpu backend, in this process, on a subset) and PyTorch CPU (when python3 can import torch; skipped otherwise).
 *
 * - CNN: the MNIST convnet of examples/mnist-cnn.ts, batch 32, Adam. Samples/s over `--cnn-samples` real digits;
 *   the epoch time is extrapolated to the example's 8,000 training digits.
 * - LSTM: Embedding(64→64) → LSTM(128, returnSequences) → LSTM(128) → Dense(2) on sequences of length 50, batch 64:
 *   milliseconds per training pass (forward, backward, Adam step), and the epoch time for the spam example's
 *   4,837 training messages.
 *
 * Options (defaults): --cnn-samples 2048 (256 on the reference backend) --tfjs-cnn-samples 64 --lstm-batches 5
 * (1 on the reference backend) --tfjs-lstm-batches 1 --threads 2 (PyTorch's).
 */
import { execFileSync } from 'node:child_process';
import type * as TF from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { Tensor, getBackend, setGlobalSeed, tensor } from '../../src/index.js';
import { loadMnist } from '../../src/data/datasets/loadMnist.js';
import { SparseCategoricalCrossentropy } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import { mnistCnn } from '../../src/cli/examples/mnistCnn.js';
import { Dense, Embedding, LSTM, Sequential } from '../../src/nn/index.js';
import { option } from '../../examples/nn/cli.js';

const CNN_EPOCH = 8000;
const SPAM_TRAIN = 4837;
const cnnSamples = option('cnn-samples', getBackend().name === 'reference' ? 256 : 2048);
const tfjsCnnSamples = option('tfjs-cnn-samples', 64);
const lstmBatches = option('lstm-batches', getBackend().name === 'reference' ? 1 : 5);
const tfjsLstmBatches = option('tfjs-lstm-batches', 1);
const threads = option('threads', 2);

interface Result {
  cnnSamplesPerSecond: number;
  lstmBatchMs: number;
}

const fmt = (v: number, digits = 1): string => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

async function digits(n: number): Promise<{ x: Float32Array; y: Int32Array }> {
  const data = await loadMnist({ shuffle: true, seed: 1 });
  return { x: data.x.slice(0, n * 784), y: Int32Array.from(data.y.slice(0, n)) };
}

function lstmIds(): { ids: Int32Array; labels: Int32Array } {
  return {
    ids: Int32Array.from({ length: 64 * 50 }, (_, i) => (i * 7919) % 64),
    labels: Int32Array.from({ length: 64 }, (_, i) => i % 2),
  };
}

async function benchLsml(): Promise<Result> {
  setGlobalSeed(1);
  const d = await digits(cnnSamples);
  const cnn = mnistCnn();
  cnn.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
  const x = new Tensor(d.x, [cnnSamples, 28, 28, 1]);
  const y = tensor(d.y, [cnnSamples], 'int32');
  cnn.trainOnBatch(new Tensor(d.x.slice(0, 32 * 784), [32, 28, 28, 1]), tensor(d.y.slice(0, 32), [32], 'int32')); // warm-up
  let t = performance.now();
  await cnn.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, shuffle: false });
  const cnnSamplesPerSecond = cnnSamples / ((performance.now() - t) / 1000);

  const lstm = new Sequential({
    layers: [
      new Embedding({ inputDim: 64, outputDim: 64, inputShape: [50] }),
      new LSTM({ units: 128, returnSequences: true }),
      new LSTM({ units: 128 }),
      new Dense({ units: 2 }),
    ],
  });
  lstm.compile({
    optimizer: new Adam({ learningRate: 1e-3 }),
    loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
  });
  const { ids, labels } = lstmIds();
  const xi = new Tensor(ids, [64, 50]);
  const yl = new Tensor(labels, [64]);
  lstm.trainOnBatch(xi, yl);
  t = performance.now();
  for (let i = 0; i < lstmBatches; i++) lstm.trainOnBatch(xi, yl);
  return { cnnSamplesPerSecond, lstmBatchMs: (performance.now() - t) / lstmBatches };
}

async function benchTfjs(): Promise<Result | string> {
  let tf: typeof TF;
  try {
    tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
  } catch (e) {
    return `skipped (${(e as Error).message})`;
  }
  const d = await digits(tfjsCnnSamples);
  const cnn = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  cnn.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  const x = tf.tensor4d(d.x, [tfjsCnnSamples, 28, 28, 1]);
  const y = tf.tensor1d(Float32Array.from(d.y));
  await cnn.trainOnBatch(x.slice(0, 32), y.slice(0, 32));
  let t = performance.now();
  await cnn.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, shuffle: false });
  const cnnSamplesPerSecond = tfjsCnnSamples / ((performance.now() - t) / 1000);

  const lstm = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: 64, outputDim: 64, inputLength: 50 }),
      tf.layers.lstm({ units: 128, returnSequences: true }),
      tf.layers.lstm({ units: 128 }),
      tf.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  lstm.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  const { ids, labels } = lstmIds();
  const xi = tf.tensor2d(Float32Array.from(ids), [64, 50]);
  const yl = tf.tensor1d(Float32Array.from(labels));
  await lstm.trainOnBatch(xi, yl);
  t = performance.now();
  for (let i = 0; i < tfjsLstmBatches; i++) await lstm.trainOnBatch(xi, yl);
  return { cnnSamplesPerSecond, lstmBatchMs: (performance.now() - t) / tfjsLstmBatches };
}

function benchTorch(): Result | string {
  const script = fileURLToPath(new URL('./torchBench.py', import.meta.url));
  try {
    execFileSync('python3', ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    return 'skipped (python3 cannot import torch; on Debian: apt-get install python3-torch)';
  }
  const out = execFileSync('python3', [script, String(threads), '2048', '10'], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() as string) as Result;
}

function row(name: string, r: Result | string, base: Result): string {
  if (typeof r === 'string') return `${name.padEnd(22)}${r}`;
  const cnnEpoch = CNN_EPOCH / r.cnnSamplesPerSecond;
  const lstmEpoch = (Math.ceil(SPAM_TRAIN / 64) * r.lstmBatchMs) / 1000;
  const ratio = (a: number, b: number): string => `${fmt(a / b, 2)}×`;
  return [
    name.padEnd(22),
    fmt(r.cnnSamplesPerSecond, 0).padStart(9),
    fmt(cnnEpoch).padStart(9),
    ratio(CNN_EPOCH / base.cnnSamplesPerSecond, cnnEpoch).padStart(8),
    fmt(r.lstmBatchMs, 0).padStart(11),
    fmt(64000 / r.lstmBatchMs, 0).padStart(9),
    fmt(lstmEpoch).padStart(9),
    ratio(base.lstmBatchMs, r.lstmBatchMs).padStart(8),
  ].join('');
}

const lsml = await benchLsml();
console.log(`lsml backend: ${getBackend().name}; CNN on ${cnnSamples} digits, LSTM ${lstmBatches} batches`);
const tfjs = await benchTfjs();
const torch = benchTorch();
console.log('');
console.log(
  ''.padEnd(22) +
    'CNN samp/s'.padStart(9) +
    ' epoch s'.padStart(9) +
    ' lsml÷'.padStart(8) +
    ' LSTM ms/b'.padStart(11) +
    ' samp/s'.padStart(9) +
    ' epoch s'.padStart(9) +
    ' lsml÷'.padStart(8),
);
console.log(row(`lsml (${getBackend().name})`, lsml, lsml));
console.log(row(`tfjs cpu (subset)`, tfjs, lsml));
console.log(row('PyTorch CPU', torch, lsml));
console.log(
  `\n"epoch s": CNN extrapolated to ${CNN_EPOCH} digits, LSTM to ${SPAM_TRAIN} messages (batch 64). "lsml÷": lsml's time divided by the peer's (below 1: lsml is faster).`,
);
console.log(
  'Targets (issue 4): CNN epoch <= 1.5 × PyTorch (PyTorch 1.13 on 2 cores: about 2 s), LSTM pass <= 1.0 × PyTorch.',
);
process.exit(0);
