/**
 * `npm run bench:svm`: lsml's SVMs beside LIBSVM (`svm-train`) and LIBLINEAR (`liblinear-train`), same data, same
 * C, gamma and tolerance, measured in the same run. Prints accuracy, support vectors, the largest difference of
 * decision values (LIBSVM's model is loaded into lsml to evaluate it) and training time, wall-clock and CPU, as
 * ratios lsml / peer (below 1 means lsml is faster). Both sides start from the same data file: lsml's time
 * includes parsing it, as the peers' does.
 *
 * Cases and sizes (environment variables): BENCH_CASES=rbf,mnist,linear,cs; RBF_N=10000, RBF_D=20 (dense RBF);
 * MNIST_N=5000 (10-class RBF on the `mnist` digits); LINEAR_N=500000, LINEAR_D=100000, LINEAR_NNZ=30 (sparse
 * linear), LINEAR_EPS=0.1 (LIBLINEAR's default tolerance for its dual solvers); CS_N=50000, CS_D=2000, CS_K=10,
 * CS_NNZ=30, CS_EPS=0.1 (sparse Crammer–Singer multi-class, LIBLINEAR -s 4). Peers that are not installed are
 * skipped (apt-get install libsvm-tools liblinear-tools). Data files go to the OS temp folder and are removed
 * afterwards unless KEEP_FILES=1.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsrMatrix } from '../../src/tensor/CsrMatrix.js';
import { DenseMatrix } from '../../src/estimators/base/DenseMatrix.js';
import { takeRows } from '../../src/estimators/base/matrixLike.js';
import {
  LinearSVC,
  SVC,
  formatLibsvmData,
  loadLiblinearModel,
  loadLibsvmModel,
  parseLibsvmData,
} from '../../src/estimators/svm/index.js';
import { Random } from '../../src/util/random.js';
import { loadMnist } from '../../examples/svm/mnistData.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const cases = (process.env.BENCH_CASES ?? 'rbf,mnist,linear,cs').split(',');
const dir = join(tmpdir(), 'lsml-bench-svm');
mkdirSync(dir, { recursive: true });

interface Timing {
  wall: number;
  cpu: number;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Runs a peer command; wall and CPU (user + sys, from /usr/bin/time when present) seconds. */
function runPeer(cmd: string, args: string[]): Timing {
  const timed = has('/usr/bin/time');
  const t0 = performance.now();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-f', '%U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  if (!timed) return { wall, cpu: NaN };
  const [u, s] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: (u as number) + (s as number) };
}

/** Times fn in this process: wall and CPU seconds. */
function timeIt<T>(fn: () => T): { result: T } & Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { result, wall, cpu: (c.user + c.system) / 1e6 };
}

/** Writes rows to a LIBSVM data file block by block (large files never become one string). */
function writeData(path: string, X: DenseMatrix | CsrMatrix, y: ArrayLike<number>): void {
  const fd = openSync(path, 'w');
  for (let a = 0; a < X.rows; a += 20000) {
    const idx = Int32Array.from({ length: Math.min(20000, X.rows - a) }, (_, k) => a + k);
    writeSync(
      fd,
      formatLibsvmData(
        takeRows(X, idx),
        Array.from(idx, (i) => y[i] as number),
      ),
    );
  }
  closeSync(fd);
}

function accuracy(pred: ArrayLike<unknown>, y: ArrayLike<unknown>): number {
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) hit++;
  return hit / y.length;
}

function maxAbsDiff(a: Float64Array | DenseMatrix, b: Float64Array | DenseMatrix): number {
  const x = a instanceof DenseMatrix ? a.data : a;
  const z = b instanceof DenseMatrix ? b.data : b;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs((x[i] as number) - (z[i] as number)));
  return m;
}

const rows: string[][] = [];
const f = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');

