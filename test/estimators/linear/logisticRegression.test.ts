import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../../../src/estimators/base/DenseMatrix.js';
import { LogisticObjective } from '../../../src/estimators/linear/logistic/LogisticObjective.js';
import { LogisticRegression } from '../../../src/estimators/linear/LogisticRegression.js';
import { lbfgs } from '../../../src/estimators/linear/solvers/lbfgs.js';
import { ConfigError, CsrMatrix, DataError, Random } from '../../../src/index.js';
import { captureWarnings } from '../../../src/util/warnings.js';
import { binaryProblem, expectAllClose, threeClassLabels } from './fixtures.js';

const { X, y } = binaryProblem(1, 400, 4);

/** Solves A·x = b by Gaussian elimination with partial pivoting (small dense systems). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((M[r] as number[])[c] as number) > Math.abs((M[p] as number[])[c] as number)) p = r;
    [M[c], M[p]] = [M[p] as number[], M[c] as number[]];
    for (let r = c + 1; r < n; r++) {
      const f = ((M[r] as number[])[c] as number) / ((M[c] as number[])[c] as number);
      for (let k = c; k <= n; k++)
        (M[r] as number[])[k] = ((M[r] as number[])[k] as number) - f * ((M[c] as number[])[k] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = (M[r] as number[])[n] as number;
    for (let k = r + 1; k < n; k++) s -= ((M[r] as number[])[k] as number) * (x[k] as number);
    x[r] = s / ((M[r] as number[])[r] as number);
  }
  return x;
}

/**
 * An independent solver of binary L2 logistic regression: Newton's method on
 * C·Σ log(1 + e^{−yᵢ(w·xᵢ + b)}) + ½‖w‖² with the exact Hessian, run to machine precision.
 */
function newtonLogistic(Xs: number[][], ys: number[], C: number): number[] {
  const d = (Xs[0] as number[]).length;
  const theta = new Array<number>(d + 1).fill(0); // [w, b]
  for (let it = 0; it < 50; it++) {
    const g = theta.map((t, j) => (j < d ? t : 0));
    const H = theta.map((_, a) => theta.map((__, b) => (a === b && a < d ? 1 : 0)));
    Xs.forEach((row, i) => {
      const x = [...row, 1];
      const z = x.reduce((s, v, j) => s + v * (theta[j] as number), 0);
      const p = 1 / (1 + Math.exp(-z));
      const r = C * (p - (ys[i] as number));
      const h = C * p * (1 - p);
      x.forEach((xa, a) => {
        g[a] = (g[a] as number) + r * xa;
        x.forEach((xb, b) => ((H[a] as number[])[b] = ((H[a] as number[])[b] as number) + h * xa * xb));
      });
    });
    const step = solve(H, g);
    step.forEach((s, j) => (theta[j] = (theta[j] as number) - s));
    if (Math.max(...step.map(Math.abs)) < 1e-14) break;
  }
  return theta;
}

