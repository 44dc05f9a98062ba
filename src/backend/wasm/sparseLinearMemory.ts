import { BackendError } from '../../errors/errors.js';
import { envVar } from './environment.js';
import { createPrivateInstance } from './privateInstance.js';

/** The exported loops of assembly/sparseLinear.ts (addresses are byte offsets into the memory). */
export interface SparseLinearKernels {
  sgdSparseEpoch(
    indptr: number,
    indices: number,
    values: number,
    valuesF32: number,
    y: number,
    sw: number,
    order: number,
    nTrain: number,
    w: number,
    d: number,
    state: number,
    lossCode: number,
    epsilon: number,
    weightPos: number,
    weightNeg: number,
    fitIntercept: number,
    decay: number,
    schedule: number,
    alpha: number,
    tOptimal: number,
    l2: number,
    l2Strength: number,
    needLoss: number,
    checkFinite: number,
  ): number;
  sgdDenseRows(
    x: number,
    y: number,
    sw: number,
    order: number,
    count: number,
    w: number,
    d: number,
    state: number,
    lossCode: number,
    epsilon: number,
    weightPos: number,
    weightNeg: number,
    fitIntercept: number,
    decay: number,
    schedule: number,
    alpha: number,
    tOptimal: number,
    l2: number,
    l2Strength: number,
    needLoss: number,
    checkFinite: number,
  ): number;
  dcdSvcPass(
    indptr: number,
    indices: number,
    values: number,
    valuesF32: number,
    y: number,
    S: number,
    index: number,
    activeSize: number,
    w: number,
    d: number,
    bias: number,
    state: number,
  ): number;
}

/** Byte addresses of a CSR copy inside a `SparseLinearMemory`. */
export interface CsrAddresses {
  indptr: number;
  indices: number;
  values: number;
  /** 1 when the values are stored as float32 (every one is exactly a float32), else 0 (float64). */
  valuesF32: number;
}

/**
 * Whether the linear solvers (sparse SGD and dual coordinate descent, dense SGD) use their WebAssembly loops:
 * LSML_SPARSE_WASM=0 never, =1 always (even on problems too small to repay the set-up; for tests), unset when the
 * problem has at least `minNonZeros` stored values.
 * @param nonZeros stored values of the problem
 * @param minNonZeros the solver's break-even size
 */
export function useSparseWasm(nonZeros: number, minNonZeros: number): boolean {
  const mode = envVar('LSML_SPARSE_WASM');
  if (mode === '0') return false;
  return mode === '1' || nonZeros >= minNonZeros;
}

/** Bytes a block of `bytes` takes in the arena (8-byte aligned). */
function padded(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/**
 * A private WebAssembly memory for the sparse linear solvers: sized once for everything a fit needs (a CSR copy
 * of the data, the weights, per-sample state), then carved by a bump allocator. The memory never grows after
 * creation, so the typed-array views it hands out stay valid for its lifetime; the garbage collector frees it with
 * the last reference.
 */
export class SparseLinearMemory {
  private next: number;

  private constructor(
    private readonly memory: WebAssembly.Memory,
    /** The loops. */
    readonly kernels: SparseLinearKernels,
    base: number,
    private readonly end: number,
  ) {
    this.next = base;
  }

  /**
   * A memory with room for blocks of the given byte sizes.
   * @param blocks byte sizes of every block the caller will `alloc` (each is padded to 8 bytes)
   * @returns the memory, or null when WebAssembly SIMD is unavailable, the module lacks the
   *   loops, or the memory cannot be had (above 4 GiB): callers then keep their TypeScript loops
   */
  static create(blocks: readonly number[]): SparseLinearMemory | null {
    const bytes = blocks.reduce((s, b) => s + padded(b), 0);
    const inst = createPrivateInstance(bytes);
    if (inst === null) return null;
    const { sgdSparseEpoch, sgdDenseRows, dcdSvcPass } = inst.exports as Partial<
      Record<keyof SparseLinearKernels, unknown>
    >;
    if (typeof sgdSparseEpoch !== 'function' || typeof sgdDenseRows !== 'function' || typeof dcdSvcPass !== 'function')
      return null;
    return new SparseLinearMemory(
      inst.memory,
      inst.exports as unknown as SparseLinearKernels,
      inst.base,
      inst.base + bytes,
    );
  }

  /**
   * Reserves `bytes` (8-byte aligned) and returns their address.
   * @throws BackendError when the blocks declared at creation are exhausted (a programming error)
   */
  alloc(bytes: number): number {
    const at = this.next;
    if (at + padded(bytes) > this.end) {
      throw new BackendError(
        `SparseLinearMemory.alloc: expected at most ${this.end - at} more bytes (the blocks declared at creation); received a request for ${bytes}.`,
        { backend: 'wasm' },
      );
    }
    this.next = at + padded(bytes);
    return at;
  }

  /** A float64 view of `length` values at `address`. */
  f64(address: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, address, length);
  }

  /** An int32 view of `length` values at `address`. */
  i32(address: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, address, length);
  }

  /** An int8 view of `length` values at `address`. */
  i8(address: number, length: number): Int8Array {
    return new Int8Array(this.memory.buffer, address, length);
  }

  /**
   * Copies a CSR matrix in: values as float32 when every one is exactly a float32 (widening back is exact, and the
   * solvers then read a third fewer bytes per row), else as float64, as `layout` (from `csrLayout`) says. Its
   * blocks must have been declared at creation.
   */
  copyCsr(
    indptr: Int32Array,
    indices: Int32Array,
    values: Float32Array | Float64Array,
    layout: CsrLayout,
  ): CsrAddresses {
    const nnz = indptr[indptr.length - 1] as number;
    const f32 = layout.valuesF32;
    const a = {
      indptr: this.alloc(4 * indptr.length),
      indices: this.alloc(4 * nnz),
      values: this.alloc((f32 ? 4 : 8) * nnz),
      valuesF32: f32 ? 1 : 0,
    };
    this.i32(a.indptr, indptr.length).set(indptr);
    this.i32(a.indices, nnz).set(indices.subarray(0, nnz));
    if (f32) new Float32Array(this.memory.buffer, a.values, nnz).set(values.subarray(0, nnz));
    else this.f64(a.values, nnz).set(values.subarray(0, nnz));
    return a;
  }
}

/** True when the first `nnz` values are all exactly representable as float32 (NaN is not). */
function valuesFitFloat32(values: Float32Array | Float64Array, nnz: number): boolean {
  if (values instanceof Float32Array) return true;
  for (let k = 0; k < nnz; k++) {
    const v = values[k] as number;
    if (Math.fround(v) !== v) return false;
  }
  return true;
}

/** How `copyCsr` stores a CSR matrix: its block sizes and the value type. */
export interface CsrLayout {
  blocks: number[];
  valuesF32: boolean;
}

/** The layout `copyCsr` uses for a CSR matrix (one pass over the values). */
export function csrLayout(indptr: Int32Array, values: Float32Array | Float64Array): CsrLayout {
  const nnz = indptr[indptr.length - 1] as number;
  const valuesF32 = valuesFitFloat32(values, nnz);
  return { blocks: [4 * indptr.length, 4 * nnz, (valuesF32 ? 4 : 8) * nnz], valuesF32 };
}
