import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../../../src/estimators/base/DenseMatrix.js';
import { loadEstimator } from '../../../src/estimators/base/persistence.js';
import { SGDClassifier, type SGDClassifierOptions } from '../../../src/estimators/linear/SGDClassifier.js';
import { SGDRegressor } from '../../../src/estimators/linear/SGDRegressor.js';
import { ConfigError, CsrMatrix, DataError, ShapeError, ValueError } from '../../../src/index.js';
import { captureWarnings } from '../../../src/util/warnings.js';
import { binaryProblem, expectAllClose, regressionProblem, threeClassLabels } from './fixtures.js';

const { X, y } = binaryProblem();
const reg = regressionProblem();

/**
 * Known answers: scikit-learn 1.2.1, `SGDClassifier(**params, shuffle=False, max_iter=5, tol=None).fit(X, y)` on
 * `binaryProblem()` (dense X, and `scipy.sparse.csr_matrix(X)` for the sparse rows, where scikit-learn decays the
 * intercept steps by 0.01). With the rows in a fixed order both implementations take the same steps; the
 * remaining difference is the rounding of the dot products.
 */
const SKLEARN_SGD: { params: SGDClassifierOptions; dense: number[]; sparse: number[] }[] = [
  {
    params: { loss: 'hinge' },
    dense: [
      10.268922292950782, 7.167863994917261, -10.538867582666109, -2.4466867665313554, 0.3213164111692452,
      -0.6649144341451106,
    ],
    sparse: [
      9.112927242154248, 6.701323554208063, -9.285612103953921, -2.163651774354149, -0.0012985879013003682,
      -0.49226146442133084,
    ],
  },
  {
    params: { loss: 'log_loss', penalty: 'l1' },
    dense: [8.504936936497149, 6.7123893853724335, -9.629256192377873, 0, 0, -1.2512119463913332],
    sparse: [6.154695912117607, 4.93344252830728, -7.32985979236696, 0, 0, -0.5247848470823732],
  },
  {
    params: { loss: 'hinge', learningRate: 'invscaling', eta0: 0.1, average: 100 },
    dense: [
      1.4618698521581004, 0.6561569547444578, -1.4789324891296576, -0.054819318977656975, 0.030181576270522783,
      0.0015271545502017784,
    ],
    sparse: [
      1.4717241517079962, 0.6607354111264723, -1.4880474334815001, -0.053439239475686726, 0.029435714022087577,
      0.00042397035714645886,
    ],
  },
  {
    params: { loss: 'huber', learningRate: 'constant', eta0: 0.01 },
    dense: [
      0.5774991089677715, 0.2376598320979415, -0.484740799373319, -0.022774020404868856, 0.02472770907091114,
      0.007805262470314667,
    ],
    sparse: [
      0.5784667912050256, 0.23809599247873278, -0.48413216779970475, -0.023752197580096182, 0.024908847255829262,
      0.000981260333324602,
    ],
  },
];

function coefAndIntercept(m: SGDClassifier): number[] {
  return [...m.coef.data, ...m.intercept];
}

