import { describe, expect, it } from 'vitest';
import { NuSVC } from '../../../src/estimators/svm/NuSVC.js';
import { NuSVR } from '../../../src/estimators/svm/NuSVR.js';
import { SVC } from '../../../src/estimators/svm/SVC.js';
import { SVR } from '../../../src/estimators/svm/SVR.js';
import { LinearSVC } from '../../../src/estimators/svm/linear/LinearSVC.js';
import { LinearSVR } from '../../../src/estimators/svm/linear/LinearSVR.js';
import { formatLibsvmData, parseLibsvmData } from '../../../src/estimators/svm/io/libsvmData.js';
import { loadLibsvmModel, saveLibsvmModel } from '../../../src/estimators/svm/io/libsvmEstimator.js';
import { readLibsvmModel, writeLibsvmModel } from '../../../src/estimators/svm/io/libsvmModel.js';
import { loadLiblinearModel, saveLiblinearModel } from '../../../src/estimators/svm/io/liblinearModel.js';
import { DenseMatrix } from '../../../src/estimators/base/DenseMatrix.js';
import { CsrMatrix } from '../../../src/tensor/CsrMatrix.js';
import { DataError } from '../../../src/errors/errors.js';
import { expectAllClose, fixture, flat } from './helpers.js';

/** svm-predict's output: labels, and with -b 1 a header "labels …" and probabilities. */
function predictions(name: string): { labels: number[]; order: number[]; proba: number[][] } {
  const lines = fixture(name).trim().split('\n');
  if (lines[0]?.startsWith('labels')) {
    const order = lines[0].split(/\s+/).slice(1).map(Number);
    const rows = lines.slice(1).map((l) => l.split(/\s+/).map(Number));
    return { labels: rows.map((r) => r[0] as number), order, proba: rows.map((r) => r.slice(1)) };
  }
  return { labels: lines.map(Number), order: [], proba: [] };
}

