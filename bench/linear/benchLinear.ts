/**
 * `npm run bench:linear`: lsml's linear models beside scikit-learn on the same data, in the same run.
 *
 * 1. SGDClassifier, hinge loss, 5 epochs, on 1,000,000 × 100 dense float64 rows (binary).
 * 2. SGDClassifier, hinge loss, 5 epochs, on 500,000 hashed text-like rows (2^20 columns, ~50 non-zeros per row).
 * 3. LogisticRegression (L2, L-BFGS) on dense binary, dense multinomial and sparse hashed data: time, accuracy and
 *    the objective C·Σℓ + ½‖w‖² of both solutions, evaluated by one function.
 *
 * Ratios are lsml time / scikit-learn time (below 1 is faster). The peer (bench/peers/sklearn_linear.py) runs
 * single-threaded (OMP/OpenBLAS threads = 1) like lsml; it is skipped when python3 cannot import sklearn.
 * Environment: LSML_BENCH_ROWS (dense rows, default 1000000), LSML_BENCH_SPARSE_ROWS (default 500000),
 * LSML_BENCH_REPEAT (rounds; each round fits lsml then scikit-learn, and the best time of each is kept, so a busy
 * machine slows both alike; default 5; LSML_BENCH_LOGREG_REPEAT for the slower LogisticRegression fits, default 1),
 * LSML_BENCH_ONLY (comma list: dense,sparse,logreg), LSML_BENCH_HUGE_PAGES=1 (run lsml with glibc's huge pages),
 * LSML_SPARSE_WASM=0 (lsml's TypeScript SGD loops instead of the WebAssembly ones),
 * LSML_BENCH_JSON (path to write all numbers as JSON), LSML_PYTHON (interpreter).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { DenseMatrix } from '../../src/estimators/base/DenseMatrix.js';
import type { Design } from '../../src/estimators/linear/linalg/Design.js';
import { LogisticObjective } from '../../src/estimators/linear/logistic/LogisticObjective.js';
import { LogisticRegression } from '../../src/estimators/linear/LogisticRegression.js';
import { SGDClassifier } from '../../src/estimators/linear/SGDClassifier.js';
import type { CsrMatrix } from '../../src/tensor/CsrMatrix.js';
import { denseProblem, multiclassProblem, sparseProblem } from './benchData.js';
import { type PeerResult, findPython, runPeer } from './peer.js';

// lsml runs as a user runs it: with the pages Node gives (numpy madvises its large arrays for transparent huge
// pages, Node cannot). LSML_BENCH_HUGE_PAGES=1 reruns under GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (glibc >= 2.35),
// which makes glibc madvise Node's large buffers too, to compare (docs/linear.md has both measurements).
const HUGE = 'glibc.malloc.hugetlb=1';
if (
  process.platform === 'linux' &&
  process.env.LSML_BENCH_HUGE_PAGES === '1' &&
  !(process.env.GLIBC_TUNABLES ?? '').includes(HUGE)
) {
  const tunables = [process.env.GLIBC_TUNABLES, HUGE].filter(Boolean).join(':');
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, GLIBC_TUNABLES: tunables },
  });
  process.exit(r.status ?? 1);
}

/** This process's transparent-huge-page memory, for the report (Linux only). */
function hugePagesMb(): string {
  try {
    const line = readFileSync('/proc/self/smaps_rollup', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AnonHugePages'));
    return line ? `${Math.round(Number(line.split(/\s+/)[1]) / 1024)} MB` : 'n/a';
  } catch {
    return 'n/a';
  }
}

const ROWS = Number(process.env.LSML_BENCH_ROWS ?? 1_000_000);
const SPARSE_ROWS = Number(process.env.LSML_BENCH_SPARSE_ROWS ?? 500_000);
const REPEAT = Number(process.env.LSML_BENCH_REPEAT ?? 5);
const LOGREG_REPEAT = Number(process.env.LSML_BENCH_LOGREG_REPEAT ?? 1);
const ONLY = new Set((process.env.LSML_BENCH_ONLY ?? 'dense,sparse,logreg').split(','));
const results: Record<string, unknown> = {};

function accuracy(pred: ArrayLike<unknown>, y: Int32Array): number {
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) hit++;
  return hit / y.length;
}

