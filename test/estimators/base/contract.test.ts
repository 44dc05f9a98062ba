import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  CsrMatrix,
  DataError,
  NotFittedError,
  ShapeError,
  Tensor,
  ValueError,
} from '../../../src/index.js';
import { BaseEstimator } from '../../../src/estimators/base/BaseEstimator.js';
import { checkMatrix } from '../../../src/estimators/base/checkMatrix.js';
import { DenseMatrix } from '../../../src/estimators/base/DenseMatrix.js';
import { checkSampleWeight, encodeLabels } from '../../../src/estimators/base/labels.js';
import { type MatrixLike, takeRows } from '../../../src/estimators/base/matrixLike.js';
import { resolveParams } from '../../../src/estimators/base/params.js';
import { decodeValue, encodeValue, loadEstimator } from '../../../src/estimators/base/persistence.js';
import { medianSorted, percentileSorted, weightedPercentile } from '../../../src/estimators/base/quantile.js';
import { anyOf, bool, instanceOf, integer, nullable, oneOf, range } from '../../../src/estimators/base/validators.js';
import { DummyClassifier } from '../../../src/estimators/dummy/DummyClassifier.js';
import { DummyRegressor } from '../../../src/estimators/dummy/DummyRegressor.js';
import { loadGolden } from '../../selection/golden.js';

describe('validators describe their constraint', () => {
  it('for messages of the form "x" must be …', () => {
    expect(range(0, Infinity, '[)').description).toBe('a number in [0, Infinity)');
    expect(range(0, 1, '(]').description).toBe('a number in (0, 1]');
    expect(integer(1).description).toBe('an integer in [1, Infinity)');
    expect(integer().description).toBe('an integer');
    expect(oneOf('hinge', 'log_loss').description).toBe('one of "hinge", "log_loss"');
    expect(nullable(bool).description).toBe('a boolean or null');
    expect(anyOf(integer(1), range(0, 1, '()')).description).toBe('an integer in [1, Infinity) or a number in (0, 1)');
    expect(instanceOf(CsrMatrix).description).toBe('an instance of CsrMatrix');
  });

  it('and check values', () => {
    expect(range(0, 1, '[)').check(1)).toBe(false);
    expect(range(0, 1).check(NaN)).toBe(false);
    expect(integer(0, 3).check(2.5)).toBe(false);
    expect(oneOf('a').check('b')).toBe(false);
    expect(instanceOf(CsrMatrix).check(CsrMatrix.fromDense([[1]]))).toBe(true);
  });
});

describe('resolveParams', () => {
  const spec = { alpha: range(0, Infinity, '[)'), loss: oneOf('hinge', 'log_loss') };
  const defaults = { alpha: 1e-4, loss: 'hinge' };

  it('fills defaults and rejects bad values with the STYLE.md message', () => {
    expect(resolveParams('SGDClassifier', spec, defaults, { loss: 'log_loss' })).toEqual({
      alpha: 1e-4,
      loss: 'log_loss',
    });
    expect(() => resolveParams('SGDClassifier', spec, defaults, { alpha: -1 })).toThrow(ConfigError);
    expect(() => resolveParams('SGDClassifier', spec, defaults, { alpha: -1 })).toThrow(
      'SGDClassifier: "alpha" must be a number in [0, Infinity); received -1.',
    );
  });

  it('names an unknown option, suggests the closest, and lists the valid ones', () => {
    expect(() => resolveParams('SGDClassifier', spec, defaults, { alfa: 1 })).toThrow(
      'SGDClassifier: unknown option "alfa". Did you mean "alpha"? Valid options are "alpha", "loss".',
    );
    expect(() => resolveParams('SGDClassifier', spec, defaults, { penaltyTerm: 1 })).toThrow(
      'SGDClassifier: unknown option "penaltyTerm". Valid options are "alpha", "loss".',
    );
  });
});

