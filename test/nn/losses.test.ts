import { describe, expect, it } from 'vitest';
import { type Tensor, softmax, sigmoid, tensor } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';
import { gradCheck, leaf, randLeaf } from '../helpers/gradcheck.js';

/**
 * Losses: the worked examples of Keras' loss docstrings (keras/src/losses/losses.py), re-derived by hand in the
 * comments; numerical stability at extreme logits; gradients against finite differences.
 */

const t = (v: number[][]) => tensor(v, undefined, 'float64');
const yTrue = t([
  [0, 1],
  [0, 0],
]);
const yPred = t([
  [0.6, 0.4],
  [0.4, 0.6],
]);
const mean = (l: nn.Loss, a: Tensor, b: Tensor): number => l.compute(a, b).item();

describe('losses: known answers', () => {
  it('mean squared error: ((1)² + 0)/2 per row → 0.5', () => {
    expect(
      mean(
        nn.getLoss('mse'),
        yTrue,
        t([
          [1, 1],
          [1, 0],
        ]),
      ),
    ).toBeCloseTo(0.5, 12);
  });

  it('mean absolute error → 0.5', () => {
    expect(
      mean(
        nn.getLoss('mae'),
        yTrue,
        t([
          [1, 1],
          [1, 0],
        ]),
      ),
    ).toBeCloseTo(0.5, 12);
  });

  it('huber (δ = 1): rows (0.18 + 0.18)/2 and (0.08 + 0.18)/2 → 0.155', () => {
    expect(mean(new nn.Huber(), yTrue, yPred)).toBeCloseTo(0.155, 12);
  });

  it('binary cross-entropy: −(log 0.4 + log 0.4)/2 and −(log 0.6 + log 0.4)/2 → 0.81492', () => {
    const expected = (-(Math.log(0.4) + Math.log(0.4)) / 2 - (Math.log(0.6) + Math.log(0.4)) / 2) / 2;
    expect(mean(new nn.BinaryCrossentropy(), yTrue, yPred)).toBeCloseTo(expected, 6);
    expect(expected).toBeCloseTo(0.815, 3);
  });

  it('categorical cross-entropy: (−log 0.95 − log 0.1)/2 → 1.177', () => {
    const p = t([
      [0.05, 0.95, 0],
      [0.1, 0.8, 0.1],
    ]);
    const onehot = t([
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(mean(new nn.CategoricalCrossentropy(), onehot, p)).toBeCloseTo((-Math.log(0.95) - Math.log(0.1)) / 2, 6);
    expect(mean(new nn.SparseCategoricalCrossentropy(), tensor([1, 2], undefined, 'int32'), p)).toBeCloseTo(1.177, 3);
  });

  it('hinge: targets {0,1} become {−1,1}; rows (1.6 + 0.6)/2, (1.4 + 1.6)/2 → 1.3', () => {
    expect(mean(new nn.Hinge(), yTrue, yPred)).toBeCloseTo(1.3, 12);
  });

  it('squared hinge: rows (2.56 + 0.36)/2, (1.96 + 2.56)/2 → 1.86', () => {
    expect(mean(new nn.SquaredHinge(), yTrue, yPred)).toBeCloseTo(1.86, 12);
  });

  it('label smoothing moves ls of the mass to a uniform spread', () => {
    // targets [0, 1] smoothed by 0.2 over 2 classes → [0.1, 0.9]
    const l = new nn.CategoricalCrossentropy({ labelSmoothing: 0.2 });
    const p = t([[0.3, 0.7]]);
    expect(mean(l, t([[0, 1]]), p)).toBeCloseTo(-(0.1 * Math.log(0.3) + 0.9 * Math.log(0.7)), 12);
  });

  it('weights examples: Σ loss·w / number of values', () => {
    const l = nn.getLoss('mse');
    const w = tensor([1, 0], undefined, 'float64');
    expect(
      l
        .compute(
          yTrue,
          t([
            [1, 1],
            [1, 0],
          ]),
          w,
        )
        .item(),
    ).toBeCloseTo(0.25, 12);
  });
});

describe('losses: numerical stability', () => {
  it('binary cross-entropy from logits stays exact at ±1000', () => {
    const l = new nn.BinaryCrossentropy({ fromLogits: true });
    expect(mean(l, t([[1], [1]]), t([[1000], [-1000]]))).toBeCloseTo(500, 9);
  });

  it('categorical cross-entropy from logits stays exact at 1000', () => {
    const l = new nn.CategoricalCrossentropy({ fromLogits: true });
    expect(mean(l, t([[0, 1]]), t([[1000, 0]]))).toBeCloseTo(1000, 9);
  });

  it('uses the logits behind a softmax output instead of clipping log(0)', () => {
    const logits = t([[60, 0]]);
    const probs = nn.getActivation('softmax')(logits);
    // probs[1] = e^−60 underflows past the 1e-7 clip; the exact loss is 60
    expect(mean(new nn.CategoricalCrossentropy(), t([[0, 1]]), probs)).toBeCloseTo(60, 9);
    // a plain softmax (no recorded logits) is clipped: −log(1e-7) ≈ 16.12
    expect(mean(new nn.CategoricalCrossentropy(), t([[0, 1]]), softmax(logits))).toBeCloseTo(-Math.log(1e-7), 4);
  });

  it('uses the logits behind a sigmoid output', () => {
    const probs = nn.getActivation('sigmoid')(t([[-50]]));
    expect(mean(new nn.BinaryCrossentropy(), t([[1]]), probs)).toBeCloseTo(50, 9);
    expect(mean(new nn.BinaryCrossentropy(), t([[1]]), sigmoid(t([[-50]])))).toBeCloseTo(-Math.log(1e-7), 4);
  });
});

describe('losses: gradients', () => {
  const targets01 = leaf([0, 1, 1, 0, 1, 0], [3, 2]);
  const onehot = leaf([0, 1, 0, 1, 0, 0, 0, 0, 1], [3, 3]);
  const cases: [string, nn.Loss, Tensor, () => Tensor][] = [
    ['mse', nn.getLoss('mse'), targets01, () => randLeaf([3, 2], 1)],
    ['mae', nn.getLoss('mae'), targets01, () => randLeaf([3, 2], 2, 0.1, 0.9)],
    ['huber', new nn.Huber({ delta: 0.5 }), targets01, () => randLeaf([3, 2], 3, -0.2, 0.3)],
    ['binary from probabilities', new nn.BinaryCrossentropy(), targets01, () => randLeaf([3, 2], 4, 0.1, 0.9)],
    [
      'binary from logits',
      new nn.BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }),
      targets01,
      () => randLeaf([3, 2], 5, -3, 3),
    ],
    ['categorical from probabilities', new nn.CategoricalCrossentropy(), onehot, () => randLeaf([3, 3], 6, 0.1, 0.9)],
    [
      'categorical from logits',
      new nn.CategoricalCrossentropy({ fromLogits: true }),
      onehot,
      () => randLeaf([3, 3], 7, -3, 3),
    ],
    [
      'sparse categorical from logits',
      new nn.SparseCategoricalCrossentropy({ fromLogits: true }),
      tensor([1, 0, 2], undefined, 'int32'),
      () => randLeaf([3, 3], 8, -3, 3),
    ],
    ['hinge', new nn.Hinge(), targets01, () => randLeaf([3, 2], 9, -0.4, 0.4)],
    ['squared hinge', new nn.SquaredHinge(), targets01, () => randLeaf([3, 2], 10, -0.4, 0.4)],
  ];
  for (const [name, loss, target, pred] of cases) {
    it(`${name} matches finite differences`, () => gradCheck((p) => loss.compute(target, p), [pred()]));
  }
});

