import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Random, Tensor, randomNormal, setGlobalSeed, tensor } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';
import { Adam, CosineDecay } from '../../src/optim/index.js';

/** Model directories: bit-identical predictions after loading, and training that resumes with optimizer state. */

const dir = mkdtempSync(join(tmpdir(), 'lsml-saving-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cnn(): nn.Sequential {
  const model = new nn.Sequential({
    layers: [
      new nn.Conv2D({ filters: 3, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1] }),
      new nn.BatchNormalization(),
      new nn.MaxPooling2D({ poolSize: 2 }),
      new nn.Flatten(),
      new nn.Dense({ units: 3, activation: 'softmax' }),
    ],
  });
  model.compile({
    optimizer: new Adam({ learningRate: new CosineDecay({ initialLearningRate: 0.01, decaySteps: 20 }) }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy', new nn.AUC({ numThresholds: 20 })],
  });
  return model;
}

const x = randomNormal([12, 6, 6, 1], { seed: 1 });
const y = tensor(Array.from({ length: 12 }, (_, i) => i % 3));

describe('save / loadModel', () => {
  it('restores topology, weights (moving statistics included) and compile settings; predictions are bit-identical', async () => {
    setGlobalSeed(3);
    const model = cnn();
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    await model.save(join(dir, 'cnn'));
    const loaded = await nn.loadModel(join(dir, 'cnn'));
    expect(loaded).toBeInstanceOf(nn.Sequential);
    expect(loaded.getConfig()).toEqual(model.getConfig());
    expect(loaded.summary(null)).toBe(model.summary(null));
    expect(Array.from((loaded.predict(x) as Tensor).data)).toEqual(Array.from((model.predict(x) as Tensor).data));
    expect(loaded.evaluate(x, y)).toEqual(model.evaluate(x, y));
    const json = JSON.parse(readFileSync(join(dir, 'cnn', 'model.json'), 'utf8'));
    expect(json.format).toBe('lsml-model');
    expect(json.weights.map((w: { name: string }) => w.name)).toContain(`${model.layers[1]!.name}/movingVariance`);
    expect(loaded.optimizer!.getConfig()).toEqual(model.optimizer!.getConfig());
  });

  it('resumes training from a checkpoint exactly as if it had not stopped', async () => {
    setGlobalSeed(4);
    const a = cnn();
    const initial = a.getWeights();
    await a.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0, shuffle: false });

    const b = cnn();
    b.setWeights(initial);
    await b.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, shuffle: false });
    await b.save(join(dir, 'resume'));
    const resumed = await nn.loadModel(join(dir, 'resume'));
    expect(resumed.optimizer!.iterations).toBe(3);
    await resumed.fit(x, y, { epochs: 3, initialEpoch: 1, batchSize: 4, verbose: 0, shuffle: false });
    expect(resumed.getWeights().map((w) => w.toFlatArray())).toEqual(a.getWeights().map((w) => w.toFlatArray()));
  });

  it('without the optimizer state, training restarts the optimizer (and so diverges from the uninterrupted run)', async () => {
    setGlobalSeed(5);
    const model = cnn();
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, shuffle: false });
    await model.save(join(dir, 'no-opt'), { includeOptimizer: false });
    const loaded = await nn.loadModel(join(dir, 'no-opt'));
    expect(loaded.optimizer!.iterations).toBe(0);
    expect(loaded.isCompiled).toBe(true);
  });

  it('saves a functional model with two inputs, shared and wrapped layers', async () => {
    const a = nn.input({ shape: [4, 3], name: 'seq' });
    const b = nn.input({ shape: [4], dtype: 'int32', name: 'ids' });
    const rnn = new nn.Bidirectional({ layer: new nn.GRU({ units: 2, returnSequences: true }) });
    const left = new nn.TimeDistributed({ layer: new nn.Dense({ units: 2 }) }).apply(rnn.apply(a));
    const right = new nn.Embedding({ inputDim: 9, outputDim: 2 }).apply(b);
    const out = new nn.Dense({ units: 1, activation: 'sigmoid' }).apply(
      new nn.Flatten().apply(new nn.Concatenate().apply([left, right])),
    );
    const model = new nn.Model({ inputs: [a, b], outputs: out });
    model.compile({ optimizer: 'rmsprop', loss: 'binaryCrossentropy', metrics: ['accuracy', 'precision'] });
    const rng = new Random(2);
    const xa = randomNormal([6, 4, 3], { seed: 2 });
    const xb = new Tensor(
      Int32Array.from({ length: 24 }, () => rng.int(9)),
      [6, 4],
    );
    await model.fit([xa, xb], tensor([0, 1, 0, 1, 1, 0]), { epochs: 1, verbose: 0 });
    await model.save(join(dir, 'functional'));
    const loaded = await nn.loadModel(join(dir, 'functional'));
    expect(Array.from((loaded.predict([xa, xb]) as Tensor).data)).toEqual(
      Array.from((model.predict([xa, xb]) as Tensor).data),
    );
    expect(loaded.inputNames).toEqual(['seq', 'ids']);
  });

  it('saveWeights / loadWeights move weights between models of one architecture', async () => {
    const a = cnn();
    const b = cnn();
    await a.saveWeights(join(dir, 'weights'));
    await b.loadWeights(join(dir, 'weights'));
    expect(Array.from((b.predict(x) as Tensor).data)).toEqual(Array.from((a.predict(x) as Tensor).data));
  });

  it('reports a missing or foreign model directory', async () => {
    await expect(nn.loadModel(join(dir, 'nope'))).rejects.toThrow(
      `load: cannot read ${JSON.stringify(join(dir, 'nope', 'model.json'))}`,
    );
    const bad = join(dir, 'bad');
    await cnn().save(bad);
    writeFileSync(join(bad, 'model.json'), JSON.stringify({ format: 'other', formatVersion: 1 }));
    await expect(nn.loadModel(bad)).rejects.toThrow(
      `loadModel: ${JSON.stringify(join(bad, 'model.json'))} is not an lsml model of format version <= 1`,
    );
  });

  it('rejects weights of another architecture', async () => {
    const small = new nn.Sequential({ layers: [new nn.Dense({ units: 1, inputShape: [2] })], name: 'small' });
    await cnn().saveWeights(join(dir, 'cnn-weights'));
    await expect(small.loadWeights(join(dir, 'cnn-weights'))).rejects.toThrow(
      `Sequential "small": ${join(dir, 'cnn-weights')}/weights.bin holds 8 weights but the model has 2.`,
    );
  });
});
