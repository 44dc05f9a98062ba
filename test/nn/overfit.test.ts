import { describe, expect, it } from 'vitest';
import { Random, Tensor, setGlobalSeed, tensor } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';

/**
 * End-to-end sanity: a small CNN and a stacked LSTM must drive the training loss to ~0 on a tiny batch (if they
 * cannot, some gradient or update is broken).
 */

describe('overfitting a tiny batch', () => {
  it('a CNN (Conv2D → MaxPooling2D → Flatten → Dense) reaches 100 % training accuracy', async () => {
    setGlobalSeed(1);
    const rng = new Random(1);
    // 4 classes: a bright 2×2 square in one of the four quadrants of an 8×8 noisy image.
    const n = 16;
    const images = new Float32Array(n * 64);
    const labels: number[] = [];
    for (let i = 0; i < n; i++) {
      const cls = i % 4;
      labels.push(cls);
      for (let p = 0; p < 64; p++) images[i * 64 + p] = 0.3 * rng.normal();
      const r0 = cls < 2 ? 1 : 5;
      const c0 = cls % 2 === 0 ? 1 : 5;
      for (let r = r0; r < r0 + 2; r++) for (let c = c0; c < c0 + 2; c++) images[i * 64 + r * 8 + c] = 2;
    }
    const model = new nn.Sequential({
      layers: [
        new nn.Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
        new nn.MaxPooling2D({ poolSize: 2 }),
        new nn.Flatten(),
        new nn.Dense({ units: 4, activation: 'softmax' }),
      ],
    });
    model.compile({
      optimizer: new Adam({ learningRate: 0.02 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    const x = new Tensor(images, [n, 8, 8, 1]);
    const y = tensor(labels);
    const h = await model.fit(x, y, { epochs: 60, batchSize: 16, verbose: 0 });
    expect(h.history.loss![59]!).toBeLessThan(0.05);
    expect(model.evaluate(x, y).accuracy).toBe(1);
  });

  it('a stacked LSTM (Embedding → LSTM(returnSequences) → LSTM → Dense) remembers the first token', async () => {
    setGlobalSeed(2);
    const rng = new Random(2);
    const n = 16;
    const steps = 6;
    const ids = new Int32Array(n * steps);
    const labels: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < steps; t++) ids[i * steps + t] = 2 + rng.int(6);
      const cls = i % 2;
      ids[i * steps] = cls; // the label is only visible at the first step
      labels.push(cls);
    }
    const model = new nn.Sequential({
      layers: [
        new nn.Embedding({ inputDim: 8, outputDim: 8, inputShape: [steps] }),
        new nn.LSTM({ units: 12, returnSequences: true }),
        new nn.LSTM({ units: 12 }),
        new nn.Dense({ units: 2 }),
      ],
    });
    model.compile({
      optimizer: new Adam({ learningRate: 0.02 }),
      loss: new nn.SparseCategoricalCrossentropy({ fromLogits: true }),
      metrics: ['accuracy'],
    });
    const x = new Tensor(ids, [n, steps]);
    const y = tensor(labels);
    const h = await model.fit(x, y, { epochs: 80, batchSize: 16, verbose: 0 });
    expect(h.history.loss![79]!).toBeLessThan(0.05);
    expect(model.evaluate(x, y).accuracy).toBe(1);
  });
});
