import { ShapeError } from '../errors/errors.js';
import { formatShape } from '../util/format.js';
import { type DType, type TypedArray, dtypeOf } from './dtype.js';
import { sizeOf, stridesOf } from './shape.js';

/** Nested arrays of numbers, as `toArray()` returns and `tensor()` accepts. */
export type NestedArray = number | NestedArray[];

/**
 * One recorded operation on the autograd tape. The ops layer creates these; the autograd layer walks them.
 * `backward` maps the gradient of the output to one gradient per input (null where an input needs none).
 */
export interface GradNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  backward(gradOutput: Tensor): (Tensor | null)[];
}

/**
 * An n-dimensional array: a shape, a dtype and row-major contiguous storage in a plain typed array.
 *
 * Tensors are ordinary garbage-collected values: there is nothing to dispose. Math lives in free functions
 * (`add(a, b)`) and in the chainable methods the ops layer adds (`a.add(b)`).
 */
export class Tensor {
  /** Dimensions, outermost first. `[]` is a scalar. */
  readonly shape: readonly number[];
  /** Element type. */
  readonly dtype: DType;
  /** Row-major storage; its length equals `size`. Treat as read-only unless you own the tensor. */
  readonly data: TypedArray;
  /** Row-major strides in elements. */
  readonly strides: readonly number[];
  /** When true, operations on this tensor are recorded so `backward()` can fill `grad`. */
  requiresGrad: boolean;
  /** Accumulated gradient after `backward()`; null before. */
  grad: Tensor | null = null;
  /** The operation that produced this tensor, when it was recorded; null for leaves. */
  gradNode: GradNode | null = null;

  constructor(data: TypedArray, shape: readonly number[], requiresGrad = false) {
    const size = sizeOf(shape);
    if (data.length !== size) {
      throw new ShapeError(
        `Tensor: storage holds ${data.length} elements but shape ${formatShape(shape)} needs ${size}.`,
        { shape: [...shape], length: data.length },
      );
    }
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze(stridesOf(shape));
    this.dtype = dtypeOf(data);
    this.data = data;
    this.requiresGrad = requiresGrad;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** True when the tensor was produced by a recorded operation (it is not a leaf). */
  get isLeaf(): boolean {
    return this.gradNode === null;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError(`item: expected a tensor with one element, received shape ${formatShape(this.shape)}.`, {
        op: 'item',
        shape: [...this.shape],
      });
    }
    return this.data[0] as number;
  }

  /** The values as nested arrays (a number for a scalar). */
  toArray(): NestedArray {
    if (this.rank === 0) return this.data[0] as number;
    const build = (dim: number, offset: number): NestedArray[] => {
      const n = this.shape[dim] as number;
      const stride = this.strides[dim] as number;
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = dim === this.rank - 1 ? (this.data[offset + i] as number) : build(dim + 1, offset + i * stride);
      }
      return out;
    };
    return build(0, 0);
  }

  /** A copy of the values as a flat number array. */
  toFlatArray(): number[] {
    return Array.from(this.data);
  }

  /** A new leaf tensor sharing nothing with this one. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape, false);
  }

  toString(): string {
    return `Tensor(${this.dtype}, ${formatShape(this.shape)})`;
  }
}
