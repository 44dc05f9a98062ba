import { NuSVC } from '../../../src/estimators/svm/NuSVC.js';
import { NuSVR } from '../../../src/estimators/svm/NuSVR.js';
import { SVC } from '../../../src/estimators/svm/SVC.js';
import { SVR } from '../../../src/estimators/svm/SVR.js';
import { LinearSVC } from '../../../src/estimators/svm/linear/LinearSVC.js';
import { LinearSVR } from '../../../src/estimators/svm/linear/LinearSVR.js';
import { runConformance } from '../base/conformance.js';

// Solvers stop at a tolerance, and the path to the optimum depends on the row order: a tight tol makes the model
// independent of that order to well within the suite's tolerance. Sparse and dense input take different
// arithmetic (sparse and SIMD dot products), so they agree to rounding, not bit for bit.
const exact = { tol: 1e-10 };
const common = { sparse: true, tolerance: 1e-6 } as const;

runConformance({ name: 'SVC(rbf)', kind: 'classifier', make: () => new SVC({ ...exact }), ...common });
runConformance({
  name: 'SVC(linear, C=10)',
  kind: 'classifier',
  make: () => new SVC({ kernel: 'linear', C: 10, ...exact }),
  ...common,
});
runConformance({
  name: 'SVC(poly, ovo, balanced)',
  kind: 'classifier',
  make: () =>
    new SVC({ kernel: 'poly', degree: 2, coef0: 1, decisionFunctionShape: 'ovo', classWeight: 'balanced', ...exact }),
  ...common,
});
runConformance({
  name: 'SVC(sigmoid)',
  kind: 'classifier',
  make: () => new SVC({ kernel: 'sigmoid', gamma: 0.05, ...exact }),
  ...common,
});
// Platt scaling cross-validates on seeded folds drawn over the rows, so it depends on their order
runConformance({
  name: 'SVC(probability)',
  kind: 'classifier',
  make: () => new SVC({ probability: true, seed: 7, ...exact }),
  ...common,
  rowOrderInvariant: false,
});
runConformance({ name: 'NuSVC', kind: 'classifier', make: () => new NuSVC({ nu: 0.3, ...exact }), ...common });
runConformance({ name: 'SVR(rbf)', kind: 'regressor', make: () => new SVR({ C: 10, ...exact }), ...common });
runConformance({
  name: 'NuSVR(linear)',
  kind: 'regressor',
  make: () => new NuSVR({ kernel: 'linear', ...exact }),
  ...common,
});
runConformance({ name: 'LinearSVC', kind: 'classifier', make: () => new LinearSVC({ seed: 3, ...exact }), ...common });
runConformance({
  name: 'LinearSVC(hinge)',
  kind: 'classifier',
  make: () => new LinearSVC({ loss: 'hinge', seed: 3, ...exact, maxIter: 100000 }),
  ...common,
});
runConformance({
  name: 'LinearSVC(crammer_singer)',
  kind: 'classifier',
  make: () => new LinearSVC({ multiClass: 'crammer_singer', seed: 3, ...exact, maxIter: 100000 }),
  ...common,
});
runConformance({
  name: 'LinearSVC(l1)',
  kind: 'classifier',
  make: () => new LinearSVC({ penalty: 'l1', seed: 3, ...exact, maxIter: 100000 }),
  ...common,
});
runConformance({
  name: 'LinearSVR',
  kind: 'regressor',
  make: () => new LinearSVR({ seed: 3, epsilon: 0.1, ...exact, maxIter: 100000 }),
  ...common,
});
