/**
 * The estimator conformance suite: scikit-learn's `check_estimator` checks (sklearn/utils/estimator_checks.py),
 * adapted to lsml's contract (shared/STYLE.md "Estimator contract"). Every estimator runs through it:
 *
 * ```ts
 * runConformance({ name: 'DummyClassifier(prior)', kind: 'classifier', make: () => new DummyClassifier() });
 * ```
 *
 * Each check is its own `it`, so a failure names the broken rule.
 */
import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../../../src/estimators/base/DenseMatrix.js';
import type { EstimatorJSON } from '../../../src/estimators/base/persistence.js';
import { loadEstimator } from '../../../src/estimators/base/persistence.js';
import type { MatrixLike } from '../../../src/estimators/base/matrixLike.js';
import { ConfigError, CsrMatrix, DataError, NotFittedError, Random, ShapeError, Tensor } from '../../../src/index.js';

/** The parts of the estimator contract the suite calls; every lsml estimator has them. */
export interface ConformingEstimator {
  readonly className: string;
  readonly estimatorType: string;
  readonly isFitted: boolean;
  fit(X: MatrixLike, y?: unknown, options?: unknown): unknown;
  getParams(deep?: boolean): Record<string, unknown>;
  setParams(params: Record<string, unknown>): unknown;
  clone(): ConformingEstimator;
  toJSON(): EstimatorJSON;
  predict?(X: MatrixLike): ArrayLike<unknown>;
  predictProba?(X: MatrixLike): DenseMatrix;
  decisionFunction?(X: MatrixLike): DenseMatrix | Float64Array;
  transform?(X: MatrixLike): unknown;
  fitTransform?(X: MatrixLike, y?: unknown): unknown;
  score?(X: MatrixLike, y: unknown): number;
  readonly classes?: unknown[];
  hasMethod?(method: string): boolean;
}

/** A training set for the suite. */
export interface ConformanceData {
  X: number[][];
  y?: (number | string)[];
}

/** One estimator configuration to check. */
export interface ConformanceCase {
  /** Title of the describe block, e.g. `'StandardScaler(withMean=false)'`. */
  name: string;
  /** What kind of estimator it is; picks the default data and the kind-specific checks. */
  kind: 'classifier' | 'regressor' | 'transformer';
  /** A fresh, unfitted estimator with the hyper-parameters under test. */
  make: () => ConformingEstimator;
  /** Training data (number rows); default a seeded 3-class / linear / positive problem of 40 × 3. */
  data?: () => ConformanceData;
  /** The estimator accepts CsrMatrix input: checks that sparse and dense give the same outputs. */
  sparse?: boolean;
  /** NaN in X is legal (missing values: scalers and imputers, as in scikit-learn): skips the NaN-rejection check. */
  allowNaN?: boolean;
  /** The estimator validates X's values (default true; the dummies ignore them): checks ±Infinity is rejected. */
  validatesX?: boolean;
  /** The estimator checks X's width against fit's; default true. */
  checksFeatureCount?: boolean;
  /** Shuffling the training rows leaves the model unchanged (within `tolerance`); default true. */
  rowOrderInvariant?: boolean;
  /** Absolute tolerance of comparisons that may round differently (row order, float32 input); default 1e-9. */
  tolerance?: number;
  /** The classifier accepts string labels; default true. */
  stringLabels?: boolean;
  /** The transformer needs y in fit (target encoders); default false. */
  supervisedTransformer?: boolean;
}

/** Seeded default data of each kind. */
export function defaultData(kind: ConformanceCase['kind'], seed = 1): ConformanceData {
  const rng = new Random(seed);
  const n = 40;
  const X: number[][] = [];
  const y: (number | string)[] = [];
  for (let i = 0; i < n; i++) {
    const cls = i % 3;
    const row = [0, 1, 2].map(
      (j) => rng.normal() + (kind === 'classifier' && j === cls ? 3 : 0) + (kind === 'transformer' ? j * 2 : 0),
    );
    X.push(row);
    if (kind === 'classifier') y.push(cls);
    else if (kind === 'regressor') y.push(2 * (row[0] as number) - (row[1] as number) + 0.5 + 0.1 * rng.normal());
  }
  return kind === 'transformer' ? { X } : { X, y };
}

/** Whether the estimator offers `method` (asking `hasMethod` where it exists: Pipeline, searches). */
export function has(est: ConformingEstimator, method: string): boolean {
  if (typeof est.hasMethod === 'function') return est.hasMethod(method);
  return typeof (est as unknown as Record<string, unknown>)[method] === 'function';
}

