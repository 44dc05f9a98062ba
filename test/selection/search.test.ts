import { describe, expect, it } from 'vitest';
import { ConfigError, NotFittedError, ShapeError, captureWarnings } from '../../src/index.js';
import { DenseMatrix } from '../../src/estimators/base/DenseMatrix.js';
import { loadEstimator } from '../../src/estimators/base/persistence.js';
import { DummyClassifier } from '../../src/estimators/dummy/DummyClassifier.js';
import { DummyRegressor } from '../../src/estimators/dummy/DummyRegressor.js';
import { crossValidate, crossValScore } from '../../src/selection/crossValidate.js';
import { logUniform, randInt } from '../../src/selection/distributions.js';
import { GridSearchCV } from '../../src/selection/GridSearchCV.js';
import { KFold } from '../../src/selection/KFold.js';
import { learningCurve } from '../../src/selection/learningCurve.js';
import { parameterGrid } from '../../src/selection/parameterGrid.js';
import { RandomizedSearchCV } from '../../src/selection/RandomizedSearchCV.js';
import { getScorer, getScorerNames } from '../../src/selection/scorers.js';
import { validationCurve } from '../../src/selection/validationCurve.js';
import { Random } from '../../src/util/random.js';
import { loadGolden } from './golden.js';

interface ScorerResults {
  mean: number[];
  std: number[];
  rank: number[];
  split: number[][];
  meanTrain: number[];
}
interface SearchGolden {
  grid: Record<string, unknown[]>;
  scoring: string | string[];
  refit?: string;
  results: { params: Record<string, unknown>[] } & Record<string, ScorerResults>;
  bestParams: Record<string, unknown>;
  bestScore: number;
  bestIndex: number;
}
interface Golden {
  sklearn_version: string;
  parameterGrid: {
    grid: Record<string, unknown[]> | Record<string, unknown[]>[];
    candidates: Record<string, unknown>[];
  }[];
  data: { X: number[][]; yClass: number[]; yReg: number[]; folds: { train: number[]; test: number[] }[] };
  gridSearchRegressor: SearchGolden;
  gridSearchClassifier: SearchGolden;
  crossValidateRegressor: Record<string, number[]>;
  crossValidateClassifier: Record<string, number[]>;
  crossValidateDefaultCv: { test_score: number[] };
  learningCurve: { trainSizes: number[]; trainSizesAbs: number[]; trainScores: number[][]; testScores: number[][] };
  validationCurve: { paramRange: number[]; trainScores: number[][]; testScores: number[][] };
}
const golden = loadGolden<Golden>('selection.json');
const { X, yClass, yReg, folds } = golden.data;
const v = golden.sklearn_version;

/** Relative tolerance 1e-12 (absolute near zero), NaN equal to NaN. */
function expectClose(actual: number, expected: number, what: string): void {
  if (Number.isNaN(expected)) {
    expect(actual, what).toBeNaN();
    return;
  }
  if (!(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)))) {
    throw new Error(`${what}: received ${actual}, expected ${expected}`);
  }
}
const expectAllClose = (a: readonly number[], e: readonly number[], what: string): void => {
  expect(a.length, what).toBe(e.length);
  a.forEach((x, i) => expectClose(x, e[i] as number, `${what}[${i}]`));
};

describe('parameterGrid', () => {
  it(`lists combinations in scikit-learn ${v}'s order`, () => {
    for (const c of golden.parameterGrid) expect(parameterGrid(c.grid)).toEqual(c.candidates);
  });

  it('rejects scalars and empty lists, naming the parameter', () => {
    expect(() => parameterGrid({ a: 1 } as never)).toThrow(
      'parameterGrid: the grid of "a" must be an array of values; received 1. Wrap a single value in an array.',
    );
    expect(() => parameterGrid({ a: [] })).toThrow('parameterGrid: the grid of "a" is empty; give at least one value.');
  });
});

