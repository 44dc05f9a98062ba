import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../../../src/estimators/base/DenseMatrix.js';
import { KernelCache } from '../../../src/estimators/svm/kernel/KernelCache.js';
import { KernelEvaluator } from '../../../src/estimators/svm/kernel/KernelEvaluator.js';
import type { SvmKernel } from '../../../src/estimators/svm/kernel/kernelTypes.js';
import { denseStore, denseToCsr, sparseStore } from '../../../src/estimators/svm/kernel/SampleStore.js';
import { WasmKernelRows, setWasmKernels } from '../../../src/estimators/svm/kernel/wasm/WasmKernelRows.js';
import { WasmSparseRows } from '../../../src/estimators/svm/kernel/wasm/WasmSparseRows.js';
import { SVC } from '../../../src/estimators/svm/SVC.js';
import { SVR } from '../../../src/estimators/svm/SVR.js';
import { nonlinear } from './helpers.js';
import { pairwiseCoupling } from '../../../src/estimators/svm/libsvm/pairwiseCoupling.js';
import { sigmoidPredict, sigmoidTrain } from '../../../src/estimators/svm/libsvm/sigmoid.js';
import { Random } from '../../../src/util/random.js';
import { expectAllClose } from './helpers.js';

/** K(u, v) written out plainly: the slow version the fast kernels are checked against. */
function slowKernel(kernel: SvmKernel, u: number[], v: number[], gamma: number, degree: number, coef0: number): number {
  const dot = u.reduce((s, x, k) => s + x * (v[k] as number), 0);
  if (kernel === 'linear') return dot;
  if (kernel === 'poly') return (gamma * dot + coef0) ** degree;
  if (kernel === 'sigmoid') return Math.tanh(gamma * dot + coef0);
  return Math.exp(-gamma * u.reduce((s, x, k) => s + (x - (v[k] as number)) ** 2, 0));
}