describe('LIBSVM interop: models trained by svm-train load into lsml and predict as svm-predict does', () => {
  const multi = parseLibsvmData(fixture('multi.txt'));

  it('a 3-class RBF C-SVC with probabilities (labels in LIBSVM order 3, 1, 2): same labels and probabilities', () => {
    const clf = loadLibsvmModel(fixture('multi_csvc_rbf_b1.model'), { nFeatures: multi.X.cols }) as SVC;
    expect(clf).toBeInstanceOf(SVC);
    expect(clf.classes).toEqual([1, 2, 3]);
    const ref = predictions('multi_csvc_rbf_b1.out');
    // svm-predict -b 1 labels by the largest probability
    const proba = clf.predictProba(multi.X);
    const argmax = Array.from({ length: proba.rows }, (_, i) => {
      const row = Array.from(proba.row(i));
      return clf.classes[row.indexOf(Math.max(...row))];
    });
    expect(argmax).toEqual(ref.labels);
    for (let i = 0; i < proba.rows; i++) {
      // svm-predict prints %g (6 significant digits); columns in its label order
      const mine = ref.order.map((label) => proba.get(i, clf.classes.indexOf(label)));
      expectAllClose(mine, ref.proba[i] as number[], 5e-6);
    }
  });

  it('a 3-class polynomial nu-SVC and a sigmoid C-SVC: same labels (one-vs-one voting)', () => {
    for (const [model, out, Cls] of [
      ['multi_nusvc_poly.model', 'multi_nusvc_poly.out', NuSVC],
      ['multi_csvc_sigmoid.model', 'multi_csvc_sigmoid.out', SVC],
    ] as const) {
      const clf = loadLibsvmModel(fixture(model), { nFeatures: 4 });
      expect(clf).toBeInstanceOf(Cls);
      expect((clf as SVC).predict(multi.X)).toEqual(predictions(out).labels);
    }
  });

  it('a two-class ±1 linear model: same labels; decision values positive for classes[1] = +1', () => {
    const data = parseLibsvmData(fixture('binary.txt'));
    const clf = loadLibsvmModel(fixture('binary_linear_b1.model'), { nFeatures: 4 }) as SVC;
    expect(clf.classes).toEqual([-1, 1]);
    const ref = predictions('binary_linear_b1.out');
    expect(clf.predict(data.X)).toEqual(ref.labels);
    const proba = clf.predictProba(data.X);
    for (let i = 0; i < proba.rows; i++) {
      expectAllClose(
        ref.order.map((label) => proba.get(i, clf.classes.indexOf(label))),
        ref.proba[i] as number[],
        5e-6,
      );
    }
    const dec = clf.decisionFunction(data.X) as Float64Array;
    // the linear model's decision is w·x + b with w = coef, b = intercept
    const w = clf.coef;
    const b = clf.intercept[0] as number;
    const dense = data.X.toDense();
    for (let i = 0; i < data.X.rows; i++) {
      let s = b;
      for (let j = 0; j < 4; j++) s += (dense[i * 4 + j] as number) * w.get(0, j);
      expect(dec[i]).toBeCloseTo(s, 10);
    }
  });

  it('epsilon-SVR and nu-SVR models: predictions equal svm-predict output (printed with %.17g)', () => {
    const data = parseLibsvmData(fixture('regression.txt'));
    for (const [model, out, Cls] of [
      ['regression_epssvr.model', 'regression_epssvr.out', SVR],
      ['regression_nusvr.model', 'regression_nusvr.out', NuSVR],
    ] as const) {
      const reg = loadLibsvmModel(fixture(model), { nFeatures: 4 });
      expect(reg).toBeInstanceOf(Cls);
      expectAllClose((reg as SVR).predict(data.X), predictions(out).labels, 1e-9);
    }
  });

  it('a precomputed-kernel model: support vectors are sample numbers, prediction reads the kernel columns', () => {
    const data = parseLibsvmData(fixture('precomputed.txt'));
    // column 0 holds the sample serial number; the kernel values are columns 1..n
    const n = data.X.rows;
    const dense = data.X.toDense();
    const K = new DenseMatrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) K.data[i * n + j] = dense[i * (n + 1) + j + 1] as number;
    const clf = loadLibsvmModel(fixture('precomputed.model'), { nFeatures: n }) as SVC;
    expect(clf.support?.length).toBe(34);
    expect(clf.predict(K)).toEqual(predictions('precomputed.out').labels);
  });
});

