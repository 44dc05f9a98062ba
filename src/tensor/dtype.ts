import { DTypeError } from '../errors/errors.js';

/** Element types a tensor can hold. */
export type DType = 'float32' | 'float64' | 'int32';

/** The typed array that stores each dtype. */
export interface DTypeArrayMap {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
}

/** Any tensor storage. */
export type TypedArray = Float32Array | Float64Array | Int32Array;

/** All dtypes, for validation. */
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32'];

/** Allocates a zero-filled array of `size` elements of `dtype`. */
export function allocate<D extends DType>(dtype: D, size: number): DTypeArrayMap[D] {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size) as DTypeArrayMap[D];
    case 'float64':
      return new Float64Array(size) as DTypeArrayMap[D];
    case 'int32':
      return new Int32Array(size) as DTypeArrayMap[D];
    default:
      throw new DTypeError(`Unknown dtype ${JSON.stringify(dtype)}; expected one of float32, float64, int32.`, {
        dtype,
      });
  }
}

/** The dtype whose storage is `array`. */
export function dtypeOf(array: TypedArray): DType {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  return 'int32';
}

/** True for `float32` and `float64`. */
export function isFloat(dtype: DType): boolean {
  return dtype !== 'int32';
}

/** Throws unless `dtype` is one lsml knows. */
export function checkDType(dtype: unknown, where: string): asserts dtype is DType {
  if (!DTYPES.includes(dtype as DType)) {
    throw new DTypeError(`${where}: unknown dtype ${JSON.stringify(dtype)}; expected one of float32, float64, int32.`, {
      op: where,
      dtype,
    });
  }
}
