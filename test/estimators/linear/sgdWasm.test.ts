import { afterEach, describe, expect, it } from 'vitest';
import { SGDClassifier, type SGDClassifierOptions } from '../../../src/estimators/linear/SGDClassifier.js';
import { SGDRegressor, type SGDRegressorOptions } from '../../../src/estimators/linear/SGDRegressor.js';
import { DenseSgdWasm } from '../../../src/estimators/linear/sgd/denseSgdWasm.js';
import { SparseSgdWasm } from '../../../src/estimators/linear/sgd/sparseSgdWasm.js';
import { DenseMatrix } from '../../../src/estimators/base/DenseMatrix.js';
import { CsrMatrix, DataError } from '../../../src/index.js';
import { Random } from '../../../src/util/random.js';

/**
 * SGD runs its common case (batch size 1, L2 or no penalty, no averaging, any loss but log_loss, any
 * schedule but invscaling) in WebAssembly (assembly/sparseLinear.ts) once the data has 20,000 stored values (sparse or dense). That
 * loop repeats the TypeScript one operation for operation, so the models must be the same bits: these tests train
 * each configuration with LSML_SPARSE_WASM=0 (TypeScript) and unset (WebAssembly) and compare exactly.
 */

/** n rows of ~nnz random features out of d; values integers (exact float32) or normals (not), labels ± by a hidden w. */
function sparseProblem(
  seed: number,
  n: number,
  d: number,
  nnz: number,
  integerValues: boolean,
): { X: CsrMatrix; y: number[]; target: number[] } {
  const rng = new Random(seed);
  const hidden = Float64Array.from({ length: d }, () => rng.normal());
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const y: number[] = [];
  const target: number[] = [];
  for (let i = 0; i < n; i++) {
    const cols = new Set<number>();
    const len = 1 + rng.int(2 * nnz);
    while (cols.size < len) cols.add(rng.int(d));
    let s = 0;
    for (const c of [...cols].sort((a, b) => a - b)) {
      const v = integerValues ? 1 + rng.int(3) : rng.normal();
      indices.push(c);
      values.push(v);
      s += v * (hidden[c] as number);
    }
    indptr[i + 1] = indices.length;
    y.push(s + 0.5 * rng.normal() > 0 ? 1 : 0);
    target.push(s + 0.1 * rng.normal());
  }
  return { X: new CsrMatrix(n, d, indptr, Int32Array.from(indices), Float64Array.from(values)), y, target };
}

function withEngine<T>(wasm: boolean, run: () => T): T {
  const before = process.env.LSML_SPARSE_WASM;
  if (wasm) delete process.env.LSML_SPARSE_WASM;
  else process.env.LSML_SPARSE_WASM = '0';
  try {
    return run();
  } finally {
    if (before === undefined) delete process.env.LSML_SPARSE_WASM;
    else process.env.LSML_SPARSE_WASM = before;
  }
}

function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  let mismatches = 0;
  for (let j = 0; j < a.length; j++) if (!Object.is(a[j], b[j])) mismatches++;
  expect(mismatches).toBe(0);
}

const exact = sparseProblem(1, 1500, 400, 15, true);
const inexact = sparseProblem(2, 1500, 400, 15, false);

/** The setting the run started with (LSML_SPARSE_WASM=1 forces the WebAssembly loops on small problems too). */
const original = process.env.LSML_SPARSE_WASM;
afterEach(() => {
  if (original === undefined) delete process.env.LSML_SPARSE_WASM;
  else process.env.LSML_SPARSE_WASM = original;
});

