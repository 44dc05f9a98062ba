import { describe, expect, it } from 'vitest';
import { matmul, setGlobalSeed, tensor, Tensor } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';
import { expectTensor } from '../helpers/expectClose.js';

/** Initializers: Keras' fan rules, variances, bounds, orthogonality, and seeding. */

function stats(t: Tensor): { mean: number; variance: number; min: number; max: number } {
  const d = Array.from(t.data);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  return {
    mean,
    variance: d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length,
    min: Math.min(...d),
    max: Math.max(...d),
  };
}

describe('initializers', () => {
  it('computes fans as Keras: matrices [in, out], kernels × receptive field', () => {
    expect(nn.computeFans([3, 4])).toEqual({ fanIn: 3, fanOut: 4 });
    expect(nn.computeFans([3, 3, 2, 8])).toEqual({ fanIn: 18, fanOut: 72 });
    expect(nn.computeFans([5])).toEqual({ fanIn: 5, fanOut: 5 });
  });

  it('glorotUniform draws within ±√(6/(fanIn + fanOut)) with variance 2/(fanIn + fanOut)', () => {
    const w = new nn.GlorotUniform({ seed: 1 }).generate([200, 300], 'float64');
    const s = stats(w);
    const limit = Math.sqrt(6 / 500);
    expect(s.max).toBeLessThanOrEqual(limit);
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.variance).toBeCloseTo(2 / 500, 4);
  });

  it('heNormal has variance 2/fanIn and no draw beyond 2σ of the underlying normal', () => {
    const w = new nn.HeNormal({ seed: 2 }).generate([3, 3, 16, 64], 'float64');
    const s = stats(w);
    expect(Math.abs(s.variance / (2 / 144) - 1)).toBeLessThan(0.03);
    const sigma = Math.sqrt(2 / 144) / 0.8796256610342398;
    expect(s.max).toBeLessThanOrEqual(2 * sigma);
  });

  it('orthogonal gives orthonormal rows (wide) or columns (tall)', () => {
    const wide = new nn.Orthogonal({ seed: 3 }).generate([3, 6], 'float64');
    expectTensor(matmul(wide, wide, { transposeB: true }), [1, 0, 0, 0, 1, 0, 0, 0, 1], { atol: 1e-12 });
    const tall = new nn.Orthogonal({ seed: 3, gain: 2 }).generate([5, 2], 'float64');
    expectTensor(matmul(tall, tall, { transposeA: true }), [4, 0, 0, 4], { atol: 1e-12 });
  });

  it('seeded initializers repeat; unseeded ones follow setGlobalSeed', () => {
    const a = new nn.RandomNormal({ seed: 5 }).generate([4], 'float32');
    const b = new nn.RandomNormal({ seed: 5 }).generate([4], 'float32');
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    setGlobalSeed(9);
    const c = new nn.GlorotUniform().generate([4], 'float32');
    setGlobalSeed(9);
    const d = new nn.GlorotUniform().generate([4], 'float32');
    expect(Array.from(c.data)).toEqual(Array.from(d.data));
  });

  it('resolves names (camelCase and snake_case) and round-trips configs', () => {
    expect(nn.getInitializer('glorot_uniform')).toBeInstanceOf(nn.GlorotUniform);
    expect(nn.getInitializer('zeros').generate([2], 'float32').toFlatArray()).toEqual([0, 0]);
    const init = new nn.VarianceScaling({ scale: 2, mode: 'fanOut', distribution: 'uniform', seed: 4 });
    expect(nn.getInitializer(init.serialize()).getConfig()).toEqual(init.getConfig());
    expect(() => nn.getInitializer('xavier')).toThrow('getInitializer: unknown initializer "xavier"');
  });
});

describe('layer behaviour', () => {
  it('Dense computes x·W + b with the given weights', () => {
    const d = new nn.Dense({ units: 2, dtype: 'float64' });
    const x = tensor([[1, 2]], undefined, 'float64');
    d.apply(x);
    d.setWeights([
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        undefined,
        'float64',
      ),
      tensor([0.5, -1], undefined, 'float64'),
    ]);
    expect(d.apply(x).toArray()).toEqual([[7.5, 9]]);
  });

  it('Dropout zeroes about `rate` of the inputs in training, scales the rest, and is the identity otherwise', () => {
    const drop = new nn.Dropout({ rate: 0.25, seed: 1 });
    const x = tensor(new Float32Array(4000).fill(1));
    const y = drop.apply(tensor(Array.from(x.data), [40, 100]), { training: true });
    const zeros = Array.from(y.data).filter((v) => v === 0).length;
    expect(Math.abs(zeros / 4000 - 0.25)).toBeLessThan(0.03);
    expect(Array.from(y.data).every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6)).toBe(true);
    expect(drop.apply(tensor([[1, 2]])).toArray()).toEqual([[1, 2]]);
  });

  it('BatchNormalization updates moving statistics in training and uses them at inference', () => {
    const bn = new nn.BatchNormalization({ momentum: 0.5, epsilon: 0, dtype: 'float64' });
    const x = tensor(
      [
        [1, 10],
        [3, 30],
      ],
      undefined,
      'float64',
    );
    const y = bn.apply(x, { training: true });
    expectTensor(y, [-1, -1, 1, 1], { atol: 1e-12 });
    // moving = 0.5·initial + 0.5·batch: mean (0 → 1, 10), variance (1 → 1, 50.5)
    expect(Array.from(bn.movingMean!.value.data)).toEqual([1, 10]);
    expect(Array.from(bn.movingVariance!.value.data)).toEqual([1, 50.5]);
    expectTensor(bn.apply(tensor([[2, 10]], undefined, 'float64')), [1, 0], { atol: 1e-12 });
  });

  it('Embedding looks up rows and its gradient adds up repeated ids', () => {
    const e = new nn.Embedding({ inputDim: 3, outputDim: 2, dtype: 'float64' });
    const ids = new Tensor(Int32Array.of(2, 0, 2), [1, 3]);
    e.apply(ids);
    e.setWeights([
      tensor(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        undefined,
        'float64',
      ),
    ]);
    const out = e.apply(ids);
    expect(out.toArray()).toEqual([
      [
        [5, 6],
        [1, 2],
        [5, 6],
      ],
    ]);
    out.sum().backward();
    expect(e.embeddings!.value.grad!.toArray()).toEqual([
      [1, 1],
      [0, 0],
      [2, 2],
    ]);
  });
});