describe('kernel evaluation', () => {
  const rng = new Random(1);
  const n = 37;
  for (const d of [1, 3, 7, 33]) {
    const rows = Array.from({ length: n }, () =>
      Array.from({ length: d }, () => (rng.uniform() < 0.5 ? rng.normal() : 0)),
    );
    const M = DenseMatrix.fromRows(rows);
    for (const kernel of ['linear', 'poly', 'rbf', 'sigmoid'] as const) {
      it(`${kernel}, d = ${d}: dense, sparse, SIMD and prediction paths match the plain formula`, () => {
        const kp = { kernel, gamma: 0.3, degree: 3, coef0: 0.5 };
        const dense = new KernelEvaluator(denseStore(M), kp);
        const sparse = new KernelEvaluator(sparseStore(denseToCsr(M)), kp);
        const order = Int32Array.from(rng.permutation(n));
        const y = Int8Array.from({ length: n }, (_, t) => (t % 3 === 0 ? -1 : 1));
        const compact = dense.compactCopy(order, y);
        for (const i of [0, 5, n - 1]) {
          const expected = Array.from(order, (j) =>
            slowKernel(kernel, rows[order[i] as number] as number[], rows[j] as number[], 0.3, 3, 0.5),
          );
          const a = new Float64Array(n);
          const b = new Float64Array(n);
          dense.row(order[i] as number, order, 0, n, a);
          sparse.row(order[i] as number, order, 0, n, b);
          expectAllClose(a, expected, 1e-12);
          expectAllClose(b, expected, 1e-12);
          // compact copy (SIMD when available) with signs, rounded to float32 like the cache; the SIMD exp may
          // round to the neighbouring float32 in rare cases
          const q = new Float32Array(n);
          compact.rowQ(i, null, 2, n, q, y, -1);
          expect(q[0]).toBe(0);
          for (let t = 2; t < n; t++) {
            const want = Math.fround(-(y[t] as number) * (expected[t] as number));
            expect(Math.abs((q[t] as number) - want)).toBeLessThanOrEqual(Math.abs(want) * 2 ** -23);
          }
          const against = new Float64Array(n);
          const x = rows[order[i] as number] as number[];
          dense.against(
            M.data as Float64Array,
            (order[i] as number) * d,
            x.reduce((s, v) => s + v * v, 0),
            against,
          );
          expectAllClose(
            Array.from(order, (j) => against[j] as number),
            expected,
            1e-12,
          );
        }
      });
    }
  }

  it('WebAssembly SIMD is available on this platform (so the fast path above is the one tested)', () => {
    expect(WasmKernelRows.create(10, 3)).not.toBeNull();
  });

  it('the TypeScript fallback trains the same models as the WebAssembly kernels', () => {
    const { X, y } = nonlinear(200, 5, 13);
    const z = X.map((r) => (r[0] as number) - (r[1] as number));
    const fit = (): [Float64Array, Float64Array, Float64Array] => [
      new SVC({ C: 3, tol: 1e-8 }).fit(X, y).decisionFunction(X) as Float64Array,
      new SVC({ kernel: 'poly', degree: 2, tol: 1e-8 }).fit(X, y).decisionFunction(X) as Float64Array,
      new SVR({ tol: 1e-8 }).fit(X, z).predict(X),
    ];
    const fast = fit();
    setWasmKernels(false);
    try {
      expect(WasmKernelRows.create(10, 3)).toBeNull();
      const slow = fit();
      fast.forEach((f, m) => expectAllClose(f, slow[m] as Float64Array, 1e-5));
    } finally {
      setWasmKernels(true);
    }
  });

  it('compact copies follow row swaps', () => {
    const rows = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const ev = new KernelEvaluator(denseStore(DenseMatrix.fromRows(rows)), {
      kernel: 'linear',
      gamma: 0,
      degree: 0,
      coef0: 0,
    });
    const c = ev.compactCopy(Int32Array.of(0, 1, 2));
    c.swapRows(0, 2);
    const out = new Float32Array(3);
    c.rowQ(0, null, 0, 3, out, null, 1);
    expect(Array.from(out)).toEqual([61, 39, 17]);
  });
});

/** The dot product in the order of assembly/svmKernels.ts: lanes k ≡ 0, 1 and k ≡ 2, 3 (mod 4), then the tail. */
function laneDot(x: Float64Array, xo: number, r: Float64Array, ro: number, d: number): number {
  const a = [0, 0, 0, 0];
  let k = 0;
  for (; k + 4 <= d; k += 4) for (let j = 0; j < 4; j++) a[j] = a[j]! + x[xo + k + j]! * r[ro + k + j]!;
  let s = a[0]! + a[2]! + (a[1]! + a[3]!);
  for (; k < d; k++) s += x[xo + k]! * r[ro + k]!;
  return s;
}

/** exp as assembly/svmKernels.ts computes it: Cody–Waite reduction, degree-11 Taylor by Estrin's scheme, 2^n. */
function svmExp(x: number): number {
  const MAGIC = 6755399441055744;
  const n = x * Math.LOG2E + MAGIC - MAGIC;
  const r = x - n * 6.9314718036912381649e-1 - n * 1.90821492927058770002e-10;
  const r2 = r * r;
  const r4 = r2 * r2;
  const p = (f0: number, f1: number): number => r * (1 / f1) + 1 / f0; // c_k + c_{k+1} r, f = k!
  const q0 = p(1, 1) + p(2, 6) * r2;
  const q1 = p(24, 120) + p(720, 5040) * r2;
  const q2 = p(40320, 362880) + p(3628800, 39916800) * r2;
  return (q0 + (q1 + q2 * r4) * r4) * 2 ** n;
}

