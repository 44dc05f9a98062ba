import { describe, expect, it } from 'vitest';
import { ConfigError, DataError, NotFittedError, ShapeError, ValueError } from '../../../src/errors/errors.js';
import { NuSVC } from '../../../src/estimators/svm/NuSVC.js';
import { NuSVR } from '../../../src/estimators/svm/NuSVR.js';
import { SVC } from '../../../src/estimators/svm/SVC.js';
import { SVR } from '../../../src/estimators/svm/SVR.js';
import { LinearSVC } from '../../../src/estimators/svm/linear/LinearSVC.js';
import { LinearSVR } from '../../../src/estimators/svm/linear/LinearSVR.js';
import { captureWarnings } from '../../../src/util/warnings.js';
import { blobs, nonlinear } from './helpers.js';

function expectThrow(f: () => unknown, type: new (...args: never[]) => Error, message: string): void {
  expect(f).toThrow(type);
  expect(f).toThrow(message);
}

describe('bad parameters raise typed errors with pinned messages', () => {
  it('C ≤ 0', () => {
    expectThrow(() => new SVC({ C: 0 }), ConfigError, 'SVC: "C" must be a number in (0, Infinity); received 0.');
    expectThrow(() => new SVR({ C: -1 }), ConfigError, 'SVR: "C" must be a number in (0, Infinity); received -1.');
    expectThrow(
      () => new LinearSVC({ C: 0 }),
      ConfigError,
      'LinearSVC: "C" must be a number in (0, Infinity); received 0.',
    );
    expectThrow(
      () => new SVC().setParams({ C: -2 }),
      ConfigError,
      'SVC: "C" must be a number in (0, Infinity); received -2.',
    );
  });

  it('an unknown kernel', () => {
    expectThrow(
      () => new SVC({ kernel: 'gaussian' as never }),
      ConfigError,
      'SVC: "kernel" must be one of "linear", "poly", "rbf", "sigmoid", "precomputed"; received "gaussian".',
    );
  });

  it('gamma < 0 (or an unknown gamma rule)', () => {
    const msg = (v: string): string =>
      `SVC: "gamma" must be one of "scale", "auto" or a number in [0, Infinity); received ${v}.`;
    expectThrow(() => new SVC({ gamma: -0.5 }), ConfigError, msg('-0.5'));
    expectThrow(() => new SVC({ gamma: 'big' as never }), ConfigError, msg('"big"'));
  });

  it('nu outside (0, 1], degree, tol, cacheSize and maxIter out of range', () => {
    expectThrow(() => new NuSVC({ nu: 0 }), ConfigError, 'NuSVC: "nu" must be a number in (0, 1]; received 0.');
    expectThrow(() => new NuSVR({ nu: 1.5 }), ConfigError, 'NuSVR: "nu" must be a number in (0, 1]; received 1.5.');
    expectThrow(
      () => new SVC({ degree: 2.5 }),
      ConfigError,
      'SVC: "degree" must be an integer in [0, Infinity); received 2.5.',
    );
    expectThrow(() => new SVC({ tol: 0 }), ConfigError, 'SVC: "tol" must be a number in (0, Infinity); received 0.');
    expectThrow(
      () => new SVC({ cacheSize: 0 }),
      ConfigError,
      'SVC: "cacheSize" must be a number in (0, Infinity); received 0.',
    );
    expectThrow(
      () => new SVC({ maxIter: 0 }),
      ConfigError,
      'SVC: "maxIter" must be one of -1 or an integer in [1, Infinity); received 0.',
    );
    expectThrow(
      () => new SVR({ epsilon: -0.1 }),
      ConfigError,
      'SVR: "epsilon" must be a number in [0, Infinity); received -0.1.',
    );
  });

  it('one class only', () => {
    expectThrow(
      () => new SVC().fit([[0], [1], [2]], [1, 1, 1]),
      ValueError,
      'SVC.fit: y has only one class (1); SVC needs at least 2 classes.',
    );
    expectThrow(
      () => new LinearSVC().fit([[0], [1]], ['a', 'a']),
      ValueError,
      'LinearSVC.fit: y has only one class ("a"); LinearSVC needs at least 2 classes.',
    );
  });

  it('a class whose samples all weigh 0', () => {
    expectThrow(
      () => new SVC({ classWeight: { 1: 0 } }).fit([[0], [1], [2]], [0, 1, 2]),
      ValueError,
      'SVC.fit: class 1 has no sample with a positive weight (sample and class weights); drop its samples or give them weight.',
    );
  });

  it('an infeasible nu for NuSVC', () => {
    const X = [[0], [1], [2], [3], [4]];
    expectThrow(
      () => new NuSVC({ nu: 0.9 }).fit(X, [0, 0, 0, 0, 1]),
      ValueError,
      'NuSVC.fit: nu = 0.9 is infeasible for a pair of classes with weights 4 and 1; nu must be at most 2 × min / total = 0.4.',
    );
  });

  it('classWeight naming a label that is not a class; malformed classWeight', () => {
    expectThrow(
      () => new SVC({ classWeight: { 7: 2 } }).fit([[0], [1]], [0, 1]),
      ValueError,
      'SVC.fit: classWeight names the label "7", which is not among the training labels [0, 1].',
    );
    expectThrow(
      () => new SVC({ classWeight: { 0: -1 } }),
      ConfigError,
      'SVC: "classWeight" must be null, "balanced", or an object or Map from label to a weight >= 0; received {0: -1}.',
    );
  });

  it('a precomputed kernel that is not square, or of the wrong width at predict', () => {
    expectThrow(
      () =>
        new SVC({ kernel: 'precomputed' }).fit(
          [
            [1, 0, 0],
            [0, 1, 0],
          ],
          [0, 1],
        ),
      ShapeError,
      'SVC.fit: a precomputed kernel matrix must be square (n_samples × n_samples); received 2 × 3.',
    );
    const clf = new SVC({ kernel: 'precomputed' }).fit(
      [
        [1, 0],
        [0, 1],
      ],
      [0, 1],
    );
    expectThrow(
      () => clf.predict([[1, 0, 0]]),
      ShapeError,
      'SVC.predict: X has 3 features, but the estimator was fitted with 2 features.',
    );
  });

  it('LinearSVC combinations LIBLINEAR does not have', () => {
    expectThrow(
      () => new LinearSVC({ penalty: 'l1', loss: 'hinge' }).fit([[0], [1]], [0, 1]),
      ConfigError,
      'LinearSVC: penalty "l1" with loss "hinge" is not supported; use loss "squared_hinge".',
    );
    expectThrow(
      () => new LinearSVC({ penalty: 'l1', dual: true }).fit([[0], [1]], [0, 1]),
      ConfigError,
      'LinearSVC: penalty "l1" is solved in the primal only; set dual to false or "auto".',
    );
    expectThrow(
      () => new LinearSVC({ loss: 'hinge', dual: false }).fit([[0], [1]], [0, 1]),
      ConfigError,
      'LinearSVC: loss "hinge" is solved in the dual only; set dual to true or "auto".',
    );
    expectThrow(
      () => new LinearSVR({ dual: false }).fit([[0], [1]], [0, 1]),
      ConfigError,
      'LinearSVR: loss "epsilon_insensitive" is solved in the dual only; set dual to true or "auto".',
    );
  });

  it('probabilities without probability: true; breakTies with ovo; reading learned state before fit', () => {
    const clf = new SVC().fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
    expect(typeof clf.predictProba).toBe('undefined');
    expect(typeof new SVC({ probability: true }).predictProba).toBe('function');
    expectThrow(
      () => new SVC({ breakTies: true, decisionFunctionShape: 'ovo' }).fit([[0], [1]], [0, 1]),
      ConfigError,
      'SVC: breakTies is only available with decisionFunctionShape "ovr"; received "ovo".',
    );
    expectThrow(
      () => new SVC().supportVectors,
      NotFittedError,
      'SVC: this instance is not fitted yet; call fit() before supportVectors.',
    );
    expectThrow(
      () => new LinearSVC().coef,
      NotFittedError,
      'LinearSVC: this instance is not fitted yet; call fit() before coef.',
    );
    expectThrow(
      () => new SVC().fit([[0], [1], [2]], [0, 1, 0]).coef,
      ConfigError,
      'SVC.coef: primal weights exist only for kernel "linear"; this model uses "rbf".',
    );
  });

  it('NaN targets and labels are rejected', () => {
    expect(() => new SVR().fit([[0], [1]], [0, NaN])).toThrow(DataError);
    expect(() => new SVC().fit([[0], [1]], [0, NaN])).toThrow(DataError);
  });
});