describe('crossValidate and crossValScore', () => {
  it(`match scikit-learn ${v} for regression scorers over fixed folds`, () => {
    const names = ['r2', 'neg_mean_squared_error', 'neg_root_mean_squared_error', 'max_error', 'explained_variance'];
    const r = crossValidate(new DummyRegressor({ strategy: 'median' }), X, yReg, {
      cv: folds,
      scoring: names,
      returnTrainScore: true,
    });
    for (const n of names) {
      expectAllClose(r.testScores[n] as number[], golden.crossValidateRegressor[`test_${n}`] as number[], `test ${n}`);
      expectAllClose(
        r.trainScores?.[n] as number[],
        golden.crossValidateRegressor[`train_${n}`] as number[],
        `train ${n}`,
      );
    }
    expect(r.fitTime).toHaveLength(5);
    for (const t of [...r.fitTime, ...r.scoreTime]) expect(t).toBeGreaterThanOrEqual(0);
  });

  it(`match scikit-learn ${v} for classification scorers (predict and proba)`, () => {
    const names = [
      'accuracy',
      'balanced_accuracy',
      'f1_macro',
      'f1_weighted',
      'precision_micro',
      'recall_macro',
      'neg_log_loss',
      'roc_auc_ovr',
      'matthews_corrcoef',
    ];
    const { result: r } = captureWarnings(() =>
      crossValidate(new DummyClassifier({ strategy: 'prior' }), X, yClass, { cv: folds, scoring: names }),
    );
    for (const n of names)
      expectAllClose(r.testScores[n] as number[], golden.crossValidateClassifier[`test_${n}`] as number[], n);
  });

  it(`cv = 5 on a classifier uses StratifiedKFold as scikit-learn ${v} does`, () => {
    const scores = crossValScore(new DummyClassifier(), X, yClass, { cv: 5, scoring: 'accuracy' });
    expectAllClose(scores, golden.crossValidateDefaultCv.test_score, 'accuracy');
  });

  it('returns fitted clones and leaves the given model untouched', () => {
    const model = new DummyRegressor();
    const r = crossValidate(model, X, yReg, { cv: 3, returnEstimator: true, returnIndices: true });
    expect(model.isFitted).toBe(false);
    expect(r.estimators).toHaveLength(3);
    for (const e of r.estimators ?? []) expect(e.isFitted).toBe(true);
    expect(r.indices?.map((s) => s.test.length)).toEqual([10, 10, 10]);
  });

  it('records errorScore with a FitFailedWarning, or rethrows with "raise"', () => {
    const bad = new DummyClassifier({ strategy: 'constant', constant: 'missing' });
    const { result, warnings } = captureWarnings(() => crossValScore(bad, X, yClass, { cv: 3 }));
    expect(result.every(Number.isNaN)).toBe(true);
    expect(warnings.map((w) => w.code)).toContain('FitFailedWarning');
    expect(() => crossValScore(bad, X, yClass, { cv: 3, errorScore: 'raise' })).toThrow(
      'DummyClassifier.fit: the constant "missing" is not among the training labels [0, 1, 2].',
    );
  });

  it('rejects unknown scorers, options and mismatched lengths with typed errors', () => {
    expect(() => crossValScore(new DummyRegressor(), X, yReg, { scoring: 'r3' })).toThrow(ConfigError);
    expect(() => crossValScore(new DummyRegressor(), X, yReg, { scoring: 'r3' })).toThrow(
      /^getScorer: unknown scorer "r3"\. Did you mean "r2"\? Valid scorers are /,
    );
    expect(() => crossValidate(new DummyRegressor(), X, yReg, { folds: 3 } as never)).toThrow(
      'crossValidate: unknown option "folds".',
    );
    expect(() => crossValidate(new DummyRegressor(), X, yReg.slice(2))).toThrow(ShapeError);
    expect(() => crossValidate(new DummyRegressor(), X, yReg, { cv: 1 })).toThrow(
      'crossValidate: "cv" must be an integer in [2, Infinity), a splitter (KFold, …), an array of {train, test} splits, or null; received 1.',
    );
  });

  it('knows scikit-learn 1.2 scorer names', () => {
    for (const name of [
      'accuracy',
      'f1_macro',
      'roc_auc',
      'neg_log_loss',
      'neg_mean_squared_error',
      'r2',
      'neg_root_mean_squared_error',
    ]) {
      expect(getScorerNames()).toContain(name);
      expect(typeof getScorer(name)).toBe('function');
    }
  });
});

function checkSearch(search: GridSearchCV, g: SearchGolden, names: string[]): void {
  const r = search.cvResults;
  expect(r.params).toEqual(g.results.params);
  for (const [name, key] of names.map((n) => [n, names.length === 1 ? 'score' : n] as const)) {
    const e = g.results[name === 'score' ? 'score' : name] as ScorerResults;
    expectAllClose(r.meanTestScore[key] as number[], e.mean, `${name} mean`);
    expectAllClose(r.stdTestScore[key] as number[], e.std, `${name} std`);
    expect(r.rankTestScore[key]).toEqual(e.rank);
    r.splitTestScores[key]?.forEach((row, c) => expectAllClose(row, e.split[c] as number[], `${name} split ${c}`));
    expectAllClose(r.meanTrainScore?.[key] as number[], e.meanTrain, `${name} train mean`);
  }
  expect(search.bestParams).toEqual(g.bestParams);
  expect(search.bestIndex).toBe(g.bestIndex);
  expectClose(search.bestScore, g.bestScore, 'bestScore');
}

