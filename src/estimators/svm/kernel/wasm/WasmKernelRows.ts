/*
 * Kernel rows in WebAssembly SIMD for the SMO solver: dense dot products and the RBF column. V8 compiles a JavaScript dot
 * product to about one nanosecond per element (every typed-array access is bounds-checked); this loop of f64x2
 * multiply-adds runs several times faster. The module is assembled here from its instructions (no build step,
 * no binary blob) and imports its memory, so JavaScript reads and writes the same Float64Array views.
 * When WebAssembly SIMD is unavailable the callers fall back to their JavaScript loops.
 */

import { I32, name, section, vec } from './encoding.js';
import { dotsBody } from './dotsFunction.js';
import { rbfBody } from './rbfFunction.js';

/** The module's bytes: imports env.memory, exports `dots` and `rbfQ`. */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const F64T = 0x7c;
  const type = section(
    1,
    vec([
      [0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0],
      [0x60, ...vec([[I32], [I32], [I32], [F64T], [F64T], [I32], [F64T], [I32]]), 0],
    ]),
  );
  const imports = section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]]));
  const funcs = section(3, vec([[0], [1]]));
  const exports = section(
    7,
    vec([
      [...name('dots'), 0x00, 0],
      [...name('rbfQ'), 0x00, 1],
    ]),
  );
  const code = section(10, vec([dotsBody(), rbfBody()]));
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...type,
    ...imports,
    ...funcs,
    ...exports,
    ...code,
  ]);
}

let compiled: WebAssembly.Module | null | undefined;
let enabled = true;

/**
 * Turns the WebAssembly kernels on or off (default on); off, the solvers use their TypeScript loops. For tests and
 * for comparing the two paths; results agree up to the float32 rounding of an occasional kernel value.
 */
export function setWasmKernels(on: boolean): void {
  enabled = on;
}

function compiledModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bytes = moduleBytes();
      compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

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
  private readonly dotsFn: (x: number, rows: number, d: number, count: number, out: number) => void;
  private readonly rbfFn: (
    out: number,
    sq: number,
    count: number,
    sqi: number,
    gamma: number,
    sign: number,
    yi: number,
    dst: number,
  ) => void;
  private readonly d: number;

  private constructor(memory: WebAssembly.Memory, rows: number, d: number, module: WebAssembly.Module) {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.dotsFn = instance.exports.dots as WasmKernelRows['dotsFn'];
    this.rbfFn = instance.exports.rbfQ as WasmKernelRows['rbfFn'];
    this.d = d;
    let offset = 0;
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
   * cannot be had (the caller then keeps its JavaScript loops).
   */
  static create(rows: number, d: number): WasmKernelRows | null {
    const module = enabled ? compiledModule() : null;
    const bytes = (rows * d + 4 * (rows + 2)) * 8;
    if (module === null || bytes > 2 ** 31) return null;
    try {
      const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) + 1 });
      return new WasmKernelRows(memory, rows, d, module);
    } catch {
      return null;
    }
  }

  /** out[t] = data row i · data row t, for t in [start, end). */
  rowDots(i: number, start: number, end: number): void {
    const d = this.d;
    this.dotsFn(i * d * 8, start * d * 8, d, end - start, this.out.byteOffset + start * 8);
  }

  /**
   * dst[t] = float32(yi · sign[t] · exp(−gamma ‖row i − row t‖²)) for t in [start, end), via the dot products.
   * Computes one entry past `end` (the buffers are padded for it).
   */
  rbfQ(i: number, start: number, end: number, gamma: number, yi: number): void {
    this.rowDots(i, start, end);
    this.rbfFn(
      this.out.byteOffset + start * 8,
      this.sq.byteOffset + start * 8,
      end - start,
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