/** The nonlinear dense problem: label 2 when x0·x1 + sin(x2) + noise > 0, else 1; the first row has label 1. */
function denseProblem(n: number, d: number, seed: number): { X: DenseMatrix; y: number[] } {
  const rng = new Random(seed);
  const X = new DenseMatrix(n, d);
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X.data[i * d + j] = rng.normal();
    const s =
      (X.data[i * d] as number) * (X.data[i * d + 1] as number) +
      Math.sin(X.data[i * d + 2] as number) +
      0.3 * rng.normal();
    y.push(s > 0 ? 2 : 1);
  }
  return { X, y };
}

/** Kernel SVC beside svm-train on a training file, evaluated on a test set. */
function kernelCase(
  name: string,
  Xtr: DenseMatrix,
  ytr: number[],
  Xte: DenseMatrix,
  yte: number[],
  C: number,
  gamma: number,
): void {
  const file = join(dir, `${name}.train`);
  writeData(file, Xtr, ytr);
  const d = Xtr.cols;
  const mine = timeIt(() => {
    const data = parseLibsvmData(readFileSync(file), { nFeatures: d });
    return new SVC({ C, gamma, tol: 1e-3, cacheSize: 200 }).fit(data.X, Array.from(data.y));
  });
  const clf = mine.result;
  const nSV = Array.from(clf.nSupport).reduce((s, v) => s + v, 0);
  const acc = accuracy(clf.predict(Xte), yte);
  let peer: Timing = { wall: NaN, cpu: NaN };
  let peerSV = NaN;
  let peerAcc = NaN;
  let diff = NaN;
  if (has('svm-train')) {
    const model = join(dir, `${name}.model`);
    peer = runPeer('svm-train', [
      '-q',
      '-s',
      '0',
      '-t',
      '2',
      '-c',
      String(C),
      '-g',
      String(gamma),
      '-e',
      '0.001',
      '-m',
      '200',
      file,
      model,
    ]);
    const lib = loadLibsvmModel(readFileSync(model, 'utf8'), { nFeatures: d }) as SVC;
    peerSV = Array.from(lib.nSupport).reduce((s, v) => s + v, 0);
    peerAcc = accuracy(lib.predict(Xte), yte);
    diff = maxAbsDiff(clf.decisionFunction(Xte), lib.decisionFunction(Xte));
  } else console.log('svm-train not found: LIBSVM comparison skipped (apt-get install libsvm-tools)');
  rows.push([
    name,
    `${Xtr.rows} × ${d}`,
    `${f(100 * acc, 2)} / ${f(100 * peerAcc, 2)}`,
    `${nSV} / ${peerSV}`,
    f(diff, 6).replace(/^(\d\.\d+)$/, '$1'),
    `${f(mine.wall, 2)} / ${f(peer.wall, 2)}`,
    f(mine.wall / peer.wall, 2),
    f(mine.cpu / peer.cpu, 2),
  ]);
}

if (cases.includes('rbf')) {
  const n = env('RBF_N', 10000);
  const d = env('RBF_D', 20);
  const { X, y } = denseProblem(n + 2000, d, 1);
  const tr = Int32Array.from({ length: n }, (_, i) => i);
  const te = Int32Array.from({ length: 2000 }, (_, i) => n + i);
  kernelCase(`rbf-dense`, takeRows(X, tr), y.slice(0, n), takeRows(X, te), y.slice(n), 1, 1 / d);
}

if (cases.includes('mnist')) {
  const n = env('MNIST_N', 5000);
  const { X, y } = loadMnist(n + 1000, 3);
  // LIBSVM orders classes by first appearance, lsml sorts them: put one digit of each class first, in order,
  // so both solve the same sub-problems in the same order
  const first = Array.from({ length: 10 }, (_, c) => y.indexOf(c));
  const rest = Array.from({ length: n }, (_, i) => i).filter((i) => !first.includes(i));
  const tr = Int32Array.from([...first, ...rest]);
  const te = Int32Array.from({ length: 1000 }, (_, i) => n + i);
  kernelCase(
    'mnist-rbf',
    takeRows(X, tr),
    Array.from(tr, (i) => y[i] as number),
    takeRows(X, te),
    y.slice(n),
    10,
    0.0135,
  );
}

