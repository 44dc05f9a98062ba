import { describe, expect, it } from 'vitest';
import { ConfigError, CsrMatrix, DataError, ShapeError, captureWarnings } from '../../src/index.js';
import { DenseMatrix } from '../../src/estimators/base/DenseMatrix.js';
import { LabelEncoder } from '../../src/preprocessing/LabelEncoder.js';
import { MaxAbsScaler } from '../../src/preprocessing/MaxAbsScaler.js';
import { MinMaxScaler } from '../../src/preprocessing/MinMaxScaler.js';
import { normalPpf } from '../../src/preprocessing/normalPpf.js';
import { OneHotEncoder } from '../../src/preprocessing/OneHotEncoder.js';
import { OrdinalEncoder } from '../../src/preprocessing/OrdinalEncoder.js';
import { PolynomialFeatures } from '../../src/preprocessing/PolynomialFeatures.js';
import { RobustScaler } from '../../src/preprocessing/RobustScaler.js';
import { SimpleImputer } from '../../src/preprocessing/SimpleImputer.js';
import { StandardScaler } from '../../src/preprocessing/StandardScaler.js';
import { Random } from '../../src/util/random.js';

const rng = new Random(8);
const X = Array.from({ length: 100 }, () => [rng.normal() * 3 + 1, rng.uniform() * 100, rng.normal()]);

function close(a: ArrayLike<number>, b: ArrayLike<number>, rtol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const e = b[i] as number;
    expect(Math.abs((a[i] as number) - e)).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(e)));
  }
}

describe('partialFit on a stream equals fit on the whole', () => {
  it('StandardScaler (mean and variance by Chan et al.), MinMaxScaler and MaxAbsScaler', () => {
    for (const make of [() => new StandardScaler(), () => new MinMaxScaler(), () => new MaxAbsScaler()]) {
      const whole = make().fit(X);
      const stream = make();
      for (let start = 0; start < 100; start += 17) stream.partialFit(X.slice(start, start + 17));
      close((stream.transform(X) as DenseMatrix).data, (whole.transform(X) as DenseMatrix).data, 1e-13);
    }
    const s = new StandardScaler();
    s.partialFit(X.slice(0, 10)).partialFit(X.slice(10));
    expect(s.nSamplesSeen).toBe(100);
  });

  it('partialFit rejects a batch of another width', () => {
    const s = new StandardScaler().partialFit(X);
    expect(() => s.partialFit([[1, 2]])).toThrow(ShapeError);
    expect(() => s.partialFit([[1, 2]])).toThrow(
      'StandardScaler.partialFit: X has 2 features, but the estimator was fitted with 3 features.',
    );
  });
});