describe('WebAssembly kernel rows (assembly/svmKernels.ts)', () => {
  it('compute exactly the documented arithmetic: same bits in every build', () => {
    const rng = new Random(12);
    for (const d of [1, 4, 6, 20, 33]) {
      const n = 41;
      const w = WasmKernelRows.create(n, d) as WasmKernelRows;
      for (let t = 0; t < n * d; t++) w.data[t] = rng.normal();
      for (let t = 0; t < n; t++) {
        w.sq[t] = laneDot(w.data, t * d, w.data, t * d, d);
        w.sign[t] = rng.uniform() < 0.5 ? -1 : 1;
      }
      for (const [i, start, end] of [
        [0, 0, n],
        [7, 3, 30],
        [40, 5, 6],
      ] as const) {
        w.rowDots(i, start, end);
        for (let t = start; t < end; t++) expect(w.out[t]).toBe(laneDot(w.data, i * d, w.data, t * d, d));
        for (const gamma of [0.01, 0.7, 2000]) {
          w.rbfQ(i, start, end, gamma, -1);
          for (let t = start; t < end; t++) {
            const dot = laneDot(w.data, i * d, w.data, t * d, d);
            const x = Math.min(Math.max((w.sq[i]! + w.sq[t]! - (dot + dot)) * -gamma, -708), 709);
            expect(w.dst[t]).toBe(Math.fround(svmExp(x) * w.sign[t]! * -1));
          }
        }
      }
    }
  });
});

describe('WebAssembly sparse kernel rows', () => {
  it('give the same bits as the TypeScript loop, in kernel columns and in trained models', () => {
    const rng = new Random(14);
    const n = 90;
    const d = 40;
    const rows = Array.from({ length: n }, () =>
      Array.from({ length: d }, (_, j) => (j < 2 || rng.uniform() < 0.15 ? rng.normal() : 0)),
    );
    const store = sparseStore(denseToCsr(DenseMatrix.fromRows(rows)));
    const kp = { kernel: 'rbf' as const, gamma: 0.2, degree: 3, coef0: 0 };
    const order = Int32Array.from(rng.permutation(n));
    const y = Int8Array.from({ length: n }, (_, t) => (t % 2 === 0 ? 1 : -1));
    const column = (): Float32Array => {
      const q = new Float32Array(n);
      new KernelEvaluator(store, kp).rowQ(order[3] as number, order, 1, n - 1, q, y, 1);
      return q;
    };
    const labels = rows.map((r) => ((r[0] as number) * (r[1] as number) > 0 ? 1 : 0));
    const model = (): Float64Array =>
      new SVC({ C: 2, gamma: 0.2, tol: 1e-6 })
        .fit(DenseMatrix.fromRows(rows), labels)
        .decisionFunction(rows) as Float64Array;
    // the dot products themselves, exactly: each sum over row j's entries in order
    const sw = WasmSparseRows.create(store) as WasmSparseRows;
    for (const i of [0, 17, n - 1]) {
      sw.dots(i, order, 0, n);
      const dense = rows[i] as number[];
      for (let t = 0; t < n; t++) {
        const j = order[t] as number;
        let sum = 0;
        for (let q = store.indptr[j] as number; q < (store.indptr[j + 1] as number); q++)
          sum += (store.values[q] as number) * (dense[store.indices[q] as number] as number);
        expect(sw.out[t]).toBe(sum);
      }
    }
    const fast = [column(), model()] as const;
    setWasmKernels(false);
    try {
      expect(WasmSparseRows.create(store)).toBeNull();
      expect(Array.from(fast[0])).toEqual(Array.from(column()));
      expect(Array.from(fast[1])).toEqual(Array.from(model()));
    } finally {
      setWasmKernels(true);
    }
  });
});