describe('LIBSVM interop: lsml models written in LIBSVM format read back identically', () => {
  const multi = parseLibsvmData(fixture('multi.txt'));

  it('SVC with probabilities: write, read, same decision values, labels and probabilities', () => {
    const clf = new SVC({ C: 3, gamma: 0.4, probability: true, seed: 1 }).fit(multi.X, multi.y);
    const text = saveLibsvmModel(clf);
    expect(text.split('\n').slice(0, 3)).toEqual(['svm_type c_svc', 'kernel_type rbf', 'gamma 0.4']);
    const back = loadLibsvmModel(text, { nFeatures: 4 }) as SVC;
    expect(back.predict(multi.X)).toEqual(clf.predict(multi.X));
    expectAllClose(flat(back.decisionFunction(multi.X)), flat(clf.decisionFunction(multi.X)), 1e-12);
    expectAllClose(flat(back.predictProba(multi.X)), flat(clf.predictProba(multi.X)), 1e-12);
    expect(Array.from(back.nSupport)).toEqual(Array.from(clf.nSupport));
  });

  it('every kernel and model type round-trips through the model file', () => {
    const reg = parseLibsvmData(fixture('regression.txt'));
    const cases = [
      new SVC({ kernel: 'poly', degree: 2, gamma: 0.5, coef0: 1 }).fit(multi.X, multi.y),
      new SVC({ kernel: 'sigmoid', gamma: 0.1, coef0: -0.3 }).fit(multi.X, multi.y),
      new NuSVC({ kernel: 'linear', nu: 0.4 }).fit(multi.X, multi.y),
      new SVR({ C: 2, epsilon: 0.05 }).fit(reg.X, reg.y),
      new NuSVR({ nu: 0.3, kernel: 'poly', degree: 3 }).fit(reg.X, reg.y),
    ];
    for (const est of cases) {
      const back = loadLibsvmModel(saveLibsvmModel(est), { nFeatures: 4 });
      expect(back.constructor).toBe(est.constructor);
      if (est instanceof SVC || est instanceof NuSVC) {
        expect((back as SVC).predict(multi.X)).toEqual(est.predict(multi.X));
        expectAllClose(flat((back as SVC).decisionFunction(multi.X)), flat(est.decisionFunction(multi.X)), 1e-12);
      } else {
        expectAllClose((back as SVR).predict(reg.X), est.predict(reg.X), 1e-12);
      }
    }
  });

  it('a model read from a file with classes in LIBSVM order is rewritten in sorted order with the same function', () => {
    const file = readLibsvmModel(fixture('multi_csvc_rbf_b1.model'));
    expect(file.classes).toEqual([1, 2, 3]);
    const again = readLibsvmModel(writeLibsvmModel(file.model, file.classes));
    expect(Array.from(again.model.rho)).toEqual(Array.from(file.model.rho));
    expectAllClose(again.model.svCoef, file.model.svCoef, 0);
    // LIBSVM's file lists 19, 26, 21 support vectors for labels 3, 1, 2
    expect(Array.from(file.model.nSupport)).toEqual([26, 21, 19]);
  });

  it('refuses labels LIBSVM files cannot hold', () => {
    const clf = new SVC().fit([[0], [1], [2], [3]], ['a', 'a', 'b', 'b']);
    expect(() => saveLibsvmModel(clf)).toThrow(
      'writeLibsvmModel: LIBSVM model files hold integer class labels; received "a". Fit on integer labels to export.',
    );
  });

  it('rejects a malformed or unsupported model file with a DataError', () => {
    expect(() => readLibsvmModel('svm_type c_svc\n')).toThrow(DataError);
    expect(() => readLibsvmModel('svm_type c_svc\n')).toThrow(
      'readLibsvmModel: no "SV" line; this is not a LIBSVM model file.',
    );
    expect(() => readLibsvmModel('svm_type one_class\nkernel_type rbf\nSV\n')).toThrow(
      'readLibsvmModel: svm_type "one_class" is not supported; expected one of c_svc, nu_svc, epsilon_svr, nu_svr.',
    );
  });
});

describe('LIBLINEAR interop', () => {
  const multi = parseLibsvmData(fixture('multi.txt'));

  it('models from liblinear-train (L2 dual, L1-loss dual, Crammer–Singer, L1 penalty) predict as liblinear-predict', () => {
    for (const s of [1, 3, 4, 5]) {
      const clf = loadLiblinearModel(fixture(`liblinear_s${s}.model`)) as LinearSVC;
      expect(clf).toBeInstanceOf(LinearSVC);
      expect(clf.predict(multi.X)).toEqual(predictions(`liblinear_s${s}.out`).labels);
    }
    const binary = parseLibsvmData(fixture('binary.txt'));
    const b = loadLiblinearModel(fixture('liblinear_binary.model')) as LinearSVC;
    expect(b.classes).toEqual([-1, 1]);
    expect(b.predict(binary.X)).toEqual(predictions('liblinear_binary.out').labels);
    const reg = parseLibsvmData(fixture('regression.txt'));
    const r = loadLiblinearModel(fixture('liblinear_svr.model')) as LinearSVR;
    expect(r).toBeInstanceOf(LinearSVR);
    // liblinear-predict prints %g
    expectAllClose(r.predict(reg.X), predictions('liblinear_svr.out').labels, 5e-6 * 4);
  });

  it('lsml models agree with liblinear-train on the same problem (tolerance 1e-4)', () => {
    const lib = loadLiblinearModel(fixture('liblinear_s1.model')) as LinearSVC;
    const mine = new LinearSVC({ C: 1, tol: 1e-6, seed: 0 }).fit(multi.X, multi.y);
    expectAllClose(flat(mine.decisionFunction(multi.X)), flat(lib.decisionFunction(multi.X)), 2e-3);
    expect(mine.predict(multi.X)).toEqual(lib.predict(multi.X));
  });

  it('LinearSVC and LinearSVR round-trip through LIBLINEAR model files', () => {
    const reg = parseLibsvmData(fixture('regression.txt'));
    for (const est of [
      new LinearSVC({ seed: 0 }).fit(multi.X, multi.y),
      new LinearSVC({ seed: 0 }).fit(
        multi.X,
        Array.from(multi.y, (v) => (v === 1 ? 1 : -1)),
      ),
      new LinearSVC({ multiClass: 'crammer_singer', seed: 0 }).fit(multi.X, multi.y),
    ]) {
      const back = loadLiblinearModel(saveLiblinearModel(est)) as LinearSVC;
      expectAllClose(flat(back.decisionFunction(multi.X)), flat(est.decisionFunction(multi.X)), 1e-12);
    }
    const svr = new LinearSVR({ seed: 0, epsilon: 0.05 }).fit(reg.X, reg.y);
    expectAllClose(
      (loadLiblinearModel(saveLiblinearModel(svr)) as LinearSVR).predict(reg.X),
      svr.predict(reg.X),
      1e-12,
    );
  });
});

