import { describe, expect, it } from 'vitest';
import { ElasticNet } from '../../../src/estimators/linear/ElasticNet.js';
import { Lasso } from '../../../src/estimators/linear/Lasso.js';
import { LinearRegression } from '../../../src/estimators/linear/LinearRegression.js';
import { Ridge } from '../../../src/estimators/linear/Ridge.js';
import { ConfigError, CsrMatrix, DataError, Random, ShapeError, ValueError } from '../../../src/index.js';
import { captureWarnings } from '../../../src/util/warnings.js';
import { expectAllClose, regressionProblem } from './fixtures.js';

const { X, y, w } = regressionProblem();
const S = CsrMatrix.fromDense(X);

/** A well-conditioned problem: 300 × 4 standard normals, y = 1.5x₀ − 2x₁ + 0.5x₃ + 4 + noise. */
function wellConditioned(): { X: number[][]; y: number[] } {
  const r = new Random(11);
  const Xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < 300; i++) {
    const row = [r.normal(), r.normal(), r.normal(), r.normal()];
    Xs.push(row);
    ys.push(1.5 * (row[0] as number) - 2 * (row[1] as number) + 0.5 * (row[3] as number) + 4 + 0.1 * r.normal());
  }
  return { X: Xs, y: ys };
}

describe('LinearRegression', () => {
  it('gradient descent converges to the normal-equation solution (to 1e-6)', () => {
    const p = wellConditioned();
    const exact = new LinearRegression().fit(p.X, p.y);
    const gd = new LinearRegression({ solver: 'gd', tol: 1e-10 }).fit(p.X, p.y);
    expectAllClose([...gd.coef, gd.intercept], [...exact.coef, exact.intercept], 0, 1e-6);
    // the textbook loss history: it starts at the loss of θ = 0 and never goes up with step 1/L
    const h = gd.lossHistory;
    expect(h.length).toBe(gd.nIter + 1);
    for (let i = 1; i < h.length; i++) expect(h[i] as number).toBeLessThanOrEqual((h[i - 1] as number) + 1e-15);
  });

  it("matches scikit-learn's LinearRegression with sample weights (dense and sparse)", () => {
    // scikit-learn 1.2.1: LinearRegression().fit(X, y, sample_weight=w) on regressionProblem()
    const expected = [
      2.0239623863094858, -1.1878157138787406, 0.02880387241153788, 0.5393800636876795, -0.03452377106414668,
      -0.004011365588564051, -0.04541529883185283, 0.016388696026551013, 3.034841722221644,
    ];
    for (const form of [X, S]) {
      const m = new LinearRegression().fit(form, y, { sampleWeight: w });
      expectAllClose([...m.coef, m.intercept], expected, 1e-10, 1e-12);
    }
  });

  it('fits an exact line and integer sample weights equal repeated rows', () => {
    const line = new LinearRegression().fit([[0], [1], [2], [3]], [1, 3, 5, 7]);
    expect(line.coef[0]).toBeCloseTo(2, 12);
    expect(line.intercept).toBeCloseTo(1, 12);
    const weighted = new LinearRegression().fit(X.slice(0, 20), y.slice(0, 20), {
      sampleWeight: [...Array(19).fill(1), 3],
    });
    const repeated = new LinearRegression().fit(
      [...X.slice(0, 20), X[19] as number[], X[19] as number[]],
      [...y.slice(0, 20), y[19] as number, y[19] as number],
    );
    expectAllClose(weighted.coef, repeated.coef, 1e-9, 1e-10);
  });

  it('a rank-deficient design gets the minimum-norm solution (as numpy lstsq)', () => {
    // the second column duplicates the first: any split a + b = 2 fits; the minimum norm splits it evenly
    const m = new LinearRegression().fit(
      [
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
      ],
      [2, 4, 6, 8],
    );
    expectAllClose(m.coef, [1, 1], 1e-10, 1e-10);
    expect(m.rank).toBe(1);
  });

  it('gradient descent warns when it runs out of iterations, and fails clearly when it diverges', () => {
    const p = wellConditioned();
    const { warnings } = captureWarnings(() => new LinearRegression({ solver: 'gd', maxIter: 3 }).fit(p.X, p.y));
    expect(warnings[0]?.code).toBe('ConvergenceWarning');
    expect(() => new LinearRegression({ solver: 'gd', learningRate: 10 }).fit(p.X, p.y)).toThrow(ValueError);
    expect(() => new LinearRegression({ solver: 'gd', learningRate: 10 }).fit(p.X, p.y)).toThrow(
      /diverged at iteration/,
    );
  });

  it('bad inputs raise typed errors', () => {
    expect(() => new LinearRegression().fit([[1], [NaN]], [1, 2])).toThrow(
      'LinearRegression.fit: X contains NaN at row 1, column 0',
    );
    expect(() => new LinearRegression().fit([[1], [2]], [1, NaN])).toThrow(DataError);
    expect(() => new LinearRegression().fit([[1], [2]], [1])).toThrow(ShapeError);
    expect(() => new LinearRegression({ solver: 'qr' as never })).toThrow(ConfigError);
  });
});

