import { describe, expect, it } from 'vitest';
import { NotFittedError, Random, Tensor, randomNormal, setGlobalSeed, tensor, zeros } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';
import { Adam, SGD } from '../../src/optim/index.js';

/** Sequential and functional models: building, naming, summary, several inputs/outputs, predict, errors. */

function images(n: number, seed: number): Tensor {
  return randomNormal([n, 6, 6, 1], { seed });
}

function tokens(n: number, steps: number, vocab: number, seed: number): Tensor {
  const rng = new Random(seed);
  return new Tensor(
    Int32Array.from({ length: n * steps }, () => rng.int(vocab)),
    [n, steps],
  );
}

describe('naming', () => {
  it('names layers after their class with a counter, reset by clearSession', () => {
    nn.clearSession();
    const names = [
      new nn.Dense({ units: 1 }),
      new nn.Dense({ units: 1 }),
      new nn.Dense({ units: 1 }),
      new nn.Conv2D({ filters: 1, kernelSize: 1 }),
      new nn.BatchNormalization(),
      new nn.SimpleRNN({ units: 1 }),
      new nn.MaxPooling2D(),
    ].map((l) => l.name);
    expect(names).toEqual([
      'dense',
      'dense_1',
      'dense_2',
      'conv2d',
      'batch_normalization',
      'simple_rnn',
      'max_pooling2d',
    ]);
    nn.clearSession();
    expect(new nn.Dense({ units: 1 }).name).toBe('dense');
  });

  it('errors name the layer, the expectation and the received shape', () => {
    nn.clearSession();
    new nn.Dense({ units: 1 });
    new nn.Dense({ units: 1 });
    const d = new nn.Dense({ units: 2 });
    d.apply(zeros([32, 3]));
    expect(() => d.apply(zeros([32, 4]))).toThrow(
      'Dense "dense_2": expected last dimension 3, received shape [32, 4].',
    );
    expect(() => new nn.Dense({ units: 0, name: 'bad' })).toThrow(
      'Dense "bad": "units" must be an integer in [1, Infinity); received 0.',
    );
    expect(() => new nn.Conv2D({ filters: 2, kernelSize: 3, padding: 'full' as 'same', name: 'c' })).toThrow(
      'Conv2D "c": "padding" must be one of "valid", "same"; received "full".',
    );
  });
});

