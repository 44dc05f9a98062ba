import { type BackwardOptions, backward } from '../autograd/backward.js';
import { Tensor } from '../tensor/Tensor.js';
import type { DType } from '../tensor/dtype.js';
import { add, div, mul, pow, sub } from './binary.js';
import { cast } from './cast.js';
import { matmul, type MatMulOptions } from './matmul.js';
import type { TensorLike } from './operands.js';
import { type Axes, type ReduceOptions, argmax, max, mean, min, sum } from './reduce.js';
import { flatten, reshape } from './reshape.js';
import { transpose } from './transpose.js';
import { abs, exp, log, neg, relu, sigmoid, sqrt, square, tanh } from './unary.js';

/**
 * Chainable methods on Tensor (`x.matmul(w).add(b).relu()`), each the free function of the same name. They are
 * attached here, in the ops layer, because the tensor layer below cannot import the math.
 */
declare module '../tensor/Tensor.js' {
  interface Tensor {
    add(b: TensorLike): Tensor;
    sub(b: TensorLike): Tensor;
    mul(b: TensorLike): Tensor;
    div(b: TensorLike): Tensor;
    pow(b: TensorLike): Tensor;
    neg(): Tensor;
    abs(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sqrt(): Tensor;
    square(): Tensor;
    tanh(): Tensor;
    sigmoid(): Tensor;
    relu(): Tensor;
    matmul(b: Tensor, options?: MatMulOptions): Tensor;
    sum(axes?: Axes, options?: ReduceOptions): Tensor;
    mean(axes?: Axes, options?: ReduceOptions): Tensor;
    max(axes?: Axes, options?: ReduceOptions): Tensor;
    min(axes?: Axes, options?: ReduceOptions): Tensor;
    argmax(axis?: number, options?: ReduceOptions): Tensor;
    reshape(shape: readonly number[]): Tensor;
    flatten(): Tensor;
    transpose(perm?: readonly number[]): Tensor;
    cast(dtype: DType): Tensor;
    /** Back-propagates from this tensor into the `grad` of every leaf that requires grad. */
    backward(options?: BackwardOptions): void;
  }
}

const methods: Partial<Record<keyof Tensor, (this: Tensor, ...args: never[]) => unknown>> = {
  add(b: TensorLike) {
    return add(this, b);
  },
  sub(b: TensorLike) {
    return sub(this, b);
  },
  mul(b: TensorLike) {
    return mul(this, b);
  },
  div(b: TensorLike) {
    return div(this, b);
  },
  pow(b: TensorLike) {
    return pow(this, b);
  },
  neg() {
    return neg(this);
  },
  abs() {
    return abs(this);
  },
  exp() {
    return exp(this);
  },
  log() {
    return log(this);
  },
  sqrt() {
    return sqrt(this);
  },
  square() {
    return square(this);
  },
  tanh() {
    return tanh(this);
  },
  sigmoid() {
    return sigmoid(this);
  },
  relu() {
    return relu(this);
  },
  matmul(b: Tensor, options?: MatMulOptions) {
    return matmul(this, b, options);
  },
  sum(axes?: Axes, options?: ReduceOptions) {
    return sum(this, axes, options);
  },
  mean(axes?: Axes, options?: ReduceOptions) {
    return mean(this, axes, options);
  },
  max(axes?: Axes, options?: ReduceOptions) {
    return max(this, axes, options);
  },
  min(axes?: Axes, options?: ReduceOptions) {
    return min(this, axes, options);
  },
  argmax(axis?: number, options?: ReduceOptions) {
    return argmax(this, axis, options);
  },
  reshape(shape: readonly number[]) {
    return reshape(this, shape);
  },
  flatten() {
    return flatten(this);
  },
  transpose(perm?: readonly number[]) {
    return transpose(this, perm);
  },
  cast(dtype: DType) {
    return cast(this, dtype);
  },
  backward(options?: BackwardOptions) {
    backward(this, options);
  },
};

for (const [name, fn] of Object.entries(methods)) {
  Object.defineProperty(Tensor.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
}