describe('iteration limits warn with advice and never hang', () => {
  it('SMO stops at maxIter with a ConvergenceWarning', () => {
    const { X, y } = nonlinear(200, 3, 1);
    const t0 = performance.now();
    const { result, warnings } = captureWarnings(() => new SVC({ C: 100, maxIter: 5 }).fit(X, y));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(Array.from(result.nIter)).toEqual([5]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.code).toBe('ConvergenceWarning');
    expect(warnings[0]?.message).toBe(
      'SVC.fit: the solver stopped at maxIter = 5 before reaching tol = 0.001; the model may be poor. Scale your features (e.g. StandardScaler), raise maxIter, or lower C.',
    );
  });

  it('multi-class counts the sub-problems that stopped early', () => {
    const { X } = nonlinear(90, 3, 2);
    const y = X.map((_, i) => i % 3);
    const { warnings } = captureWarnings(() => new NuSVC({ maxIter: 2, nu: 0.5 }).fit(X, y));
    expect(warnings[0]?.message).toBe(
      'NuSVC.fit: the solver stopped at maxIter = 2 before reaching tol = 0.001 in 3 of 3 sub-problems; the model may be poor. Scale your features (e.g. StandardScaler), raise maxIter, or lower C.',
    );
  });

  it('the linear solvers stop at maxIter passes with the same warning', () => {
    const { X, y } = blobs(200, 4, 3);
    for (const make of [
      () => new LinearSVC({ maxIter: 1, tol: 1e-12, seed: 0 }),
      () => new LinearSVC({ maxIter: 1, tol: 1e-12, seed: 0, penalty: 'l1' }),
      () => new LinearSVC({ maxIter: 1, tol: 1e-12, seed: 0, multiClass: 'crammer_singer' }),
    ]) {
      const { result, warnings } = captureWarnings(() => make().fit(X, y));
      expect(result.nIter).toBe(1);
      expect(warnings.map((w) => w.code)).toEqual(['ConvergenceWarning']);
    }
    const z = X.map((r) => (r[0] as number) * 2);
    const { warnings } = captureWarnings(() => new LinearSVR({ maxIter: 1, tol: 1e-12, seed: 0 }).fit(X, z));
    expect(warnings[0]?.message).toBe(
      'LinearSVR.fit: the solver stopped at maxIter = 1 before reaching tol = 1e-12; the model may be poor. Scale your features (e.g. StandardScaler), raise maxIter, or lower C.',
    );
  });

  it('a converged fit warns nothing', () => {
    const { X, y } = blobs(60, 5);
    expect(captureWarnings(() => new SVC().fit(X, y)).warnings).toEqual([]);
    expect(captureWarnings(() => new LinearSVC({ seed: 1 }).fit(X, y)).warnings).toEqual([]);
  });
});
