/**
 * crossValidate({ nJobs }) running folds on worker threads: same scores as one thread for seeded models, fitted
 * models sent back, warnings and errors forwarded, and a warned fallback when the model cannot be sent.
 * Workers load the TypeScript sources through tsx here (about a second each), so the data sets stay small.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataError, SGDClassifier, captureWarnings, crossValidate } from '../../../src/index.js';
import { KerasClassifier } from '../../../src/estimators/keras/index.js';
import { KFold } from '../../../src/selection/KFold.js';
import { runFolds } from '../../../src/selection/parallelFolds.js';
import { blobs, mlpClassifier } from './helpers.js';

const helpers = fileURLToPath(new URL('./helpers.ts', import.meta.url));

describe('crossValidate with nJobs > 1', () => {
  it('gives a seeded Keras model the same scores and fitted models as one thread', () => {
    const { X, y } = blobs(240, 3);
    const clf = new KerasClassifier({ model: 'test-mlp-classifier', epochs: 6, batchSize: 16, seed: 4 });
    const opts = { cv: 6, returnTrainScore: true, returnEstimator: true, scoring: ['accuracy', 'neg_log_loss'] };
    const one = crossValidate(clf, X, y, opts);
    const { result: two, warnings } = captureWarnings(() =>
      crossValidate(clf, X, y, { ...opts, nJobs: 2, workerModules: [helpers] }),
    );
    expect(warnings).toEqual([]);
    expect(two.testScores).toEqual(one.testScores);
    expect(two.trainScores).toEqual(one.trainScores);
    expect(two.fitTime).toHaveLength(6);
    expect(two.estimators).toHaveLength(6);
    two.estimators?.forEach((est, i) => {
      expect(est).toBeInstanceOf(KerasClassifier);
      expect(Array.from(est.predictProba(X).data)).toEqual(Array.from(one.estimators?.[i]?.predictProba(X).data ?? []));
    });
  });

  it('computes folds on a worker thread exactly as in the calling thread', () => {
    const { X, y } = blobs(90, 3);
    const clf = new KerasClassifier({ model: 'test-mlp-classifier', epochs: 3, seed: 9 });
    const splits = new KFold({ nSplits: 3 }).split(X);
    const task = {
      model: clf,
      X,
      y,
      splits,
      scoring: 'accuracy',
      returnTrainScore: false,
      returnEstimator: true,
      errorScore: NaN,
      sampleWeight: undefined,
      workerModules: [helpers],
    };
    // The calling thread takes no fold, and fails the test if it has to run one.
    const outcomes = runFolds(
      task,
      2,
      () => {
        throw new Error('a fold ran in the calling thread');
      },
      { callerTakesFolds: false },
    );
    const one = crossValidate(clf, X, y, { cv: splits, scoring: 'accuracy', returnEstimator: true });
    expect(outcomes.map((o) => o.result.testScores.score)).toEqual(one.testScores.score);
    outcomes.forEach((o, i) =>
      expect((o.model as KerasClassifier).predict(X)).toEqual(one.estimators?.[i]?.predict(X)),
    );
  });

  it('runs built-in estimators without workerModules', () => {
    const { X, y } = blobs(300, 2, 4);
    const sgd = new SGDClassifier({ seed: 1, maxIter: 20, tol: null });
    const one = crossValidate(sgd, X, y, { cv: 5, scoring: 'accuracy' });
    const { result: two, warnings } = captureWarnings(() =>
      crossValidate(sgd, X, y, { cv: 5, scoring: 'accuracy', nJobs: -1 }),
    );
    expect(warnings).toEqual([]);
    expect(two.testScores).toEqual(one.testScores);
  });

  it('falls back to one thread, with a warning, for a model holding a function', () => {
    const { X, y } = blobs(60, 2);
    const clf = new KerasClassifier({ model: mlpClassifier, epochs: 2, seed: 0 });
    const one = crossValidate(clf, X, y, { cv: 3 });
    const { result: two, warnings } = captureWarnings(() => crossValidate(clf, X, y, { cv: 3, nJobs: 2 }));
    expect(two.testScores).toEqual(one.testScores);
    expect(warnings.map((w) => w.message)).toEqual([
      'crossValidate: folds run in the calling thread: KerasClassifier has a function-valued parameter, which cannot be sent to a worker (register it by name where the estimator allows, e.g. registerKerasModel).',
    ]);
  });

  it('forwards fit failures as warnings, and rethrows them typed with errorScore "raise"', () => {
    const { X, y } = blobs(60, 2);
    // Every training fold holds one class only, so every fit fails.
    const class0 = Int32Array.from(y.flatMap((c, i) => (c === 0 ? [i] : [])));
    const class1 = Int32Array.from(y.flatMap((c, i) => (c === 1 ? [i] : [])));
    const cv = [
      { train: class0, test: class1 },
      { train: class1, test: class0 },
      { train: class0, test: class1 },
    ];
    const clf = new KerasClassifier({ model: 'test-mlp-classifier', seed: 0 });
    const { result, warnings } = captureWarnings(() =>
      crossValidate(clf, X, y, { cv, nJobs: 2, workerModules: [helpers] }),
    );
    expect(result.testScores.score?.every(Number.isNaN)).toBe(true);
    expect(warnings.filter((w) => w.code === 'FitFailedWarning')).toHaveLength(3);
    expect(() => crossValidate(clf, X, y, { cv, nJobs: 2, errorScore: 'raise', workerModules: [helpers] })).toThrow(
      DataError,
    );
  });
});