/**
 * Interleaved rounds: lsml's fit, then the peer's, REPEAT times; the best time of each side is kept (the machine's
 * load changes over a run, and interleaving exposes both sides to it alike).
 */
function rounds<T>(
  fit: () => T,
  task: Record<string, unknown> | null,
  repeat = REPEAT,
): { model: T; seconds: number; peer: PeerResult } {
  let seconds = Infinity;
  let model: T | undefined;
  let peer: PeerResult = { skipped: 'not run' } as PeerResult;
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    model = fit();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
    if (task === null) continue;
    const p = runPeer({ ...task, repeat: 1 });
    if (p.skipped) {
      if (peer.skipped) peer = p;
      break;
    }
    if (peer.skipped || p.fit_seconds < peer.fit_seconds) peer = p;
  }
  return { model: model as T, seconds, peer };
}

function line(label: string, ours: { seconds: number; acc: number }, peer: PeerResult): Record<string, unknown> {
  const row: Record<string, unknown> = { lsmlSeconds: ours.seconds, lsmlAccuracy: ours.acc };
  let text = `${label.padEnd(44)} lsml ${ours.seconds.toFixed(2)} s  acc ${(100 * ours.acc).toFixed(2)}%`;
  if (peer.skipped) {
    text += `  | scikit-learn skipped: ${peer.skipped}`;
  } else {
    const ratio = ours.seconds / peer.fit_seconds;
    const dAcc = 100 * (ours.acc - peer.accuracy);
    text += `  | sklearn ${peer.fit_seconds.toFixed(2)} s  acc ${(100 * peer.accuracy).toFixed(2)}%  | time ratio ${ratio.toFixed(2)}×  Δacc ${dAcc >= 0 ? '+' : ''}${dAcc.toFixed(2)} pp`;
    Object.assign(row, {
      sklearnSeconds: peer.fit_seconds,
      sklearnAccuracy: peer.accuracy,
      ratio,
      deltaAccuracyPp: dAcc,
    });
  }
  console.log(text);
  return row;
}

/** Objective C·Σℓ + ½‖w‖² (unit sample weights) at the given parameters, via the fitted-problem objective. */
function logisticObjective(
  X: Design,
  y: Int32Array,
  k: number,
  C: number,
  coef: ArrayLike<number>,
  intercept: ArrayLike<number>,
): number {
  const n = X.rows;
  const obj = new LogisticObjective(X, y, k, new Float64Array(n).fill(1), true, 1 / (C * n));
  const x = new Float64Array(obj.size);
  x.set(Array.from(coef));
  x.set(Array.from(intercept), k * X.cols);
  // LogisticObjective is (1/n)Σℓ + ½·(1/(Cn))‖w‖²; times C·n gives scikit-learn's C·Σℓ + ½‖w‖²
  return obj.valueAndGradient(x, new Float64Array(obj.size)) * C * n;
}

console.log(`lsml linear-model benchmark  (node ${process.version}; peer: ${findPython() ?? 'none'})`);

if (ONLY.has('dense')) {
  const p = denseProblem(ROWS, 100_000, 100, 1);
  const X = new DenseMatrix(p.rows, p.cols, p.X);
  const { model, seconds, peer } = rounds(
    () => new SGDClassifier({ loss: 'hinge', maxIter: 5, tol: null, seed: 0 }).fit(X, p.y),
    {
      model: 'sgd',
      data: 'dense',
      files: p.files,
      rows: p.rows,
      cols: p.cols,
      testRows: p.testRows,
      params: { loss: 'hinge', max_iter: 5, tol: null, random_state: 0 },
    },
  );
  const ours = { seconds };
  const acc = accuracy(model.predict(new DenseMatrix(p.testRows, p.cols, p.Xtest)), p.ytest);
  results.sgdDense = line(`SGD hinge 5 epochs, dense ${p.rows} × ${p.cols}`, { seconds: ours.seconds, acc }, peer);
}

