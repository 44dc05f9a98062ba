/**
 * The Keras wrappers through the estimator conformance suite. Not applicable, and switched off:
 * - row-order invariance: mini-batch training visits the rows in a (seeded) shuffled order, so permuting the
 *   training rows gives a different, equally valid model (as scikit-learn's MLP, which its suite also exempts);
 * - sparse input: the wrappers densify nothing and reject CsrMatrix (networks here take dense tensors).
 * Every other check applies, with a seed so that refitting is reproducible; the save/load check uses builders
 * registered by name (a builder function is saved as null: see keras.test.ts).
 */
import { KerasClassifier, KerasRegressor } from '../../../src/estimators/keras/index.js';
import { runConformance } from '../base/conformance.js';
import { blobs } from './helpers.js';

runConformance({
  name: 'KerasClassifier(softmax)',
  kind: 'classifier',
  make: () =>
    new KerasClassifier({ model: 'test-mlp-classifier', epochs: 3, batchSize: 16, learningRate: 0.02, seed: 7 }),
  rowOrderInvariant: false,
});

runConformance({
  name: 'KerasClassifier(sigmoid, binary)',
  kind: 'classifier',
  make: () =>
    new KerasClassifier({
      model: 'test-mlp-classifier',
      model__sigmoid: true,
      model__units: 4,
      epochs: 3,
      batchSize: 8,
      seed: 3,
    }),
  data: () => blobs(30, 2),
  rowOrderInvariant: false,
});

runConformance({
  name: 'KerasRegressor',
  kind: 'regressor',
  make: () =>
    new KerasRegressor({ model: 'test-mlp-regressor', epochs: 3, batchSize: 16, learningRate: 0.02, seed: 11 }),
  rowOrderInvariant: false,
});
