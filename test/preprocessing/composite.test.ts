import { describe, expect, it } from 'vitest';
import { ConfigError, CsrMatrix, NotFittedError, ShapeError } from '../../src/index.js';
import { DenseMatrix } from '../../src/estimators/base/DenseMatrix.js';
import { loadEstimator } from '../../src/estimators/base/persistence.js';
import { DummyClassifier } from '../../src/estimators/dummy/DummyClassifier.js';
import { DummyRegressor } from '../../src/estimators/dummy/DummyRegressor.js';
import { ColumnTransformer } from '../../src/preprocessing/ColumnTransformer.js';
import { OneHotEncoder } from '../../src/preprocessing/OneHotEncoder.js';
import { Pipeline } from '../../src/preprocessing/Pipeline.js';
import { PolynomialFeatures } from '../../src/preprocessing/PolynomialFeatures.js';
import { SimpleImputer } from '../../src/preprocessing/SimpleImputer.js';
import { StandardScaler } from '../../src/preprocessing/StandardScaler.js';

const table = {
  age: [31, 45, null, 22, 60, 38],
  income: [3.1, 5.2, 4.4, 2.0, 7.5, 4.1],
  city: ['paris', 'lyon', 'paris', null, 'nice', 'lyon'],
  id: [1, 2, 3, 4, 5, 6],
};
const y = ['a', 'b', 'a', 'a', 'b', 'b'];

function makeColumnTransformer(): ColumnTransformer {
  return new ColumnTransformer({
    transformers: [
      [
        'num',
        new Pipeline({
          steps: [
            ['impute', new SimpleImputer({ strategy: 'median' })],
            ['scale', new StandardScaler()],
          ],
        }),
        ['age', 'income'],
      ],
      ['cat', new OneHotEncoder({ handleUnknown: 'ignore' }), ['city']],
    ],
    remainder: 'drop',
  });
}

const dense = (m: unknown): number[][] =>
  m instanceof CsrMatrix ? new DenseMatrix(m.rows, m.cols, m.toDense()).toArray() : (m as DenseMatrix).toArray();

