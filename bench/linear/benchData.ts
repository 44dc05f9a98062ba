import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeatureHasher } from '../../src/estimators/hashing/FeatureHasher.js';
import { CsrMatrix } from '../../src/tensor/CsrMatrix.js';
import { Random } from '../../src/util/random.js';

/** Where the benchmark data lives (raw little-endian arrays that numpy reads with `fromfile`). */
export const BENCH_DIR = process.env.LSML_BENCH_DIR ?? join(tmpdir(), 'lsml-bench-linear');

/** A dense binary problem split into train and test parts, stored as raw files. */
export interface DenseProblem {
  rows: number;
  testRows: number;
  cols: number;
  X: Float64Array;
  y: Int32Array;
  Xtest: Float64Array;
  ytest: Int32Array;
  files: { X: string; y: string; Xtest: string; ytest: string };
}

function save(path: string, a: ArrayBufferView): void {
  writeFileSync(path, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

function load<T>(path: string, Ctor: new (b: ArrayBuffer) => T): T {
  const buf = readFileSync(path);
  return new Ctor(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
}

/**
 * rows × cols standard-normal features; label 1 when w·x + noise > 0 for a hidden w (noise σ = 0.3·‖w‖, so about
 * 90% is the best accuracy). Cached on disk by shape and seed.
 */
export function denseProblem(rows: number, testRows: number, cols: number, seed: number): DenseProblem {
  mkdirSync(BENCH_DIR, { recursive: true });
  const tag = `dense_${rows}_${testRows}_${cols}_${seed}`;
  const files = {
    X: join(BENCH_DIR, `${tag}_X.f64`),
    y: join(BENCH_DIR, `${tag}_y.i32`),
    Xtest: join(BENCH_DIR, `${tag}_Xtest.f64`),
    ytest: join(BENCH_DIR, `${tag}_ytest.i32`),
  };
  if (Object.values(files).every(existsSync)) {
    return {
      rows,
      testRows,
      cols,
      X: load(files.X, Float64Array),
      y: load(files.y, Int32Array),
      Xtest: load(files.Xtest, Float64Array),
      ytest: load(files.ytest, Int32Array),
      files,
    };
  }
  const rng = new Random(seed);
  const w = Array.from({ length: cols }, () => rng.normal());
  const noise = 0.3 * Math.sqrt(w.reduce((s, v) => s + v * v, 0));
  const make = (n: number): [Float64Array, Int32Array] => {
    const X = new Float64Array(n * cols);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) {
        const v = rng.normal();
        X[i * cols + j] = v;
        s += v * (w[j] as number);
      }
      y[i] = s + noise * rng.normal() > 0 ? 1 : 0;
    }
    return [X, y];
  };
  const [X, y] = make(rows);
  const [Xtest, ytest] = make(testRows);
  save(files.X, X);
  save(files.y, y);
  save(files.Xtest, Xtest);
  save(files.ytest, ytest);
  return { rows, testRows, cols, X, y, Xtest, ytest, files };
}

/** A hashed sparse binary problem (CSR, float64 values), train and test, stored as raw files. */
export interface SparseProblem {
  train: CsrMatrix;
  y: Int32Array;
  test: CsrMatrix;
  ytest: Int32Array;
  files: Record<'indptr' | 'indices' | 'values' | 'y' | 'tindptr' | 'tindices' | 'tvalues' | 'ytest', string>;
  /** Seconds FeatureHasher took for the training rows. */
  hashSeconds: number;
}

/**
 * Text-like rows: ~`tokensPerRow` tokens drawn from a Zipf-like vocabulary of `vocab` words ("w123"), hashed with
 * FeatureHasher into 2^`bits` columns. Label 1 when the sum of hidden per-word weights plus noise is > 0.
 */
export function sparseProblem(
  rows: number,
  testRows: number,
  bits: number,
  tokensPerRow: number,
  seed: number,
): SparseProblem {
  mkdirSync(BENCH_DIR, { recursive: true });
  const tag = `sparse_${rows}_${testRows}_${bits}_${tokensPerRow}_${seed}`;
  const names = ['indptr', 'indices', 'values', 'y', 'tindptr', 'tindices', 'tvalues', 'ytest'] as const;
  const files = Object.fromEntries(names.map((n) => [n, join(BENCH_DIR, `${tag}_${n}.bin`)])) as SparseProblem['files'];
  const cols = 2 ** bits;
  if (Object.values(files).every(existsSync)) {
    const csr = (p: 'indptr' | 'tindptr', i: 'indices' | 'tindices', v: 'values' | 'tvalues'): CsrMatrix => {
      const indptr = load(files[p], Int32Array);
      return new CsrMatrix(indptr.length - 1, cols, indptr, load(files[i], Int32Array), load(files[v], Float64Array));
    };
    return {
      train: csr('indptr', 'indices', 'values'),
      y: load(files.y, Int32Array),
      test: csr('tindptr', 'tindices', 'tvalues'),
      ytest: load(files.ytest, Int32Array),
      files,
      hashSeconds: NaN,
    };
  }
  const rng = new Random(seed);
  const vocab = 200_000;
  const weight = new Float64Array(vocab);
  for (let v = 0; v < vocab; v++) weight[v] = rng.normal() * (rng.uniform() < 0.2 ? 1 : 0.1);
  const hasher = new FeatureHasher({ nFeatures: cols, inputType: 'string' });
  let hashSeconds = 0;
  const make = (n: number): [CsrMatrix, Int32Array] => {
    const docs: string[][] = [];
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const len = Math.max(5, Math.round(tokensPerRow + 10 * rng.normal()));
      const doc: string[] = [];
      let s = 0;
      for (let t = 0; t < len; t++) {
        // Zipf-like: word rank ∝ u^3 (frequent words are few)
        const v = Math.floor(vocab * rng.uniform() ** 3);
        doc.push(`w${v}`);
        s += weight[v] as number;
      }
      docs.push(doc);
      y[i] = s + 0.5 * rng.normal() > 0 ? 1 : 0;
    }
    const t0 = performance.now();
    const X = hasher.transform(docs);
    hashSeconds += (performance.now() - t0) / 1000;
    return [X, y];
  };
  const [train, y] = make(rows);
  const trainHash = hashSeconds;
  const [test, ytest] = make(testRows);
  save(files.indptr, train.indptr);
  save(files.indices, train.indices);
  save(files.values, train.values);
  save(files.y, y);
  save(files.tindptr, test.indptr);
  save(files.tindices, test.indices);
  save(files.tvalues, test.values);
  save(files.ytest, ytest);
  return { train, y, test, ytest, files, hashSeconds: trainHash };
}

