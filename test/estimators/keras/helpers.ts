/** Tiny Dense models and seeded data sets for the Keras wrapper tests. */
import { Dense, Random, Sequential } from '../../../src/index.js';
import {
  type KerasBuildParams,
  type KerasModelBuilder,
  registerKerasModel,
} from '../../../src/estimators/keras/index.js';

/** One hidden ReLU layer of `units` (default 8), softmax over the classes (or 1 sigmoid unit with `sigmoid`). */
export const mlpClassifier: KerasModelBuilder = (p: KerasBuildParams) =>
  new Sequential({
    layers: [
      new Dense({ units: (p.units as number | undefined) ?? 8, activation: 'relu', inputShape: [p.nFeaturesIn] }),
      p.sigmoid === true
        ? new Dense({ units: 1, activation: 'sigmoid' })
        : new Dense({ units: p.nOutputs, activation: 'softmax' }),
    ],
  });

/** One hidden tanh layer of `units` (default 8) and one linear output. */
export const mlpRegressor: KerasModelBuilder = (p: KerasBuildParams) =>
  new Sequential({
    layers: [
      new Dense({ units: (p.units as number | undefined) ?? 8, activation: 'tanh', inputShape: [p.nFeaturesIn] }),
      new Dense({ units: 1 }),
    ],
  });

registerKerasModel('test-mlp-classifier', mlpClassifier);
registerKerasModel('test-mlp-regressor', mlpRegressor);

/** `n` rows of `d` features in `k` Gaussian blobs 3 apart along feature c mod d; labels 0..k-1. */
export function blobs(n: number, k: number, d = 3, seed = 1): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % k;
    X.push(Array.from({ length: d }, (_, j) => rng.normal() * 0.7 + (j === c % d ? 3 * (c < d ? 1 : -1) : 0)));
    y.push(c);
  }
  return { X, y };
}

/** `n` rows of `d` features; y = 2·x0 − x1 + 0.5 + noise (only the first two features matter). */
export function linear(n: number, d = 3, seed = 2): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: d }, () => rng.normal());
    X.push(row);
    y.push(2 * (row[0] as number) - (row[1] as number) + 0.5 + 0.05 * rng.normal());
  }
  return { X, y };
}
