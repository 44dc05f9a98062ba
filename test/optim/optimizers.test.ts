import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../../src/index.js';
import {
  Adagrad,
  Adam,
  AdamW,
  type Optimizer,
  RMSprop,
  SGD,
  clipGradients,
  getOptimizer,
  optimizerFromConfig,
  ExponentialDecay,
} from '../../src/optim/index.js';

/**
 * Each optimizer against hand-computed steps of Keras' update formulas (keras/src/optimizers/*.py). A float64
 * scalar parameter starts at 1 and receives the gradients 0.5 then −0.25. SGD values are worked out by hand below;
 * the adaptive ones were computed in double precision with a separate plain-Python transcription of the formulas.
 */

const g1 = 0.5;
const g2 = -0.25;

function twoSteps(opt: Optimizer, grads: readonly number[] = [g1, g2]): number[] {
  const p = new Tensor(Float64Array.of(1), [1], true);
  return grads.map((g) => {
    opt.applyGradients([p], [new Tensor(Float64Array.of(g), [1])]);
    return p.data[0] as number;
  });
}

const close = (actual: number[], expected: number[], tol = 1e-14): void => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - (expected[i] as number))).toBeLessThanOrEqual(tol));
};

describe('optimizers match hand-computed steps', () => {
  it('SGD: p ← p − lr·g', () => {
    // 1 − 0.1·0.5 = 0.95; 0.95 + 0.1·0.25 = 0.975
    close(twoSteps(new SGD({ learningRate: 0.1 })), [0.95, 0.975]);
  });

  it('SGD with momentum 0.9: v ← 0.9v − lr·g; p ← p + v', () => {
    // v1 = −0.05, p1 = 0.95; v2 = 0.9·(−0.05) + 0.025 = −0.02, p2 = 0.93
    close(twoSteps(new SGD({ learningRate: 0.1, momentum: 0.9 })), [0.95, 0.93]);
  });

  it('SGD with Nesterov momentum: p ← p + 0.9v − lr·g', () => {
    // v1 = −0.05, p1 = 1 − 0.045 − 0.05 = 0.905; v2 = −0.02, p2 = 0.905 − 0.018 + 0.025 = 0.912
    close(twoSteps(new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true })), [0.905, 0.912]);
  });

  it('Adam: bias-corrected moments, ε = 1e-7 outside the root', () => {
    close(twoSteps(new Adam({ learningRate: 0.1 })), [0.9000006324515321, 0.8733670792079219]);
  });

  it('Adam with amsgrad keeps the largest second moment', () => {
    close(
      twoSteps(new Adam({ learningRate: 0.1, amsgrad: true }), [0.5, 0.01]),
      [0.9000006324515321, 0.8315404776634059],
    );
    close(twoSteps(new Adam({ learningRate: 0.1 }), [0.5, 0.01]), [0.9000006324515321, 0.8315199305002158]);
  });

  it('AdamW: p ← p − p·wd·lr before the Adam step', () => {
    close(twoSteps(new AdamW({ learningRate: 0.1, weightDecay: 0.1 })), [0.890000632451532, 0.8544670728834065]);
  });

  it('RMSprop: v ← ρv + (1 − ρ)g², p ← p − lr·g/√(v + ε)', () => {
    close(twoSteps(new RMSprop({ learningRate: 0.1 })), [0.6837728664367966, 0.8312145661715693]);
  });

  it('RMSprop centered with momentum 0.5', () => {
    close(
      twoSteps(new RMSprop({ learningRate: 0.1, momentum: 0.5, centered: true })),
      [0.6666674074049382, 0.6484793169704387],
    );
  });

  it('Adagrad: a ← a + g² (from 0.1), p ← p − lr·g/√(a + ε)', () => {
    close(twoSteps(new Adagrad({ learningRate: 0.1 })), [0.9154845866007779, 0.9544095290906796]);
  });

  it('keeps state per parameter and updates float32 parameters in place', () => {
    const a = tensor([1, 2], undefined, { requiresGrad: true });
    const b = tensor([3], undefined, { requiresGrad: true });
    const data = a.data;
    const opt = new SGD({ learningRate: 0.5, momentum: 0.5 });
    a.grad = tensor([1, 1]);
    b.grad = tensor([2]);
    opt.step([a, b]);
    expect(a.data).toBe(data);
    expect(Array.from(a.data)).toEqual([0.5, 1.5]);
    expect(Array.from(b.data)).toEqual([2]);
    expect(opt.getSlots([a, b]).map((s) => [s.param, s.slot, Array.from(s.value.data)])).toEqual([
      [0, 'momentum', [-0.5, -0.5]],
      [1, 'momentum', [-1]],
    ]);
    expect(opt.iterations).toBe(1);
  });

  it('skips parameters without a gradient', () => {
    const a = tensor([1], undefined, { requiresGrad: true });
    new SGD({ learningRate: 1 }).step([a]);
    expect(Array.from(a.data)).toEqual([1]);
  });

  it('evaluates a learning-rate schedule at the step count', () => {
    const opt = new SGD({
      learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 }),
    });
    // steps use lr 0.1 then 0.05: 1 − 0.05 = 0.95, 0.95 + 0.0125 = 0.9625
    close(twoSteps(opt), [0.95, 0.9625]);
    expect(opt.currentLearningRate()).toBeCloseTo(0.025, 15);
  });
});

