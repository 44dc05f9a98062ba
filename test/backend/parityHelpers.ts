import { resolvePads } from '../../src/ops/convGeometry.js';
import type { Conv2DGeometry, KernelMap, Pool2DGeometry } from '../../src/backend/kernels.js';
import { referenceBackend } from '../../src/backend/reference/index.js';
import { wasmBackend, wasmRouting } from '../../src/backend/wasm/index.js';
import { Tensor } from '../../src/tensor/Tensor.js';
import type { Random } from '../../src/util/random.js';

/**
 * Shared pieces of the backend parity suite: fresh random inputs every run (the seed is printed in the
 * suite names; set LSML_TEST_SEED to replay one), both backends' kernels, and the tolerance checks.
 *
 * Tolerances (float32), as stated in docs/backends.md:
 * - element-wise: |wasm − ref| ≤ 1e-5·|ref| (+ 1.2e-38, the float32 normal range, so subnormal results compare
 *   absolutely); NaN must match NaN, ±∞ must match exactly.
 * - GEMM, convolution, pooling averages and sums: |wasm − ref| ≤ rtol·S, where S is the same kernel run on
 *   the absolute values of the inputs (Σ|a||b| for a dot product). That is the classic error bound of a sum;
 *   a plain relative error means nothing where terms cancel. rtol = 1e-4 for K ≤ 4096.
 */
// Every size goes through the wasm kernels here, also those the backend would hand to the reference for speed.
wasmRouting.minElements = 0;

export const SEED = Number(
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.LSML_TEST_SEED ??
    Math.floor(Math.random() * 2 ** 31),
);

export const REF = referenceBackend.kernels as KernelMap;
export const WASM = wasmBackend.kernels as KernelMap;

/** float32 tensor of `shape` with uniform values in [lo, hi). */
export function uniform(rng: Random, shape: readonly number[], lo = -1, hi = 1): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = lo + (hi - lo) * rng.uniform();
  return new Tensor(data, shape);
}

/** int32 tensor of `shape` with values in [0, n). */
export function ints(rng: Random, shape: readonly number[], n: number): Tensor {
  const size = shape.reduce((p, d) => p * d, 1);
  const data = new Int32Array(size);
  for (let i = 0; i < size; i++) data[i] = rng.int(n);
  return new Tensor(data, shape);
}

/** Absolute values (for the error-bound scale S). */
export function abs(t: Tensor): Tensor {
  return REF.Abs(t);
}

/** Smallest normal float32. */
const TINY = 1.1754943508222875e-38;

/**
 * Asserts `got` matches `want` in shape, dtype and values: |got − want| ≤ rtol·(scale ?? |want|) + TINY.
 * Throws with the first offending element, both values and the run's seed.
 */
export function expectParity(got: Tensor, want: Tensor, what: string, rtol = 1e-5, scale?: Tensor): void {
  if (got.dtype !== want.dtype || got.shape.join() !== want.shape.join()) {
    throw new Error(
      `${what}: wasm gave ${got.dtype} [${got.shape}], reference ${want.dtype} [${want.shape}] (seed ${SEED})`,
    );
  }
  for (let i = 0; i < want.size; i++) {
    const w = want.data[i] as number;
    const g = got.data[i] as number;
    if (Number.isNaN(w) || Number.isNaN(g) || !Number.isFinite(w) || !Number.isFinite(g)) {
      if (Object.is(g, w) || (Number.isNaN(w) && Number.isNaN(g)) || g === w) continue;
      throw new Error(`${what}: element ${i}: wasm ${g}, reference ${w} (seed ${SEED})`);
    }
    const s = scale ? Math.abs(scale.data[i] as number) : Math.abs(w);
    const tol = rtol * s + TINY;
    if (!(Math.abs(g - w) <= tol)) {
      throw new Error(
        `${what}: element ${i}: wasm ${g}, reference ${w}, |diff| ${Math.abs(g - w)} > ${tol} (seed ${SEED})`,
      );
    }
  }
}

/** Asserts bit-for-bit equality (layout kernels copy values). */
export function expectIdentical(got: Tensor, want: Tensor, what: string): void {
  if (got.dtype !== want.dtype || got.shape.join() !== want.shape.join()) {
    throw new Error(`${what}: wasm gave ${got.dtype} [${got.shape}], reference ${want.dtype} [${want.shape}]`);
  }
  for (let i = 0; i < want.size; i++) {
    if (!Object.is(got.data[i], want.data[i])) {
      throw new Error(`${what}: element ${i}: wasm ${got.data[i]}, reference ${want.data[i]} (seed ${SEED})`);
    }
  }
}

/** Padding mode of a convolution case. */
export type PadMode = 'valid' | 'same' | [number, number, number, number];

/** Explicit geometry of a convolution over an input of `xShape` with a kh×kw window. */
export function convGeometry(
  xShape: readonly number[],
  window: [number, number],
  strides: [number, number],
  dilations: [number, number],
  padding: PadMode,
): Conv2DGeometry {
  const pads = resolvePads(padding, [xShape[1] as number, xShape[2] as number], window, strides, dilations, 'test');
  return { strides, dilations, pads };
}

/** Explicit geometry of a pooling window. */
export function poolGeometry(
  xShape: readonly number[],
  poolSize: [number, number],
  strides: [number, number],
  padding: PadMode,
): Pool2DGeometry {
  return { ...convGeometry(xShape, poolSize, strides, [1, 1], padding), poolSize };
}