describe('Sequential', () => {
  it("the classic MNIST CNN has Keras' parameter counts (34,826 in all)", () => {
    const model = new nn.Sequential({
      layers: [
        new nn.Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
        new nn.MaxPooling2D({ poolSize: 2 }),
        new nn.Conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }),
        new nn.MaxPooling2D({ poolSize: 2 }),
        new nn.Flatten(),
        new nn.Dropout({ rate: 0.5 }),
        new nn.Dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const lines: string[] = [];
    const text = model.summary((l) => lines.push(l));
    expect(model.layers.map((l) => l.countParams())).toEqual([320, 0, 18496, 0, 0, 0, 16010]);
    expect(text).toContain('[null, 5, 5, 64]');
    expect(text).toContain('[null, 1600]');
    expect(text).toContain(' Total params: 34,826 (136.04 KB)');
    expect(text).toContain(' Non-trainable params: 0 (0 B)');
    expect(lines.length).toBe(text.split('\n').length);
  });

  it('builds from the first data when no input shape is given', async () => {
    const model = new nn.Sequential({
      layers: [new nn.Dense({ units: 4, activation: 'relu' }), new nn.Dense({ units: 1 })],
    });
    expect(() => model.summary(null)).toThrow(
      'the model is not built yet; give the first layer an inputShape, or call build() or fit() first.',
    );
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await model.fit(zeros([8, 3]), zeros([8, 1]), { epochs: 1, verbose: 0 });
    expect(model.summary(null)).toContain('Total params: 21');
  });

  it('add() and pop() keep the weights of the remaining layers', () => {
    const first = new nn.Dense({ units: 3, inputShape: [2] });
    const model = new nn.Sequential({ layers: [first] });
    model.add(new nn.Dense({ units: 5 }));
    expect([...(model.predict(zeros([1, 2])) as Tensor).shape]).toEqual([1, 5]);
    const before = first.getWeights()[0]!.toFlatArray();
    model.pop();
    expect([...(model.predict(zeros([1, 2])) as Tensor).shape]).toEqual([1, 3]);
    expect(first.getWeights()[0]!.toFlatArray()).toEqual(before);
  });

  it('predict in batches equals one pass, and does not record a graph', () => {
    const model = new nn.Sequential({
      layers: [
        new nn.Conv2D({ filters: 2, kernelSize: 3, inputShape: [6, 6, 1] }),
        new nn.Flatten(),
        new nn.Dense({ units: 3 }),
      ],
    });
    const x = images(10, 1);
    const batched = model.predict(x, { batchSize: 3 }) as Tensor;
    const whole = model.predictOnBatch(x) as Tensor;
    expect(Array.from(batched.data)).toEqual(Array.from(whole.data));
    expect(batched.requiresGrad).toBe(false);
  });
});

describe('functional models', () => {
  function imageAndText() {
    const image = nn.input({ shape: [6, 6, 1], name: 'image' });
    const text = nn.input({ shape: [5], dtype: 'int32', name: 'text' });
    const a = new nn.Flatten().apply(new nn.Conv2D({ filters: 2, kernelSize: 3, activation: 'relu' }).apply(image));
    const b = new nn.LSTM({ units: 4 }).apply(new nn.Embedding({ inputDim: 7, outputDim: 3 }).apply(text));
    const merged = new nn.Concatenate().apply([a, b]);
    const cls = new nn.Dense({ units: 3, activation: 'softmax', name: 'class' }).apply(merged);
    const score = new nn.Dense({ units: 1, name: 'score' }).apply(merged);
    return new nn.Model({ inputs: [image, text], outputs: [cls, score], name: 'multimodal' });
  }

  it('takes an image and a text input and gives two outputs', async () => {
    const model = imageAndText();
    expect(model.inputNames).toEqual(['image', 'text']);
    expect(model.outputNames).toEqual(['class', 'score']);
    const summary = model.summary(null, 100);
    expect(summary).toContain('concatenate');
    expect(summary).toContain('conv2d');
    expect(summary).toMatch(/class \(Dense\)\s+\[null, 3\]/);
    model.compile({
      optimizer: new Adam({ learningRate: 0.01 }),
      loss: { class: 'sparseCategoricalCrossentropy', score: 'mse' },
      lossWeights: { class: 1, score: 0.5 },
      metrics: { class: ['accuracy'] },
    });
    const x = { image: images(8, 2), text: tokens(8, 5, 7, 3) };
    const y = { class: tensor([0, 1, 2, 0, 1, 2, 0, 1]), score: randomNormal([8, 1], { seed: 4 }) };
    const history = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    expect(Object.keys(history.history).sort()).toEqual(['class_accuracy', 'class_loss', 'loss', 'score_loss']);
    const h = history.history;
    expect(h.loss![1]).toBeCloseTo(h.class_loss![1]! + 0.5 * h.score_loss![1]!, 4);
    const [p, s] = model.predict([x.image, x.text]) as Tensor[];
    expect([...p!.shape]).toEqual([8, 3]);
    expect([...s!.shape]).toEqual([8, 1]);
  });

  it('shares a layer applied twice: its weights count once', () => {
    const a = nn.input({ shape: [3] });
    const b = nn.input({ shape: [3] });
    const shared = new nn.Dense({ units: 2 });
    const model = new nn.Model({ inputs: [a, b], outputs: new nn.Add().apply([shared.apply(a), shared.apply(b)]) });
    expect(model.countParams()).toBe(8);
    const x = tensor([[1, 2, 3]]);
    const y = model.predict([x, x]) as Tensor;
    const single = shared.apply(x);
    expect(Array.from(y.data)).toEqual(Array.from(single.data).map((v) => v + v));
  });

  it('nests a Sequential model as a layer', () => {
    const inner = new nn.Sequential({ name: 'inner', layers: [new nn.Dense({ units: 3, inputShape: [4] })] });
    const x = nn.input({ shape: [4] });
    const model = new nn.Model({ inputs: x, outputs: new nn.Dense({ units: 1 }).apply(inner.apply(x)) });
    expect(model.countParams()).toBe(15 + 4);
    expect(model.summary(null)).toContain('inner (Sequential)');
  });

  it('rejects graphs whose outputs depend on an input not listed', () => {
    const a = nn.input({ shape: [2], name: 'a' });
    const b = nn.input({ shape: [2], name: 'b' });
    const out = new nn.Add({ name: 'sum' }).apply([a, b]);
    expect(() => new nn.Model({ inputs: a, outputs: out, name: 'm' })).toThrow(
      'Model "m": output "sum" depends on input "b", which is not in "inputs".',
    );
  });

  it('rejects duplicate layer names and wrong inputs with pinned messages', () => {
    const a = nn.input({ shape: [2], name: 'in' });
    const out = new nn.Dense({ units: 1, name: 'in' }).apply(a);
    expect(() => new nn.Model({ inputs: a, outputs: out, name: 'dup' })).toThrow(
      'Model "dup": two layers are named "in"; layer names must be unique within a model.',
    );
    const model = imageAndText();
    expect(() => model.predict(images(2, 1))).toThrow('predict: the model has 2 inputs (image, text); received 1.');
    expect(() => model.predict([images(2, 1), tokens(2, 4, 7, 1)])).toThrow(
      'Model "multimodal": input "text" expects shape [null, 5], received shape [2, 4].',
    );
  });
});

describe('determinism and freezing', () => {
  async function trainedWeights(seed: number): Promise<number[]> {
    setGlobalSeed(seed);
    const model = new nn.Sequential({
      layers: [
        new nn.Dense({ units: 8, activation: 'relu', inputShape: [4] }),
        new nn.Dropout({ rate: 0.3 }),
        new nn.Dense({ units: 2, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    const x = randomNormal([20, 4], { seed: 9 });
    const y = tensor(Array.from({ length: 20 }, (_, i) => i % 2));
    await model.fit(x, y, { epochs: 3, batchSize: 6, verbose: 0 });
    return model.getWeights().flatMap((w) => w.toFlatArray());
  }

  it('the same seed gives the same weights after training; another seed does not', async () => {
    const a = await trainedWeights(11);
    const b = await trainedWeights(11);
    const c = await trainedWeights(12);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('a frozen layer keeps its weights; BatchNormalization statistics are non-trainable', async () => {
    const frozen = new nn.Dense({ units: 3, inputShape: [2] });
    const bn = new nn.BatchNormalization();
    const model = new nn.Sequential({ layers: [frozen, bn, new nn.Dense({ units: 1 })] });
    frozen.trainable = false;
    expect(model.trainableWeights.map((w) => w.name)).toEqual([
      `${bn.name}/gamma`,
      `${bn.name}/beta`,
      expect.stringMatching(/kernel$/),
      expect.stringMatching(/bias$/),
    ]);
    expect(model.nonTrainableWeights.length).toBe(4);
    const before = frozen.getWeights().map((w) => w.toFlatArray());
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
    await model.fit(randomNormal([16, 2], { seed: 1 }), randomNormal([16, 1], { seed: 2 }), { epochs: 2, verbose: 0 });
    expect(frozen.getWeights().map((w) => w.toFlatArray())).toEqual(before);
    expect(Array.from(bn.movingMean!.value.data)).not.toEqual([0, 0, 0]);
  });
});

describe('compile configuration accessors', () => {
  function twoOutputs() {
    const x = nn.input({ shape: [3], name: 'x' });
    const hidden = new nn.Dense({ units: 4, activation: 'relu' }).apply(x);
    const cls = new nn.Dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(hidden);
    const aux = new nn.Dense({ units: 1, name: 'aux' }).apply(hidden);
    return new nn.Model({ inputs: x, outputs: [cls, aux] });
  }

  it('reads null before compile and throws for the resolved losses and metrics', () => {
    const model = twoOutputs();
    expect(model.loss).toBeNull();
    expect(model.getCompileConfig()).toBeNull();
    expect(() => model.compiledLosses).toThrow(NotFittedError);
    expect(() => model.compiledMetrics).toThrow('the model is not compiled; call compile(');
  });

  it('gives what compile received, and the losses and metrics it resolved per output', () => {
    const model = twoOutputs();
    const loss = { cls: 'categorical_crossentropy' };
    model.compile({ optimizer: 'sgd', loss, metrics: { cls: ['accuracy'], aux: ['mae'] } });
    expect(model.loss).toBe(loss);
    expect(model.compiledLosses.map((l) => l?.className ?? null)).toEqual(['CategoricalCrossentropy', null]);
    expect(model.compiledMetrics.map((ms) => ms.map((m) => m.className))).toEqual([
      ['CategoricalAccuracy'],
      ['MeanAbsoluteErrorMetric'],
    ]);
    const config = model.getCompileConfig()!;
    expect(config).toEqual({ optimizer: 'sgd', loss, metrics: { cls: ['accuracy'], aux: ['mae'] } });
    config.loss = 'mse'; // a copy: the model keeps its own
    expect(model.loss).toBe(loss);
    model.compile({ loss: 'mse' });
    expect(model.compiledLosses.map((l) => l?.className)).toEqual(['MeanSquaredError', 'MeanSquaredError']);
  });

  it('exposes the metric objects that evaluate updates', () => {
    const model = new nn.Sequential({ layers: [new nn.Dense({ units: 2, activation: 'softmax', inputShape: [3] })] });
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const logs = model.evaluate(randomNormal([10, 3], { seed: 5 }), tensor([0, 1, 0, 1, 1, 0, 0, 1, 1, 1]));
    expect(model.compiledMetrics[0]![0]!.result()).toBe(logs.accuracy);
  });

  it('resolves a Sequential model without an input shape only once it is built', () => {
    const model = new nn.Sequential({ layers: [new nn.Dense({ units: 1 })] });
    model.compile({ loss: 'mse' });
    expect(model.loss).toBe('mse');
    expect(() => model.compiledLosses).toThrow(
      'compiledLosses are resolved per output once the model is built; give the first layer an inputShape',
    );
    model.build([null, 2]);
    expect(model.compiledLosses[0]?.className).toBe('MeanSquaredError');
  });
});