describe('gradient clipping and weight decay', () => {
  it('clipnorm rescales each gradient to norm ≤ c', () => {
    const [a, b] = clipGradients([Float64Array.of(3, 4), Float64Array.of(0.3, 0.4)], {
      clipnorm: 1,
      globalClipnorm: null,
      clipvalue: null,
    });
    close(Array.from(a!), [0.6, 0.8], 1e-15);
    close(Array.from(b!), [0.3, 0.4], 0);
  });

  it('globalClipnorm rescales all gradients by one factor', () => {
    // joint norm √(9 + 16 + 144) = 13 → factor 1/13
    const [a, b] = clipGradients([Float64Array.of(3, 4), Float64Array.of(12)], {
      clipnorm: null,
      globalClipnorm: 1,
      clipvalue: null,
    });
    close([...Array.from(a!), ...Array.from(b!)], [3 / 13, 4 / 13, 12 / 13], 1e-15);
  });

  it('clipvalue clamps elements and leaves the inputs unchanged', () => {
    const g = Float64Array.of(-3, 0.2, 5);
    const [c] = clipGradients([g], { clipnorm: null, globalClipnorm: null, clipvalue: 1 });
    expect(Array.from(c!)).toEqual([-1, 0.2, 1]);
    expect(Array.from(g)).toEqual([-3, 0.2, 5]);
  });

  it('an optimizer clips before updating', () => {
    const p = new Tensor(Float64Array.of(0, 0), [2], true);
    new SGD({ learningRate: 1, clipnorm: 1 }).applyGradients([p], [new Tensor(Float64Array.of(3, 4), [2])]);
    close(Array.from(p.data), [-0.6, -0.8], 1e-15);
  });

  it('weight decay is decoupled and can exclude parameters', () => {
    const a = new Tensor(Float64Array.of(2), [1], true);
    const b = new Tensor(Float64Array.of(2), [1], true);
    const opt = new SGD({ learningRate: 0.1, weightDecay: 0.5 });
    opt.excludeFromWeightDecay([b]);
    const zero = () => new Tensor(Float64Array.of(0), [1]);
    opt.applyGradients([a, b], [zero(), zero()]);
    close([a.data[0] as number, b.data[0] as number], [2 - 2 * 0.5 * 0.1, 2]);
  });
});

describe('optimizer configuration', () => {
  const all: Optimizer[] = [
    new SGD({ learningRate: 0.2, momentum: 0.8, nesterov: true, clipnorm: 2 }),
    new Adam({ beta1: 0.8, amsgrad: true }),
    new AdamW({ weightDecay: 0.01 }),
    new RMSprop({ centered: true, momentum: 0.3 }),
    new Adagrad({ initialAccumulatorValue: 0.2 }),
    new Adam({
      learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9, staircase: true }),
    }),
  ];
  for (const opt of all) {
    it(`${opt.className} round-trips through serialize / optimizerFromConfig`, () => {
      const copy = optimizerFromConfig(JSON.parse(JSON.stringify(opt.serialize())));
      expect(copy.className).toBe(opt.className);
      expect(copy.getConfig()).toEqual(opt.getConfig());
    });
  }

  it('resolves names case-insensitively', () => {
    expect(getOptimizer('Adam')).toBeInstanceOf(Adam);
    expect(getOptimizer('rmsprop')).toBeInstanceOf(RMSprop);
    expect(() => getOptimizer('adamax')).toThrow(
      'getOptimizer: unknown optimizer "adamax"; expected one of sgd, adam, adamw, rmsprop, adagrad, or an Optimizer instance.',
    );
  });

  it('rejects out-of-range options with the option and the value', () => {
    expect(() => new SGD({ momentum: 1.5 })).toThrow('SGD: "momentum" must be a number in [0, 1]; received 1.5.');
    expect(() => new Adam({ beta2: 1 })).toThrow('Adam: "beta2" must be a number in [0, 1); received 1.');
    expect(() => new RMSprop({ learningRate: -1 })).toThrow(
      'RMSprop: "learningRate" must be a number in [0, Infinity); received -1.',
    );
  });

  it('restores saved state with setSlots', () => {
    const p = new Tensor(Float64Array.of(1), [1], true);
    const q = new Tensor(Float64Array.of(1), [1], true);
    const a = new Adam({ learningRate: 0.1 });
    const b = new Adam({ learningRate: 0.1 });
    a.applyGradients([p], [new Tensor(Float64Array.of(g1), [1])]);
    b.applyGradients([q], [new Tensor(Float64Array.of(g1), [1])]);
    const fresh = new Adam({ learningRate: 0.1 });
    fresh.setSlots([q], a.getSlots([p]));
    fresh.iterations = a.iterations;
    a.applyGradients([p], [new Tensor(Float64Array.of(g2), [1])]);
    fresh.applyGradients([q], [new Tensor(Float64Array.of(g2), [1])]);
    expect(q.data[0]).toBe(p.data[0]);
  });

  it('rejects a gradient whose shape differs from its parameter', () => {
    const p = tensor([1, 2], undefined, { requiresGrad: true });
    expect(() => new SGD().applyGradients([p], [tensor([1])])).toThrow(
      'SGD: the gradient of parameter 0 has shape [1] but the parameter has shape [2].',
    );
  });
});