describe('ColumnTransformer', () => {
  it('applies each part to its named columns and stacks the outputs in order', () => {
    const ct = makeColumnTransformer();
    const out = dense(ct.fitTransform(table));
    expect(out).toHaveLength(6);
    expect(out[0]).toHaveLength(2 + 4); // two scaled numbers, four city columns (lyon, nice, paris, None)
    expect(ct.getFeatureNamesOut()).toEqual([
      'num__age',
      'num__income',
      'cat__city_lyon',
      'cat__city_nice',
      'cat__city_paris',
      'cat__city_None',
    ]);
    // the scaled columns have mean 0
    const meanIncome = out.reduce((s, r) => s + (r[1] as number), 0) / 6;
    expect(Math.abs(meanIncome)).toBeLessThan(1e-15);
    // row 3 has a missing city: its one-hot block marks the missing category
    expect(out[3]?.slice(2)).toEqual([0, 0, 0, 1]);
  });

  it('keeps the remainder with passthrough, and picks columns by index and mask', () => {
    const X = [
      [1, 10, 100],
      [2, 20, 200],
      [3, 30, 300],
    ];
    const byIndex = new ColumnTransformer({
      transformers: [['s', new StandardScaler(), [2]]],
      remainder: 'passthrough',
    });
    const out = dense(byIndex.fitTransform(X));
    expect(out.map((r) => r.slice(1))).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    expect(byIndex.getFeatureNamesOut()).toEqual(['s__x2', 'remainder__x0', 'remainder__x1']);
    const byMask = new ColumnTransformer({
      transformers: [['p', 'passthrough', [true, false, true]]],
      verboseFeatureNamesOut: false,
    });
    expect(dense(byMask.fitTransform(X))).toEqual([
      [1, 100],
      [2, 200],
      [3, 300],
    ]);
  });

  it('returns a CsrMatrix when a part is sparse and the result is sparse enough', () => {
    const X = Array.from({ length: 20 }, (_, i) => [i % 7, i % 5, i % 3]);
    const sparse = new ColumnTransformer({
      transformers: [['oh', new OneHotEncoder(), [0, 1, 2]]],
      sparseThreshold: 0.5,
    });
    expect(sparse.fitTransform(X)).toBeInstanceOf(CsrMatrix);
    expect(sparse.sparseOutput).toBe(true);
    const denseOut = new ColumnTransformer({
      transformers: [['oh', new OneHotEncoder(), [0, 1, 2]]],
      sparseThreshold: 0,
    });
    expect(denseOut.fitTransform(X)).toBeInstanceOf(DenseMatrix);
  });

  it('saves and loads as one estimator with identical output', () => {
    const ct = makeColumnTransformer();
    ct.fit(table);
    const text = JSON.stringify(ct.toJSON());
    const back = loadEstimator(text) as ColumnTransformer;
    const fresh = { ...table, city: ['nice', 'lyon', 'rome', 'paris', null, 'paris'] };
    expect(dense(back.transform(fresh))).toEqual(dense(ct.transform(fresh)));
    expect(back.getFeatureNamesOut()).toEqual(ct.getFeatureNamesOut());
    expect(ColumnTransformer.fromJSON(text).isFitted).toBe(true);
  });

  it('exposes part parameters as name__param and clones its parts on fit', () => {
    const ct = makeColumnTransformer();
    expect(ct.getParams().cat__handleUnknown).toBe('ignore');
    expect(ct.getParams().num__scale__withMean).toBe(true);
    ct.setParams({ num__scale__withMean: false, cat__drop: 'first' });
    expect(ct.getParams().num__scale__withMean).toBe(false);
    ct.fit(table);
    const given = ct.getParams(false).transformers[1]?.[1] as OneHotEncoder;
    expect(given.isFitted).toBe(false);
    expect((ct.namedTransformers.cat as OneHotEncoder).isFitted).toBe(true);
  });

  it('rejects bad selectors and data with typed errors naming the problem', () => {
    const ct = new ColumnTransformer({ transformers: [['s', new StandardScaler(), ['age']]] });
    expect(() => ct.fit([[1, 2]])).toThrow(ConfigError);
    expect(() => ct.fit([[1, 2]])).toThrow(
      'ColumnTransformer.fit: "s" selects column "age" by name, which needs a table input (an object of named columns).',
    );
    expect(() => new ColumnTransformer({ transformers: [['s', new StandardScaler(), [5]]] }).fit([[1, 2]])).toThrow(
      'ColumnTransformer.fit: "s" selects column 5, but X has 2 columns.',
    );
    expect(() => new ColumnTransformer({ transformers: [['a__b', 'drop', [0]]] })).toThrow(
      'ColumnTransformer: transformer name "a__b" must not contain "__" (it separates nested parameter names).',
    );
    const fitted = makeColumnTransformer().fit(table);
    expect(() => fitted.transform({ age: [1], income: [2] })).toThrow(ShapeError);
    expect(() => fitted.transform({ age: [1], income: [2] })).toThrow(
      'ColumnTransformer.transform: X lacks the columns "city", "id" seen in fit.',
    );
    expect(() => makeColumnTransformer().transform(table)).toThrow(NotFittedError);
  });
});

