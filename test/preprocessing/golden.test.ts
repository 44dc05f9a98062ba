import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '../../src/index.js';
import { DenseMatrix } from '../../src/estimators/base/DenseMatrix.js';
import type { MatrixLike } from '../../src/estimators/base/matrixLike.js';
import { LabelEncoder } from '../../src/preprocessing/LabelEncoder.js';
import { MaxAbsScaler } from '../../src/preprocessing/MaxAbsScaler.js';
import { MinMaxScaler } from '../../src/preprocessing/MinMaxScaler.js';
import { Normalizer } from '../../src/preprocessing/Normalizer.js';
import { OneHotEncoder } from '../../src/preprocessing/OneHotEncoder.js';
import { OrdinalEncoder } from '../../src/preprocessing/OrdinalEncoder.js';
import { PolynomialFeatures } from '../../src/preprocessing/PolynomialFeatures.js';
import { RobustScaler } from '../../src/preprocessing/RobustScaler.js';
import { SimpleImputer } from '../../src/preprocessing/SimpleImputer.js';
import { StandardScaler } from '../../src/preprocessing/StandardScaler.js';
import { captureWarnings } from '../../src/util/warnings.js';
import { loadGolden } from '../selection/golden.js';

interface Case {
  class: string;
  options: Record<string, unknown>;
  sparse: boolean;
  fit: unknown[][] | null;
  chunks: unknown[][][] | null;
  sampleWeight: unknown[] | null;
  transform: unknown[][];
  expected: Record<string, unknown>;
}
const golden = loadGolden<{
  sklearn_version: string;
  cases: Case[];
  labelEncoder: { y: (number | string)[]; classes: (number | string)[]; codes: number[]; of: (number | string)[] }[];
}>('preprocessing.json');

/** The golden file writes non-finite numbers as strings. */
function decode(v: unknown): unknown {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (Array.isArray(v)) return v.map(decode);
  return v;
}

const classes: Record<string, new (o: Record<string, unknown>) => Record<string, unknown>> = {
  StandardScaler,
  MinMaxScaler,
  MaxAbsScaler,
  RobustScaler,
  Normalizer,
  PolynomialFeatures,
  OneHotEncoder,
  OrdinalEncoder,
  SimpleImputer,
} as never;

function input(rows: unknown[][], sparse: boolean): MatrixLike {
  const decoded = decode(rows) as number[][];
  return sparse ? CsrMatrix.fromDense(decoded) : (decoded as MatrixLike);
}

function plain(v: unknown): unknown {
  if (v instanceof CsrMatrix) return new DenseMatrix(v.rows, v.cols, v.toDense()).toArray();
  if (v instanceof DenseMatrix) return v.toArray();
  if (ArrayBuffer.isView(v)) return Array.from(v as Float64Array);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

/** Numbers within 1e-12 relative (1e-12 absolute near zero, scaled by `scale`), NaN = NaN; the rest equal. */
function expectClose(actual: unknown, expected: unknown, path: string, scale: number): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected) || !Number.isFinite(expected)) {
      expect(Object.is(actual, expected) || actual === expected, `${path}: ${actual} vs ${expected}`).toBe(true);
      return;
    }
    const tol = 1e-12 * Math.max(Math.abs(expected), scale);
    if (!(Math.abs(actual - expected) <= tol)) throw new Error(`${path}: received ${actual}, expected ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`, scale));
    return;
  }
  expect(actual, path).toEqual(expected);
}

const getters: Record<string, (est: Record<string, unknown>) => unknown> = {
  featureNamesOut: (e) => (e.getFeatureNamesOut as () => string[]).call(e),
};

function maxAbs(rows: unknown): number {
  let m = 1;
  const walk = (v: unknown): void => {
    if (typeof v === 'number' && Number.isFinite(v)) m = Math.max(m, Math.abs(v));
    else if (Array.isArray(v)) v.forEach(walk);
  };
  walk(rows);
  return m;
}

describe(`preprocessing matches scikit-learn ${golden.sklearn_version}`, () => {
  const byClass = new Map<string, Case[]>();
  for (const c of golden.cases) byClass.set(c.class, [...(byClass.get(c.class) ?? []), c]);
  for (const [name, cases] of byClass) {
    it(`${name} (${cases.length} cases): learned attributes, transform and inverseTransform`, () => {
      cases.forEach((c, k) => {
        const Ctor = classes[c.class] as new (o: Record<string, unknown>) => Record<string, unknown>;
        const est = new Ctor(decode(c.options) as Record<string, unknown>);
        const call = (m: string, ...args: unknown[]): unknown =>
          (est[m] as (...a: unknown[]) => unknown).apply(est, args);
        const weights = c.sampleWeight ? { sampleWeight: c.sampleWeight as number[] } : undefined;
        const { warnings } = captureWarnings(() => {
          if (c.chunks) for (const chunk of c.chunks) call('partialFit', input(chunk, c.sparse));
          else call('fit', input(c.fit as unknown[][], c.sparse), undefined, weights);
        });
        void warnings;
        const scale = maxAbs(decode(c.fit ?? c.chunks));
        const where = `${name} case ${k} ${JSON.stringify(c.options)}`;
        const out = call('transform', input(c.transform, c.sparse));
        expectClose(
          plain(out),
          decode(c.expected.transform),
          `${where} transform`,
          Math.max(1, maxAbs(decode(c.expected.transform))),
        );
        for (const [attr, expected] of Object.entries(c.expected)) {
          if (attr === 'transform') continue;
          let actual: unknown;
          if (attr === 'inverseTransform') actual = call('inverseTransform', out);
          else actual = (getters[attr] ?? ((e) => e[attr]))(est);
          const s = attr === 'inverseTransform' ? scale : Math.max(scale ** 2, 1);
          expectClose(plain(actual), decode(expected), `${where} ${attr}`, s);
        }
      });
    });
  }

  it('LabelEncoder', () => {
    for (const c of golden.labelEncoder) {
      const le = new LabelEncoder().fit(c.y);
      expect(le.classes).toEqual(c.classes);
      expect(Array.from(le.transform(c.of))).toEqual(c.codes);
      expect(le.inverseTransform(c.codes)).toEqual(c.of);
    }
  });
});