if (cases.includes('linear')) {
  const n = env('LINEAR_N', 500000);
  const d = env('LINEAR_D', 100000);
  const nnz = env('LINEAR_NNZ', 30);
  const rng = new Random(5);
  const w = Float64Array.from({ length: d }, () => (rng.uniform() < 0.2 ? rng.normal() : 0));
  const total = n + 20000;
  const indptr = new Int32Array(total + 1);
  const indices = new Int32Array(total * nnz);
  const values = new Float64Array(total * nnz);
  const y: number[] = [];
  const cols = new Int32Array(nnz);
  for (let i = 0; i < total; i++) {
    // skewed feature frequencies, as words in text; unit-length binary rows
    let k = 0;
    while (k < nnz) {
      const c = Math.floor(d * rng.uniform() ** 2);
      let dup = false;
      for (let q = 0; q < k; q++) if (cols[q] === c) dup = true;
      if (!dup) cols[k++] = c;
    }
    cols.sort();
    let s = 0;
    for (let q = 0; q < nnz; q++) {
      indices[i * nnz + q] = cols[q] as number;
      values[i * nnz + q] = 1 / Math.sqrt(nnz);
      s += (w[cols[q] as number] as number) / Math.sqrt(nnz);
    }
    indptr[i + 1] = (i + 1) * nnz;
    y.push(s + 0.1 * rng.normal() > 0 ? 1 : 2);
  }
  if (y[0] !== 1) y[0] = 1;
  const all = new CsrMatrix(total, d, indptr, indices, values);
  const tr = Int32Array.from({ length: n }, (_, i) => i);
  const te = Int32Array.from({ length: 20000 }, (_, i) => n + i);
  const Xtr = takeRows(all, tr);
  const Xte = takeRows(all, te);
  const ytr = y.slice(0, n);
  const yte = y.slice(n);
  const file = join(dir, 'linear.train');
  writeData(file, Xtr, ytr);
  for (const [solver, loss] of [
    ['1', 'squared_hinge'],
    ['3', 'hinge'],
  ] as const) {
    const eps = env('LINEAR_EPS', 0.1);
    const mine = timeIt(() => {
      const data = parseLibsvmData(readFileSync(file), { nFeatures: d });
      return new LinearSVC({ C: 1, loss, tol: eps, seed: 0 }).fit(data.X, Array.from(data.y));
    });
    const clf = mine.result;
    const acc = accuracy(clf.predict(Xte), yte);
    let peer: Timing = { wall: NaN, cpu: NaN };
    let peerAcc = NaN;
    let diff = NaN;
    if (has('liblinear-train')) {
      const model = join(dir, `linear-s${solver}.model`);
      peer = runPeer('liblinear-train', ['-q', '-s', solver, '-c', '1', '-e', String(eps), '-B', '1', file, model]);
      const lib = loadLiblinearModel(readFileSync(model, 'utf8')) as LinearSVC;
      peerAcc = accuracy(lib.predict(Xte), yte);
      diff = maxAbsDiff(clf.decisionFunction(Xte), lib.decisionFunction(Xte));
    } else console.log('liblinear-train not found: LIBLINEAR comparison skipped (apt-get install liblinear-tools)');
    rows.push([
      `linear-s${solver} (${loss})`,
      `${n} × ${d}, ${nnz} nnz/row`,
      `${f(100 * acc, 2)} / ${f(100 * peerAcc, 2)}`,
      '— / —',
      f(diff, 6),
      `${f(mine.wall, 2)} / ${f(peer.wall, 2)}`,
      f(mine.wall / peer.wall, 2),
      f(mine.cpu / peer.cpu, 2),
    ]);
  }
}