describe('checkMatrix', () => {
  const where = 'Model.fit';
  it('accepts rows, DenseMatrix, plain {rows, cols, data}, tensors and tables alike', () => {
    const forms: MatrixLike[] = [
      [
        [1, 2],
        [3, 4],
      ],
      new DenseMatrix(2, 2, Float64Array.from([1, 2, 3, 4])),
      { rows: 2, cols: 2, data: Float32Array.from([1, 2, 3, 4]) },
      new Tensor(Float64Array.from([1, 2, 3, 4]), [2, 2]),
      new Tensor(Int32Array.from([1, 2, 3, 4]), [2, 2]),
      { a: [1, 3], b: Float64Array.from([2, 4]) },
    ];
    for (const f of forms) expect(Array.from((checkMatrix(f, { where }) as DenseMatrix).data)).toEqual([1, 2, 3, 4]);
  });

  it('names the row and column of bad cells, with typed errors', () => {
    expect(() => checkMatrix([[1, 2], [3]], { where })).toThrow(DataError);
    expect(() => checkMatrix([[1, 2], [3]], { where })).toThrow(
      'Model.fit: X row 1 has 1 values; expected 2 like row 0 (ragged rows are not allowed).',
    );
    expect(() => checkMatrix([[1, NaN]], { where })).toThrow(
      'Model.fit: X contains NaN at row 0, column 1; remove or impute missing values first (see SimpleImputer).',
    );
    expect(() => checkMatrix([[1], [-Infinity]], { where })).toThrow(
      'Model.fit: X contains -Infinity at row 1, column 0; remove or clip infinite values first.',
    );
    expect(() => checkMatrix([[1, 'a']] as never, { where })).toThrow(
      'Model.fit: X contains a non-numeric value "a" at row 0, column 1; encode categorical columns first (see OneHotEncoder, OrdinalEncoder).',
    );
    expect(() =>
      checkMatrix(
        CsrMatrix.fromDense([
          [0, 1],
          [NaN, 0],
        ]),
        { where, acceptSparse: true },
      ),
    ).toThrow('X contains NaN at row 1, column 0');
    expect(() => checkMatrix([], { where })).toThrow('Model.fit: X has 0 rows; at least 1 is required.');
    expect(() => checkMatrix(new Tensor(new Float64Array(8), [2, 2, 2]), { where })).toThrow(ShapeError);
    expect(() => checkMatrix('abc' as never, { where })).toThrow(
      'Model.fit: X must be an array of rows, a DenseMatrix, a CsrMatrix, a rank-2 Tensor or a column table; received string.',
    );
    expect(() => checkMatrix([[1, 2]], { where, nFeatures: 3 })).toThrow(
      'Model.fit: X has 2 features, but the estimator was fitted with 3 features.',
    );
  });

  it('lets NaN through for imputers when asked, and null becomes NaN', () => {
    const m = checkMatrix([[null, 1]], { where, allowNaN: true }) as DenseMatrix;
    expect(m.get(0, 0)).toBeNaN();
  });
});

describe('labels and weights', () => {
  it('encodes labels against sorted classes (numbers numerically, strings by code unit)', () => {
    expect(encodeLabels([10, 2, 10, -1], 'f')).toEqual({
      classes: [-1, 2, 10],
      indices: Int32Array.from([2, 1, 2, 0]),
    });
    expect(encodeLabels(['b', 'B', 'a'], 'f').classes).toEqual(['B', 'a', 'b']);
  });

  it('rejects NaN, mixed kinds and count mismatches', () => {
    expect(() => encodeLabels([1, NaN], 'M.fit')).toThrow('M.fit: y contains NaN at index 1; labels must be finite.');
    expect(() => encodeLabels([1, 'a'], 'M.fit')).toThrow(
      'M.fit: y mixes numbers and strings (index 1 is a string, earlier labels are numbers); use one kind.',
    );
    expect(() => encodeLabels([1, 2], 'M.fit', 3)).toThrow(ShapeError);
    expect(() => checkSampleWeight([1, -1], 2, 'M.fit')).toThrow(ValueError);
    expect(() => checkSampleWeight([1, -1], 2, 'M.fit')).toThrow(
      'M.fit: sampleWeight must hold finite numbers >= 0; received -1 at index 1.',
    );
  });
});

describe('takeRows keeps the input form', () => {
  it('for every form', () => {
    const csr = takeRows(
      CsrMatrix.fromDense([
        [1, 0],
        [0, 2],
        [3, 0],
      ]),
      [2, 0],
    );
    expect(Array.from(csr.toDense())).toEqual([3, 0, 1, 0]);
    expect(takeRows({ a: [1, 2, 3], b: Int32Array.from([4, 5, 6]) }, [1])).toEqual({ a: [2], b: Int32Array.from([5]) });
    expect(() => takeRows([[1]], [1])).toThrow('takeRows: index 1 at position 0 is outside [0, 1).');
  });
});

describe('quantiles', () => {
  it("follow numpy's linear interpolation and scikit-learn's lower weighted percentile", () => {
    // numpy.percentile([1, 2, 3, 4], 25) == 1.75 (numpy documentation, method='linear')
    expect(percentileSorted([1, 2, 3, 4], 25)).toBe(1.75);
    expect(medianSorted([1, 2, 3, 4])).toBe(2.5);
    expect(weightedPercentile([3, 1, 2], [1, 1, 1], 50)).toBe(2);
    expect(weightedPercentile([1, 2, 3], [0, 1, 1], 0)).toBe(2); // leading zero weights skipped at 0
  });
});

