import { describe, expect, it } from 'vitest';
import { Random, Tensor, tensor } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';

/** Streaming metrics: hand-counted known answers, Keras' AUC docstring example, and exact AUC by ranking. */

describe('accuracy', () => {
  it('binary: (prediction > 0.5) equals the target', () => {
    const m = new nn.BinaryAccuracy();
    m.update(tensor([[1], [1], [0], [0]]), tensor([[0.98], [1], [0], [0.6]]));
    expect(m.result()).toBe(0.75);
  });

  it('categorical: argmax of prediction equals argmax of target, weighted', () => {
    const m = new nn.CategoricalAccuracy();
    m.update(
      tensor([
        [0, 0, 1],
        [0, 1, 0],
      ]),
      tensor([
        [0.1, 0.9, 0.8],
        [0.05, 0.95, 0],
      ]),
      tensor([0.7, 0.3]),
    );
    expect(m.result()).toBeCloseTo(0.3, 6); // float32 weights
  });

  it('sparse categorical: argmax equals the integer label; accumulates across batches until reset', () => {
    const m = new nn.SparseCategoricalAccuracy();
    m.update(
      tensor([2, 1]),
      tensor([
        [0.1, 0.6, 0.3],
        [0.05, 0.95, 0],
      ]),
    );
    m.update(tensor([0]), tensor([[0.9, 0.05, 0.05]]));
    expect(m.result()).toBeCloseTo(2 / 3, 12);
    m.reset();
    expect(m.result()).toBeNaN();
  });

  it("'accuracy' picks the variant Keras would", () => {
    const sparse = new nn.SparseCategoricalCrossentropy();
    expect(nn.getMetric('accuracy', { loss: sparse, outputWidth: 10 })).toBeInstanceOf(nn.SparseCategoricalAccuracy);
    expect(nn.getMetric('accuracy', { loss: new nn.BinaryCrossentropy(), outputWidth: 1 })).toBeInstanceOf(
      nn.BinaryAccuracy,
    );
    expect(nn.getMetric('acc', { loss: new nn.CategoricalCrossentropy(), outputWidth: 3 })).toBeInstanceOf(
      nn.CategoricalAccuracy,
    );
    expect(nn.getMetric('accuracy', { loss: nn.getLoss('mse'), outputWidth: 1 })).toBeInstanceOf(nn.BinaryAccuracy);
    expect(nn.getMetric('accuracy').name).toBe('accuracy');
  });
});

describe('precision and recall', () => {
  // targets 1 1 0 0 1, predictions above 0.5 at positions 0, 2, 4 → tp 2, fp 1, fn 1
  const y = tensor([[1], [1], [0], [0], [1]]);
  const p = tensor([[0.9], [0.2], [0.7], [0.1], [0.8]]);

  it('count weighted true/false positives and false negatives', () => {
    const precision = new nn.Precision();
    const recall = new nn.Recall();
    precision.update(y, p);
    recall.update(y, p);
    expect(precision.result()).toBeCloseTo(2 / 3, 12);
    expect(recall.result()).toBeCloseTo(2 / 3, 12);
    const strict = new nn.Precision({ threshold: 0.75 });
    strict.update(y, p);
    expect(strict.result()).toBe(1);
  });

  it('accept integer labels against a softmax output, optionally one class', () => {
    const labels = tensor([0, 1, 1]);
    const probs = tensor([
      [0.8, 0.2],
      [0.3, 0.7],
      [0.6, 0.4],
    ]);
    const r1 = new nn.Recall({ classId: 1 });
    r1.update(labels, probs);
    expect(r1.result()).toBe(0.5);
    const p0 = new nn.Precision({ classId: 0 });
    p0.update(labels, probs);
    expect(p0.result()).toBe(0.5);
  });
});