describe('sparse SGD in WebAssembly', () => {
  it('is used on problems of 20,000+ stored values, and not below', () => {
    delete process.env.LSML_SPARSE_WASM;
    const rows = Int32Array.from({ length: exact.X.rows }, (_, i) => i);
    const y = Float64Array.from(exact.y, (v) => (v > 0 ? 1 : -1));
    expect(exact.X.nnz).toBeGreaterThan(20000);
    expect(inexact.X.nnz).toBeGreaterThan(20000);
    expect(SparseSgdWasm.create(exact.X, y, null, rows)).not.toBeNull();
    const small = sparseProblem(3, 100, 50, 5, true);
    expect(SparseSgdWasm.create(small.X, y.subarray(0, 100), null, rows.subarray(0, 100))).toBeNull();
    process.env.LSML_SPARSE_WASM = '0';
    expect(SparseSgdWasm.create(exact.X, y, null, rows)).toBeNull();
  });

  const classifierCases: SGDClassifierOptions[] = [
    { loss: 'hinge' },
    { loss: 'hinge', penalty: null, learningRate: 'constant', eta0: 0.01 },
    { loss: 'modified_huber', alpha: 1e-3 },
    { loss: 'squared_hinge', learningRate: 'adaptive', eta0: 0.05, tol: 1e-3, nIterNoChange: 2 },
    { loss: 'perceptron', classWeight: 'balanced' },
    { loss: 'hinge', earlyStopping: true, validationFraction: 0.2, tol: 1e-4, nIterNoChange: 2 },
  ];
  for (const params of classifierCases) {
    it(`SGDClassifier ${JSON.stringify(params)} gives the same bits as the TypeScript loop`, () => {
      for (const data of [exact, inexact]) {
        const fit = (): SGDClassifier =>
          new SGDClassifier({ maxIter: 4, tol: null, seed: 7, ...params }).fit(data.X, data.y);
        const ts = withEngine(false, fit);
        const wasm = withEngine(true, fit);
        expectSameBits(wasm.coef.data, ts.coef.data);
        expectSameBits(wasm.intercept, ts.intercept);
        expect(wasm.nIter).toBe(ts.nIter);
      }
    });
  }

  it('sample weights and one-vs-rest multi-class give the same bits', () => {
    const labels = exact.target.map((t) => (t < -1 ? 0 : t < 1 ? 1 : 2));
    const weights = exact.y.map((_, i) => 0.5 + (i % 4));
    const fit = (): SGDClassifier =>
      new SGDClassifier({ maxIter: 3, tol: null, seed: 1 }).fit(exact.X, labels, { sampleWeight: weights });
    const ts = withEngine(false, fit);
    const wasm = withEngine(true, fit);
    expectSameBits(wasm.coef.data, ts.coef.data);
    expectSameBits(wasm.intercept, ts.intercept);
  });

  const regressorCases: SGDRegressorOptions[] = [
    { loss: 'squared_error', eta0: 0.001 },
    { loss: 'huber', epsilon: 0.5 },
    { loss: 'epsilon_insensitive', epsilon: 0.1 },
    { loss: 'squared_epsilon_insensitive', epsilon: 0.1, eta0: 0.001 },
  ];
  for (const params of regressorCases) {
    it(`SGDRegressor ${JSON.stringify(params)} gives the same bits as the TypeScript loop`, () => {
      const fit = (): SGDRegressor =>
        new SGDRegressor({ maxIter: 3, tol: null, seed: 3, ...params }).fit(inexact.X, inexact.target);
      const ts = withEngine(false, fit);
      const wasm = withEngine(true, fit);
      expectSameBits(wasm.coef, ts.coef);
      expectSameBits(wasm.intercept, ts.intercept);
    });
  }

  it('partialFit in WebAssembly equals fit for a fixed order and constant rate', () => {
    const opts = {
      loss: 'hinge',
      learningRate: 'constant',
      eta0: 0.01,
      shuffle: false,
      maxIter: 1,
      tol: null,
    } as const;
    const whole = withEngine(true, () => new SGDClassifier(opts).fit(exact.X, exact.y));
    const chunked = new SGDClassifier(opts);
    const rows = exact.X.rows;
    withEngine(true, () => chunked.partialFit(exact.X, exact.y, { classes: [0, 1] }));
    expectSameBits(chunked.coef.data, whole.coef.data);
    expect(rows).toBe(1500);
  });

  it('a NaN in the data raises the same DataError', () => {
    const values = Float64Array.from(exact.X.values);
    values[values.length - 3] = NaN;
    const X = new CsrMatrix(exact.X.rows, exact.X.cols, exact.X.indptr, exact.X.indices, values);
    const message = (wasm: boolean): string => {
      try {
        withEngine(wasm, () => new SGDClassifier({ maxIter: 2, tol: null, seed: 0 }).fit(X, exact.y));
      } catch (e) {
        expect(e).toBeInstanceOf(DataError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(message(true)).toBe(message(false));
    expect(message(true)).toMatch(/NaN/);
  });
});

/** n × d standard-normal rows (float64, or float32), labels ± by a hidden w, regression targets. */
function denseProblem(
  seed: number,
  n: number,
  d: number,
  f32: boolean,
): { X: DenseMatrix; y: number[]; target: number[] } {
  const rng = new Random(seed);
  const hidden = Array.from({ length: d }, () => rng.normal());
  const data = f32 ? new Float32Array(n * d) : new Float64Array(n * d);
  const y: number[] = [];
  const target: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      data[i * d + j] = rng.normal();
      s += (data[i * d + j] as number) * (hidden[j] as number);
    }
    y.push(s + 0.5 * rng.normal() > 0 ? 1 : 0);
    target.push(s + 0.1 * rng.normal());
  }
  return { X: new DenseMatrix(n, d, data), y, target };
}

describe('dense SGD steps in WebAssembly', () => {
  // 1500 × 17: an odd width exercises the scalar tails of the dot product and of the update
  const f64 = denseProblem(5, 1500, 17, false);
  const f32 = denseProblem(6, 1500, 17, true);

  it('is used on problems of 20,000+ values, and not below', () => {
    delete process.env.LSML_SPARSE_WASM;
    const rows = Int32Array.from({ length: 1500 }, (_, i) => i);
    const y = Float64Array.from(f64.y, (v) => (v > 0 ? 1 : -1));
    expect(DenseSgdWasm.create(f64.X.data, 1500, 17, y, null, rows)).not.toBeNull();
    expect(DenseSgdWasm.create(f64.X.data, 100, 17, y, null, rows.subarray(0, 100))).toBeNull();
  });

  const cases: SGDClassifierOptions[] = [
    { loss: 'hinge' },
    { loss: 'modified_huber', penalty: null, learningRate: 'constant', eta0: 0.01 },
    { loss: 'squared_hinge', learningRate: 'adaptive', eta0: 0.01, tol: 1e-3, nIterNoChange: 2 },
    { loss: 'hinge', alpha: 0.5 },
  ];
  for (const params of cases) {
    it(`SGDClassifier ${JSON.stringify(params)} on float64 and float32 rows: the same bits`, () => {
      for (const data of [f64, f32]) {
        const fit = (): SGDClassifier =>
          new SGDClassifier({ maxIter: 4, tol: null, seed: 9, ...params }).fit(data.X, data.y);
        const ts = withEngine(false, fit);
        const wasm = withEngine(true, fit);
        expectSameBits(wasm.coef.data, ts.coef.data);
        expectSameBits(wasm.intercept, ts.intercept);
        expect(wasm.nIter).toBe(ts.nIter);
      }
    });
  }

  it('SGDRegressor (huber) with sample weights: the same bits', () => {
    const weights = f64.target.map((_, i) => 1 + (i % 3));
    const fit = (): SGDRegressor =>
      new SGDRegressor({ loss: 'huber', maxIter: 3, tol: null, seed: 2 }).fit(f64.X, f64.target, {
        sampleWeight: weights,
      });
    const ts = withEngine(false, fit);
    const wasm = withEngine(true, fit);
    expectSameBits(wasm.coef, ts.coef);
    expectSameBits(wasm.intercept, ts.intercept);
  });

  it('an Infinity in the data raises the same DataError', () => {
    const data = Float64Array.from(f64.X.data);
    data[700 * 17 + 3] = Infinity;
    const X = new DenseMatrix(1500, 17, data);
    const message = (wasm: boolean): string => {
      try {
        withEngine(wasm, () => new SGDClassifier({ maxIter: 2, tol: null, seed: 0 }).fit(X, f64.y));
      } catch (e) {
        expect(e).toBeInstanceOf(DataError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(message(true)).toBe(message(false));
    expect(message(true)).toMatch(/row 700/);
  });
});