describe('GridSearchCV', () => {
  it(`reproduces scikit-learn ${v}'s cv_results_ for a regressor grid`, () => {
    const g = golden.gridSearchRegressor;
    const search = new GridSearchCV({
      estimator: new DummyRegressor(),
      paramGrid: g.grid,
      cv: folds,
      scoring: g.scoring,
      returnTrainScore: true,
    });
    checkSearch(search.fit(X, yReg), g, ['score']);
  });

  it(`reproduces scikit-learn ${v}'s multi-metric results and refit choice`, () => {
    const g = golden.gridSearchClassifier;
    const search = new GridSearchCV({
      estimator: new DummyClassifier(),
      paramGrid: g.grid,
      cv: folds,
      scoring: g.scoring,
      refit: g.refit,
      returnTrainScore: true,
    });
    captureWarnings(() => search.fit(X, yClass));
    checkSearch(search, g, g.scoring as string[]);
  });

  it('picks the known best parameter on a constructed problem and refits it', () => {
    // y is always 7 plus noise: the 'constant' strategy at 7 beats every other setting
    const rng = new Random(3);
    const Xc = Array.from({ length: 60 }, () => [rng.normal()]);
    const yc = Xc.map(() => 7 + 0.01 * rng.normal());
    const search = new GridSearchCV({
      estimator: new DummyRegressor({ strategy: 'constant', constant: 0 }),
      paramGrid: { constant: [-3, 0, 5, 7, 10] },
      cv: new KFold({ nSplits: 4, shuffle: true, seed: 1 }),
      scoring: 'neg_mean_absolute_error',
    }).fit(Xc, yc);
    expect(search.bestParams).toEqual({ constant: 7 });
    expect(search.cvResults.rankTestScore.score).toEqual([5, 4, 2, 1, 3]); // mean errors ≈ 10, 7, 2, 0, 3
    expect(Array.from(search.predict([[0], [1]]) as Float64Array)).toEqual([7, 7]);
    expect(search.bestEstimator.getParams().constant).toBe(7);
    expect(search.score(Xc, yc)).toBeGreaterThan(-0.02);
  });

  it('tunes Pipeline steps by step__param names', async () => {
    const { Pipeline } = await import('../../src/preprocessing/Pipeline.js');
    const { StandardScaler } = await import('../../src/preprocessing/StandardScaler.js');
    const pipe = new Pipeline({
      steps: [
        ['scale', new StandardScaler()],
        ['reg', new DummyRegressor()],
      ],
    });
    const search = new GridSearchCV({
      estimator: pipe,
      paramGrid: { reg__strategy: ['mean', 'median'], scale__withMean: [true, false] },
      cv: folds,
      scoring: 'neg_mean_absolute_error',
    }).fit(X, yReg);
    expect(search.cvResults.params).toHaveLength(4);
    expect(Object.keys(search.bestParams).sort()).toEqual(['reg__strategy', 'scale__withMean']);
    expect(pipe.isFitted).toBe(false);
  });

  it('saves and loads with identical predictions and results', () => {
    const search = new GridSearchCV({
      estimator: new DummyRegressor(),
      paramGrid: { strategy: ['mean', 'median'] },
      cv: 3,
    }).fit(X, yReg);
    const loaded = loadEstimator(JSON.stringify(search.toJSON())) as GridSearchCV;
    expect(loaded.cvResults.meanTestScore).toEqual(search.cvResults.meanTestScore);
    expect(loaded.bestParams).toEqual(search.bestParams);
    expect(Array.from(loaded.predict(X) as Float64Array)).toEqual(Array.from(search.predict(X) as Float64Array));
  });

  it('is an estimator: unfitted access throws, bad options throw, clone is unfitted', () => {
    const search = new GridSearchCV({ estimator: new DummyRegressor(), paramGrid: { strategy: ['mean'] } });
    expect(() => search.bestParams).toThrow(NotFittedError);
    expect(() => search.bestParams).toThrow(
      'GridSearchCV: this instance is not fitted yet; call fit() before bestParams.',
    );
    expect(() =>
      new GridSearchCV({ estimator: new DummyRegressor(), paramGrid: { strategy: 'mean' } } as never).fit(X, yReg),
    ).toThrow(
      'GridSearchCV: the grid of "strategy" must be an array of values; received "mean". Wrap a single value in an array.',
    );
    expect(() => new GridSearchCV({ paramGrid: {} } as never)).toThrow(
      'GridSearchCV: "estimator" must be an estimator (an object with fit, clone, getParams and setParams); received undefined.',
    );
    expect(() =>
      new GridSearchCV({ estimator: new DummyRegressor(), paramGrid: {}, scoring: ['r2', 'max_error'] }).fit(X, yReg),
    ).toThrow(
      'GridSearchCV.fit: with several scorers, "refit" must name the one that picks the best (one of "r2", "max_error") or be false.',
    );
    const fitted = new GridSearchCV({ estimator: new DummyRegressor(), paramGrid: { strategy: ['mean'] }, cv: 2 }).fit(
      X,
      yReg,
    );
    expect(fitted.clone().isFitted).toBe(false);
    expect(fitted.getParams().estimator__strategy).toBe('mean');
  });
});