if (ONLY.has('sparse')) {
  const p = sparseProblem(SPARSE_ROWS, 50_000, 20, 50, 2);
  const nnz = p.train.nnz / p.train.rows;
  if (Number.isFinite(p.hashSeconds))
    console.log(`  (FeatureHasher: ${p.train.rows} rows hashed in ${p.hashSeconds.toFixed(2)} s)`);
  const { model, seconds, peer } = rounds(
    () => new SGDClassifier({ loss: 'hinge', maxIter: 5, tol: null, seed: 0 }).fit(p.train, p.y),
    {
      model: 'sgd',
      data: 'sparse',
      files: p.files,
      cols: p.train.cols,
      params: { loss: 'hinge', max_iter: 5, tol: null, random_state: 0 },
    },
  );
  const ours = { seconds };
  const acc = accuracy(model.predict(p.test), p.ytest);
  results.sgdSparse = line(
    `SGD hinge 5 epochs, sparse ${p.train.rows} × 2^20 (${nnz.toFixed(1)} nnz/row)`,
    { seconds: ours.seconds, acc },
    peer,
  );
}

if (ONLY.has('logreg')) {
  const cases: {
    label: string;
    X: Design;
    y: Int32Array;
    Xt: Design;
    yt: Int32Array;
    k: number;
    C: number;
    task: Record<string, unknown>;
  }[] = [];
  const b = denseProblem(200_000, 50_000, 50, 3);
  cases.push({
    label: `LogisticRegression L2, dense ${b.rows} × ${b.cols}, binary`,
    X: new DenseMatrix(b.rows, b.cols, b.X),
    y: b.y,
    Xt: new DenseMatrix(b.testRows, b.cols, b.Xtest),
    yt: b.ytest,
    k: 1,
    C: 1,
    task: { data: 'dense', files: b.files, rows: b.rows, cols: b.cols, testRows: b.testRows },
  });
  const m = multiclassProblem(100_000, 20_000, 20, 5, 4);
  cases.push({
    label: `LogisticRegression L2, dense ${m.rows} × ${m.cols}, 5 classes`,
    X: new DenseMatrix(m.rows, m.cols, m.X),
    y: m.y,
    Xt: new DenseMatrix(m.testRows, m.cols, m.Xtest),
    yt: m.ytest,
    k: 5,
    C: 1,
    task: { data: 'dense', files: m.files, rows: m.rows, cols: m.cols, testRows: m.testRows },
  });
  const s = sparseProblem(100_000, 20_000, 20, 50, 5);
  cases.push({
    label: `LogisticRegression L2 C=0.1, sparse ${s.train.rows} × 2^20`,
    X: s.train,
    y: s.y,
    Xt: s.test,
    yt: s.ytest,
    k: 1,
    C: 0.1,
    task: { data: 'sparse', files: s.files, cols: s.train.cols },
  });
  results.logreg = cases.map((c) => {
    const C = c.C;
    const ours = rounds(
      () => new LogisticRegression({ C }).fit(c.X as DenseMatrix | CsrMatrix, c.y),
      { ...c.task, model: 'logreg', return_coef: true, params: { C } },
      LOGREG_REPEAT,
    );
    const peer = ours.peer;
    const acc = accuracy(ours.model.predict(c.Xt as DenseMatrix | CsrMatrix), c.yt);
    const row = line(c.label, { seconds: ours.seconds, acc }, peer);
    const fOurs = logisticObjective(c.X, c.y, c.k, C, ours.model.coef.data, ours.model.intercept);
    row.lsmlObjective = fOurs;
    row.lsmlIterations = ours.model.nIter;
    if (!peer.skipped && peer.coef && peer.intercept) {
      const fPeer = logisticObjective(c.X, c.y, c.k, C, peer.coef, peer.intercept);
      const rel = (fOurs - fPeer) / Math.abs(fPeer);
      row.sklearnObjective = fPeer;
      row.relativeObjectiveDifference = rel;
      console.log(
        `${''.padEnd(44)} objective lsml ${fOurs.toFixed(6)} (${ours.model.nIter} it)  sklearn ${fPeer.toFixed(6)} (${peer.n_iter} it)  (lsml − sklearn)/sklearn = ${rel.toExponential(2)}`,
      );
    }
    return row;
  });
}

console.log(`(lsml process: ${hugePagesMb()} in transparent huge pages)`);
if (process.env.LSML_BENCH_JSON) writeFileSync(process.env.LSML_BENCH_JSON, JSON.stringify(results, null, 2));