describe('save and load', () => {
  it('encodes typed arrays, non-finite numbers, -0, Maps and matrices losslessly', () => {
    const value = {
      a: Float32Array.from([1.5, NaN, -Infinity]),
      b: [NaN, -0, Infinity, 1e-310],
      c: new Map<string, number>([['k', 1]]),
      d: new DenseMatrix(1, 2, Float64Array.from([1, 2])),
      e: CsrMatrix.fromDense([[0, 5]]),
      $weird: undefined,
    };
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(value)))) as typeof value;
    expect(back.a).toEqual(value.a);
    expect(Object.is(back.b[1], -0)).toBe(true);
    expect(back.b).toEqual(value.b);
    expect(back.c.get('k')).toBe(1);
    expect(back.d).toEqual(value.d);
    expect(back.e.toDense()).toEqual(value.e.toDense());
    expect('$weird' in back).toBe(true);
  });

  it('refuses functions and unknown classes with ConfigErrors', () => {
    expect(() => encodeValue({ f: () => 1 }, 'params')).toThrow(
      'Cannot save params.f: it is a function, which JSON cannot hold; use a named alternative.',
    );
    expect(() =>
      loadEstimator({ format: 'lsml-estimator', version: 1, className: 'Nope', params: {}, state: null }),
    ).toThrow(/^loadEstimator: unknown estimator class "Nope"; import the module that defines it\. Registered: /);
    const json = new DummyRegressor().toJSON();
    expect(() => DummyClassifier.fromJSON(json)).toThrow(
      'DummyClassifier.fromJSON: the JSON holds a DummyRegressor, not a DummyClassifier; use loadEstimator to load any class.',
    );
    expect(BaseEstimator.fromJSON(json)).toBeInstanceOf(DummyRegressor);
  });
});

interface DummyGolden {
  sklearn_version: string;
  dummyRegressor: {
    y: number[];
    sampleWeight: number[] | null;
    strategy: 'mean' | 'median' | 'quantile';
    quantile?: number;
    constant: number;
  }[];
  dummyClassifier: {
    y: (number | string)[];
    sampleWeight: number[] | null;
    strategy: 'prior' | 'most_frequent';
    classes: (number | string)[];
    classPrior: number[];
    predict: (number | string)[];
    proba: number[];
  }[];
}

describe('dummy estimators', () => {
  const g = loadGolden<DummyGolden>('selection.json');
  const close = (a: number, e: number): void =>
    expect(Math.abs(a - e)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));

  it(`DummyRegressor statistics match scikit-learn ${g.sklearn_version} (${g.dummyRegressor.length} cases, with weights)`, () => {
    for (const c of g.dummyRegressor) {
      const X = c.y.map(() => [0]);
      const est = new DummyRegressor({ strategy: c.strategy, quantile: c.quantile ?? null });
      est.fit(X, c.y, { sampleWeight: c.sampleWeight ?? undefined });
      close(est.constant, c.constant);
    }
  });

  it(`DummyClassifier priors and predictions match scikit-learn ${g.sklearn_version}`, () => {
    for (const c of g.dummyClassifier) {
      const est = new DummyClassifier({ strategy: c.strategy }).fit(
        c.y.map(() => [0]),
        c.y,
        { sampleWeight: c.sampleWeight ?? undefined },
      );
      expect(est.classes).toEqual(c.classes);
      est.classPrior.forEach((p, k) => close(p, c.classPrior[k] as number));
      expect(est.predict([[0], [0]])).toEqual(c.predict);
      Array.from(est.predictProba([[0]]).data).forEach((p, k) => close(p, c.proba[k] as number));
    }
  });

  it('stratified draws follow the prior; uniform draws every class', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 80 ? 'x' : 'y'));
    const X = y.map(() => [0]);
    const drawn = new DummyClassifier({ strategy: 'stratified', seed: 1 })
      .fit(X, y)
      .predict(Array.from({ length: 4000 }, () => [0]));
    const share = drawn.filter((v) => v === 'x').length / 4000;
    expect(Math.abs(share - 0.8)).toBeLessThan(0.03);
    const uniform = new DummyClassifier({ strategy: 'uniform', seed: 1 })
      .fit(X, y)
      .predict(Array.from({ length: 4000 }, () => [0]));
    expect(Math.abs(uniform.filter((v) => v === 'x').length / 4000 - 0.5)).toBeLessThan(0.03);
  });

  it('constant strategies need their constant', () => {
    expect(() => new DummyClassifier({ strategy: 'constant' }).fit([[0]], [1])).toThrow(
      'DummyClassifier: "constant" must be set when strategy is "constant"; received null.',
    );
    expect(() => new DummyClassifier({ strategy: 'constant', constant: 3 }).fit([[0]], [1])).toThrow(
      'DummyClassifier.fit: the constant 3 is not among the training labels [1].',
    );
    expect(() => new DummyRegressor({ strategy: 'quantile' }).fit([[0]], [1])).toThrow(
      'DummyRegressor: "quantile" must be set when strategy is "quantile"; received null.',
    );
    expect(() => new DummyRegressor().predict([[0]])).toThrow(NotFittedError);
  });
});