describe('AUC', () => {
  it("Keras' docstring example: 3 thresholds → 0.75", () => {
    const m = new nn.AUC({ numThresholds: 3 });
    m.update(tensor([0, 0, 1, 1]), tensor([0, 0.5, 0.3, 0.9]));
    expect(m.result()).toBeCloseTo(0.75, 12);
  });

  it('ROC AUC is close to the exact rank statistic and streams across batches', () => {
    const rng = new Random(3);
    const n = 400;
    const labels = Array.from({ length: n }, () => (rng.uniform() < 0.4 ? 1 : 0));
    const scores = labels.map((l) => Math.min(1, Math.max(0, 0.35 * l + 0.65 * rng.uniform())));
    let wins = 0;
    let pairs = 0;
    labels.forEach((li, i) => {
      if (li !== 1) return;
      labels.forEach((lj, j) => {
        if (lj !== 0) return;
        pairs++;
        wins += (scores[i] as number) > (scores[j] as number) ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      });
    });
    const whole = new nn.AUC({ numThresholds: 1000 });
    whole.update(tensor(labels), tensor(scores));
    expect(Math.abs(whole.result() - wins / pairs)).toBeLessThan(2e-3);
    const halves = new nn.AUC({ numThresholds: 1000 });
    halves.update(tensor(labels.slice(0, n / 2)), tensor(scores.slice(0, n / 2)));
    halves.update(tensor(labels.slice(n / 2)), tensor(scores.slice(n / 2)));
    expect(halves.result()).toBeCloseTo(whole.result(), 12);
  });

  it('PR AUC is 1 for a perfect ranking and near the positive rate for a useless one', () => {
    const perfect = new nn.AUC({ curve: 'PR' });
    perfect.update(tensor([0, 0, 1, 1]), tensor([0.1, 0.2, 0.8, 0.9]));
    expect(perfect.result()).toBeCloseTo(1, 6);
    const rng = new Random(5);
    const labels = Array.from({ length: 2000 }, () => (rng.uniform() < 0.3 ? 1 : 0));
    const useless = new nn.AUC({ curve: 'PR' });
    useless.update(tensor(labels), tensor(labels.map(() => rng.uniform())));
    expect(useless.result()).toBeGreaterThan(0.25);
    expect(useless.result()).toBeLessThan(0.35);
  });
});

describe('regression metrics and errors', () => {
  it('mse and mae average over the last axis, then over examples', () => {
    const mse = nn.getMetric('mse');
    const mae = nn.getMetric('mae');
    const y = tensor([
      [0, 1],
      [0, 0],
    ]);
    const p = tensor([
      [1, 1],
      [1, 0],
    ]);
    mse.update(y, p);
    mae.update(y, p);
    expect(mse.result()).toBe(0.5);
    expect(mae.result()).toBe(0.5);
  });

  it('names the metric and the shapes on a mismatch', () => {
    const m = new nn.CategoricalAccuracy();
    expect(() => m.update(tensor([1, 2]), tensor([[0.1, 0.9]]))).toThrow(
      'categoricalAccuracy: targets have shape [2] but predictions have shape [1, 2].',
    );
    expect(() => nn.getMetric('f1')).toThrow('getMetric: unknown metric "f1"');
  });

  it('metrics round-trip through serialize / getMetric', () => {
    for (const m of [
      new nn.AUC({ numThresholds: 50, curve: 'PR' }),
      new nn.Precision({ threshold: 0.3, classId: 2 }),
      new nn.BinaryAccuracy({ threshold: 0.7 }),
    ]) {
      expect(nn.getMetric(m.serialize()).getConfig()).toEqual(m.getConfig());
    }
  });

  it('weights rows by their example when outputs have a time axis', () => {
    const m = new nn.SparseCategoricalAccuracy();
    // 2 examples × 2 steps; example 0 all right, example 1 all wrong; weights 3 and 1
    m.update(
      new Tensor(Float32Array.of(0, 1, 0, 1), [2, 2]),
      tensor([
        [
          [1, 0],
          [0, 1],
        ],
        [
          [0, 1],
          [1, 0],
        ],
      ]),
      tensor([3, 1]),
    );
    expect(m.result()).toBe(0.75);
  });
});
