import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '../../../src/tensor/CsrMatrix.js';
import { DenseMatrix } from '../../../src/estimators/base/DenseMatrix.js';
import { crammerSinger } from '../../../src/estimators/svm/linear/crammerSinger.js';
import { linearRows, type LinearRows } from '../../../src/estimators/svm/linear/LinearRows.js';
import { Random } from '../../../src/util/random.js';
import { setWasmKernels } from '../../../src/estimators/svm/kernel/wasm/WasmKernelRows.js';
import { expectAllClose } from './helpers.js';

/** A sparse k-class problem: labels by the largest of k random linear scores plus noise (seeded). */
function sparseProblem(n: number, d: number, k: number, nnz: number, seed: number): { X: CsrMatrix; y: Int32Array } {
  const rng = new Random(seed);
  const W = Float64Array.from({ length: d * k }, () => rng.normal());
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cols = new Set<number>();
    while (cols.size < nnz) cols.add(rng.int(d));
    const sorted = [...cols].sort((a, b) => a - b);
    const score = new Float64Array(k);
    for (const j of sorted) {
      const v = rng.uniform();
      indices.push(j);
      values.push(v);
      for (let m = 0; m < k; m++) score[m] = (score[m] as number) + v * (W[j * k + m] as number);
    }
    let best = 0;
    for (let m = 0; m < k; m++) if ((score[m] as number) + 0.5 * rng.normal() > (score[best] as number)) best = m;
    y[i] = best;
    indptr[i + 1] = indices.length;
  }
  return { X: new CsrMatrix(n, d, indptr, Int32Array.from(indices), Float64Array.from(values)), y };
}

/** Crammer–Singer primal: ½ Σ_m ‖w_m‖² + Σ_i C_i max_m ([m ≠ y_i] + w_m·x_i − w_{y_i}·x_i) (JMLR 2001, eq. 9). */
function primal(rows: LinearRows, w: Float64Array, y: Int32Array, k: number, C: Float64Array): number {
  let obj = 0;
  for (let t = 0; t < w.length; t++) obj += 0.5 * (w[t] as number) ** 2;
  const f = new Float64Array(k);
  for (let i = 0; i < rows.n; i++) {
    rows.dotMulti(i, w, k, f);
    const yi = y[i] as number;
    let xi = 0;
    for (let m = 0; m < k; m++) if (m !== yi) xi = Math.max(xi, 1 + (f[m] as number) - (f[yi] as number));
    obj += (C[i] as number) * xi;
  }
  return obj;
}

describe('Crammer–Singer shrinking', () => {
  const { X, y } = sparseProblem(800, 300, 6, 12, 21);
  const k = 6;
  const C = new Float64Array(X.rows).fill(0.5);
  for (const [form, rows] of [
    ['sparse', linearRows(X, 1)],
    ['dense', linearRows(DenseMatrix.fromRows(Array.from({ length: X.rows }, (_, i) => rowOf(X, i))), 1)],
  ] as const) {
    it(`${form} rows: the shrunk solver reaches the unshrunk solution with less work`, () => {
      const settings = { eps: 1e-6, maxIter: 100000 };
      const plain = crammerSinger(rows, y, k, C, settings, new Random(4), { shrinking: false });
      const shrunk = crammerSinger(rows, y, k, C, settings, new Random(4));
      expect(plain.converged).toBe(true);
      expect(shrunk.converged).toBe(true);
      // the primal is strictly convex in w: both stop within eps of the optimum, so their w agree closely
      const scale = Math.max(...Array.from(plain.w, Math.abs));
      expectAllClose(shrunk.w, plain.w, 1e-4 * scale);
      const p0 = primal(rows, plain.w, y, k, C);
      const p1 = primal(rows, shrunk.w, y, k, C);
      expect(Math.abs(p1 - p0)).toBeLessThan(1e-6 * p0);
      // shrinking computes far fewer gradient entries (one sparse dot product each) than the plain passes
      expect(shrunk.gradients).toBeLessThan(0.7 * plain.gradients);
    });
  }

  it('the WebAssembly pass over CSR rows gives the same bits as the TypeScript loop', () => {
    const rows = linearRows(X, 1);
    const settings = { eps: 1e-3, maxIter: 100000 };
    for (const shrinking of [true, false]) {
      const fast = crammerSinger(rows, y, k, C, settings, new Random(6), { shrinking });
      setWasmKernels(false);
      let slow;
      try {
        slow = crammerSinger(rows, y, k, C, settings, new Random(6), { shrinking });
      } finally {
        setWasmKernels(true);
      }
      expect(fast.iterations).toBe(slow.iterations);
      expect(fast.gradients).toBe(slow.gradients);
      expect(Array.from(fast.w)).toEqual(Array.from(slow.w));
      expect(Array.from(fast.alpha)).toEqual(Array.from(slow.alpha));
    }
  });

  it('a loose tolerance still stops only when every variable of every sample meets it', () => {
    // LIBLINEAR's default eps for this solver: the shrunk passes stop at larger thresholds, the last pass covers all
    const rows = linearRows(X, 1);
    const eps = 0.1;
    const r = crammerSinger(rows, y, k, C, { eps, maxIter: 100000 }, new Random(9));
    expect(r.converged).toBe(true);
    // w = Σ_i α_i x_i, and the KKT violation of every block, from scratch: max_m G_m − min_{m: α_m < C_m} G_m ≤ eps
    const w = new Float64Array(r.w.length);
    const G = new Float64Array(k);
    let worst = 0;
    for (let i = 0; i < X.rows; i++) {
      rows.addMulti(i, r.alpha.subarray(i * k, (i + 1) * k), k, w);
      rows.dotMulti(i, r.w, k, G);
      let maxG = -Infinity;
      let minG = Infinity;
      let sum = 0;
      for (let m = 0; m < k; m++) {
        const g = (G[m] as number) + (m === y[i] ? 0 : 1);
        const a = r.alpha[i * k + m] as number;
        const bound = m === y[i] ? (C[i] as number) : 0;
        expect(a).toBeLessThanOrEqual(bound);
        sum += a;
        maxG = Math.max(maxG, g);
        if (a < bound) minG = Math.min(minG, g);
      }
      expect(Math.abs(sum)).toBeLessThan(1e-12);
      worst = Math.max(worst, maxG - minG);
    }
    expectAllClose(w, r.w, 1e-10);
    expect(worst).toBeLessThan(eps);
  });
});

function rowOf(X: CsrMatrix, i: number): number[] {
  const row = new Array<number>(X.cols).fill(0);
  for (let q = X.indptr[i] as number; q < (X.indptr[i + 1] as number); q++)
    row[X.indices[q] as number] = X.values[q] as number;
  return row;
}