describe('Pipeline', () => {
  const X = [
    [0, 1],
    [1, 3],
    [2, 2],
    [3, 5],
    [4, 4],
    [5, 7],
  ];

  it('fits transformers in turn and predicts with the final step', () => {
    const pipe = new Pipeline({
      steps: [
        ['poly', new PolynomialFeatures({ includeBias: false })],
        ['scale', new StandardScaler()],
        ['clf', new DummyClassifier({ strategy: 'most_frequent' })],
      ],
    });
    expect(pipe.fit(X, y)).toBe(pipe);
    expect(pipe.predict(X)).toEqual(['a', 'a', 'a', 'a', 'a', 'a']);
    expect(pipe.score(X, y)).toBe(0.5);
    expect(pipe.estimatorType).toBe('classifier');
    expect(pipe.classes).toEqual(['a', 'b']);
    expect(pipe.hasMethod('predictProba')).toBe(true);
    expect(pipe.hasMethod('transform')).toBe(false);
    expect(() => pipe.transform(X)).toThrow('Pipeline.transform: step "clf" (DummyClassifier) has no transform().');
  });

  it('routes step__param in getParams/setParams and step__option in fit', () => {
    const pipe = new Pipeline({
      steps: [
        ['scale', new StandardScaler()],
        ['reg', new DummyRegressor()],
      ],
    });
    expect(pipe.getParams().reg__strategy).toBe('mean');
    pipe.setParams({ reg__strategy: 'constant', reg__constant: 4 });
    expect(Array.from(pipe.fit(X, [1, 2, 3, 4, 5, 6]).predict(X) as Float64Array)).toEqual([4, 4, 4, 4, 4, 4]);
    pipe.setParams({ reg__strategy: 'mean' });
    pipe.fit(X, [1, 2, 3, 4, 5, 6], { reg__sampleWeight: [0, 0, 0, 0, 0, 1] });
    expect((pipe.predict(X) as Float64Array)[0]).toBe(6);
    expect(() => pipe.fit(X, [1, 2, 3, 4, 5, 6], { sampleWeight: [1, 1, 1, 1, 1, 1] })).toThrow(
      'Pipeline.fit: option "sampleWeight" must name its step as "step__option" (steps: "scale", "reg"), e.g. "reg__sampleWeight".',
    );
    expect(() => pipe.setParams({ regg__strategy: 'mean' })).toThrow('Pipeline: unknown option "regg__strategy".');
    pipe.setParams({ scale: 'passthrough' });
    expect(pipe.getParams(false).steps[0]?.[1]).toBe('passthrough');
  });

  it('saves and loads as one, with identical predictions and inverse transforms', () => {
    const pipe = new Pipeline({
      steps: [
        ['impute', new SimpleImputer()],
        ['scale', new StandardScaler()],
      ],
    });
    const Xn = [
      [1, NaN],
      [2, 4],
      [NaN, 6],
      [4, 8],
    ];
    const out = pipe.fitTransform(Xn) as DenseMatrix;
    const back = Pipeline.fromJSON(JSON.stringify(pipe.toJSON()));
    expect((back.transform(Xn) as DenseMatrix).toArray()).toEqual(out.toArray());
    expect(back.getFeatureNamesOut(['a', 'b'])).toEqual(['a', 'b']);
    const reg = new Pipeline({
      steps: [
        ['scale', new StandardScaler()],
        ['reg', new DummyRegressor({ strategy: 'median' })],
      ],
    }).fit(X, [3, 1, 2, 9, 4, 4]);
    const loaded = loadEstimator(JSON.stringify(reg.toJSON())) as Pipeline;
    expect(loaded.predict(X)).toEqual(reg.predict(X));
  });

  it('rejects bad steps with ConfigErrors naming the step', () => {
    expect(
      () =>
        new Pipeline({
          steps: [
            ['clf', new DummyClassifier()],
            ['scale', new StandardScaler()],
          ],
        }),
    ).toThrow(
      'Pipeline: intermediate step "clf" (DummyClassifier) must be a transformer (have transform) or "passthrough".',
    );
    expect(
      () =>
        new Pipeline({
          steps: [
            ['a', new StandardScaler()],
            ['a', new StandardScaler()],
          ],
        }),
    ).toThrow('Pipeline: step names must be unique; "a" appears twice.');
    expect(() => new Pipeline({ steps: [] })).toThrow(
      'Pipeline: "steps" must be a non-empty array of [name, estimator | "passthrough" | null] pairs; received [].',
    );
    expect(() => new Pipeline({ steps: [['x', new StandardScaler()]] }).predict(X)).toThrow(NotFittedError);
  });
});
