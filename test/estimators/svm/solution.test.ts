import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../../../src/estimators/base/DenseMatrix.js';
import { NuSVC } from '../../../src/estimators/svm/NuSVC.js';
import { NuSVR } from '../../../src/estimators/svm/NuSVR.js';
import { SVC } from '../../../src/estimators/svm/SVC.js';
import { SVR } from '../../../src/estimators/svm/SVR.js';
import { LinearSVC } from '../../../src/estimators/svm/linear/LinearSVC.js';
import { LinearSVR } from '../../../src/estimators/svm/linear/LinearSVR.js';
import { Random } from '../../../src/util/random.js';
import { blobs, expectAllClose, flat, nonlinear } from './helpers.js';

/** α_i of every training sample (0 for non-support vectors) from a binary model's dual coefficients. */
function alphas(clf: SVC | NuSVC, n: number): Float64Array {
  const a = new Float64Array(n);
  const coef = clf.dualCoef;
  (clf.support as Int32Array).forEach((i, s) => (a[i] = Math.abs(coef.get(0, s))));
  return a;
}

describe('the SMO solution satisfies the KKT conditions', () => {
  it('C-SVC (rbf): α = 0 ⇒ y f ≥ 1, 0 < α < C ⇒ y f = 1, α = C ⇒ y f ≤ 1, and Σ y α = 0', () => {
    const { X, y } = nonlinear(150, 3, 11);
    const C = 2;
    const clf = new SVC({ C, gamma: 0.5, tol: 1e-8 }).fit(X, y);
    const f = clf.decisionFunction(X) as Float64Array;
    const a = alphas(clf, X.length);
    const delta = 1e-6;
    let free = 0;
    for (let i = 0; i < X.length; i++) {
      const margin = (y[i] === 1 ? 1 : -1) * (f[i] as number);
      const ai = a[i] as number;
      if (ai === 0) expect(margin).toBeGreaterThanOrEqual(1 - delta);
      else if (ai < C - 1e-12) {
        free++;
        expect(Math.abs(margin - 1)).toBeLessThanOrEqual(delta);
      } else expect(margin).toBeLessThanOrEqual(1 + delta);
      expect(ai).toBeLessThanOrEqual(C * (1 + 1e-12));
    }
    expect(free).toBeGreaterThan(0);
    expect(Math.abs(flat(clf.dualCoef).reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
  });

  it('ε-SVR: inside the tube β = 0, on it 0 < |β| < C, outside |β| = C, and Σ β = 0', () => {
    const rng = new Random(4);
    const X = Array.from({ length: 120 }, () => [rng.uniform() * 6 - 3]);
    const z = X.map((r) => Math.sin(r[0] as number) + 0.1 * rng.normal());
    const C = 3;
    const eps = 0.1;
    const reg = new SVR({ C, epsilon: eps, gamma: 1, tol: 1e-8 }).fit(X, z);
    const pred = reg.predict(X);
    const beta = new Float64Array(X.length);
    (reg.support as Int32Array).forEach((i, s) => (beta[i] = reg.dualCoef.get(0, s)));
    const delta = 1e-6;
    for (let i = 0; i < X.length; i++) {
      const r = (z[i] as number) - (pred[i] as number);
      const b = beta[i] as number;
      if (b === 0) expect(Math.abs(r)).toBeLessThanOrEqual(eps + delta);
      else if (Math.abs(b) < C - 1e-12) {
        expect(Math.abs(Math.abs(r) - eps)).toBeLessThanOrEqual(delta);
        expect(Math.sign(r)).toBe(Math.sign(b));
      } else {
        expect(Math.abs(r)).toBeGreaterThanOrEqual(eps - delta);
        expect(Math.sign(r)).toBe(Math.sign(b));
      }
    }
    expect(Math.abs(flat(reg.dualCoef).reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
  });

  it('nu-SVC and nu-SVR: ν bounds the fraction of support vectors from below (Schölkopf et al. 2000, Prop. 5)', () => {
    const { X, y } = nonlinear(200, 3, 5);
    for (const nu of [0.2, 0.5]) {
      const clf = new NuSVC({ nu, tol: 1e-6 }).fit(X, y);
      const nSV = Array.from(clf.nSupport).reduce((s, v) => s + v, 0);
      expect(nSV / X.length).toBeGreaterThanOrEqual(nu - 1e-9);
    }
    const z = X.map((r) => (r[0] as number) + Math.sin(r[1] as number));
    const reg = new NuSVR({ nu: 0.3, C: 5, tol: 1e-6 }).fit(X, z);
    expect((reg.support as Int32Array).length / X.length).toBeGreaterThanOrEqual(0.3 - 1e-9);
    expect(reg.epsilonValue).toBeGreaterThan(0);
  });
});

describe('known answers', () => {
  it('a separable set gives the hard-margin solution known in closed form', () => {
    // Negatives (0,0), (−1,1), (−1,−1); positives (2,0), (3,1), (3,−1). The widest gap between the classes is the
    // slab 0 ≤ x₁ ≤ 2, so the maximum-margin hyperplane is x₁ = 1: w = (1, 0), b = −1, margin 2/‖w‖ = 2. The two
    // points on the margin are the only support vectors, and w = α((2,0) − (0,0)) gives α = 1/2 for both
    // (the hard-margin dual; Cortes & Vapnik, Machine Learning 1995).
    const X = [
      [0, 0],
      [-1, 1],
      [-1, -1],
      [2, 0],
      [3, 1],
      [3, -1],
    ];
    const y = [-1, -1, -1, 1, 1, 1];
    const clf = new SVC({ kernel: 'linear', C: 1e6, tol: 1e-10 }).fit(X, y);
    expectAllClose(flat(clf.coef), [1, 0], 1e-9);
    expectAllClose(clf.intercept, [-1], 1e-9);
    expect(Array.from(clf.support as Int32Array).sort()).toEqual([0, 3]);
    expect(Array.from(clf.nSupport)).toEqual([1, 1]);
    expectAllClose(flat(clf.dualCoef).map(Math.abs), [0.5, 0.5], 1e-9);
    expectAllClose(
      clf.decisionFunction([
        [1, 5],
        [0, 0],
        [2, 0],
      ]) as Float64Array,
      [0, -1, 1],
      1e-9,
    );
  });

  it('gamma "scale" is 1 / (n_features · Var(X)) and "auto" is 1 / n_features (scikit-learn)', () => {
    const X = [
      [1, 2, 0],
      [3, 0, 0],
      [0, 1, 5],
      [2, 2, 2],
    ];
    const y = [0, 1, 0, 1];
    const all = X.flat();
    const mean = all.reduce((s, v) => s + v, 0) / all.length;
    const variance = all.reduce((s, v) => s + (v - mean) ** 2, 0) / all.length;
    expect(new SVC().fit(X, y).gammaValue).toBeCloseTo(1 / (3 * variance), 14);
    expect(new SVC({ gamma: 'auto' }).fit(X, y).gammaValue).toBe(1 / 3);
    expect(new SVC({ gamma: 0.25 }).fit(X, y).gammaValue).toBe(0.25);
    expect(new SVC().fit([[1], [1]], [0, 1]).gammaValue).toBe(1); // constant X
  });
});

/** The set with its mirror image (x, y) ↦ (−x, −y): the optimal intercept is then 0 by symmetry. */
function mirrored(X: number[][], y: number[], flip: (v: number) => number): { X: number[][]; y: number[] } {
  return { X: [...X, ...X.map((r) => r.map((v) => -v))], y: [...y, ...y.map(flip)] };
}

describe('the kernel and linear solvers agree', () => {
  it('linear-kernel SVC and LinearSVC (hinge loss) find the same hyperplane', () => {
    // on a mirror-symmetric set the intercept is 0, so LinearSVC without intercept solves the same problem as SVC
    const base = blobs(40, 9, 1.2);
    const { X, y } = mirrored(base.X, base.y, (v) => 1 - v);
    const svc = new SVC({ kernel: 'linear', C: 0.7, tol: 1e-10 }).fit(X, y);
    const lin = new LinearSVC({ loss: 'hinge', C: 0.7, fitIntercept: false, tol: 1e-10, maxIter: 100000, seed: 1 }).fit(
      X,
      y,
    );
    expect(Math.abs(svc.intercept[0] as number)).toBeLessThan(1e-8);
    // SMO works on the float32 kernel cache (as LIBSVM), so the two agree to about 1e-7, not to rounding
    expectAllClose(flat(lin.coef), flat(svc.coef), 1e-6);
    expectAllClose(lin.decisionFunction(X) as Float64Array, svc.decisionFunction(X) as Float64Array, 1e-6);
    expect(lin.predict(X)).toEqual(svc.predict(X));
  });

  it('linear-kernel SVR and LinearSVR (ε-insensitive loss) find the same function', () => {
    const rng = new Random(8);
    const half = Array.from({ length: 40 }, () => [rng.normal(), rng.normal()]);
    const zHalf = half.map((r) => 2 * (r[0] as number) - (r[1] as number) + 0.3 * rng.normal());
    const { X, y: z } = mirrored(half, zHalf, (v) => -v);
    const svr = new SVR({ kernel: 'linear', C: 1.5, epsilon: 0.2, tol: 1e-10 }).fit(X, z);
    const lin = new LinearSVR({ C: 1.5, epsilon: 0.2, fitIntercept: false, tol: 1e-12, maxIter: 100000, seed: 2 }).fit(
      X,
      z,
    );
    expectAllClose(flat(lin.coef), flat(svr.coef), 1e-6);
    expectAllClose(lin.predict(X), svr.predict(X), 1e-5);
  });

  it('LinearSVC matches LIBLINEAR-style Crammer–Singer and L1 solutions by their optimality conditions', () => {
    // L1 penalty: every non-zero weight has |∂loss/∂w_j| = 1 and every zero one |∂loss/∂w_j| ≤ 1 (subgradient of ‖w‖₁)
    const { X, y } = nonlinear(120, 6, 3);
    const C = 0.5;
    const clf = new LinearSVC({ penalty: 'l1', C, tol: 1e-8, maxIter: 100000, fitIntercept: false, seed: 4 }).fit(X, y);
    const w = flat(clf.coef);
    const f = clf.decisionFunction(X) as Float64Array;
    for (let j = 0; j < w.length; j++) {
      let g = 0;
      for (let i = 0; i < X.length; i++) {
        const yi = y[i] === 1 ? 1 : -1;
        const slack = 1 - yi * (f[i] as number);
        if (slack > 0) g += -2 * C * slack * yi * ((X[i] as number[])[j] as number);
      }
      if (w[j] !== 0) expect(Math.abs(g + Math.sign(w[j] as number))).toBeLessThan(1e-4);
      else expect(Math.abs(g)).toBeLessThanOrEqual(1 + 1e-4);
    }
  });
});

describe('equivalent inputs give equivalent models', () => {
  it('a sample weight of 2 equals the sample twice', () => {
    const { X, y } = blobs(30, 2, 1.5);
    const w = X.map((_, i) => (i % 3 === 0 ? 2 : 1));
    const Xd = X.flatMap((r, i) => (i % 3 === 0 ? [r, r] : [r]));
    const yd = y.flatMap((v, i) => (i % 3 === 0 ? [v, v] : [v]));
    // a fixed gamma: 'scale' would see the duplicated rows in Var(X)
    const a = new SVC({ C: 0.8, gamma: 0.7, tol: 1e-10 }).fit(X, y, { sampleWeight: w });
    const b = new SVC({ C: 0.8, gamma: 0.7, tol: 1e-10 }).fit(Xd, yd);
    expectAllClose(a.decisionFunction(X) as Float64Array, b.decisionFunction(X) as Float64Array, 1e-7);
  });

  it('classWeight "balanced" equals the weights n / (k · n_c)', () => {
    const { X, y } = nonlinear(90, 3, 6);
    const n1 = y.filter((v) => v === 1).length;
    const weights = { 0: 90 / (2 * (90 - n1)), 1: 90 / (2 * n1) };
    const a = new SVC({ classWeight: 'balanced', tol: 1e-10 }).fit(X, y);
    const b = new SVC({ classWeight: weights, tol: 1e-10 }).fit(X, y);
    expectAllClose(a.decisionFunction(X) as Float64Array, b.decisionFunction(X) as Float64Array, 1e-12);
    expectAllClose(a.classWeights, [weights[0], weights[1]], 1e-15);
  });

  it('the kernel cache size, down to two rows, changes nothing; shrinking changes nothing beyond tol', () => {
    const { X, y } = nonlinear(300, 5, 7);
    const big = new SVC({ C: 5, tol: 1e-5 }).fit(X, y);
    const tiny = new SVC({ C: 5, tol: 1e-5, cacheSize: 1e-4 }).fit(X, y);
    expect(flat(tiny.decisionFunction(X) as Float64Array)).toEqual(flat(big.decisionFunction(X) as Float64Array));
    expect(Array.from(tiny.nIter)).toEqual(Array.from(big.nIter));
    const noShrink = new SVC({ C: 5, tol: 1e-9, shrinking: false }).fit(X, y);
    const shrink = new SVC({ C: 5, tol: 1e-9 }).fit(X, y);
    expectAllClose(noShrink.decisionFunction(X) as Float64Array, shrink.decisionFunction(X) as Float64Array, 1e-6);
    // the same for regression (its cache holds whole rows) and for sparse data
    const z = X.map((r) => (r[0] as number) * (r[1] as number));
    const r1 = new SVR({ tol: 1e-5 }).fit(X, z);
    const r2 = new SVR({ tol: 1e-5, cacheSize: 1e-4 }).fit(X, z);
    expect(Array.from(r2.predict(X))).toEqual(Array.from(r1.predict(X)));
  });

  it('sparse-looking dense input (stored sparse internally) and CSR input give the same model', () => {
    const rng = new Random(12);
    const X = Array.from({ length: 120 }, () =>
      Array.from({ length: 40 }, () => (rng.uniform() < 0.1 ? rng.normal() : 0)),
    );
    const y = X.map((r) => ((r[0] as number) + (r[1] as number) + (r[2] as number) > 0 ? 1 : 0));
    const dense = new SVC({ tol: 1e-10 }).fit(X, y);
    const sparse = new SVC({ tol: 1e-10 }).fit(new DenseMatrix(120, 40, Float64Array.from(X.flat())), y);
    expectAllClose(dense.decisionFunction(X) as Float64Array, sparse.decisionFunction(X) as Float64Array, 1e-9);
  });
});

describe('multi-class and probabilities', () => {
  const rng = new Random(21);
  const X: number[][] = [];
  const y: string[] = [];
  for (let i = 0; i < 120; i++) {
    const c = i % 4;
    X.push([rng.normal() + [0, 3, 0, 3][c]!, rng.normal() + [0, 0, 3, 3][c]!]);
    y.push(['a', 'b', 'c', 'd'][c]!);
  }

  it('one-vs-one: ovo decision values have k(k−1)/2 columns, ovr has k, and voting agrees with the ovr argmax here', () => {
    const ovo = new SVC({ decisionFunctionShape: 'ovo' }).fit(X, y);
    const ovr = new SVC().fit(X, y);
    const d1 = ovo.decisionFunction(X) as DenseMatrix;
    const d2 = ovr.decisionFunction(X) as DenseMatrix;
    expect([d1.rows, d1.cols]).toEqual([120, 6]);
    expect([d2.rows, d2.cols]).toEqual([120, 4]);
    const pred = ovr.predict(X);
    for (let i = 0; i < 120; i++) {
      const row = Array.from(d2.row(i));
      expect(ovr.classes[row.indexOf(Math.max(...row))]).toBe(pred[i]);
    }
    expect(new SVC({ breakTies: true }).fit(X, y).predict(X)).toEqual(pred);
    expect(ovr.score(X, y)).toBeGreaterThan(0.8);
  });

  it('probabilities sum to 1, follow the decision values, and are reproducible with a seed', () => {
    const a = new SVC({ probability: true, seed: 5 }).fit(X, y);
    const b = new SVC({ probability: true, seed: 5 }).fit(X, y);
    const c = new SVC({ probability: true, seed: 6 }).fit(X, y);
    expect(flat(a.predictProba(X))).toEqual(flat(b.predictProba(X)));
    expect(flat(a.probA as Float64Array)).not.toEqual(flat(c.probA as Float64Array));
    const P = a.predictProba(X);
    for (let i = 0; i < P.rows; i++) expect(Array.from(P.row(i)).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    const logP = a.predictLogProba(X);
    expect(logP.get(3, 1)).toBeCloseTo(Math.log(P.get(3, 1)), 12);
    // two classes: P(classes[1]) increases with the decision value
    const { X: Xb, y: yb } = blobs(80, 3, 1.5);
    const bin = new SVC({ probability: true, seed: 1 }).fit(Xb, yb);
    const dec = bin.decisionFunction(Xb) as Float64Array;
    const p1 = bin.predictProba(Xb).column(1);
    const order = Array.from(dec.keys()).sort((i, j) => (dec[i] as number) - (dec[j] as number));
    for (let t = 1; t < order.length; t++)
      expect(p1[order[t] as number]).toBeGreaterThanOrEqual(p1[order[t - 1] as number] as number);
  });
});

describe('regression quality', () => {
  it('SVR fits a smooth curve (R² > 0.97) and NuSVR finds its own tube', () => {
    const rng = new Random(30);
    const X = Array.from({ length: 200 }, () => [rng.uniform() * 6 - 3]);
    const z = X.map((r) => Math.sin(r[0] as number) + 0.05 * rng.normal());
    expect(new SVR({ C: 10, epsilon: 0.05 }).fit(X, z).score(X, z)).toBeGreaterThan(0.97);
    const nu = new NuSVR({ C: 10, nu: 0.2 }).fit(X, z);
    expect(nu.score(X, z)).toBeGreaterThan(0.97);
    expect(nu.epsilonValue).toBeGreaterThan(0.01);
    expect(nu.epsilonValue).toBeLessThan(0.3);
  });
});
