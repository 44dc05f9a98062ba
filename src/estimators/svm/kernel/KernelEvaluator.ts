import { type SvmKernelParams, powi } from './kernelTypes.js';
import type { SampleStore } from './SampleStore.js';
import { WasmKernelRows } from './wasm/WasmKernelRows.js';
import { WasmSparseRows } from './wasm/WasmSparseRows.js';

/** Dot product of `a[ao .. ao+d)` and `b[bo .. bo+d)`, four accumulators (the loop the dense kernels spend their time in). */
export function denseDot(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < d; k += 4) {
    s0 += (a[ao + k] as number) * (b[bo + k] as number);
    s1 += (a[ao + k + 1] as number) * (b[bo + k + 1] as number);
    s2 += (a[ao + k + 2] as number) * (b[bo + k + 2] as number);
    s3 += (a[ao + k + 3] as number) * (b[bo + k + 3] as number);
  }
  for (; k < d; k++) s0 += (a[ao + k] as number) * (b[bo + k] as number);
  return s0 + s1 + (s2 + s3);
}

/**
 * Turns the dot products in `out[start..end)` into kernel values in place. `sqOf(t)` is ‖v_t‖² (rbf only).
 * The switch sits outside the loops so each loop stays monomorphic.
 */
function applyKernel(
  kp: SvmKernelParams,
  out: Float64Array,
  start: number,
  end: number,
  sqU: number,
  sq: Float64Array | null,
  idx: Int32Array | null,
): void {
  const { gamma, coef0, degree } = kp;
  switch (kp.kernel) {
    case 'linear':
      return;
    case 'rbf':
      for (let t = start; t < end; t++) {
        const j = idx === null ? t : (idx[t] as number);
        out[t] = Math.exp(-gamma * (sqU + ((sq as Float64Array)[j] as number) - 2 * (out[t] as number)));
      }
      return;
    case 'poly':
      for (let t = start; t < end; t++) out[t] = powi(gamma * (out[t] as number) + coef0, degree);
      return;
    case 'sigmoid':
      for (let t = start; t < end; t++) out[t] = Math.tanh(gamma * (out[t] as number) + coef0);
      return;
    default:
      return;
  }
}

/**
 * Evaluates kernel values between rows of one sample store: whole kernel rows for the SMO solver, and a new
 * point against every stored row for prediction.
 */
export class KernelEvaluator {
  readonly store: SampleStore;
  readonly params: SvmKernelParams;
  /** Dense scratch of one row (sparse stores scatter a row into it, then clear it). */
  private readonly scratch: Float64Array;

  /** SIMD dot products over the store's data, when it lives in WebAssembly memory (compact copies). */
  private readonly wasm: WasmKernelRows | null;

  /** The sparse store's copy in WebAssembly memory, made at the first kernel row (undefined: not tried yet). */
  private sparseWasm: WasmSparseRows | null | undefined;

  constructor(store: SampleStore, params: SvmKernelParams, wasm: WasmKernelRows | null = null) {
    this.store = store;
    this.params = params;
    this.wasm = wasm;
    this.scratch = new Float64Array(store.kind === 'precomputed' ? 0 : store.d);
  }

  /**
   * A kernel over a compact dense copy of `rows` of this (dense) store, row t of the copy being `rows[t]`: the SMO
   * solver reads kernel rows in position order, so with the copy kept in that order (see `swapRows`) the dot
   * products stream through memory instead of jumping between rows. The copy lives in WebAssembly memory when
   * SIMD is available. It carries the signs y_t of its rows (all +1 when `signs` is null); `rowQ` on the copy
   * must be given the same signs.
   */
  compactCopy(rows: Int32Array, signs: Int8Array | null = null): KernelEvaluator {
    const s = this.store;
    if (s.kind !== 'dense') throw new Error('KernelEvaluator.compactCopy: dense stores only');
    const { d } = s;
    const l = rows.length;
    const wasm = WasmKernelRows.create(l, d);
    const data = wasm === null ? new Float64Array(l * d) : wasm.data;
    const sq = wasm === null ? new Float64Array(l) : wasm.sq;
    for (let t = 0; t < l; t++) {
      const r = rows[t] as number;
      data.set(s.data.subarray(r * d, (r + 1) * d), t * d);
      sq[t] = s.sq[r] as number;
      if (wasm !== null) wasm.sign[t] = signs === null ? 1 : (signs[t] as number);
    }
    return new KernelEvaluator({ kind: 'dense', n: l, d, data, sq }, this.params, wasm);
  }