describe('Ridge', () => {
  // scikit-learn 1.2.1: Ridge(alpha=3).fit(X, y, sample_weight=w) on regressionProblem()
  const expected = [
    1.9609643083386938, -1.1487083386226349, 0.028612194768531135, 0.5117118648368775, -0.034215876174138835,
    -0.004572976977202132, -0.0409933727802143, 0.015370666083918174, 3.046930609149914,
  ];

  it("matches scikit-learn's Ridge with every solver (Cholesky, conjugate gradients, sparse)", () => {
    for (const [form, solver] of [
      [X, 'cholesky'],
      [X, 'cg'],
      [S, 'auto'],
      [S, 'cholesky'],
    ] as const) {
      const m = new Ridge({ alpha: 3, solver, tol: 1e-12 }).fit(form, y, { sampleWeight: w });
      expectAllClose([...m.coef, m.intercept], expected, 1e-8, 1e-10);
    }
  });

  it('with fewer samples than features the kernel form equals conjugate gradients', () => {
    const few = X.slice(0, 6);
    const a = new Ridge({ alpha: 0.5, solver: 'cholesky' }).fit(few, y.slice(0, 6));
    const b = new Ridge({ alpha: 0.5, solver: 'cg', tol: 1e-14 }).fit(few, y.slice(0, 6));
    expectAllClose([...a.coef, a.intercept], [...b.coef, b.intercept], 1e-8, 1e-10);
  });
});

describe('Lasso and ElasticNet (coordinate descent)', () => {
  it("match scikit-learn's coefficients, iterations and duality gap", () => {
    // scikit-learn 1.2.1: Lasso(alpha=0.1).fit(X, y, sample_weight=w) → n_iter_ 4, dual_gap_ below
    for (const form of [X, S]) {
      const lasso = new Lasso({ alpha: 0.1 }).fit(form, y, { sampleWeight: w });
      expectAllClose(
        [...lasso.coef, lasso.intercept],
        [1.7757754221962707, -0.9491963297746475, 0, 0.317798904112179, 0, 0, 0, 0, 3.099212856196043],
        1e-10,
        1e-12,
      );
      expect(lasso.nIter).toBe(4);
      expectAllClose([lasso.dualGap], [1.6407783276406462e-6], 1e-6, 0);
      // ElasticNet(alpha=0.1, l1_ratio=0.3).fit(X, y)
      const enet = new ElasticNet({ alpha: 0.1, l1Ratio: 0.3 }).fit(form, y);
      expectAllClose(
        [...enet.coef, enet.intercept],
        [
          1.6984669528124443, -0.9696978058229107, 0, 0.3854080787444578, -0.01249250374316359, 0,
          -0.005320747109123404, 0, 3.0762615073728976,
        ],
        1e-10,
        1e-12,
      );
      expect(enet.nIter).toBe(4);
    }
    // ElasticNet(alpha=0.05, l1_ratio=0.7, positive=True, fit_intercept=False) → n_iter_ 11
    const pos = new ElasticNet({ alpha: 0.05, l1Ratio: 0.7, positive: true, fitIntercept: false }).fit(X, y);
    expectAllClose(
      pos.coef,
      [
        2.2585499332057664, 0, 0.45752587522330773, 0.9994815149691199, 0.4270876000315176, 0.6367268775498978,
        0.3542406546792923, 0.5603492975028619,
      ],
      1e-9,
      1e-12,
    );
    expect(pos.nIter).toBe(11);
  });

  it('random coordinate selection reaches the same optimum, and a large alpha zeroes every coefficient', () => {
    const cyclic = new Lasso({ alpha: 0.05, tol: 1e-12 }).fit(X, y);
    const random = new Lasso({ alpha: 0.05, tol: 1e-12, selection: 'random', seed: 1, maxIter: 10000 }).fit(X, y);
    expectAllClose(random.coef, cyclic.coef, 1e-7, 1e-9);
    expect(Array.from(new Lasso({ alpha: 100 }).fit(X, y).coef).every((v) => v === 0)).toBe(true);
  });

  it('warns when the duality gap stays above tol', () => {
    const { warnings } = captureWarnings(() => new Lasso({ alpha: 0.001, maxIter: 1, tol: 1e-12 }).fit(X, y));
    expect(warnings[0]?.message).toMatch(/^Lasso: objective did not converge in 1 sweeps \(duality gap/);
  });
});
