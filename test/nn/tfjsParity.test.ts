import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random, Tensor, setGlobalSeed, tensor } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';
import { Adam, SGD } from '../../src/optim/index.js';

/**
 * Training parity with TensorFlow.js (tfjs-layers implements Keras' layers, losses and optimizers): the same
 * architecture, the same initial weights and the same batches must give the same losses and weights step after step,
 * up to float32 rounding. This checks lsml's layers, cross-entropy, Adam and training loop against a Keras
 * implementation rather than against our own reading of Keras.
 */

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomData(n: number, shape: number[], classes: number, seed: number): { x: Float32Array; y: Int32Array } {
  const rng = new Random(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    x: Float32Array.from({ length: n * size }, () => rng.uniform()),
    y: Int32Array.from({ length: n }, () => rng.int(classes)),
  };
}

/** Trains both models with trainOnBatch on the same batches; returns the per-step losses of each. */
async function trainBoth(lsml: nn.Model, keras: tf.LayersModel, xs: Tensor[], ys: Tensor[], steps: number) {
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let s = 0; s < steps; s++) {
    const x = xs[s % xs.length] as Tensor;
    const y = ys[s % ys.length] as Tensor;
    ours.push(lsml.trainOnBatch(x, y).loss as number);
    const tx =
      x.dtype === 'int32'
        ? tf.tensor(Float32Array.from(x.data), [...x.shape])
        : tf.tensor(x.data as Float32Array, [...x.shape]);
    const loss = await keras.trainOnBatch(tx, tf.tensor1d(Float32Array.from(y.data)));
    theirs.push(Array.isArray(loss) ? (loss[0] as number) : (loss as number));
  }
  return { ours, theirs };
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    if (d > tol * (1 + Math.abs(b[i] as number)))
      throw new Error(`element ${i}: ${a[i]} vs ${b[i]} (tolerance ${tol})`);
  }
}

describe('training parity with TensorFlow.js (Keras semantics)', () => {
  it('a CNN (Conv2D → MaxPooling2D → Flatten → Dense softmax) with Adam follows the same losses and weights', async () => {
    setGlobalSeed(1);
    const lsml = new nn.Sequential({
      layers: [
        new nn.Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
        new nn.MaxPooling2D({ poolSize: 2 }),
        new nn.Flatten(),
        new nn.Dense({ units: 3, activation: 'softmax' }),
      ],
    });
    // tfjs adds ε to the bias-corrected √v̂, Keras to √v; with a negligible ε both are lr·m̂/√v̂.
    lsml.compile({
      optimizer: new Adam({ learningRate: 0.01, epsilon: 1e-10 }),
      loss: 'sparseCategoricalCrossentropy',
    });
    const keras = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    keras.setWeights(lsml.getWeights().map((w) => tf.tensor(w.data as Float32Array, [...w.shape])));
    keras.compile({ optimizer: tf.train.adam(0.01, 0.9, 0.999, 1e-10), loss: 'sparseCategoricalCrossentropy' });
    const batches = [0, 1, 2].map((s) => randomData(8, [8, 8, 1], 3, s + 10));
    const xs = batches.map((b) => new Tensor(b.x, [8, 8, 8, 1]));
    const ys = batches.map((b) => tensor(b.y, [8], 'int32'));
    const { ours, theirs } = await trainBoth(lsml, keras, xs, ys, 12);
    expectClose(ours, theirs, 1e-4);
    const kw = keras.getWeights().map((w) => w.dataSync());
    lsml.getWeights().forEach((w, i) => expectClose(w.data, kw[i] as Float32Array, 1e-4));
  });

  it('a stacked LSTM (Embedding → LSTM(returnSequences) → LSTM → Dense) with SGD follows the same losses', async () => {
    setGlobalSeed(2);
    const lsml = new nn.Sequential({
      layers: [
        new nn.Embedding({ inputDim: 6, outputDim: 3, inputShape: [5] }),
        new nn.LSTM({ units: 4, returnSequences: true }),
        new nn.LSTM({ units: 3 }),
        new nn.Dense({ units: 2, activation: 'softmax' }),
      ],
    });
    lsml.compile({ optimizer: new SGD({ learningRate: 0.5, momentum: 0.9 }), loss: 'sparseCategoricalCrossentropy' });
    const keras = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 6, outputDim: 3, inputLength: 5 }),
        // tfjs keeps Keras 2's hard-sigmoid gates by default; Keras 3 (and lsml) use the sigmoid.
        tf.layers.lstm({ units: 4, returnSequences: true, recurrentActivation: 'sigmoid' }),
        tf.layers.lstm({ units: 3, recurrentActivation: 'sigmoid' }),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    keras.setWeights(lsml.getWeights().map((w) => tf.tensor(w.data as Float32Array, [...w.shape])));
    keras.compile({ optimizer: tf.train.momentum(0.5, 0.9), loss: 'sparseCategoricalCrossentropy' });
    const rng = new Random(3);
    const xs = [0, 1].map(
      () =>
        new Tensor(
          Int32Array.from({ length: 20 }, () => rng.int(6)),
          [4, 5],
        ),
    );
    const ys = [0, 1].map(() =>
      tensor(
        Int32Array.from({ length: 4 }, () => rng.int(2)),
        [4],
        'int32',
      ),
    );
    const { ours, theirs } = await trainBoth(lsml, keras, xs, ys, 8);
    expectClose(ours, theirs, 1e-4);
    const kw = keras.getWeights().map((w) => w.dataSync());
    lsml.getWeights().forEach((w, i) => expectClose(w.data, kw[i] as Float32Array, 1e-4));
  });
});
