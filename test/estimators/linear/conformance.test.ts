import { ElasticNet } from '../../../src/estimators/linear/ElasticNet.js';
import { Lasso } from '../../../src/estimators/linear/Lasso.js';
import { LinearRegression } from '../../../src/estimators/linear/LinearRegression.js';
import { LogisticRegression } from '../../../src/estimators/linear/LogisticRegression.js';
import { Ridge } from '../../../src/estimators/linear/Ridge.js';
import { SGDClassifier } from '../../../src/estimators/linear/SGDClassifier.js';
import { SGDRegressor } from '../../../src/estimators/linear/SGDRegressor.js';
import { runConformance } from '../base/conformance.js';

// Every linear estimator through the shared estimator contract. SGD visits rows in (shuffled) order, so the row
// order of the training set changes its model: that check is off for it. Sparse and dense inputs are compared with
// interceptDecay 1 (scikit-learn's 'auto' decays sparse intercept steps by 0.01). FeatureHasher is not here: it
// reads strings and (name, value) pairs, not numeric matrices (test/estimators/linear/featureHasher.test.ts).
const sgd = { sparse: true, rowOrderInvariant: false, tolerance: 1e-7 } as const;

for (const loss of ['hinge', 'log_loss', 'modified_huber', 'squared_hinge', 'perceptron'] as const) {
  runConformance({
    name: `SGDClassifier(${loss})`,
    kind: 'classifier',
    make: () => new SGDClassifier({ loss, seed: 0, interceptDecay: 1 }),
    ...sgd,
  });
}
runConformance({
  name: 'SGDClassifier(log_loss, averaged, mini-batch 8, early stopping, balanced)',
  kind: 'classifier',
  make: () =>
    new SGDClassifier({
      loss: 'log_loss',
      average: true,
      batchSize: 8,
      earlyStopping: true,
      validationFraction: 0.25,
      classWeight: 'balanced',
      seed: 1,
      interceptDecay: 1,
    }),
  ...sgd,
});
for (const loss of ['squared_error', 'huber', 'epsilon_insensitive'] as const) {
  runConformance({
    name: `SGDRegressor(${loss})`,
    kind: 'regressor',
    make: () => new SGDRegressor({ loss, seed: 0, interceptDecay: 1, penalty: 'elasticnet' }),
    ...sgd,
    // L1 truncation touches every feature of a dense row but only the stored ones of a sparse row
    sparse: false,
  });
}
runConformance({
  name: 'SGDRegressor(squared_error, l2)',
  kind: 'regressor',
  make: () => new SGDRegressor({ seed: 0, interceptDecay: 1 }),
  ...sgd,
});

const exact = { sparse: true, tolerance: 1e-7 } as const;
runConformance({ name: 'LinearRegression(normal)', kind: 'regressor', make: () => new LinearRegression(), ...exact });
runConformance({
  name: 'LinearRegression(gd)',
  kind: 'regressor',
  make: () => new LinearRegression({ solver: 'gd', tol: 1e-10 }),
  ...exact,
});
runConformance({ name: 'Ridge(cholesky)', kind: 'regressor', make: () => new Ridge({ alpha: 0.5 }), ...exact });
runConformance({ name: 'Ridge(cg)', kind: 'regressor', make: () => new Ridge({ solver: 'cg', tol: 1e-12 }), ...exact });
runConformance({ name: 'Lasso', kind: 'regressor', make: () => new Lasso({ alpha: 0.05, tol: 1e-10 }), ...exact });
runConformance({
  name: 'ElasticNet(random selection)',
  kind: 'regressor',
  make: () => new ElasticNet({ alpha: 0.05, l1Ratio: 0.4, tol: 1e-10, selection: 'random', seed: 2 }),
  ...exact,
});
runConformance({
  name: 'LogisticRegression(l2, lbfgs)',
  kind: 'classifier',
  make: () => new LogisticRegression({ tol: 1e-10 }),
  ...exact,
});
runConformance({
  name: 'LogisticRegression(l1, fista)',
  kind: 'classifier',
  make: () => new LogisticRegression({ penalty: 'l1', C: 5, tol: 1e-10, maxIter: 20000 }),
  ...exact,
  tolerance: 1e-6,
});
runConformance({
  name: 'LogisticRegression(ovr, balanced)',
  kind: 'classifier',
  make: () => new LogisticRegression({ multiClass: 'ovr', classWeight: 'balanced', tol: 1e-10 }),
  ...exact,
});
