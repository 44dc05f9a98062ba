import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { getBackend, listBackends, randomNormal, tensor } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';
import { WasmRuntime } from '../../src/backend/wasm/runtime.js';
import { Adam } from '../../src/optim/index.js';
import { useBackend } from '../helpers/backends.js';

/**
 * Models run a Conv2D node straight into the MaxPooling2D node that alone reads it as one fused op
 * (conv2dBiasActivationMaxPool); LSML_FUSE_LAYERS=0 turns that off. Fused and unfused runs must be indistinguishable:
 * the same predictions, losses, gradients and weights bit for bit, the same summary, config and saved files, the same
 * errors; and graphs where the convolution's output is read elsewhere must not fuse.
 */

const dir = mkdtempSync(join(tmpdir(), 'lsml-fusion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `fn` with layer fusion on or off. */
function withFusion<T>(on: boolean, fn: () => T): T {
  const previous = process.env['LSML_FUSE_LAYERS'];
  process.env['LSML_FUSE_LAYERS'] = on ? '1' : '0';
  try {
    return fn();
  } finally {
    if (previous === undefined) delete process.env['LSML_FUSE_LAYERS'];
    else process.env['LSML_FUSE_LAYERS'] = previous;
  }
}

/** Counts calls of the active backend's fused kernel while `fn` runs. */
function fusedCalls(fn: () => void): number {
  const kernels = getBackend().kernels as Record<string, (...a: unknown[]) => unknown>;
  const original = kernels['Conv2DBiasActivationMaxPool'] as (...a: unknown[]) => unknown;
  let calls = 0;
  kernels['Conv2DBiasActivationMaxPool'] = (...args: unknown[]) => {
    calls++;
    return original(...args);
  };
  try {
    fn();
  } finally {
    kernels['Conv2DBiasActivationMaxPool'] = original;
  }
  return calls;
}

/** The MNIST CNN's layer stack, scaled down, with seeded weights and dropout. */
function cnn(): nn.Sequential {
  const init = (seed: number) => new nn.GlorotUniform({ seed });
  const model = new nn.Sequential({
    layers: [
      new nn.Conv2D({
        name: 'c1',
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        inputShape: [12, 12, 1],
        kernelInitializer: init(1),
      }),
      new nn.MaxPooling2D({ name: 'p1', poolSize: 2 }),
      new nn.Conv2D({ name: 'c2', filters: 8, kernelSize: 3, activation: 'relu', kernelInitializer: init(2) }),
      new nn.MaxPooling2D({ name: 'p2', poolSize: 2, padding: 'same' }),
      new nn.Flatten({ name: 'flat' }),
      new nn.Dropout({ name: 'drop', rate: 0.5, seed: 3 }),
      new nn.Dense({ name: 'out', units: 3, activation: 'softmax', kernelInitializer: init(4) }),
    ],
    name: 'cnn',
  });
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

const x = randomNormal([6, 12, 12, 1], { seed: 5 });
const y = tensor(Array.from({ length: 6 }, (_, i) => i % 3));

const values = (t: Tensor | Tensor[]): number[] => Array.from((t as Tensor).data);
const weights = (m: nn.Layer): number[][] => m.getWeights().map((w) => Array.from(w.data));

for (const backend of listBackends()) {
  describe(`layer fusion on ${backend}`, () => {
    let restore: () => void;
    beforeAll(() => {
      restore = useBackend(backend);
    });
    afterAll(() => restore());

    it('fuses both Conv2D → MaxPooling2D pairs of the MNIST CNN, and predicts exactly as unfused', () => {
      const model = cnn();
      let fused: number[] = [];
      expect(fusedCalls(() => withFusion(true, () => (fused = values(model.predict(x)))))).toBe(2);
      let plain: number[] = [];
      expect(fusedCalls(() => withFusion(false, () => (plain = values(model.predict(x)))))).toBe(0);
      expect(fused).toEqual(plain);
    });

    it('keeps nothing in the wasm memory for predict, and frees what training kept after each step', () => {
      const model = cnn();
      const retain = vi.spyOn(WasmRuntime.prototype, 'retain');
      const release = vi.spyOn(WasmRuntime.prototype, 'release');
      try {
        withFusion(true, () => model.predict(x));
        expect(retain).not.toHaveBeenCalled();
        withFusion(true, () => model.trainOnBatch(x, y));
        expect(retain).toHaveBeenCalledTimes(backend === 'wasm' ? 2 : 0);
        expect(release).toHaveBeenCalledTimes(backend === 'wasm' ? 2 : 0);
        const blocks = retain.mock.results.map((r) => r.value as { live: boolean } | null);
        expect(blocks.filter((b) => b?.live === true)).toHaveLength(0);
      } finally {
        retain.mockRestore();
        release.mockRestore();
      }
    });

    it('trains to bit-identical losses and weights (trainOnBatch, Adam, dropout)', () => {
      const run = (on: boolean) =>
        withFusion(on, () => {
          const model = cnn();
          const losses = [0, 1, 2].map(() => model.trainOnBatch(x, y)['loss']);
          return { losses, weights: weights(model), predictions: values(model.predict(x)) };
        });
      const fused = run(true);
      const plain = run(false);
      expect(fused.losses).toEqual(plain.losses);
      expect(fused.weights).toEqual(plain.weights);
      expect(fused.predictions).toEqual(plain.predictions);
      expect(fused.weights).not.toEqual(weights(cnn())); // it did train
    });

    it('leaves summary, config and save/load unchanged', async () => {
      const fusedModel = cnn();
      const plainModel = cnn();
      withFusion(true, () => fusedModel.trainOnBatch(x, y));
      withFusion(false, () => plainModel.trainOnBatch(x, y));
      expect(fusedModel.summary(null)).toBe(plainModel.summary(null));
      expect(fusedModel.getConfig()).toEqual(plainModel.getConfig());
      await fusedModel.save(join(dir, backend));
      const loaded = await nn.loadModel(join(dir, backend));
      const want = withFusion(false, () => values(fusedModel.predict(x)));
      expect(withFusion(true, () => values(loaded.predict(x)))).toEqual(want);
      expect(withFusion(false, () => values(loaded.predict(x)))).toEqual(want);
    });

    it('does not fuse where the convolution output is read elsewhere, is a model output, or the layers do not fit', () => {
      const image = nn.input({ shape: [8, 8, 2] });
      const conv = new nn.Conv2D({ filters: 4, kernelSize: 3, activation: 'relu' });
      const features = conv.apply(image);
      const pooled = new nn.Flatten().apply(new nn.MaxPooling2D().apply(features));
      const averaged = new nn.GlobalAveragePooling2D().apply(features);
      const shared = new nn.Model({ inputs: image, outputs: new nn.Concatenate().apply([pooled, averaged]) });
      const exposed = new nn.Model({ inputs: image, outputs: [features, new nn.MaxPooling2D().apply(features)] });
      const tanh = new nn.Sequential({
        layers: [
          new nn.Conv2D({ filters: 4, kernelSize: 3, activation: 'tanh', inputShape: [8, 8, 2] }),
          new nn.MaxPooling2D(),
        ],
      });
      const average = new nn.Sequential({
        layers: [
          new nn.Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 2] }),
          new nn.AveragePooling2D(),
        ],
      });
      const sample = randomNormal([2, 8, 8, 2], { seed: 6 });
      for (const model of [shared, exposed, tanh, average]) {
        let fused: number[][] = [];
        const calls = fusedCalls(() =>
          withFusion(true, () => {
            const out = model.predict(sample);
            fused = (Array.isArray(out) ? out : [out]).map((t) => Array.from(t.data));
          }),
        );
        expect(calls).toBe(0);
        const plain = withFusion(false, () => model.predict(sample));
        expect(fused).toEqual((Array.isArray(plain) ? plain : [plain]).map((t) => Array.from(t.data)));
      }
    });

    it('replans when a Sequential model changes', () => {
      const model = new nn.Sequential({
        layers: [
          new nn.Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
          new nn.MaxPooling2D(),
        ],
      });
      const sample = randomNormal([2, 8, 8, 1], { seed: 7 });
      expect(fusedCalls(() => withFusion(true, () => model.predict(sample)))).toBe(1);
      model.pop();
      let out: Tensor | null = null;
      expect(fusedCalls(() => withFusion(true, () => (out = model.predict(sample) as Tensor)))).toBe(0);
      expect((out as Tensor | null)?.shape).toEqual([2, 6, 6, 4]);
      model.add(new nn.MaxPooling2D({ poolSize: 3 }));
      expect(fusedCalls(() => withFusion(true, () => (out = model.predict(sample) as Tensor)))).toBe(1);
      expect((out as Tensor | null)?.shape).toEqual([2, 2, 2, 4]);
    });

    it('reports the same errors, naming the same layers', () => {
      const image = nn.input({ shape: [null, null, 1] });
      const pool = new nn.MaxPooling2D({ poolSize: 4, name: 'big_pool' });
      const model = new nn.Model({
        inputs: image,
        outputs: pool.apply(new nn.Conv2D({ filters: 4, kernelSize: 3, activation: 'relu' }).apply(image)),
      });
      const small = randomNormal([1, 5, 5, 1], { seed: 8 });
      const message = (on: boolean): string => {
        try {
          withFusion(on, () => model.predict(small));
        } catch (err) {
          return (err as Error).message;
        }
        return 'no error';
      };
      expect(message(false)).toContain('MaxPooling2D "big_pool"');
      expect(message(true)).toBe(message(false));
      const wrongChannels = randomNormal([1, 12, 12, 2], { seed: 9 });
      const seq = cnn();
      const seqMessage = (on: boolean) => {
        try {
          withFusion(on, () => seq.predict(wrongChannels));
        } catch (err) {
          return (err as Error).message;
        }
        return 'no error';
      };
      expect(seqMessage(true)).toBe(seqMessage(false));
      expect(seqMessage(true)).not.toBe('no error');
    });
  });
}