/**
 * A dense k-class problem: y = argmaxᶜ (wᶜ·x + noise) for hidden w, with the same file layout as `denseProblem`.
 */
export function multiclassProblem(rows: number, testRows: number, cols: number, k: number, seed: number): DenseProblem {
  mkdirSync(BENCH_DIR, { recursive: true });
  const tag = `multi_${rows}_${testRows}_${cols}_${k}_${seed}`;
  const files = {
    X: join(BENCH_DIR, `${tag}_X.f64`),
    y: join(BENCH_DIR, `${tag}_y.i32`),
    Xtest: join(BENCH_DIR, `${tag}_Xtest.f64`),
    ytest: join(BENCH_DIR, `${tag}_ytest.i32`),
  };
  if (Object.values(files).every(existsSync)) {
    return {
      rows,
      testRows,
      cols,
      X: load(files.X, Float64Array),
      y: load(files.y, Int32Array),
      Xtest: load(files.Xtest, Float64Array),
      ytest: load(files.ytest, Int32Array),
      files,
    };
  }
  const rng = new Random(seed);
  const w = Array.from({ length: k * cols }, () => rng.normal() / Math.sqrt(cols));
  const make = (n: number): [Float64Array, Int32Array] => {
    const X = new Float64Array(n * cols);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < cols; j++) X[i * cols + j] = rng.normal() + (j % 3 === 0 ? 1 : 0);
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0.5 * rng.normal();
        for (let j = 0; j < cols; j++) s += (w[c * cols + j] as number) * (X[i * cols + j] as number);
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      y[i] = best;
    }
    return [X, y];
  };
  const [X, y] = make(rows);
  const [Xtest, ytest] = make(testRows);
  save(files.X, X);
  save(files.y, y);
  save(files.Xtest, Xtest);
  save(files.ytest, ytest);
  return { rows, testRows, cols, X, y, Xtest, ytest, files };
}
