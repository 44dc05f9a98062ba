import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Tensor, randomNormal, tensor } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';
import { SGD } from '../../src/optim/index.js';
import type { ProgressEvent } from '../../src/util/progress.js';

/** fit's options (validation, weights, datasets) and every callback. */

const dir = mkdtempSync(join(tmpdir(), 'lsml-training-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Linearly separable two-class data. */
function blobs(n: number, seed: number): { x: Tensor; y: Tensor } {
  const x = randomNormal([n, 2], { seed });
  const labels = Array.from({ length: n }, (_, i) =>
    (x.data[2 * i] as number) + (x.data[2 * i + 1] as number) > 0 ? 1 : 0,
  );
  return { x, y: tensor(labels) };
}

function classifier(lr = 0.1): nn.Sequential {
  const model = new nn.Sequential({
    layers: [
      new nn.Dense({
        units: 2,
        activation: 'softmax',
        inputShape: [2],
        kernelInitializer: new nn.GlorotUniform({ seed: 1 }),
      }),
    ],
  });
  model.compile({
    optimizer: new SGD({ learningRate: lr }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/** Records the weights at each epoch end. */
class Snapshots extends nn.Callback {
  readonly weights: Tensor[][] = [];
  override onEpochEnd(): void {
    this.weights.push(this.model!.getWeights());
  }
}

describe('fit', () => {
  it('learns separable data and reports loss and accuracy per epoch', async () => {
    const { x, y } = blobs(64, 1);
    const model = classifier(0.5);
    const h = await model.fit(x, y, { epochs: 8, batchSize: 16, verbose: 0, seed: 1 });
    expect(h.epoch).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(h.history.loss![7]!).toBeLessThan(h.history.loss![0]!);
    expect(h.history.accuracy![7]!).toBeGreaterThan(0.9);
    const evaluated = model.evaluate(x, y, { batchSize: 10 });
    expect(evaluated.accuracy).toBeGreaterThan(0.9);
  });

  it('validationSplit holds out the last examples and logs val_ metrics', async () => {
    const { x, y } = blobs(40, 2);
    const model = classifier();
    const h = await model.fit(x, y, { epochs: 2, validationSplit: 0.25, verbose: 0, shuffle: false });
    expect(Object.keys(h.history).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    const tail = new Tensor(x.data.slice(60), [10, 2]);
    const tailY = new Tensor(y.data.slice(30), [10]);
    expect(model.evaluate(tail, tailY).loss).toBeCloseTo(h.history.val_loss![1]!, 5);
  });

  it('sample weights of zero remove examples from the loss; class weights scale classes', () => {
    const x = tensor([
      [1, 0],
      [0, 1],
    ]);
    const y = tensor([0, 1]);
    const a = classifier();
    const onlyFirst = a.testOnBatch(x, y, { sampleWeight: tensor([1, 0]) });
    const first = a.testOnBatch(new Tensor(x.data.slice(0, 2), [1, 2]), tensor([0]));
    expect(onlyFirst.loss).toBeCloseTo(first.loss! / 2, 6); // Σ l·w / number of examples
    const weighted = a.trainOnBatch(x, y, { classWeight: { 0: 1, 1: 0 } });
    expect(weighted.loss).toBeCloseTo(onlyFirst.loss!, 6);
  });

  it('trains on an async iterable of batches (a Dataset), including DenseBatch rows', async () => {
    const { x, y } = blobs(32, 3);
    async function* batches() {
      for (let i = 0; i < 32; i += 8) {
        yield {
          x: Float32Array.from(x.data.slice(2 * i, 2 * i + 16)),
          y: Int32Array.from(y.data.slice(i, i + 8)),
          rows: 8,
          cols: 2,
        };
      }
    }
    const dataset = { [Symbol.asyncIterator]: batches };
    const model = classifier(0.5);
    const events: ProgressEvent[] = [];
    const h = await model.fit(dataset, {
      epochs: 3,
      verbose: 0,
      validationData: [x, y],
      onProgress: (e) => events.push(e),
    });
    expect(h.history.loss!.length).toBe(3);
    expect(h.history.val_accuracy![2]!).toBeGreaterThan(0.8);
    expect(events[0]).toMatchObject({ label: 'epoch 1/3', done: 1 });
    expect(events.filter((e) => e.label === 'epoch 3/3 done').length).toBe(1);
    const logs = await model.evaluateDataset(dataset);
    expect(logs.accuracy).toBeGreaterThan(0.8);
  });

  it('rejects fit before compile and bad data with pinned messages', async () => {
    const model = new nn.Sequential({ layers: [new nn.Dense({ units: 1, inputShape: [2], name: 'd' })], name: 'm' });
    await expect(model.fit(tensor([[1, 2]]), tensor([1]), { verbose: 0 })).rejects.toThrow(
      'Sequential "m": the model is not compiled; call compile({ optimizer, loss, metrics }) before training or evaluating.',
    );
    model.compile({ loss: 'mse' });
    await expect(
      model.fit(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        tensor([[1]]),
        { verbose: 0 },
      ),
    ).rejects.toThrow('fit: all inputs and targets must have the same number of examples; received [2, 2], [1, 1].');
  });
});

describe('callbacks', () => {
  /** Validation targets opposite to the training ones: val_loss is best after the first epoch, then worsens. */
  function diverging() {
    const { x, y } = blobs(48, 4);
    const flipped = tensor(Array.from(y.data, (v) => 1 - v));
    return { x, y, val: [x, flipped] as [Tensor, Tensor] };
  }

  it('EarlyStopping stops after `patience` epochs without improvement and restores the best weights', async () => {
    const { x, y, val } = diverging();
    const model = classifier(0.5);
    const snapshots = new Snapshots();
    const early = new nn.EarlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true });
    const h = await model.fit(x, y, {
      epochs: 20,
      validationData: val,
      callbacks: [snapshots, early],
      verbose: 0,
      shuffle: false,
    });
    const best = h.history.val_loss!.indexOf(Math.min(...h.history.val_loss!));
    expect(h.epoch.length).toBe(best + 3); // the best epoch, then `patience` worse ones
    expect(early.bestEpoch).toBe(best);
    expect(early.stoppedEpoch).toBe(best + 2);
    const restored = model.getWeights().map((w) => w.toFlatArray());
    expect(restored).toEqual(snapshots.weights[best]!.map((w) => w.toFlatArray()));
    expect(restored).not.toEqual(snapshots.weights[snapshots.weights.length - 1]!.map((w) => w.toFlatArray()));
    expect(model.evaluate(val[0], val[1]).loss).toBeCloseTo(h.history.val_loss![best]!, 6);
  });

  it('ModelCheckpoint with saveBestOnly writes only improvements, atomically', async () => {
    const { x, y, val } = diverging();
    const model = classifier(0.5);
    const path = join(dir, 'ckpt-{epoch:02d}');
    const ckpt = new nn.ModelCheckpoint(path, { monitor: 'val_loss', saveBestOnly: true });
    const every = new nn.ModelCheckpoint(join(dir, 'last'), { saveWeightsOnly: true });
    await model.fit(x, y, { epochs: 4, validationData: val, callbacks: [ckpt, every], verbose: 0, shuffle: false });
    expect(ckpt.saved).toEqual([join(dir, 'ckpt-01')]);
    expect(readdirSync(join(dir, 'ckpt-01')).sort()).toEqual([
      'model.json',
      'optimizer.bin',
      'optimizer.json',
      'weights.bin',
    ]);
    expect(readdirSync(join(dir, 'last')).sort()).toEqual(['weights.bin', 'weights.json']);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-') || f.includes('.old-'))).toEqual([]);
    const loaded = await nn.loadModel(join(dir, 'ckpt-01'));
    expect(loaded.optimizer!.iterations).toBe(2); // one epoch of 48 examples in batches of 32
  });

  it('ModelCheckpoint never replaces a directory holding other files', async () => {
    const model = classifier();
    const foreign = join(dir, 'foreign');
    await model.save(foreign);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(foreign, 'notes.txt'), 'keep me');
    await expect(model.save(foreign)).rejects.toThrow(
      `save: ${JSON.stringify(foreign)} exists and holds files that are not part of a saved model (notes.txt); choose another path.`,
    );
    expect(existsSync(join(foreign, 'notes.txt'))).toBe(true);
  });

  it('ReduceLROnPlateau multiplies the rate by `factor` after `patience` epochs without improvement', async () => {
    const { x, y, val } = diverging();
    const model = classifier(0.5);
    const reduce = new nn.ReduceLROnPlateau({ monitor: 'val_loss', factor: 0.5, patience: 1, minLr: 0.1 });
    const h = await model.fit(x, y, {
      epochs: 5,
      validationData: val,
      callbacks: [reduce],
      verbose: 0,
      shuffle: false,
    });
    const vl = h.history.val_loss!;
    expect(vl.slice(1).every((v, i) => v > (vl[i] as number))).toBe(true); // precondition: no improvement after epoch 0
    // logged at each epoch end before the reduction: halved from epoch 1 on, floored at minLr
    expect(h.history.learning_rate).toEqual([0.5, 0.5, 0.25, 0.125, 0.1]);
    expect((model.optimizer as SGD).learningRate).toBe(0.1);
  });

  it('LearningRateScheduler sets the rate at each epoch start and logs it', async () => {
    const { x, y } = blobs(16, 5);
    const model = classifier();
    const h = await model.fit(x, y, {
      epochs: 3,
      verbose: 0,
      callbacks: [new nn.LearningRateScheduler((epoch) => 0.1 / (epoch + 1))],
    });
    expect(h.history.learning_rate).toEqual([0.1, 0.05, 0.1 / 3]);
  });

  it('CSVLogger writes a header and a row per epoch', async () => {
    const { x, y } = blobs(16, 6);
    const file = join(dir, 'log.csv');
    const h = await classifier().fit(x, y, { epochs: 2, verbose: 0, callbacks: [new nn.CSVLogger(file)] });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('epoch,accuracy,loss');
    expect(lines[2]).toBe(`1,${h.history.accuracy![1]},${h.history.loss![1]}`);
  });

  it('TerminateOnNaN stops at the first non-finite loss', async () => {
    const x = tensor([
      [1, 2],
      [0, 1],
      [NaN, 1],
      [1, 1],
    ]);
    const stop = new nn.TerminateOnNaN();
    const h = await classifier().fit(x, tensor([0, 1, 0, 1]), {
      epochs: 5,
      batchSize: 2,
      shuffle: false,
      verbose: 0,
      callbacks: [stop],
    });
    expect(stop.terminatedAtBatch).toBe(1);
    expect(h.epoch).toEqual([0]);
    expect(h.history.loss![0]).toBeNaN();
  });

  it('verbose 2 (or a non-terminal) prints one plain line per epoch', async () => {
    const { x, y } = blobs(16, 7);
    const out: string[] = [];
    const logger = new nn.ProgressLogger(2, { write: (s: string) => out.push(s) });
    await classifier().fit(x, y, { epochs: 2, verbose: 0, callbacks: [logger] });
    expect(out.length).toBe(2);
    expect(out[1]).toMatch(/^Epoch 2\/2 - \d+s \d+ms\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4}\n$/);
  });

  it('verbose 1 in a terminal draws a live bar that ends as the epoch line', async () => {
    const { x, y } = blobs(64, 8);
    let text = '';
    const logger = new nn.ProgressLogger(1, { write: (s: string) => (text += s), isTTY: true });
    await classifier().fit(x, y, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [logger] });
    expect(text.startsWith('Epoch 1/1\n')).toBe(true);
    const finalLine = text.slice(text.lastIndexOf('\r'));
    expect(finalLine.startsWith('\r\u001b[K8/8 [==============================] ')).toBe(true);
    expect(finalLine).toMatch(/ \d+s \d+ms\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4}\n$/);
  });

  it('formats checkpoint paths like Keras', () => {
    expect(nn.formatCheckpointPath('m-{epoch:03d}-{val_loss:.2f}', 4, { val_loss: 0.12345 })).toBe('m-005-0.12');
  });
});