if (cases.includes('cs')) {
  // Crammer–Singer multi-class (LIBLINEAR -s 4) on a sparse k-class problem: label = the largest of k sparse linear
  // scores plus noise; the first k rows hold classes 1..k in order, so both sides order the classes alike
  const n = env('CS_N', 50000);
  const d = env('CS_D', 2000);
  const k = env('CS_K', 10);
  const nnz = env('CS_NNZ', 30);
  const eps = env('CS_EPS', 0.1);
  const rng = new Random(11);
  const W = Float64Array.from({ length: d * k }, () => rng.normal());
  const total = n + 10000;
  const indptr = new Int32Array(total + 1);
  const indices = new Int32Array(total * nnz);
  const values = new Float64Array(total * nnz);
  const y: number[] = [];
  const cols = new Int32Array(nnz);
  const score = new Float64Array(k);
  for (let i = 0; i < total; i++) {
    let c = 0;
    while (c < nnz) {
      const j = Math.floor(d * rng.uniform() ** 2);
      let dup = false;
      for (let q = 0; q < c; q++) if (cols[q] === j) dup = true;
      if (!dup) cols[c++] = j;
    }
    cols.sort();
    score.fill(0);
    for (let q = 0; q < nnz; q++) {
      const j = cols[q] as number;
      indices[i * nnz + q] = j;
      values[i * nnz + q] = 1 / Math.sqrt(nnz);
      for (let m = 0; m < k; m++) score[m] = (score[m] as number) + (W[j * k + m] as number) / Math.sqrt(nnz);
    }
    let best = 0;
    for (let m = 0; m < k; m++) if ((score[m] as number) + 0.05 * rng.normal() > (score[best] as number)) best = m;
    y.push(i < k ? i + 1 : best + 1);
    indptr[i + 1] = (i + 1) * nnz;
  }
  const all = new CsrMatrix(total, d, indptr, indices, values);
  const Xtr = takeRows(
    all,
    Int32Array.from({ length: n }, (_, i) => i),
  );
  const Xte = takeRows(
    all,
    Int32Array.from({ length: 10000 }, (_, i) => n + i),
  );
  const ytr = y.slice(0, n);
  const yte = y.slice(n);
  const file = join(dir, 'cs.train');
  writeData(file, Xtr, ytr);
  const mine = timeIt(() => {
    const data = parseLibsvmData(readFileSync(file), { nFeatures: d });
    return new LinearSVC({ C: 1, multiClass: 'crammer_singer', tol: eps, seed: 0 }).fit(data.X, Array.from(data.y));
  });
  const clf = mine.result;
  const acc = accuracy(clf.predict(Xte), yte);
  let peer: Timing = { wall: NaN, cpu: NaN };
  let peerAcc = NaN;
  let diff = NaN;
  if (has('liblinear-train')) {
    const model = join(dir, 'cs.model');
    peer = runPeer('liblinear-train', ['-q', '-s', '4', '-c', '1', '-e', String(eps), '-B', '1', file, model]);
    const lib = loadLiblinearModel(readFileSync(model, 'utf8')) as LinearSVC;
    peerAcc = accuracy(lib.predict(Xte), yte);
    diff = maxAbsDiff(clf.decisionFunction(Xte), lib.decisionFunction(Xte));
  } else console.log('liblinear-train not found: LIBLINEAR comparison skipped (apt-get install liblinear-tools)');
  rows.push([
    `cs-s4 (crammer_singer)`,
    `${n} × ${d}, ${k} classes, ${nnz} nnz/row`,
    `${f(100 * acc, 2)} / ${f(100 * peerAcc, 2)}`,
    '— / —',
    f(diff, 6),
    `${f(mine.wall, 2)} / ${f(peer.wall, 2)}`,
    f(mine.wall / peer.wall, 2),
    f(mine.cpu / peer.cpu, 2),
  ]);
}

if (process.env.KEEP_FILES !== '1') rmSync(dir, { recursive: true, force: true });

const header = [
  'case',
  'size',
  'accuracy % lsml / peer',
  '#SV lsml / peer',
  'max |Δ decision|',
  'time s lsml / peer',
  'wall ratio',
  'CPU ratio',
];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
const line = (r: string[]): string => r.map((v, c) => v.padEnd(widths[c] as number)).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log('ratios are lsml / peer (below 1: lsml faster); both sides read the same LIBSVM-format file');