describe('LIBSVM data format', () => {
  it('parses labels, sparse features, comments and qid tokens; formats back to the same data', () => {
    const text = '# header comment\n+1 1:0.5 3:-2e-3 # trailing\n-1 qid:7 2:1.25E+2\n\n3 \n';
    const { X, y } = parseLibsvmData(text);
    expect(Array.from(y)).toEqual([1, -1, 3]);
    expect([X.rows, X.cols]).toEqual([3, 3]);
    expect(Array.from(X.toDense())).toEqual([0.5, 0, -0.002, 0, 125, 0, 0, 0, 0]);
    const again = parseLibsvmData(formatLibsvmData(X, y));
    expect(Array.from(again.X.toDense())).toEqual(Array.from(X.toDense()));
    expect(Array.from(again.y)).toEqual(Array.from(y));
  });

  it('reads every number exactly as parseFloat does, long mantissas included', () => {
    const values = [0.1, 1 / 3, -123456.789, 1e-300, 5e300, 2 ** -40, 0.30000000000000004, 123456789012345680];
    const text = values.map((v, i) => `${i} 1:${String(v)}`).join('\n');
    const { X } = parseLibsvmData(text);
    expect(Array.from(X.values)).toEqual(values);
  });

  it('writes dense and sparse matrices alike, zeros left out', () => {
    const rows = [
      [0, 1.5, 0],
      [2, 0, -1],
    ];
    const text = formatLibsvmData(rows, [1, 2]);
    expect(text).toBe('1 2:1.5\n2 1:2 3:-1\n');
    expect(formatLibsvmData(CsrMatrix.fromDense(rows), [1, 2])).toBe(text);
  });

  it('takes nFeatures and zero-based indices', () => {
    expect(parseLibsvmData('1 0:3 2:4', { zeroBased: 'auto' }).X.cols).toBe(3);
    expect(parseLibsvmData('1 1:3', { nFeatures: 10 }).X.cols).toBe(10);
  });

  it('rejects malformed lines with a DataError naming the line', () => {
    expect(() => parseLibsvmData('1 1:2\n1 3:x')).toThrow(
      'parseLibsvmData: line 2: "x" is not a number; the line reads "1 3:x".',
    );
    expect(() => parseLibsvmData('1 3:1 2:1')).toThrow(
      'parseLibsvmData: line 1: index 2 follows index 3; indices must be ascending; the line reads "1 3:1 2:1".',
    );
    expect(() => parseLibsvmData('1 5:1', { nFeatures: 3 })).toThrow(
      'parseLibsvmData: feature index 5 is beyond nFeatures = 3 (indices are 1-based).',
    );
    expect(() => parseLibsvmData('1 foo')).toThrow(DataError);
  });
});