  /** Exchanges stored rows i and j (dense stores; used on compact copies, whose signs follow). */
  swapRows(i: number, j: number): void {
    const s = this.store;
    if (s.kind !== 'dense' || i === j) return;
    if (this.wasm !== null) {
      this.wasm.swap(i, j);
      return;
    }
    const { data, d, sq } = s;
    const a = i * d;
    const b = j * d;
    for (let k = 0; k < d; k++) {
      const t = data[a + k] as number;
      data[a + k] = data[b + k] as number;
      data[b + k] = t;
    }
    const t = sq[i] as number;
    sq[i] = sq[j] as number;
    sq[j] = t;
  }

  /** K(row i, row i). */
  diagonal(i: number): number {
    const s = this.store;
    if (s.kind === 'precomputed') return s.data[i * s.m + i] as number;
    const sq = s.sq[i] as number;
    switch (this.params.kernel) {
      case 'rbf':
        return 1;
      case 'linear':
        return sq;
      case 'poly':
        return powi(this.params.gamma * sq + this.params.coef0, this.params.degree);
      default:
        return Math.tanh(this.params.gamma * sq + this.params.coef0);
    }
  }

  /** `out[t] = row i · row idx[t]` for t in [start, end) (idx null: row t). Not for precomputed stores. */
  private dots(i: number, idx: Int32Array | null, start: number, end: number, out: Float64Array): void {
    const s = this.store;
    if (s.kind === 'dense') {
      const { data, d } = s;
      const io = i * d;
      if (idx === null) for (let t = start; t < end; t++) out[t] = denseDot(data, io, data, t * d, d);
      else for (let t = start; t < end; t++) out[t] = denseDot(data, io, data, (idx[t] as number) * d, d);
    } else if (idx === null) {
      throw new Error('KernelEvaluator: sparse stores need explicit row indices');
    } else if (s.kind === 'sparse') {
      const { indptr, indices, values } = s;
      const buf = this.scratch;
      const a = indptr[i] as number;
      const b = indptr[i + 1] as number;
      for (let k = a; k < b; k++) buf[indices[k] as number] = values[k] as number;
      for (let t = start; t < end; t++) {
        const j = idx[t] as number;
        let sum = 0;
        const e = indptr[j + 1] as number;
        for (let k = indptr[j] as number; k < e; k++)
          sum += (values[k] as number) * (buf[indices[k] as number] as number);
        out[t] = sum;
      }
      for (let k = a; k < b; k++) buf[indices[k] as number] = 0;
    }
  }

  /**
   * `out[t] = K(row i, row idx[t])` for t in [start, end).
   * @param i a stored row
   * @param idx stored row of every position
   */
  row(i: number, idx: Int32Array, start: number, end: number, out: Float64Array): void {
    const s = this.store;
    if (s.kind === 'precomputed') {
      const base = i * s.m;
      for (let t = start; t < end; t++) out[t] = s.data[base + (idx[t] as number)] as number;
      return;
    }
    this.dots(i, idx, start, end, out);
    applyKernel(this.params, out, start, end, s.sq[i] as number, s.sq, idx);
  }

