import { createPrivateInstance } from '../../../../backend/wasm/privateInstance.js';
import type { SparseStore } from '../SampleStore.js';
import { wasmKernelsOn } from './WasmKernelRows.js';

type SparseDotsFn = (
  indptr: number,
  indices: number,
  values: number,
  buf: number,
  i: number,
  idx: number,
  start: number,
  end: number,
  out: number,
) => void;

/**
 * A copy of a sparse (CSR) sample store in WebAssembly memory with the sparse dot products of kernel rows
 * (`svmSparseDots` of assembly/svmKernels.ts): the same sums in the same order as the TypeScript loop, so the same
 * values, without JavaScript's bounds checks on the indirect loads.
 */
export class WasmSparseRows {
  /** Dot products of the last `dots` call, indexed by position (n entries). */
  readonly out: Float64Array;
  private readonly idx: Int32Array;
  private readonly fn: SparseDotsFn;
  private readonly addr: { indptr: number; indices: number; values: number; buf: number };

  private constructor(memory: WebAssembly.Memory, base: number, fn: SparseDotsFn, s: SparseStore, nnz: number) {
    this.fn = fn;
    const { n, d } = s;
    let at = base;
    const take = (bytes: number): number => {
      const a = at;
      at += Math.ceil(bytes / 8) * 8;
      return a;
    };
    const indptr = take((n + 1) * 4);
    const indices = take(nnz * 4);
    const values = take(nnz * 8);
    const buf = take(d * 8);
    const idx = take(n * 4);
    const out = take(n * 8);
    const buffer = memory.buffer;
    new Int32Array(buffer, indptr, n + 1).set(s.indptr.subarray(0, n + 1));
    new Int32Array(buffer, indices, nnz).set(s.indices.subarray(0, nnz));
    new Float64Array(buffer, values, nnz).set(s.values.subarray(0, nnz));
    this.idx = new Int32Array(buffer, idx, n);
    this.out = new Float64Array(buffer, out, n);
    this.addr = { indptr, indices, values, buf };
  }

  /** The bytes a store of n rows, d columns and nnz entries needs. */
  private static bytes(n: number, d: number, nnz: number): number {
    return (n + 1) * 4 + nnz * 12 + d * 8 + n * 12 + 64;
  }

  /** A copy of `s` in WebAssembly memory, or null when WebAssembly SIMD or the memory is unavailable. */
  static create(s: SparseStore): WasmSparseRows | null {
    if (!wasmKernelsOn()) return null;
    const nnz = s.indptr[s.n] as number;
    const bytes = WasmSparseRows.bytes(s.n, s.d, nnz);
    if (bytes > 2 ** 31) return null;
    const inst = createPrivateInstance(bytes);
    const fn = inst?.exports.svmSparseDots;
    if (inst === null || typeof fn !== 'function') return null;
    return new WasmSparseRows(inst.memory, inst.base, fn as SparseDotsFn, s, nnz);
  }

  /** out[t] = row i · row idx[t] for t in [start, end). */
  dots(i: number, idx: Int32Array, start: number, end: number): void {
    this.idx.set(idx.subarray(start, end), start);
    const { indptr, indices, values, buf } = this.addr;
    this.fn(indptr, indices, values, buf, i, this.idx.byteOffset, start, end, this.out.byteOffset);
  }
}