describe('losses: errors and resolution', () => {
  it('names the mismatch and suggests the sparse loss for integer labels', () => {
    expect(() =>
      new nn.CategoricalCrossentropy().compute(
        tensor([1, 0]),
        tensor([
          [0.5, 0.5],
          [0.2, 0.8],
        ]),
      ),
    ).toThrow(
      'categoricalCrossentropy: targets have shape [2] but predictions have shape [2, 2]; they must match (for integer class labels use sparseCategoricalCrossentropy).',
    );
  });

  it('rejects labels outside the predicted classes', () => {
    expect(() => new nn.SparseCategoricalCrossentropy().compute(tensor([3]), tensor([[0.5, 0.5]]))).toThrow(
      'sparseCategoricalCrossentropy: label 3 is outside [0, 2), the 2 classes the model predicts.',
    );
  });

  it('resolves camelCase and Keras snake_case names, and serialises for saving', () => {
    expect(nn.getLoss('categorical_crossentropy')).toBeInstanceOf(nn.CategoricalCrossentropy);
    const l = new nn.BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 });
    const copy = nn.getLoss(l.serialize()!);
    expect(copy.getConfig()).toEqual({ fromLogits: true, labelSmoothing: 0.1 });
    expect(() => nn.getLoss('kld')).toThrow('getLoss: unknown loss "kld"');
  });
});