describe('LogisticRegression', () => {
  it('reaches the optimum found by an independent Newton solve (L2, binary)', () => {
    for (const C of [0.1, 1, 10]) {
      const clf = new LogisticRegression({ C, tol: 1e-10, maxIter: 1000 }).fit(X, y);
      expectAllClose([...clf.coef.data, ...clf.intercept], newtonLogistic(X, y, C), 1e-6, 1e-8);
    }
  });

  it("agrees with scikit-learn's optimum (L2 binary, multinomial, L1)", () => {
    const big = binaryProblem();
    // scikit-learn 1.2.1 LogisticRegression(tol=1e-10, max_iter=1000).fit(X, y) on binaryProblem()
    const bin = new LogisticRegression({ tol: 1e-10, maxIter: 1000 }).fit(big.X, big.y);
    expectAllClose(
      [...bin.coef.data, ...bin.intercept],
      [
        4.669583032105638, 2.189213264618977, -4.736996034876091, -0.07171434197351856, 0.07384134783439908,
        -0.0867959521100295,
      ],
      1e-4,
      1e-3,
    );
    // … .fit(X, y3) with the three-class labels (multinomial)
    const multi = new LogisticRegression({ tol: 1e-10, maxIter: 1000 }).fit(big.X, threeClassLabels(big.X));
    expectAllClose(
      [...multi.coef.data, ...multi.intercept],
      [
        9.42758529088659, -0.2580374462568162, 0.0250908827373406, -0.05791440424059503, -0.047064504264951276,
        -4.8005474537375115, 3.09374119399268, -0.00929863254172572, -0.0007414444853838371, -0.0067932132105827814,
        -4.627037837149076, -2.8357037477358675, -0.015792250195611694, 0.05865584872597758, 0.05385771747553429,
        -3.3532642144181235, 1.5844632759599122, 1.7688009384582128,
      ],
      1e-3,
      1e-3,
    );
    // LogisticRegression(penalty='l1', C=0.05, solver='saga', tol=1e-12, max_iter=100000)
    const l1 = new LogisticRegression({ penalty: 'l1', C: 0.05, tol: 1e-10, maxIter: 20000 }).fit(big.X, big.y);
    expectAllClose(
      [...l1.coef.data, ...l1.intercept],
      [3.1495996894967435, 1.3860028221081249, -3.2004108583179764, 0, 0, -0.05457873555555833],
      1e-6,
      1e-7,
    );
  });

  it('the L1 solution satisfies the optimality (KKT) conditions and is sparse', () => {
    const n = X.length;
    const C = 0.05;
    const clf = new LogisticRegression({ penalty: 'l1', C, tol: 1e-12, maxIter: 50000 }).fit(X, y);
    const w = clf.coef.data;
    expect(Array.from(w).filter((v) => v === 0).length).toBeGreaterThan(0);
    // gradient of the mean loss; at the optimum |g_j| ≤ λ where w_j = 0 and g_j = −λ·sign(w_j) elsewhere
    const obj = new LogisticObjective(
      DenseMatrix.fromRows(X),
      Int32Array.from(y),
      1,
      new Float64Array(n).fill(1),
      true,
      0,
    );
    const g = new Float64Array(obj.size);
    obj.valueAndGradient(Float64Array.from([...w, ...clf.intercept]), g);
    const lambda = 1 / (C * n);
    for (let j = 0; j < w.length; j++) {
      const wj = w[j] as number;
      if (wj === 0) expect(Math.abs(g[j] as number)).toBeLessThanOrEqual(lambda * (1 + 1e-6));
      else expect(g[j] as number).toBeCloseTo(-lambda * Math.sign(wj), 8);
    }
    expect(Math.abs(g[w.length] as number)).toBeLessThan(1e-8); // intercept is not penalised
  });

  it('the multinomial gradient matches central differences', () => {
    const rng = new Random(3);
    const Xs = new DenseMatrix(
      30,
      3,
      Float64Array.from({ length: 90 }, () => rng.normal()),
    );
    const labels = Int32Array.from({ length: 30 }, (_, i) => i % 4);
    const obj = new LogisticObjective(
      Xs,
      labels,
      4,
      Float64Array.from({ length: 30 }, () => 0.5 + rng.uniform()),
      true,
      0.3,
    );
    const x = Float64Array.from({ length: obj.size }, () => rng.normal());
    const g = new Float64Array(obj.size);
    obj.valueAndGradient(x, g);
    const h = 1e-6;
    const scratch = new Float64Array(obj.size);
    for (let j = 0; j < obj.size; j++) {
      const xp = Float64Array.from(x);
      xp[j] = (xp[j] as number) + h;
      const xm = Float64Array.from(x);
      xm[j] = (xm[j] as number) - h;
      const num = (obj.valueAndGradient(xp, scratch) - obj.valueAndGradient(xm, scratch)) / (2 * h);
      expect(g[j] as number).toBeCloseTo(num, 7);
    }
  });

  it('sparse and dense inputs give the same model', () => {
    const a = new LogisticRegression({ tol: 1e-10 }).fit(X, y);
    const b = new LogisticRegression({ tol: 1e-10 }).fit(CsrMatrix.fromDense(X), y);
    expectAllClose([...b.coef.data, ...b.intercept], [...a.coef.data, ...a.intercept], 1e-7, 1e-8);
  });

  it('predictProba is the logistic (binary) or softmax (multinomial) of the decision values', () => {
    const bin = new LogisticRegression().fit(X, y);
    const d = bin.decisionFunction(X.slice(0, 4)) as Float64Array;
    const p = bin.predictProba(X.slice(0, 4));
    for (let i = 0; i < 4; i++) expect(p.get(i, 1)).toBeCloseTo(1 / (1 + Math.exp(-(d[i] as number))), 14);
    const y3 = threeClassLabels(X);
    const multi = new LogisticRegression().fit(X, y3);
    const dm = multi.decisionFunction(X.slice(0, 4)) as DenseMatrix;
    const pm = multi.predictProba(X.slice(0, 4));
    for (let i = 0; i < 4; i++) {
      const e = [0, 1, 2].map((c) => Math.exp(dm.get(i, c)));
      const s = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < 3; c++) expect(pm.get(i, c)).toBeCloseTo((e[c] as number) / s, 14);
    }
    expect(multi.score(X, y3)).toBeGreaterThan(0.9);
    const ovr = new LogisticRegression({ multiClass: 'ovr' }).fit(X, y3);
    expect(ovr.coef.rows).toBe(3);
  });

  it('class weights act like sample weights', () => {
    const a = new LogisticRegression({ classWeight: { 1: 2.5 }, tol: 1e-10 }).fit(X, y);
    const b = new LogisticRegression({ tol: 1e-10 }).fit(X, y, { sampleWeight: y.map((v) => (v === 1 ? 2.5 : 1)) });
    expectAllClose(a.coef.data, b.coef.data, 1e-8, 1e-10);
  });

  it('rejects penalty "l1" with solver "lbfgs", elasticnet without l1Ratio, and a single class', () => {
    expect(() => new LogisticRegression({ penalty: 'l1', solver: 'lbfgs' }).fit(X, y)).toThrow(ConfigError);
    expect(() => new LogisticRegression({ penalty: 'l1', solver: 'lbfgs' }).fit(X, y)).toThrow(
      'LogisticRegression: solver "lbfgs" supports only penalty "l2" or null; received penalty "l1". Use solver "fista" (or "auto").',
    );
    expect(() => new LogisticRegression({ penalty: 'elasticnet' }).fit(X, y)).toThrow(
      'LogisticRegression: penalty "elasticnet" needs "l1Ratio" in [0, 1]; received null.',
    );
    expect(() =>
      new LogisticRegression().fit(
        X,
        y.map(() => 0),
      ),
    ).toThrow(DataError);
  });

  it('warns when L-BFGS runs out of iterations', () => {
    const { warnings } = captureWarnings(() => new LogisticRegression({ maxIter: 1, tol: 1e-12 }).fit(X, y));
    expect(warnings[0]?.code).toBe('ConvergenceWarning');
  });
});

describe('lbfgs', () => {
  it('finds the minimum (1, 1) of the Rosenbrock function', () => {
    const r = lbfgs(
      (x, g) => {
        const a = x[0] as number;
        const b = x[1] as number;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.of(-1.2, 1),
      { maxIter: 200, gtol: 1e-10 },
    );
    expect(r.converged).toBe(true);
    expectAllClose(r.x, [1, 1], 1e-8, 1e-8);
  });
});
