import { afterEach, describe, expect, it } from 'vitest';
import { LinearSVC } from '../../../src/estimators/svm/index.js';
import { CsrMatrix } from '../../../src/index.js';
import { Random } from '../../../src/util/random.js';
import { SparseLinearMemory, useSparseWasm } from '../../../src/backend/wasm/sparseLinearMemory.js';

/**
 * LinearSVC's dual coordinate descent runs its passes over sparse rows in WebAssembly (assembly/sparseLinear.ts)
 * once the data has 20,000 stored values; the loop repeats the TypeScript one operation for operation (values are
 * stored as float32 only when each is exactly one), so the models must be the same bits. Each case trains with
 * LSML_SPARSE_WASM=0 (TypeScript) and unset (WebAssembly) and compares exactly.
 */

function sparseProblem(
  seed: number,
  n: number,
  d: number,
  nnz: number,
  integerValues: boolean,
): { X: CsrMatrix; y: number[] } {
  const rng = new Random(seed);
  const hidden = Float64Array.from({ length: d }, () => rng.normal());
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const cols = new Set<number>();
    const len = 1 + rng.int(2 * nnz);
    while (cols.size < len) cols.add(rng.int(d));
    let s = 0;
    for (const c of [...cols].sort((a, b) => a - b)) {
      const v = integerValues ? 1 + rng.int(3) : rng.normal();
      indices.push(c);
      values.push(v);
      s += v * (hidden[c] as number);
    }
    indptr[i + 1] = indices.length;
    y.push(s + 0.5 * rng.normal() > 0 ? 1 : 2);
  }
  return { X: new CsrMatrix(n, d, indptr, Int32Array.from(indices), Float64Array.from(values)), y };
}

function withEngine<T>(wasm: boolean, run: () => T): T {
  if (wasm) delete process.env.LSML_SPARSE_WASM;
  else process.env.LSML_SPARSE_WASM = '0';
  try {
    return run();
  } finally {
    delete process.env.LSML_SPARSE_WASM;
  }
}

function mismatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = Math.abs(a.length - b.length);
  for (let j = 0; j < Math.min(a.length, b.length); j++) if (!Object.is(a[j], b[j])) m++;
  return m;
}

/** The setting the run started with (LSML_SPARSE_WASM=1 forces the WebAssembly loops on small problems too). */
const original = process.env.LSML_SPARSE_WASM;
afterEach(() => {
  if (original === undefined) delete process.env.LSML_SPARSE_WASM;
  else process.env.LSML_SPARSE_WASM = original;
});

describe('LinearSVC dual coordinate descent in WebAssembly', () => {
  const exact = sparseProblem(11, 1500, 300, 15, true);
  const inexact = sparseProblem(12, 1500, 300, 15, false);
  it('these problems take the WebAssembly path when LSML_SPARSE_WASM is unset (so the comparisons are not TS vs TS)', () => {
    withEngine(true, () => {
      expect(useSparseWasm(exact.X.nnz, 20000)).toBe(true);
      expect(SparseLinearMemory.create([1024])).not.toBeNull();
    });
    withEngine(false, () => expect(useSparseWasm(exact.X.nnz, 20000)).toBe(false));
  });

  for (const loss of ['hinge', 'squared_hinge'] as const) {
    for (const [name, data] of [
      ['integer (float32) values', exact],
      ['float64 values', inexact],
    ] as const) {
      it(`${loss}, ${name}: the same bits as the TypeScript loop`, () => {
        expect(data.X.nnz).toBeGreaterThan(20000);
        const fit = (): LinearSVC => new LinearSVC({ C: 0.5, loss, tol: 1e-3, seed: 4 }).fit(data.X, data.y);
        const ts = withEngine(false, fit);
        const wasm = withEngine(true, fit);
        expect(mismatches(wasm.coef.data, ts.coef.data)).toBe(0);
        expect(mismatches(wasm.intercept, ts.intercept)).toBe(0);
        expect(wasm.nIter).toBe(ts.nIter);
      });
    }
  }

  it('one-vs-rest over three classes and class weights: the same bits', () => {
    const labels = exact.y.map((v, i) => (i % 5 === 0 ? 3 : v));
    const fit = (): LinearSVC =>
      new LinearSVC({ C: 1, tol: 1e-2, seed: 2, classWeight: 'balanced' }).fit(exact.X, labels);
    const ts = withEngine(false, fit);
    const wasm = withEngine(true, fit);
    expect(mismatches(wasm.coef.data, ts.coef.data)).toBe(0);
    expect(mismatches(wasm.intercept, ts.intercept)).toBe(0);
  });
});
