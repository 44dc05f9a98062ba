import { describe, expect, it } from 'vitest';
import {
  CosineDecay,
  ExponentialDecay,
  LinearWarmup,
  PiecewiseConstantDecay,
  StepDecay,
  scheduleFromConfig,
} from '../../src/optim/index.js';

/** Learning-rate schedules: values worked out by hand from each formula, and config round trips. */
describe('learning-rate schedules', () => {
  it('ExponentialDecay: lr0 · rate^(step / decaySteps), floored when staircase', () => {
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 });
    expect(s.at(0)).toBe(0.1);
    expect(s.at(3)).toBeCloseTo(0.1 * Math.SQRT1_2 ** 3, 15); // 0.5^1.5
    const stairs = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5, staircase: true });
    expect(stairs.at(3)).toBeCloseTo(0.05, 15);
  });

  it('StepDecay: lr0 · gamma^floor(step / stepSize)', () => {
    const s = new StepDecay({ initialLearningRate: 1, stepSize: 3, gamma: 0.1 });
    expect([0, 2, 3, 5, 6].map((t) => s.at(t))).toEqual([1, 1, 0.1, 0.1, 0.1 * 0.1]);
  });

  it('CosineDecay: from lr0 to alpha·lr0 along a half cosine, then flat', () => {
    const s = new CosineDecay({ initialLearningRate: 0.1, decaySteps: 10, alpha: 0.1 });
    expect(s.at(0)).toBeCloseTo(0.1, 15);
    expect(s.at(5)).toBeCloseTo(0.055, 15); // 0.1·(0.9·½ + 0.1)
    expect(s.at(10)).toBeCloseTo(0.01, 15);
    expect(s.at(50)).toBeCloseTo(0.01, 15);
  });

  it('CosineDecay with warm-up rises linearly to the target first', () => {
    const s = new CosineDecay({ initialLearningRate: 0, decaySteps: 4, warmupTarget: 1, warmupSteps: 2 });
    const expected = [0, 0.5, 1, 0.5, 0]; // after warm-up: ½(1 + cos(π·s/4)) for s = 0, 2, 4
    [0, 1, 2, 4, 6].forEach((t, i) => expect(s.at(t)).toBeCloseTo(expected[i] as number, 15));
  });

  it('LinearWarmup ramps to the wrapped schedule, which then starts at its own step 0', () => {
    const s = new LinearWarmup({
      after: new StepDecay({ initialLearningRate: 1, stepSize: 2, gamma: 0.5 }),
      warmupSteps: 4,
    });
    expect([0, 1, 2, 3, 4, 5, 6].map((t) => s.at(t))).toEqual([0, 0.25, 0.5, 0.75, 1, 1, 0.5]);
  });

  it('PiecewiseConstantDecay: values[i] up to and including boundaries[i]', () => {
    const s = new PiecewiseConstantDecay({ boundaries: [2, 5], values: [1, 0.5, 0.1] });
    expect([0, 2, 3, 5, 6].map((t) => s.at(t))).toEqual([1, 1, 0.5, 0.5, 0.1]);
    expect(() => new PiecewiseConstantDecay({ boundaries: [2], values: [1] })).toThrow(
      'PiecewiseConstantDecay: expected increasing "boundaries" and one more "values" than boundaries; received 1 boundaries [2] and 1 values.',
    );
  });

  it('every schedule round-trips through serialize / scheduleFromConfig', () => {
    const all = [
      new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5, staircase: true }),
      new StepDecay({ initialLearningRate: 1, stepSize: 3 }),
      new CosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmupTarget: 0.2, warmupSteps: 3 }),
      new PiecewiseConstantDecay({ boundaries: [2, 5], values: [1, 0.5, 0.1] }),
      new LinearWarmup({
        after: new CosineDecay({ initialLearningRate: 0.1, decaySteps: 10 }),
        warmupSteps: 5,
        startLearningRate: 0.01,
      }),
    ];
    for (const s of all) {
      const copy = scheduleFromConfig(JSON.parse(JSON.stringify(s.serialize())));
      expect(copy.getConfig()).toEqual(s.getConfig());
      for (const t of [0, 1, 4, 7, 12]) expect(copy.at(t)).toBe(s.at(t));
    }
  });

  it('rejects bad options with a pinned message', () => {
    expect(() => new StepDecay({ initialLearningRate: 1, stepSize: 0 })).toThrow(
      'StepDecay: "stepSize" must be an integer in [1, Infinity); received 0.',
    );
  });
});
