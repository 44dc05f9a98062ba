import { DummyClassifier } from '../../../src/estimators/dummy/DummyClassifier.js';
import { DummyRegressor } from '../../../src/estimators/dummy/DummyRegressor.js';
import { runConformance } from './conformance.js';

// The dummies ignore X's values (as scikit-learn's do), so NaN and width checks do not apply to them.
const dummy = { validatesX: false, checksFeatureCount: false, sparse: true } as const;

for (const strategy of ['prior', 'most_frequent', 'stratified', 'uniform'] as const) {
  runConformance({
    name: `DummyClassifier(${strategy})`,
    kind: 'classifier',
    make: () => new DummyClassifier({ strategy, seed: 3 }),
    ...dummy,
    // random strategies draw per predicted row, independent of the training order
  });
}
runConformance({
  name: 'DummyClassifier(constant)',
  kind: 'classifier',
  make: () => new DummyClassifier({ strategy: 'constant', constant: 1 }),
  ...dummy,
  stringLabels: false,
});
for (const strategy of ['mean', 'median'] as const) {
  runConformance({
    name: `DummyRegressor(${strategy})`,
    kind: 'regressor',
    make: () => new DummyRegressor({ strategy }),
    ...dummy,
  });
}
runConformance({
  name: 'DummyRegressor(quantile 0.3)',
  kind: 'regressor',
  make: () => new DummyRegressor({ strategy: 'quantile', quantile: 0.3 }),
  ...dummy,
});
