/** The Keras wrappers with the model-selection tools of src/selection: they behave as any lsml estimator. */
import { describe, expect, it } from 'vitest';
import {
  GridSearchCV,
  KFold,
  RandomizedSearchCV,
  crossValScore,
  crossValidate,
  learningCurve,
  loadEstimator,
  permutationImportance,
  validationCurve,
} from '../../../src/index.js';
import { KerasClassifier, KerasRegressor } from '../../../src/estimators/keras/index.js';
import { blobs, linear, mlpClassifier } from './helpers.js';

const clfOptions = { model: mlpClassifier, epochs: 8, batchSize: 16, learningRate: 0.02, seed: 0 } as const;

describe('Keras wrappers in model selection', () => {
  it('crossValidate scores every fold with several metrics and train scores; crossValScore agrees', () => {
    const { X, y } = blobs(150, 3);
    const clf = new KerasClassifier(clfOptions);
    const r = crossValidate(clf, X, y, { cv: 3, scoring: ['accuracy', 'neg_log_loss'], returnTrainScore: true });
    expect(r.testScores.accuracy).toHaveLength(3);
    for (const s of r.testScores.accuracy as number[]) expect(s).toBeGreaterThan(0.85);
    for (const s of r.testScores.neg_log_loss as number[]) expect(s).toBeLessThan(0);
    expect(r.trainScores?.accuracy).toHaveLength(3);
    expect(r.fitTime.every((t) => t > 0)).toBe(true);
    expect(clf.isFitted).toBe(false);
    const scores = crossValScore(clf, X, y, { cv: 3, scoring: 'accuracy' });
    expect(scores).toEqual(r.testScores.accuracy);
  });

  it('crossValScore of a regressor uses R² by default', () => {
    const { X, y } = linear(120);
    const reg = new KerasRegressor({ ...clfOptions, model: 'test-mlp-regressor', epochs: 30 });
    const scores = crossValScore(reg, X, y, { cv: new KFold({ nSplits: 3, shuffle: true, seed: 1 }) });
    expect(scores).toHaveLength(3);
    for (const s of scores) expect(s).toBeGreaterThan(0.8);
  });

  it('GridSearchCV searches builder units and the learning rate and refits the best', () => {
    const { X, y } = blobs(120, 3);
    const search = new GridSearchCV({
      estimator: new KerasClassifier({ ...clfOptions, epochs: 4 }),
      paramGrid: { model__units: [1, 8], learningRate: [0.0001, 0.03] },
      cv: 3,
    });
    search.fit(X, y);
    expect(search.cvResults.params).toEqual([
      { learningRate: 0.0001, model__units: 1 },
      { learningRate: 0.0001, model__units: 8 },
      { learningRate: 0.03, model__units: 1 },
      { learningRate: 0.03, model__units: 8 },
    ]);
    // A hidden layer of 8 units with a usable learning rate beats 1 unit and a learning rate too small to move.
    expect(search.bestParams).toEqual({ learningRate: 0.03, model__units: 8 });
    const best = search.bestEstimator as KerasClassifier;
    expect(best.getParams().modelParams).toEqual({ units: 8 });
    expect(best.kerasModel.layers.map((l) => (l as unknown as { units: number }).units)).toEqual([8, 3]);
    expect(search.score(X, y)).toBeGreaterThan(0.9);
    // The search saves and loads whole when the builder is registered by name.
    const named = new GridSearchCV({
      estimator: new KerasClassifier({ ...clfOptions, model: 'test-mlp-classifier', epochs: 2 }),
      paramGrid: { model__units: [2, 4] },
      cv: 2,
    }).fit(X, y);
    const loaded = loadEstimator(JSON.stringify(named.toJSON())) as GridSearchCV;
    expect(loaded.predict(X)).toEqual(named.predict(X));
  });

  it('RandomizedSearchCV samples builder parameters', () => {
    const { X, y } = blobs(60, 2);
    const search = new RandomizedSearchCV({
      estimator: new KerasClassifier({ ...clfOptions, epochs: 2 }),
      paramDistributions: { model__units: [2, 3, 4, 5] },
      nIter: 2,
      cv: 2,
      seed: 3,
    }).fit(X, y);
    expect(search.cvResults.params).toHaveLength(2);
    for (const p of search.cvResults.params) expect([2, 3, 4, 5]).toContain(p.model__units);
  });

  it('learningCurve and validationCurve run over training sizes and a builder parameter', () => {
    const { X, y } = blobs(120, 3);
    const clf = new KerasClassifier({ ...clfOptions, epochs: 4 });
    const lc = learningCurve(clf, X, y, { cv: 3, trainSizes: [0.3, 1.0] });
    expect(lc.trainSizesAbs).toEqual([24, 80]);
    expect(lc.testScores).toHaveLength(2);
    expect(lc.testScores[1]).toHaveLength(3);
    const vc = validationCurve(new KerasClassifier({ ...clfOptions, modelParams: { units: 4 } }), X, y, {
      paramName: 'model__units',
      paramRange: [1, 8],
      cv: 3,
    });
    expect(vc.testScores).toHaveLength(2);
    const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(vc.testScores[1] as number[])).toBeGreaterThan(mean(vc.testScores[0] as number[]));
  });

  it('permutationImportance finds the features a Keras regressor relies on', () => {
    const { X, y } = linear(150, 3);
    const reg = new KerasRegressor({ ...clfOptions, model: 'test-mlp-regressor', epochs: 30 }).fit(X, y);
    const r = permutationImportance(reg, X, y, { nRepeats: 3, seed: 0 });
    const [a, b, c] = Array.from(r.importancesMean);
    // y = 2·x0 − x1 + noise: x0 matters most, x1 next, x2 not at all.
    expect(a as number).toBeGreaterThan(b as number);
    expect(b as number).toBeGreaterThan(0.1);
    expect(Math.abs(c as number)).toBeLessThan(0.05);
  });
});