/** Everything an estimator outputs for X, as plain data to compare. */
function outputs(est: ConformingEstimator, X: MatrixLike): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (has(est, 'predict')) out.predict = Array.from(est.predict?.(X) ?? []);
  if (has(est, 'predictProba')) out.predictProba = plain(est.predictProba?.(X));
  if (has(est, 'decisionFunction')) {
    const d = est.decisionFunction?.(X);
    out.decisionFunction = plain(d);
  }
  if (has(est, 'transform')) out.transform = plain(est.transform?.(X));
  return out;
}

/** Matrices and typed arrays as nested number arrays. */
function plain(m: unknown): unknown {
  if (m instanceof CsrMatrix) return new DenseMatrix(m.rows, m.cols, m.toDense()).toArray();
  if (m instanceof DenseMatrix) return m.toArray();
  if (ArrayBuffer.isView(m)) return Array.from(m as Float64Array);
  if (Array.isArray(m)) return m.map(plain);
  return m;
}

/** Asserts two output records agree within `tol` (exactly when tol = 0; NaN equals NaN). */
export function expectOutputsClose(a: unknown, b: unknown, tol: number, path = 'output'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b) || tol === 0 || !Number.isFinite(a)) {
      expect(Object.is(a, b) || a === b, `${path}: ${a} vs ${b}`).toBe(true);
    } else if (!(Math.abs(a - b) <= tol * (1 + Math.abs(b)))) {
      throw new Error(`${path}: ${a} differs from ${b} by more than ${tol}`);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, `${path}: length`).toBe(b.length);
    a.forEach((x, i) => expectOutputsClose(x, b[i], tol, `${path}[${i}]`));
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), `${path}: keys`).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a)) {
      expectOutputsClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`);
    }
    return;
  }
  expect(a, path).toEqual(b);
}

/** Hyper-parameters as plain data: nested estimators by class name and parameters (not their learned state). */
export function paramSignature(v: unknown): unknown {
  if (v !== null && typeof v === 'object') {
    const e = v as Partial<ConformingEstimator>;
    if (typeof e.getParams === 'function' && typeof e.fit === 'function') {
      return { className: e.className, params: paramSignature(e.getParams(false)) };
    }
    if (Array.isArray(v)) return v.map(paramSignature);
    if (Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, paramSignature(x)]));
    }
  }
  return v;
}

function deepCopy<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function fitOn(est: ConformingEstimator, data: ConformanceData, supervised: boolean): unknown {
  return supervised ? est.fit(data.X, data.y) : est.fit(data.X);
}

/** Registers one `describe` block with every applicable check for `c`. */
export function runConformance(c: ConformanceCase): void {
  const tol = c.tolerance ?? 1e-9;
  const supervised = c.kind !== 'transformer' || c.supervisedTransformer === true;
  const data = (): ConformanceData => (c.data ? c.data() : defaultData(c.kind));
  const fitted = (): ConformingEstimator => {
    const est = c.make();
    fitOn(est, data(), supervised);
    return est;
  };
  const Ctor = (): new (o: Record<string, unknown>) => ConformingEstimator =>
    c.make().constructor as new (o: Record<string, unknown>) => ConformingEstimator;

  describe(`${c.name} conforms to the estimator contract`, () => {
    it('fit returns the estimator itself', () => {
      const est = c.make();
      expect(fitOn(est, data(), supervised)).toBe(est);
      expect(est.isFitted).toBe(true);
    });

    it('throws NotFittedError naming the class before fit', () => {
      const est = c.make();
      const { X } = data();
      expect(est.isFitted).toBe(false);
      const methods = ['predict', 'predictProba', 'decisionFunction', 'transform'] as const;
      let checked = 0;
      for (const m of methods) {
        const f = est[m];
        if (typeof f !== 'function' || !has(est, m)) continue;
        checked++;
        expect(() => f.call(est, X)).toThrow(NotFittedError);
        expect(() => f.call(est, X)).toThrow(
          `${est.className}: this instance is not fitted yet; call fit() before ${m}.`,
        );
      }
      expect(checked).toBeGreaterThan(0);
    });

    it('rejects an unknown constructor option with a ConfigError naming it', () => {
      const C = Ctor();
      expect(() => new C({ notAnOption: 1 })).toThrow(ConfigError);
      expect(() => new C({ notAnOption: 1 })).toThrow(/unknown option "notAnOption"\..*Valid options are/);
    });

    it('setParams rejects unknown names and returns this for known ones', () => {
      const est = c.make();
      expect(() => est.setParams({ notAnOption: 1 })).toThrow(ConfigError);
      const params = est.getParams(false);
      expect(est.setParams(params)).toBe(est);
      expect(paramSignature(est.getParams(false))).toEqual(paramSignature(params));
    });

    it('getParams round-trips through the constructor', () => {
      const est = c.make();
      const C = Ctor();
      expect(paramSignature(new C(est.getParams(false)).getParams(false))).toEqual(
        paramSignature(est.getParams(false)),
      );
    });

    it('fit leaves the hyper-parameters unchanged', () => {
      const est = c.make();
      const before = paramSignature(est.getParams(false));
      fitOn(est, data(), supervised);
      expect(paramSignature(est.getParams(false))).toEqual(before);
    });

    it('fit and predict do not mutate their inputs', () => {
      const d = data();
      const copy = deepCopy(d);
      const est = c.make();
      fitOn(est, d, supervised);
      outputs(est, d.X);
      expect(d).toEqual(copy);
    });

    it('refitting starts over: fit on other data, then the first data again, gives the first model', () => {
      const d = data();
      const first = outputs(fitted(), d.X);
      const est = c.make();
      const other = c.data ? data() : defaultData(c.kind, 99);
      const shuffledOther: ConformanceData = { X: other.X.map((r) => r.map((v) => v * 1.5 + 0.25)) };
      if (other.y) shuffledOther.y = other.y;
      fitOn(est, shuffledOther, supervised);
      fitOn(est, d, supervised);
      expectOutputsClose(outputs(est, d.X), first, 0);
    });

    if (c.rowOrderInvariant !== false) {
      it('the order of the training rows does not matter', () => {
        const d = data();
        const reference = outputs(fitted(), d.X);
        const perm = Array.from(new Random(5).permutation(d.X.length));
        const permuted: ConformanceData = { X: perm.map((i) => d.X[i] as number[]) };
        if (d.y) permuted.y = perm.map((i) => d.y?.[i] as number | string);
        const est = c.make();
        fitOn(est, permuted, supervised);
        expectOutputsClose(outputs(est, d.X), reference, tol);
      });
    }

    const rejected = c.validatesX === false ? [] : c.allowNaN ? [Infinity] : [NaN, Infinity];
    if (rejected.length > 0) {
      it(`rejects ${rejected.map(String).join(' and ')} in X with a DataError naming row and column`, () => {
        const d = data();
        for (const bad of rejected) {
          const X = d.X.map((r) => [...r]);
          (X[2] as number[])[1] = bad;
          const est = c.make();
          const fit = (): unknown => fitOn(est, { ...d, X }, supervised);
          expect(fit).toThrow(DataError);
          expect(fit).toThrow(`contains ${bad === Infinity ? 'Infinity' : 'NaN'} at row 2, column 1`);
          const good = fitted();
          const apply = (): unknown => outputs(good, X);
          expect(apply).toThrow(DataError);
        }
      });
    }

    if (supervised) {
      it('rejects X and y of different lengths with a ShapeError', () => {
        const d = data();
        const est = c.make();
        expect(() => est.fit(d.X, d.y?.slice(1))).toThrow(ShapeError);
        expect(() => est.fit(d.X, d.y?.slice(1))).toThrow(
          `X has ${d.X.length} rows but y has ${d.X.length - 1} ${c.kind === 'classifier' ? 'labels' : 'values'}`,
        );
      });
    }

    if (c.checksFeatureCount !== false) {
      it('rejects X with another number of features than in fit with a ShapeError', () => {
        const est = fitted();
        const X = data().X.map((r) => [...r, 1]);
        expect(() => outputs(est, X)).toThrow(ShapeError);
        expect(() => outputs(est, X)).toThrow(/has \d+ features, but the estimator was fitted with \d+ features/);
      });
    }

    it('saves to JSON and loads back with identical outputs', () => {
      const est = fitted();
      const X = data().X;
      const text = JSON.stringify(est.toJSON());
      const loaded = loadEstimator(text) as ConformingEstimator;
      expect(loaded.constructor).toBe(est.constructor);
      expect(paramSignature(loaded.getParams(false))).toEqual(paramSignature(est.getParams(false)));
      expectOutputsClose(outputs(loaded, X), outputs(est, X), 0);
      const viaClass = (est.constructor as unknown as { fromJSON(j: string): ConformingEstimator }).fromJSON(text);
      expectOutputsClose(outputs(viaClass, X), outputs(est, X), 0);
    });

    it('saves an unfitted estimator that loads unfitted', () => {
      const loaded = loadEstimator(JSON.stringify(c.make().toJSON())) as ConformingEstimator;
      expect(loaded.isFitted).toBe(false);
    });

    it('clone is unfitted, has equal params, and is independent', () => {
      const est = fitted();
      const copy = est.clone();
      expect(copy).not.toBe(est);
      expect(copy.constructor).toBe(est.constructor);
      expect(copy.isFitted).toBe(false);
      expect(paramSignature(copy.getParams(false))).toEqual(paramSignature(est.getParams(false)));
      const before = outputs(est, data().X);
      fitOn(copy, c.data ? data() : defaultData(c.kind, 42), supervised);
      expectOutputsClose(outputs(est, data().X), before, 0);
    });

    it('accepts number[][], DenseMatrix (float64, float32-exact) and rank-2 Tensor alike', () => {
      const d = data();
      const reference = outputs(fitted(), d.X);
      const flat = Float64Array.from(d.X.flat());
      const rows = d.X.length;
      const cols = (d.X[0] as number[]).length;
      const forms: MatrixLike[] = [
        new DenseMatrix(rows, cols, flat),
        new Tensor(flat, [rows, cols]),
        { rows, cols, data: flat },
      ];
      for (const form of forms) {
        const est = c.make();
        if (supervised) est.fit(form, d.y);
        else est.fit(form);
        expectOutputsClose(outputs(est, form), reference, 0);
      }
    });

    if (c.sparse) {
      it('CsrMatrix input gives the same outputs as dense input', () => {
        const d = data();
        const reference = outputs(fitted(), d.X);
        const sparse = CsrMatrix.fromDense(d.X);
        const est = c.make();
        if (supervised) est.fit(sparse, d.y);
        else est.fit(sparse);
        expectOutputsClose(outputs(est, sparse), reference, tol);
      });
    }

    if (c.kind === 'classifier') {
      it('classes are the sorted distinct labels; predictions are among them; probabilities sum to 1', () => {
        const d = data();
        const est = fitted();
        const classes = [...new Set(d.y)].sort((a, b) => (a as number) - (b as number));
        expect(est.classes).toEqual(classes);
        const pred = Array.from(est.predict?.(d.X) ?? []);
        expect(pred).toHaveLength(d.X.length);
        for (const p of pred) expect(classes).toContain(p);
        if (has(est, 'predictProba') && typeof est.predictProba === 'function') {
          const proba = est.predictProba(d.X);
          expect([proba.rows, proba.cols]).toEqual([d.X.length, classes.length]);
          for (let i = 0; i < proba.rows; i++) {
            const row = Array.from(proba.row(i));
            for (const p of row) expect(p).toBeGreaterThanOrEqual(0);
            expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
          }
        }
        const s = est.score?.(d.X, d.y) as number;
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      });

      if (c.stringLabels !== false) {
        it('string labels give the same model as their numeric codes', () => {
          const d = data();
          const names = ['ant', 'bee', 'cat', 'dog', 'eel', 'fox'];
          const ys = d.y?.map((v) => names[v as number] as string);
          const numeric = fitted();
          const est = c.make();
          est.fit(d.X, ys);
          expect(est.classes).toEqual([...new Set(ys)].sort());
          const p = Array.from(est.predict?.(d.X) ?? []);
          expect(p).toEqual(Array.from(numeric.predict?.(d.X) ?? []).map((v) => names[v as number]));
        });
      }
    }

    if (c.kind === 'regressor') {
      it('predict returns one float64 per row; score is at most 1', () => {
        const d = data();
        const est = fitted();
        const pred = est.predict?.(d.X);
        expect(pred).toBeInstanceOf(Float64Array);
        expect(pred).toHaveLength(d.X.length);
        expect(est.score?.(d.X, d.y)).toBeLessThanOrEqual(1);
      });
    }

    if (c.kind === 'transformer') {
      it('fitTransform equals fit then transform, with one output row per input row', () => {
        const d = data();
        const est = c.make();
        const a = plain(supervised ? est.fitTransform?.(d.X, d.y) : est.fitTransform?.(d.X));
        const b = plain(fitted().transform?.(d.X));
        expectOutputsClose(a, b, tol);
        expect((a as unknown[]).length).toBe(d.X.length);
      });
    }
  });
}
