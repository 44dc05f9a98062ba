/*
 * Kernel rows in WebAssembly SIMD for the SMO solver: dense dot products and the RBF column of Q. V8 compiles a
 * JavaScript dot product to about one nanosecond per element (every typed-array access is bounds-checked); the
 * f64x2 loops of assembly/svmKernels.ts run several times faster. They are part of the backend's kernel module
 * (built by scripts/build-wasm.mjs), instantiated here on a memory of the solver's own, where the rows stay between
 * calls and JavaScript reads and writes them through Float64Array views. When WebAssembly SIMD is unavailable the
 * callers fall back to their TypeScript loops.
 */

import { createPrivateInstance } from '../../../../backend/wasm/privateInstance.js';

let enabled = true;

/**
 * Turns the SVM solvers' WebAssembly kernels on or off (default on); off, they use their TypeScript loops. For tests
 * and for comparing the two paths: sparse kernel rows and Crammer–Singer give the same bits either way; dense rows
 * agree up to the float32 rounding of an occasional kernel value (the RBF exp differs from Math.exp in the last bits).
 */
export function setWasmKernels(on: boolean): void {
  enabled = on;
}

/** Whether the WebAssembly kernels are switched on (`setWasmKernels`); they may still be unavailable. */
export function wasmKernelsOn(): boolean {
  return enabled;
}

type DotsFn = (x: number, rows: number, d: number, count: number, out: number) => void;
type RbfFn = (
  x: number,
  rows: number,
  d: number,
  count: number,
  sq: number,
  sqi: number,
  gamma: number,
  sign: number,
  yi: number,
  dst: number,
) => void;

/** The rows of a dense kernel block and its work buffers, in one WebAssembly memory, with the SIMD routines. */
export class WasmKernelRows {
  /** The dense rows (rows × d). */
  readonly data: Float64Array;
  /** ‖row t‖² (rows + 1, padded). */
  readonly sq: Float64Array;
  /** ±1 sign of each row (rows + 1, padded). */
  readonly sign: Float64Array;
  /** Dot products of the last `rowDots` (rows + 1, padded). */
  readonly out: Float64Array;
  /** Float32 kernel values of the last `rbfQ` (rows + 2, padded). */
  readonly dst: Float32Array;
  private readonly dotsFn: DotsFn;
  private readonly rbfFn: RbfFn;
  private readonly d: number;

  private constructor(memory: WebAssembly.Memory, base: number, exports: WebAssembly.Exports, rows: number, d: number) {
    this.dotsFn = exports.svmDots as DotsFn;
    this.rbfFn = exports.svmRbfQ as RbfFn;
    this.d = d;
    let offset = base;
    const f64 = (count: number): Float64Array => {
      const a = new Float64Array(memory.buffer, offset, count);
      offset += count * 8;
      return a;
    };
    this.data = f64(rows * d);
    this.sq = f64(rows + 1);
    this.sign = f64(rows + 1);
    this.out = f64(rows + 1);
    this.dst = new Float32Array(memory.buffer, offset, rows + 2);
  }

  /**
   * Memory for `rows` × `d` values and the work buffers, or null when WebAssembly SIMD is unavailable or the memory
   * cannot be had (the caller then keeps its TypeScript loops).
   */
  static create(rows: number, d: number): WasmKernelRows | null {
    const bytes = (rows * d + 4 * (rows + 2)) * 8;
    if (!enabled || bytes > 2 ** 31) return null;
    const inst = createPrivateInstance(bytes);
    if (inst === null || typeof inst.exports.svmDots !== 'function' || typeof inst.exports.svmRbfQ !== 'function') {
      return null;
    }
    return new WasmKernelRows(inst.memory, inst.base, inst.exports, rows, d);
  }

  /** out[t] = data row i · data row t, for t in [start, end). */
  rowDots(i: number, start: number, end: number): void {
    const d = this.d;
    const at = this.data.byteOffset;
    this.dotsFn(at + i * d * 8, at + start * d * 8, d, end - start, this.out.byteOffset + start * 8);
  }

  /**
   * dst[t] = float32(yi · sign[t] · exp(−gamma ‖row i − row t‖²)) for t in [start, end), dot products and kernel in
   * one pass. Computes one entry past `end` (the buffers are padded for it).
   */
  rbfQ(i: number, start: number, end: number, gamma: number, yi: number): void {
    const d = this.d;
    const at = this.data.byteOffset;
    this.rbfFn(
      at + i * d * 8,
      at + start * d * 8,
      d,
      end - start,
      this.sq.byteOffset + start * 8,
      this.sq[i] as number,
      gamma,
      this.sign.byteOffset + start * 8,
      yi,
      this.dst.byteOffset + start * 4,
    );
  }

  /** Exchanges rows i and j (data, norms, signs). */
  swap(i: number, j: number): void {
    const { data, d, sq, sign } = this;
    const a = i * d;
    const b = j * d;
    for (let k = 0; k < d; k++) {
      const t = data[a + k] as number;
      data[a + k] = data[b + k] as number;
      data[b + k] = t;
    }
    let t = sq[i] as number;
    sq[i] = sq[j] as number;
    sq[j] = t;
    t = sign[i] as number;
    sign[i] = sign[j] as number;
    sign[j] = t;
  }
}