describe('SGDClassifier', () => {
  for (const { params, dense, sparse } of SKLEARN_SGD) {
    it(`matches scikit-learn's SGDClassifier step for step (${JSON.stringify(params)})`, () => {
      const opts = { ...params, shuffle: false, maxIter: 5, tol: null };
      expectAllClose(coefAndIntercept(new SGDClassifier(opts).fit(X, y)), dense, 1e-7, 1e-9);
      expectAllClose(coefAndIntercept(new SGDClassifier(opts).fit(CsrMatrix.fromDense(X), y)), sparse, 1e-7, 1e-9);
    });
  }

  it('sparse and dense inputs give the same model when the intercept steps are not decayed', () => {
    for (const extra of [{}, { average: true }, { loss: 'log_loss', batchSize: 7 }] as const) {
      const opts: SGDClassifierOptions = { seed: 4, maxIter: 3, tol: null, interceptDecay: 1, ...extra };
      const a = new SGDClassifier(opts).fit(X, y);
      const b = new SGDClassifier(opts).fit(CsrMatrix.fromDense(X), y);
      expectAllClose(coefAndIntercept(b), coefAndIntercept(a), 1e-9, 1e-9);
    }
  });

  it('partialFit over chunks equals fit over the whole for a fixed order (constant and optimal rates)', () => {
    for (const schedule of [{ learningRate: 'constant', eta0: 0.01 }, { learningRate: 'optimal' }] as const) {
      for (const extra of [{}, { average: 50, penalty: 'elasticnet' }] as const) {
        const opts: SGDClassifierOptions = { ...schedule, ...extra, shuffle: false, maxIter: 1, tol: null };
        const whole = new SGDClassifier(opts).fit(X, y);
        const chunked = new SGDClassifier(opts);
        for (let start = 0; start < X.length; start += 300) {
          chunked.partialFit(X.slice(start, start + 300), y.slice(start, start + 300), { classes: [0, 1] });
        }
        expectAllClose(coefAndIntercept(chunked), coefAndIntercept(whole), 1e-10, 1e-12);
        expect(chunked.t).toBe(whole.t);
      }
    }
  });

  it('a model saved in the middle of a stream continues exactly where it stopped', () => {
    const opts: SGDClassifierOptions = { average: true, penalty: 'l1', seed: 9 };
    const straight = new SGDClassifier(opts);
    const resumed = new SGDClassifier(opts);
    straight.partialFit(X.slice(0, 1000), y.slice(0, 1000), { classes: [0, 1] });
    resumed.partialFit(X.slice(0, 1000), y.slice(0, 1000), { classes: [0, 1] });
    const copy = loadEstimator(JSON.stringify(resumed.toJSON())) as SGDClassifier;
    straight.partialFit(X.slice(1000), y.slice(1000));
    copy.partialFit(X.slice(1000), y.slice(1000));
    expect(coefAndIntercept(copy)).toEqual(coefAndIntercept(straight));
  });

  it('averaged SGD returns the mean of the plain iterates (lazy average checked against a slow one)', () => {
    for (const penalty of ['l2', 'elasticnet'] as const) {
      for (const sparse of [false, true]) {
        const rows = X.slice(0, 300);
        const form = (r: number[][]): number[][] | CsrMatrix => (sparse ? CsrMatrix.fromDense(r) : r);
        const opts: SGDClassifierOptions = { penalty, alpha: 0.01, shuffle: false, interceptDecay: 1 };
        const averaged = new SGDClassifier({ ...opts, average: true }).fit(form(rows), y.slice(0, 300), {});
        // the same run one row at a time, without averaging, recording every iterate
        const plain = new SGDClassifier(opts);
        const sum = new Float64Array(6);
        let steps = 0;
        for (let epoch = 0; epoch < averaged.nIter; epoch++) {
          for (let i = 0; i < rows.length; i++) {
            plain.partialFit(form([rows[i] as number[]]), [y[i] as number], { classes: [0, 1] });
            coefAndIntercept(plain).forEach((v, j) => (sum[j] = (sum[j] as number) + v));
            steps++;
          }
        }
        expectAllClose(
          coefAndIntercept(averaged),
          Array.from(sum, (v) => v / steps),
          1e-9,
          1e-12,
        );
      }
    }
  });

  it('float32 and float64 dense matrices of the same values give the same model', () => {
    const f32 = Float32Array.from(X.flat());
    const a = new SGDClassifier({ seed: 1 }).fit(new DenseMatrix(X.length, 5, f32), y);
    const b = new SGDClassifier({ seed: 1 }).fit(new DenseMatrix(X.length, 5, Float64Array.from(f32)), y);
    expect(coefAndIntercept(a)).toEqual(coefAndIntercept(b));
  });

  it('reaches the accuracy of a linear separator and stops by tol before maxIter', () => {
    const clf = new SGDClassifier({ seed: 0 }).fit(X, y);
    expect(clf.score(X, y)).toBeGreaterThan(0.9);
    expect(clf.nIter).toBeLessThan(1000);
  });

  it('warns when maxIter epochs end before the loss settles', () => {
    const { warnings } = captureWarnings(() => new SGDClassifier({ seed: 0, maxIter: 1 }).fit(X, y));
    expect(warnings.map((w) => w.code)).toContain('ConvergenceWarning');
    expect(warnings[0]?.message).toMatch(/reached maxIter=1 epochs/);
  });

  it('early stopping holds out validationFraction of the rows and stops when their accuracy stalls', () => {
    const clf = new SGDClassifier({ seed: 0, earlyStopping: true, validationFraction: 0.2, nIterNoChange: 3 }).fit(
      X,
      y,
    );
    expect(clf.nIter).toBeLessThan(30);
    expect(clf.score(X, y)).toBeGreaterThan(0.88);
  });

  it("'adaptive' divides the rate by 5 instead of stopping, until it is tiny", () => {
    const clf = new SGDClassifier({ seed: 0, learningRate: 'adaptive', eta0: 0.1 }).fit(X, y);
    expect(clf.score(X, y)).toBeGreaterThan(0.9);
  });

  it('a class weight equals the same sample weight on that class', () => {
    const sw = y.map((v) => (v === 0 ? 3 : 1));
    const a = new SGDClassifier({ seed: 2, classWeight: { 0: 3 } }).fit(X, y);
    const b = new SGDClassifier({ seed: 2 }).fit(X, y, { sampleWeight: sw });
    expectAllClose(coefAndIntercept(a), coefAndIntercept(b), 1e-12, 1e-12);
  });

  it("classWeight 'balanced' weighs classes by n / (k · count)", () => {
    const yy = y.map((v, i) => (i % 5 === 0 ? v : 1));
    const counts = [yy.filter((v) => v === 0).length, yy.filter((v) => v === 1).length];
    const explicit = { 0: X.length / (2 * (counts[0] as number)), 1: X.length / (2 * (counts[1] as number)) };
    const a = new SGDClassifier({ seed: 2, classWeight: 'balanced' }).fit(X, yy);
    const b = new SGDClassifier({ seed: 2, classWeight: explicit }).fit(X, yy);
    expect(coefAndIntercept(a)).toEqual(coefAndIntercept(b));
  });

  it('a mini-batch of the whole data with a constant rate is one step of full-batch gradient descent', () => {
    const small = X.slice(0, 50);
    const ys = y.slice(0, 50);
    const eta = 0.1;
    const clf = new SGDClassifier({
      loss: 'log_loss',
      penalty: null,
      learningRate: 'constant',
      eta0: eta,
      batchSize: 50,
      maxIter: 1,
      tol: null,
      shuffle: false,
    }).fit(small, ys);
    // from w = 0: ∂ log(1 + e^{−y·0})/∂p = −y/2, so the step is η · mean(y±·x) / 2
    const expected = [0, 1, 2, 3, 4].map(
      (j) => (eta * small.reduce((s, r, i) => s + (ys[i] ? 1 : -1) * (r[j] as number), 0)) / 100,
    );
    const b = (eta * ys.reduce((s: number, v) => s + (v ? 1 : -1), 0)) / 100;
    expectAllClose(coefAndIntercept(clf), [...expected, b], 1e-12, 1e-15);
  });

  it('solves multi-class problems one-vs-rest, with string labels', () => {
    const names = ['low', 'mid', 'top'];
    const y3 = threeClassLabels(X).map((c) => names[c] as string);
    const clf = new SGDClassifier({ loss: 'log_loss', seed: 0, average: true }).fit(X, y3);
    expect(clf.classes).toEqual(['low', 'mid', 'top']);
    expect(clf.coef.rows).toBe(3);
    expect(clf.score(X, y3)).toBeGreaterThan(0.9);
    const d = clf.decisionFunction(X.slice(0, 3)) as DenseMatrix;
    expect([d.rows, d.cols]).toEqual([3, 3]);
  });

  it("predictProba: σ of the decision for 'log_loss', the clipped ramp for 'modified_huber', absent otherwise", () => {
    const lr = new SGDClassifier({ loss: 'log_loss', seed: 0 }).fit(X, y);
    const d = lr.decisionFunction(X.slice(0, 5)) as Float64Array;
    const p = lr.predictProba(X.slice(0, 5));
    for (let i = 0; i < 5; i++) expect(p.get(i, 1)).toBeCloseTo(1 / (1 + Math.exp(-(d[i] as number))), 14);
    const mh = new SGDClassifier({ loss: 'modified_huber', seed: 0 }).fit(X, y);
    const dm = mh.decisionFunction(X.slice(0, 5)) as Float64Array;
    const pm = mh.predictProba(X.slice(0, 5));
    for (let i = 0; i < 5; i++)
      expect(pm.get(i, 1)).toBeCloseTo((Math.min(1, Math.max(-1, dm[i] as number)) + 1) / 2, 14);
    const svm = new SGDClassifier({ seed: 0 });
    expect(typeof svm.predictProba).toBe('undefined');
    svm.setParams({ loss: 'log_loss' });
    expect(typeof svm.predictProba).toBe('function');
  });

  it('progressive meanLoss is the mean hinge loss of the decision values', () => {
    const clf = new SGDClassifier({ seed: 0 }).fit(X, y);
    const d = clf.decisionFunction(X) as Float64Array;
    const hinge = y.reduce((s, v, i) => s + Math.max(0, 1 - (v ? 1 : -1) * (d[i] as number)), 0) / y.length;
    expect(clf.meanLoss(X, y)).toBeCloseTo(hinge, 12);
  });

  describe('bad input raises a typed error naming the problem', () => {
    it('NaN in X', () => {
      const bad = X.map((r) => [...r]);
      (bad[7] as number[])[3] = NaN;
      for (const form of [bad, DenseMatrix.fromRows(bad), CsrMatrix.fromDense(bad)]) {
        expect(() => new SGDClassifier().fit(form, y)).toThrow(DataError);
        expect(() => new SGDClassifier().fit(form, y)).toThrow('SGDClassifier.fit: X contains NaN at row 7, column 3');
      }
    });

    it('a chunk with NaN leaves a streaming model unchanged', () => {
      const clf = new SGDClassifier({ seed: 0 }).partialFit(X.slice(0, 100), y.slice(0, 100), { classes: [0, 1] });
      const before = coefAndIntercept(clf);
      const bad = X.slice(100, 200).map((r) => [...r]);
      (bad[50] as number[])[0] = NaN;
      expect(() => clf.partialFit(DenseMatrix.fromRows(bad), y.slice(100, 200))).toThrow(
        'SGDClassifier.partialFit: X contains NaN at row 50, column 0',
      );
      expect(coefAndIntercept(clf)).toEqual(before);
    });

    it('ragged rows', () => {
      const ragged = [[1, 2], [3], [4, 5]];
      expect(() => new SGDClassifier().fit(ragged, [0, 1, 0])).toThrow(DataError);
      expect(() => new SGDClassifier().fit(ragged, [0, 1, 0])).toThrow(
        'SGDClassifier.fit: X row 1 has 1 values; expected 2 like row 0 (ragged rows are not allowed).',
      );
    });

    it('label count mismatch', () => {
      expect(() => new SGDClassifier().fit(X, y.slice(1))).toThrow(ShapeError);
      expect(() => new SGDClassifier().fit(X, y.slice(1))).toThrow(
        'SGDClassifier.fit: X has 2000 rows but y has 1999 labels; they must match.',
      );
    });

    it('unknown loss, and eta0 = 0 with a constant rate', () => {
      expect(() => new SGDClassifier({ loss: 'hingee' as never })).toThrow(ConfigError);
      expect(() => new SGDClassifier({ loss: 'hingee' as never })).toThrow(
        /^SGDClassifier: "loss" must be one of "hinge", "log_loss", .*; received "hingee"\.$/,
      );
      expect(() => new SGDClassifier({ learningRate: 'constant' }).fit(X, y)).toThrow(
        'SGDClassifier: "eta0" must be > 0 with learningRate "constant"; received 0.',
      );
    });

    it('a single class, partialFit without classes, and a label outside classes', () => {
      expect(() =>
        new SGDClassifier().fit(
          X,
          y.map(() => 1),
        ),
      ).toThrow('SGDClassifier.fit: y holds only one class (1); a classifier needs at least 2.');
      expect(() => new SGDClassifier().partialFit(X, y)).toThrow(ConfigError);
      const clf = new SGDClassifier().partialFit(X, y, { classes: [0, 1] });
      expect(() => clf.partialFit([[0, 0, 0, 0, 0]], [2])).toThrow(
        'SGDClassifier.partialFit: y holds label 2 at index 0, which is not one of the classes [0,1].',
      );
      expect(() => new SGDClassifier({ classWeight: 'balanced' }).partialFit(X, y, { classes: [0, 1] })).toThrow(
        ConfigError,
      );
    });

    it('weights that overflow', () => {
      const huge = [
        [1e200, 1e200],
        [-1e200, 1e200],
      ];
      expect(() => new SGDClassifier({ learningRate: 'constant', eta0: 1e200 }).fit(huge, [0, 1])).toThrow(ValueError);
    });
  });
});

