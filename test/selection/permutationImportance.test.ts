import { describe, expect, it } from 'vitest';
import { ConfigError, CsrMatrix, ShapeError } from '../../src/index.js';
import { BaseRegressor, type RegressorState } from '../../src/estimators/base/BaseRegressor.js';
import { checkMatrix } from '../../src/estimators/base/checkMatrix.js';
import { DenseMatrix } from '../../src/estimators/base/DenseMatrix.js';
import type { MatrixLike } from '../../src/estimators/base/matrixLike.js';
import { arrayOf, range } from '../../src/estimators/base/validators.js';
import { permutationImportance } from '../../src/selection/permutationImportance.js';
import { Random } from '../../src/util/random.js';

/** y = Σ coef_j x_j: a fixed model, so the importances depend only on the permutations. */
class FixedLinear extends BaseRegressor<{ coef?: number[] }, RegressorState> {
  static override readonly className: string = 'FixedLinear';
  static override readonly spec = { coef: arrayOf(range(-Infinity, Infinity)) };
  static override readonly defaults = { coef: [] };
  fit(X: MatrixLike): this {
    this.state = { nFeaturesIn: checkMatrix(X, { where: 'FixedLinear.fit', acceptSparse: true }).cols };
    return this;
  }
  predict(X: MatrixLike): Float64Array {
    const m = checkMatrix(X, {
      where: 'FixedLinear.predict',
      acceptSparse: true,
      nFeatures: this.fitted('predict').nFeaturesIn,
    });
    const d = m instanceof CsrMatrix ? new DenseMatrix(m.rows, m.cols, m.toDense()) : m;
    const coef = this.params.coef;
    return Float64Array.from({ length: d.rows }, (_, i) => coef.reduce((s, c, j) => s + c * d.get(i, j), 0));
  }
}

const rng = new Random(4);
const X = Array.from({ length: 80 }, () => [rng.normal(), rng.normal(), rng.normal()]);
const y = X.map((r) => 3 * (r[0] as number) + 0.5 * (r[1] as number));
const model = new FixedLinear({ coef: [3, 0.5, 0] }).fit(X);

describe('permutationImportance', () => {
  it('ranks the features by how much the model uses them; an unused feature scores exactly 0', () => {
    const r = permutationImportance(model, X, y, { nRepeats: 10, seed: 0 });
    expect(r.baselineScore).toBe(1);
    expect(r.importances).toHaveLength(3);
    expect(r.importances[0]).toHaveLength(10);
    expect(r.importancesMean[0]).toBeGreaterThan(r.importancesMean[1] as number);
    expect(r.importancesMean[1]).toBeGreaterThan(0);
    expect(r.importancesMean[2]).toBe(0);
    expect(r.importancesStd[2]).toBe(0);
    // mean and std are over the repeats
    const row = r.importances[0] as number[];
    const mean = row.reduce((a, b) => a + b, 0) / row.length;
    expect(r.importancesMean[0]).toBeCloseTo(mean, 14);
  });

  it('is reproducible by seed and gives the same numbers for every input form', () => {
    const a = permutationImportance(model, X, y, { seed: 3, scoring: 'neg_mean_squared_error' });
    const b = permutationImportance(model, DenseMatrix.fromRows(X), y, { seed: 3, scoring: 'neg_mean_squared_error' });
    const c = permutationImportance(model, CsrMatrix.fromDense(X), y, { seed: 3, scoring: 'neg_mean_squared_error' });
    const d = permutationImportance(
      model,
      { a: X.map((r) => r[0] as number), b: X.map((r) => r[1] as number), c: X.map((r) => r[2] as number) },
      y,
      {
        seed: 3,
        scoring: 'neg_mean_squared_error',
      },
    );
    expect(b.importances).toEqual(a.importances);
    expect(c.importances).toEqual(a.importances);
    expect(d.importances).toEqual(a.importances);
    expect(permutationImportance(model, X, y, { seed: 4 }).importances).not.toEqual(
      permutationImportance(model, X, y, { seed: 3 }).importances,
    );
    expect(X[0]).toEqual(DenseMatrix.fromRows(X).toArray()[0]); // X untouched
  });

  it('reports one result per scorer and subsamples rows with maxSamples', () => {
    const r = permutationImportance(model, X, y, {
      scoring: ['r2', 'neg_mean_absolute_error'],
      nRepeats: 3,
      seed: 1,
      maxSamples: 0.5,
    });
    expect(Object.keys(r)).toEqual(['r2', 'neg_mean_absolute_error']);
    expect(r.r2?.importancesMean[2]).toBe(0);
  });

  it('rejects bad options and lengths with typed errors', () => {
    expect(() => permutationImportance(model, X, y.slice(1))).toThrow(ShapeError);
    expect(() => permutationImportance(model, X, y, { nRepeats: 0 })).toThrow(
      'permutationImportance: "nRepeats" must be an integer in [1, Infinity); received 0.',
    );
    expect(() => permutationImportance(model, X, y, { repeats: 3 } as never)).toThrow(ConfigError);
  });
});