describe('RandomizedSearchCV', () => {
  it('samples lists without replacement and distributions with the seed', () => {
    const lists = new RandomizedSearchCV({
      estimator: new DummyRegressor(),
      paramDistributions: { strategy: ['mean', 'median', 'quantile'], quantile: [0.2, 0.8] },
      nIter: 6,
      seed: 0,
      cv: 3,
    }).fit(X, yReg);
    const seen = lists.cvResults.params.map((p) => JSON.stringify(p));
    expect(new Set(seen).size).toBe(6);
    const dist = (seed: number): Record<string, unknown>[] =>
      new RandomizedSearchCV({
        estimator: new DummyRegressor({ strategy: 'quantile', quantile: 0.5 }),
        paramDistributions: { quantile: { distribution: 'uniform', loc: 0.1, scale: 0.8 } },
        nIter: 4,
        seed,
        cv: 3,
      }).fit(X, yReg).cvResults.params;
    expect(dist(5)).toEqual(dist(5));
    expect(dist(5)).not.toEqual(dist(6));
    for (const p of dist(5)) expect((p.quantile as number) >= 0.1 && (p.quantile as number) <= 0.9).toBe(true);
    expect(logUniform(1e-3, 1)).toEqual({ distribution: 'loguniform', low: 1e-3, high: 1 });
    expect(randInt(1, 5).distribution).toBe('randint');
  });

  it('warns and runs the whole grid when it is smaller than nIter', () => {
    const { result, warnings } = captureWarnings(() =>
      new RandomizedSearchCV({
        estimator: new DummyRegressor(),
        paramDistributions: { strategy: ['mean', 'median'] },
        nIter: 5,
        seed: 1,
        cv: 2,
      }).fit(X, yReg),
    );
    expect(result.cvResults.params).toHaveLength(2);
    expect(warnings[0]?.message).toBe(
      'RandomizedSearchCV: the grid has only 2 settings, fewer than nIter = 5; running 2. For exhaustive searches use GridSearchCV.',
    );
  });
});

describe('learningCurve and validationCurve', () => {
  it(`learningCurve matches scikit-learn ${v}`, () => {
    const g = golden.learningCurve;
    const r = learningCurve(new DummyRegressor(), X, yReg, { cv: folds, trainSizes: g.trainSizes, scoring: 'r2' });
    expect(r.trainSizesAbs).toEqual(g.trainSizesAbs);
    r.trainScores.forEach((row, k) => expectAllClose(row, g.trainScores[k] as number[], `train ${k}`));
    r.testScores.forEach((row, k) => expectAllClose(row, g.testScores[k] as number[], `test ${k}`));
  });

  it(`validationCurve matches scikit-learn ${v}`, () => {
    const g = golden.validationCurve;
    const r = validationCurve(new DummyRegressor({ strategy: 'quantile', quantile: 0.5 }), X, yReg, {
      paramName: 'quantile',
      paramRange: g.paramRange,
      cv: folds,
      scoring: 'neg_mean_squared_error',
    });
    r.trainScores.forEach((row, k) => expectAllClose(row, g.trainScores[k] as number[], `train ${k}`));
    r.testScores.forEach((row, k) => expectAllClose(row, g.testScores[k] as number[], `test ${k}`));
  });

  it('validationCurve rejects a parameter the model lacks', () => {
    expect(() => validationCurve(new DummyRegressor(), X, yReg, { paramName: 'alpha', paramRange: [1] })).toThrow(
      'validationCurve: "alpha" is not a parameter of DummyRegressor; it has "constant", "quantile", "strategy".',
    );
  });

  it('learningCurve rejects fractions outside (0, 1] and takes DenseMatrix input', () => {
    expect(() => learningCurve(new DummyRegressor(), X, yReg, { trainSizes: [0.5, 1.5] })).toThrow(
      'learningCurve: trainSizes were read as fractions of the largest training set and must lie in (0, 1]; received [0.5, 1.5].',
    );
    const r = learningCurve(new DummyRegressor(), DenseMatrix.fromRows(X), yReg, {
      cv: 3,
      trainSizes: [5, 10],
      shuffle: true,
      seed: 2,
    });
    expect(r.trainSizesAbs).toEqual([5, 10]);
    expect(r.testScores[0]).toHaveLength(3);
  });
});
