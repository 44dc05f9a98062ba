import { DTypeError, ShapeError, ValueError } from '../errors/errors.js';
import { type DType, type TypedArray, allocate, checkDType, dtypeOf, isFloat } from '../tensor/dtype.js';
import { checkShape, sizeOf } from '../tensor/shape.js';
import { type NestedArray, Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { randomFor } from '../util/random.js';

/** Options shared by the creation functions. */
export interface CreationOptions {
  /** Element type; default float32 (or the typed array's own type for `tensor`). */
  dtype?: DType;
  /** Record operations on this tensor so `backward()` fills its `grad`. Float dtypes only. */
  requiresGrad?: boolean;
}

function make(data: TypedArray, shape: readonly number[], requiresGrad: boolean | undefined, op: string): Tensor {
  if (requiresGrad && !isFloat(dtypeOf(data))) {
    throw new DTypeError(`${op}: only float tensors can require grad; received dtype ${dtypeOf(data)}.`, { op });
  }
  return new Tensor(data, shape, requiresGrad ?? false);
}

function resolveDType(options: CreationOptions | DType | undefined, fallback: DType, op: string): DType {
  const dtype = typeof options === 'string' ? options : (options?.dtype ?? fallback);
  checkDType(dtype, op);
  return dtype;
}

/** Shape of a nested array; throws on ragged nesting or non-numbers. */
function inferShape(values: NestedArray, path: number[] = []): number[] {
  if (typeof values === 'number') return [];
  if (!Array.isArray(values)) {
    throw new DTypeError(
      `tensor: expected numbers or nested arrays of numbers; found ${typeof values} at [${path.join(', ')}].`,
    );
  }
  if (values.length === 0) return [0];
  const inner = inferShape(values[0] as NestedArray, [...path, 0]);
  values.forEach((v, i) => {
    const s = inferShape(v, [...path, i]);
    if (s.length !== inner.length || s.some((d, k) => d !== inner[k])) {
      throw new ShapeError(
        `tensor: ragged nested array: the element at [${[...path, i].join(', ')}] has shape ${formatShape(s)}, expected ${formatShape(inner)} like its first sibling.`,
      );
    }
  });
  return [values.length, ...inner];
}

/**
 * Creates a tensor from nested arrays or a typed array (copied, so later changes to `values` do not leak in).
 *
 * @param values numbers, nested arrays of numbers, or a Float32Array / Float64Array / Int32Array.
 * @param shape defaults to the nesting of `values` (1-D for a typed array); must hold the same number of values.
 * @param options dtype (default float32, or the typed array's type) and requiresGrad.
 * @throws ShapeError when `values` is ragged or does not fill `shape`.
 * @example tensor([[1, 2], [3, 4]]) // float32, shape [2, 2]
 */
export function tensor(
  values: NestedArray | TypedArray | readonly number[],
  shape?: readonly number[],
  options?: CreationOptions | DType,
): Tensor {
  const isTyped = ArrayBuffer.isView(values);
  const dtype = resolveDType(options, isTyped ? dtypeOf(values as TypedArray) : 'float32', 'tensor');
  let data: TypedArray;
  let inferred: number[];
  if (isTyped) {
    const src = values as TypedArray;
    data = allocate(dtype, src.length);
    data.set(src);
    inferred = [src.length];
  } else {
    inferred = inferShape(values as NestedArray);
    const flat = typeof values === 'number' ? [values] : ((values as NestedArray[]).flat(Infinity as 1) as number[]);
    data = allocate(dtype, flat.length);
    for (let i = 0; i < flat.length; i++) data[i] = flat[i] as number;
  }
  const finalShape = shape ?? inferred;
  checkShape(finalShape, 'tensor');
  if (sizeOf(finalShape) !== data.length) {
    throw new ShapeError(
      `tensor: ${data.length} values cannot fill shape ${formatShape(finalShape)} (${sizeOf(finalShape)} elements).`,
      { op: 'tensor', shape: [...finalShape], length: data.length },
    );
  }
  return make(data, finalShape, typeof options === 'object' ? options.requiresGrad : false, 'tensor');
}

/** A tensor of shape `[]` holding `value`. */
export function scalar(value: number, options?: CreationOptions | DType): Tensor {
  return tensor(value, [], options);
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: readonly number[], value: number, options?: CreationOptions | DType): Tensor {
  checkShape(shape, 'full');
  const dtype = resolveDType(options, 'float32', 'full');
  const data = allocate(dtype, sizeOf(shape));
  if (value !== 0) data.fill(value);
  return make(data, shape, typeof options === 'object' ? options.requiresGrad : false, 'full');
}

/** A tensor of `shape` filled with 0. */
export const zeros = (shape: readonly number[], options?: CreationOptions | DType): Tensor => full(shape, 0, options);
/** A tensor of `shape` filled with 1. */
export const ones = (shape: readonly number[], options?: CreationOptions | DType): Tensor => full(shape, 1, options);
/** Zeros with the shape and dtype of `x`. */
export const zerosLike = (x: Tensor): Tensor => full(x.shape, 0, x.dtype);
/** Ones with the shape and dtype of `x`. */
export const onesLike = (x: Tensor): Tensor => full(x.shape, 1, x.dtype);

/**
 * Evenly spaced values in [start, stop) with `step` (NumPy's arange). With one argument, it is `stop` and
 * start is 0.
 */
export function arange(start: number, stop?: number, step = 1, options?: CreationOptions | DType): Tensor {
  const [lo, hi] = stop === undefined ? [0, start] : [start, stop];
  if (step === 0 || !Number.isFinite(step)) {
    throw new ValueError(`arange: "step" must be a non-zero finite number; received ${step}.`, { op: 'arange', step });
  }
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const data = allocate(resolveDType(options, 'float32', 'arange'), n);
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return make(data, [n], typeof options === 'object' ? options.requiresGrad : false, 'arange');
}

/** `num` evenly spaced values from `start` to `stop`, both included. */
export function linspace(start: number, stop: number, num: number, options?: CreationOptions | DType): Tensor {
  if (!Number.isInteger(num) || num < 0) {
    throw new ValueError(`linspace: "num" must be a non-negative integer; received ${num}.`, { op: 'linspace', num });
  }
  const data = allocate(resolveDType(options, 'float32', 'linspace'), num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = i === num - 1 && num > 1 ? stop : start + i * step;
  return make(data, [num], typeof options === 'object' ? options.requiresGrad : false, 'linspace');
}

/** An n × m matrix with ones on the diagonal (m defaults to n). */
export function eye(n: number, m = n, options?: CreationOptions | DType): Tensor {
  checkShape([n, m], 'eye');
  const data = allocate(resolveDType(options, 'float32', 'eye'), n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return make(data, [n, m], typeof options === 'object' ? options.requiresGrad : false, 'eye');
}

/** Options of the random creation functions. */
export interface RandomOptions extends CreationOptions {
  /** Seed of the generator: same seed, same values. Without one, the global generator (`setGlobalSeed`) is used. */
  seed?: number;
}

/** Normal draws with `mean` (default 0) and standard deviation `std` (default 1). */
export function randomNormal(
  shape: readonly number[],
  options: RandomOptions & { mean?: number; std?: number } = {},
): Tensor {
  checkShape(shape, 'randomNormal');
  const { mean = 0, std = 1 } = options;
  if (!(std >= 0))
    throw new ValueError(`randomNormal: "std" must be >= 0; received ${std}.`, { op: 'randomNormal', std });
  const dtype = resolveDType(options, 'float32', 'randomNormal');
  if (!isFloat(dtype)) throw new DTypeError(`randomNormal: dtype must be float32 or float64; received ${dtype}.`);
  const rng = randomFor(options.seed);
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = mean + std * rng.normal();
  return make(data, shape, options.requiresGrad, 'randomNormal');
}

/** Uniform draws in [min, max) (default [0, 1)); int32 draws are integers in [min, max). */
export function randomUniform(
  shape: readonly number[],
  options: RandomOptions & { min?: number; max?: number } = {},
): Tensor {
  checkShape(shape, 'randomUniform');
  const { min = 0, max = 1 } = options;
  if (!(max >= min)) {
    throw new ValueError(`randomUniform: "max" (${max}) must be >= "min" (${min}).`, { op: 'randomUniform', min, max });
  }
  const dtype = resolveDType(options, 'float32', 'randomUniform');
  const rng = randomFor(options.seed);
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) {
    const u = min + (max - min) * rng.uniform();
    data[i] = dtype === 'int32' ? Math.floor(u) : u;
  }
  return make(data, shape, options.requiresGrad, 'randomUniform');
}
