import { describe, expect, it } from 'vitest';
import { ConfigError, CsrMatrix, ShapeError, ValueError } from '../../src/index.js';
import { DenseMatrix } from '../../src/estimators/base/DenseMatrix.js';
import { splitSizes } from '../../src/selection/splitSizes.js';
import { trainTestSplit } from '../../src/selection/trainTestSplit.js';
import { loadGolden } from './golden.js';

const golden = loadGolden<{
  sklearn_version: string;
  splitSizes: { n: number; testSize: number | null; trainSize: number | null; nTrain: number; nTest: number }[];
}>('selection.json');

const X = Array.from({ length: 20 }, (_, i) => [i, i * 10]);
const y = Array.from({ length: 20 }, (_, i) => (i < 14 ? 'no' : 'yes'));

describe('trainTestSplit', () => {
  it(`computes sizes as scikit-learn ${golden.sklearn_version} does (test rounds up, train down)`, () => {
    for (const c of golden.splitSizes) {
      expect(splitSizes('t', c.n, c.testSize, c.trainSize, 0.25)).toEqual({ nTrain: c.nTrain, nTest: c.nTest });
    }
  });

  it('splits rows and labels consistently, with no row on both sides', () => {
    const r = trainTestSplit(X, y, { testSize: 0.3, seed: 1 });
    expect(r.XTest).toHaveLength(6);
    expect(r.XTrain).toHaveLength(14);
    const seen = new Set([...r.trainIndex, ...r.testIndex]);
    expect(seen.size).toBe(20);
    r.XTest.forEach((row, k) => {
      expect(row).toBe(X[r.testIndex[k] as number]);
      expect(r.yTest[k]).toBe(y[r.testIndex[k] as number]);
    });
  });

  it('is reproducible by seed and keeps order without shuffling', () => {
    expect(trainTestSplit(X, y, { seed: 5 }).testIndex).toEqual(trainTestSplit(X, y, { seed: 5 }).testIndex);
    const r = trainTestSplit(X, y, { shuffle: false, testSize: 5 });
    expect(Array.from(r.trainIndex)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(Array.from(r.testIndex)).toEqual([15, 16, 17, 18, 19]);
  });

  it('stratify keeps the class ratio in both sets within one sample', () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = trainTestSplit(X, y, { testSize: 0.25, seed, stratify: y });
      const yes = r.yTest.filter((v) => v === 'yes').length;
      expect(Math.abs(yes - 0.3 * r.yTest.length)).toBeLessThan(1);
      expect(Math.abs(r.yTrain.filter((v) => v === 'yes').length - 0.3 * r.yTrain.length)).toBeLessThan(1);
    }
  });

  it('keeps the input form: DenseMatrix, CsrMatrix, tables, typed labels', () => {
    const dense = DenseMatrix.fromRows(X);
    const r = trainTestSplit(
      dense,
      Float64Array.from(y, (v) => (v === 'yes' ? 1 : 0)),
      { seed: 0 },
    );
    expect(r.XTrain).toBeInstanceOf(DenseMatrix);
    expect(r.yTrain).toBeInstanceOf(Float64Array);
    expect(r.XTest.rows).toBe(5);
    expect(r.XTest.get(0, 1)).toBe(X[r.testIndex[0] as number]?.[1]);
    const s = trainTestSplit(CsrMatrix.fromDense(X), undefined, { seed: 0 });
    expect(s.XTest).toBeInstanceOf(CsrMatrix);
    expect(s.yTest).toBeUndefined();
    const t = trainTestSplit({ a: X.map((r) => r[0] as number), b: y }, undefined, { seed: 0, testSize: 4 });
    expect(t.XTest.b).toEqual(Array.from(t.testIndex, (i) => y[i]));
  });

  it('rejects bad sizes, unknown options and length mismatches with typed errors', () => {
    expect(() => trainTestSplit(X, y, { testSize: 20 })).toThrow(ValueError);
    expect(() => trainTestSplit(X, y, { testSize: 20 })).toThrow(
      'trainTestSplit: testSize = 20 must be a count in [1, 19] (fewer than the 20 samples) or a fraction in (0, 1).',
    );
    expect(() => trainTestSplit(X, y, { testSize: 0.6, trainSize: 0.6 })).toThrow(
      'trainTestSplit: testSize + trainSize = 1.2 must be at most 1; reduce testSize or trainSize.',
    );
    expect(() => trainTestSplit(X, y, { testSize: 1.5 })).toThrow(
      'trainTestSplit: "testSize" must be a number in (0, 1) or an integer in [1, Infinity) or null; received 1.5.',
    );
    expect(() => trainTestSplit(X, y, { testSise: 0.2 } as never)).toThrow(ConfigError);
    expect(() => trainTestSplit(X, y, { testSise: 0.2 } as never)).toThrow(
      'trainTestSplit: unknown option "testSise". Did you mean "testSize"? Valid options are "seed", "shuffle", "stratify", "testSize", "trainSize".',
    );
    expect(() => trainTestSplit(X, y.slice(1))).toThrow(ShapeError);
    expect(() => trainTestSplit(X, y.slice(1))).toThrow(
      'trainTestSplit: X has 20 rows but y has 19 labels; they must match.',
    );
    expect(() => trainTestSplit(X, y, { shuffle: false, stratify: y })).toThrow(
      'trainTestSplit: "stratify" needs shuffle: true (a stratified split without shuffling is not defined).',
    );
  });
});