describe('scalers', () => {
  it('StandardScaler refuses to centre sparse input', () => {
    const sparse = CsrMatrix.fromDense([
      [0, 1],
      [2, 0],
    ]);
    expect(() => new StandardScaler().fit(sparse)).toThrow(DataError);
    expect(() => new StandardScaler().fit(sparse)).toThrow(
      'StandardScaler.fit: cannot center a sparse CsrMatrix (it would become dense); set withMean: false, or convert X to dense first.',
    );
    expect(new StandardScaler({ withMean: false }).fit(sparse).transform(sparse)).toBeInstanceOf(CsrMatrix);
  });

  it('MaxAbsScaler keeps sparse input sparse with the same pattern', () => {
    const sparse = CsrMatrix.fromDense([
      [0, -4, 0],
      [2, 0, 0],
      [0, 2, 0],
    ]);
    const out = new MaxAbsScaler().fitTransform(sparse) as CsrMatrix;
    expect(out).toBeInstanceOf(CsrMatrix);
    expect(Array.from(out.indices)).toEqual(Array.from(sparse.indices));
    expect(Array.from(out.values)).toEqual([-1, 1, 0.5]);
  });

  it('validates option tables with pinned messages', () => {
    expect(() => new MinMaxScaler({ featureRange: [1, 0] })).toThrow(ConfigError);
    expect(() => new MinMaxScaler({ featureRange: [1, 0] })).toThrow(
      'MinMaxScaler: "featureRange" must be a pair [min, max] of finite numbers with min < max; received [1, 0].',
    );
    expect(() => new RobustScaler({ quantileRange: [20, 120] })).toThrow(
      'RobustScaler: "quantileRange" must be a pair [min, max] of numbers in [0, 100] with min <= max; received [20, 120].',
    );
    expect(() => new StandardScaler({ withmean: false } as never)).toThrow(
      'StandardScaler: unknown option "withmean". Did you mean "withMean"? Valid options are "withMean", "withStd".',
    );
    expect(() => new StandardScaler({ withMean: 1 } as never)).toThrow(
      'StandardScaler: "withMean" must be a boolean; received 1.',
    );
  });

  it('MinMaxScaler rejects sparse input and clips when asked', () => {
    expect(() => new MinMaxScaler().fit(CsrMatrix.fromDense([[1]]))).toThrow(
      'MinMaxScaler.fit: X is a sparse CsrMatrix, but this estimator needs dense data; convert it with new DenseMatrix(X.rows, X.cols, X.toDense()).',
    );
    const mm = new MinMaxScaler({ clip: true }).fit([[0], [10]]);
    expect(Array.from((mm.transform([[-5], [5], [20]]) as DenseMatrix).data)).toEqual([0, 0.5, 1]);
  });

  it('normalPpf: known quantiles of the standard normal (Wichura AS 241)', () => {
    expect(normalPpf(0.5)).toBe(0);
    expect(normalPpf(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalPpf(0.75) - normalPpf(0.25)).toBeCloseTo(1.3489795003921634, 14); // the IQR of N(0, 1)
    expect(normalPpf(0)).toBe(-Infinity);
  });
});

describe('encoders', () => {
  const rows = [
    ['red', 'S'],
    ['blue', 'M'],
    ['red', 'L'],
    ['green', 'M'],
  ];

  it('OneHotEncoder: sorted categories, names, and unknown handling', () => {
    const enc = new OneHotEncoder({ sparseOutput: false }).fit(rows);
    expect(enc.categories).toEqual([
      ['blue', 'green', 'red'],
      ['L', 'M', 'S'],
    ]);
    expect(enc.getFeatureNamesOut()).toEqual(['x0_blue', 'x0_green', 'x0_red', 'x1_L', 'x1_M', 'x1_S']);
    expect((enc.transform([['green', 'S']]) as DenseMatrix).toArray()).toEqual([[0, 1, 0, 0, 0, 1]]);
    expect(() => enc.transform([['pink', 'S']])).toThrow(DataError);
    expect(() => enc.transform([['pink', 'S']])).toThrow(
      `OneHotEncoder.transform: found unknown categories [pink] in column 0; set handleUnknown: 'ignore' to encode them as zeros.`,
    );
    const ignore = new OneHotEncoder({ sparseOutput: false, handleUnknown: 'ignore', drop: 'first' }).fit(rows);
    const { result, warnings } = captureWarnings(() => (ignore.transform([['pink', 'S']]) as DenseMatrix).toArray());
    expect(result).toEqual([[0, 0, 0, 1]]);
    expect(warnings.map((w) => w.code)).toEqual(['UnknownCategoryWarning']);
    expect(enc.inverseTransform(enc.transform(rows))).toEqual(rows);
  });

  it('OneHotEncoder rejects a column mixing numbers and strings, and bad drop lists', () => {
    expect(() => new OneHotEncoder().fit([['a'], [1]])).toThrow(
      'OneHotEncoder.fit: column 0 mixes numbers and strings (row 1 is a number); convert it to one type.',
    );
    expect(() => new OneHotEncoder({ drop: ['purple', 'S'] }).fit(rows)).toThrow(
      'OneHotEncoder.fit: "drop" names categories not seen in fit: category purple of feature 0.',
    );
    expect(() => new OneHotEncoder({ handleUnknown: 'warn' } as never)).toThrow(
      'OneHotEncoder: "handleUnknown" must be one of "error", "ignore", "infrequent_if_exist"; received "warn".',
    );
  });

  it('OrdinalEncoder codes, unknown values and inverse', () => {
    const enc = new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: -1 }).fit(rows);
    expect(enc.transform([['red', 'XL']]).toArray()).toEqual([[2, -1]]);
    expect(enc.inverseTransform([[0, 1]])).toEqual([['blue', 'M']]);
    expect(() => new OrdinalEncoder({ handleUnknown: 'use_encoded_value' }).fit(rows)).toThrow(
      'OrdinalEncoder: "unknownValue" must be an integer or NaN when handleUnknown is "use_encoded_value".',
    );
    expect(() => new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: 1 }).fit(rows)).toThrow(
      'OrdinalEncoder.fit: unknownValue 1 is already the code of a category of feature 0.',
    );
  });

  it('LabelEncoder round-trips and names unseen labels', () => {
    const le = new LabelEncoder();
    expect(Array.from(le.fitTransform(['b', 'a', 'b']))).toEqual([1, 0, 1]);
    expect(() => le.transform(['c', 'a', 'd'])).toThrow(
      'LabelEncoder.transform: y contains previously unseen labels ["c", "d"].',
    );
    expect(() => le.fit(['a', 1] as never)).toThrow(DataError);
  });
});

describe('SimpleImputer and PolynomialFeatures', () => {
  it('imputes strings with most_frequent, ties to the smallest', () => {
    const imp = new SimpleImputer({ strategy: 'most_frequent' }).fit([['b'], ['a'], [null], ['b'], ['a']]);
    expect(imp.statistics).toEqual(['a']);
    expect(imp.transform([[null], ['c']])).toEqual([['a'], ['c']]);
    expect(() => new SimpleImputer().fit([['a'], [null]])).toThrow(
      'SimpleImputer.fit: strategy "mean" needs numeric data, but column 0 holds strings; use "most_frequent" or "constant".',
    );
  });

  it('drops features without observed values, with a warning', () => {
    const { result, warnings } = captureWarnings(() =>
      new SimpleImputer().fit([
        [1, NaN],
        [3, NaN],
      ]),
    );
    expect(warnings[0]?.message).toBe(
      'SimpleImputer.fit: features [1] have no observed value; transform drops them (set keepEmptyFeatures: true to keep them).',
    );
    expect(result.transform([[NaN, 5]])).toEqual(new DenseMatrix(1, 1, Float64Array.from([2])));
  });

  it('PolynomialFeatures follows scikit-learn column order and names', () => {
    const p = new PolynomialFeatures({ degree: 2 }).fit([[2, 3]]);
    expect(p.getFeatureNamesOut(['a', 'b'])).toEqual(['1', 'a', 'b', 'a^2', 'a b', 'b^2']);
    expect(Array.from(p.transform([[2, 3]]).data)).toEqual([1, 2, 3, 4, 6, 9]);
    expect(() => new PolynomialFeatures({ degree: -1 })).toThrow(
      'PolynomialFeatures: "degree" must be an integer in [0, Infinity) or a pair [minDegree, maxDegree] of integers with 0 <= minDegree <= maxDegree; received -1.',
    );
  });
});