describe('SGDRegressor', () => {
  it("matches scikit-learn's SGDRegressor step for step (squared error, invscaling, sample weights)", () => {
    // scikit-learn 1.2.1: SGDRegressor(shuffle=False, max_iter=5, tol=None).fit(X, y, sample_weight=w)
    const m = new SGDRegressor({ shuffle: false, maxIter: 5, tol: null }).fit(reg.X, reg.y, { sampleWeight: reg.w });
    expectAllClose(
      [...m.coef, ...m.intercept],
      [
        1.5556391524803443, -0.6324122211746838, 0.2514467645746959, 0.5310248930381839, 0.23177557430716447,
        0.3572448040753371, 0.2183240697404409, 0.2795177009131902, 1.7297445614572518,
      ],
      1e-9,
      1e-12,
    );
  });

  it("matches scikit-learn with 'epsilon_insensitive', averaging and a constant rate", () => {
    // scikit-learn 1.2.1: SGDRegressor(loss='epsilon_insensitive', average=True,
    //   learning_rate='constant', eta0=0.01, shuffle=False, max_iter=5, tol=None).fit(X, y)
    const m = new SGDRegressor({
      loss: 'epsilon_insensitive',
      average: true,
      learningRate: 'constant',
      eta0: 0.01,
      shuffle: false,
      maxIter: 5,
      tol: null,
    }).fit(reg.X, reg.y);
    expectAllClose(
      [...m.coef, ...m.intercept],
      [
        1.302972910288278, -0.5636101674812803, 0.16153542707542773, 0.45623069931007537, 0.20009458303753969,
        0.3240649768823707, 0.2047825379230703, 0.2717277446547809, 1.7019099999999976,
      ],
      1e-9,
      1e-12,
    );
  });

  it('fits a linear target and partialFit continues training', () => {
    const m = new SGDRegressor({ seed: 0, maxIter: 200 }).fit(reg.X, reg.y);
    expect(m.score(reg.X, reg.y)).toBeGreaterThan(0.8);
    const stream = new SGDRegressor({ seed: 0 });
    for (let e = 0; e < 20; e++) stream.partialFit(reg.X, reg.y);
    expect(stream.score(reg.X, reg.y)).toBeGreaterThan(0.8);
    expect(stream.meanLoss(reg.X, reg.y)).toBeGreaterThan(0);
  });
});