describe('KernelCache', () => {
  it('serves the right values through requests, swaps and evictions (checked against a full matrix)', () => {
    const l = 23;
    const rng = new Random(3);
    const truth = Array.from({ length: l }, (_, i) => Array.from({ length: l }, (_, j) => i * 100 + j));
    const perm = Array.from({ length: l }, (_, i) => i); // variable position → original index
    for (const bytes of [0, 4 * l * 3, 4 * l * l * 2]) {
      const cache = new KernelCache(l, bytes);
      for (let step = 0; step < 3000; step++) {
        if (rng.uniform() < 0.3) {
          const a = rng.int(l);
          const b = rng.int(l);
          cache.swapIndex(a, b);
          [perm[a], perm[b]] = [perm[b] as number, perm[a] as number];
          continue;
        }
        const i = rng.int(l);
        const len = 1 + rng.int(l);
        const start = cache.request(i, len);
        const row = cache.row(i);
        for (let t = start; t < len; t++) row[t] = truth[perm[i] as number]![perm[t] as number]!;
        for (let t = 0; t < len; t++) {
          if (row[t] !== truth[perm[i] as number]![perm[t] as number])
            throw new Error(`step ${step}: row ${i}[${t}] is stale`);
        }
      }
    }
  });

  it('never holds more memory than its bound, whatever the row lengths', () => {
    const l = 2000;
    const cache = new KernelCache(l, 4 * 50000); // room for 25 full rows
    const rng = new Random(8);
    for (let step = 0; step < 5000; step++) {
      if (rng.uniform() < 0.1) cache.swapIndex(rng.int(l), rng.int(l));
      else cache.request(rng.int(l), 1 + rng.int(l));
      if (cache.used > cache.budget) throw new Error(`step ${step}: ${cache.used} floats held > ${cache.budget}`);
    }
    expect(cache.budget).toBe(50000);
    expect(cache.used).toBeGreaterThan(40000);
  });

  it('keeps two full rows even under the smallest budget and evicts the least recently used first', () => {
    const cache = new KernelCache(4, 0);
    expect(cache.request(0, 4)).toBe(0);
    expect(cache.request(1, 4)).toBe(0);
    expect(cache.request(0, 4)).toBe(4); // still cached
    expect(cache.request(2, 4)).toBe(0); // evicts row 1, the least recently used
    expect(cache.request(0, 4)).toBe(4);
    expect(cache.request(1, 4)).toBe(0);
  });
});

describe('Platt scaling and pairwise coupling', () => {
  it('pairwise coupling recovers p exactly from consistent pairwise probabilities r_ij = p_i / (p_i + p_j)', () => {
    // Wu, Lin & Weng (2004): for consistent r the coupled solution is p itself
    const p = [0.5, 0.2, 0.2, 0.1];
    const k = p.length;
    const r = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (i !== j) r[i * k + j] = p[i]! / (p[i]! + p[j]!);
    const out = new Float64Array(k);
    pairwiseCoupling(k, r, out);
    expectAllClose(out, p, 1e-3);
    expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('the fitted sigmoid zeroes the gradient of the regularised log-likelihood', () => {
    const rng = new Random(9);
    const dec = Float64Array.from({ length: 200 }, () => rng.normal() * 2);
    const positive = Uint8Array.from(dec, (f) => (f + rng.normal() > 0 ? 1 : 0));
    const [A, B] = sigmoidTrain(dec, positive);
    const n1 = positive.reduce((s, v) => s + v, 0);
    const hi = (n1 + 1) / (n1 + 2);
    const lo = 1 / (200 - n1 + 2);
    let gA = 0;
    let gB = 0;
    dec.forEach((f, i) => {
      const t = positive[i] === 1 ? hi : lo;
      const p = sigmoidPredict(f, A, B);
      gA += f * (t - p);
      gB += t - p;
    });
    expect(Math.abs(gA)).toBeLessThan(1e-5);
    expect(Math.abs(gB)).toBeLessThan(1e-5);
    expect(A).toBeLessThan(0); // larger decision values, larger probability
    expect(sigmoidPredict(800, -2, 0)).toBe(1);
    expect(sigmoidPredict(-800, -2, 0)).toBe(0);
  });
});