  /**
   * A column of Q in float32: `dst[t] = yi · y[t] · K(row i, row idx[t])` for t in [start, end) (`y` null: no
   * signs). The kernel and the signs are applied in one pass over the dot products.
   */
  rowQ(
    i: number,
    idx: Int32Array | null,
    start: number,
    end: number,
    dst: Float32Array,
    y: Int8Array | null,
    yi: number,
  ): void {
    const s = this.store;
    let k = this.rowScratch(end);
    const signs = y ?? this.ones(end);
    if (s.kind === 'precomputed') {
      const base = i * s.m;
      for (let t = start; t < end; t++) {
        dst[t] = yi * (signs[t] as number) * (s.data[base + (idx === null ? t : (idx[t] as number))] as number);
      }
      return;
    }
    if (this.wasm !== null && idx === null) {
      if (this.params.kernel === 'rbf') {
        // the whole column in WebAssembly: dots, exp, signs, float32
        this.wasm.rbfQ(i, start, end, this.params.gamma, yi);
        dst.set(this.wasm.dst.subarray(start, end), start);
        return;
      }
      this.wasm.rowDots(i, start, end);
      k = this.wasm.out;
    } else {
      const sw = idx === null ? null : this.sparseRows();
      if (sw !== null && idx !== null) {
        sw.dots(i, idx, start, end);
        k = sw.out;
      } else this.dots(i, idx, start, end, k);
    }
    // kernel, sign and float32 rounding in one pass over the dot products
    const { gamma, coef0, degree } = this.params;
    switch (this.params.kernel) {
      case 'rbf': {
        const sq = s.sq;
        const sqi = s.sq[i] as number;
        for (let t = start; t < end; t++) {
          const j = idx === null ? t : (idx[t] as number);
          dst[t] = yi * (signs[t] as number) * Math.exp(-gamma * (sqi + (sq[j] as number) - 2 * (k[t] as number)));
        }
        return;
      }
      case 'linear':
        for (let t = start; t < end; t++) dst[t] = yi * (signs[t] as number) * (k[t] as number);
        return;
      case 'poly':
        for (let t = start; t < end; t++)
          dst[t] = yi * (signs[t] as number) * powi(gamma * (k[t] as number) + coef0, degree);
        return;
      default:
        for (let t = start; t < end; t++)
          dst[t] = yi * (signs[t] as number) * Math.tanh(gamma * (k[t] as number) + coef0);
    }
  }

  /** The WebAssembly copy of a sparse store, made on first use; null when unavailable. */
  private sparseRows(): WasmSparseRows | null {
    if (this.sparseWasm === undefined) {
      this.sparseWasm = this.store.kind === 'sparse' ? WasmSparseRows.create(this.store) : null;
    }
    return this.sparseWasm;
  }

  private onesBuf = new Int8Array(0);

  private ones(n: number): Int8Array {
    if (this.onesBuf.length < n) this.onesBuf = new Int8Array(n).fill(1);
    return this.onesBuf;
  }

  private kbuf = new Float64Array(0);

  private rowScratch(n: number): Float64Array {
    if (this.kbuf.length < n) this.kbuf = new Float64Array(n);
    return this.kbuf;
  }

  /**
   * `out[j] = K(x, row j)` for every stored row j, where x is dense: `x[xo .. xo+d)`. Not for precomputed stores.
   * @param xsq ‖x‖²
   */
  against(x: Float64Array, xo: number, xsq: number, out: Float64Array): void {
    const s = this.store;
    if (s.kind === 'precomputed') throw new Error('KernelEvaluator.against: precomputed kernels have no features');
    const n = s.n;
    if (s.kind === 'dense') {
      const { data, d } = s;
      for (let j = 0; j < n; j++) out[j] = denseDot(x, xo, data, j * d, d);
    } else {
      const { indptr, indices, values } = s;
      for (let j = 0; j < n; j++) {
        let sum = 0;
        const e = indptr[j + 1] as number;
        for (let k = indptr[j] as number; k < e; k++)
          sum += (values[k] as number) * (x[xo + (indices[k] as number)] as number);
        out[j] = sum;
      }
    }
    applyKernel(this.params, out, 0, n, xsq, s.sq, null);
  }
}
