import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import type { Tensor } from '../tensor/Tensor.js';
import { kCast, kDiv, kLog, kMul, kNeg, kSub, kWhere, scalarOf, unbroadcast } from './kernelMath.js';
import { type TensorLike, binaryOperands } from './operands.js';

/**
 * The gradient for one input, or null when that input needs none (a constant, a dropout mask, a label): backward
 * skips null, so the unneeded kernel calls are never made.
 */
function gradFor(input: Tensor, compute: () => Tensor): Tensor | null {
  return input.requiresGrad ? compute() : null;
}

/**
 * Element-wise arithmetic with NumPy broadcasting. Each op takes tensors or plain numbers; both operands
 * must share a dtype. Each gradient rule sits beside its forward and sums over broadcast axes.
 */

/** a + b. */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands('add', a, b);
  return record(getKernel('Add')(x, y), 'add', [x, y], (g) => [
    gradFor(x, () => unbroadcast(g, x.shape)),
    gradFor(y, () => unbroadcast(g, y.shape)),
  ]);
}

/** a − b. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands('sub', a, b);
  return record(getKernel('Sub')(x, y), 'sub', [x, y], (g) => [
    gradFor(x, () => unbroadcast(g, x.shape)),
    gradFor(y, () => unbroadcast(kNeg(g), y.shape)),
  ]);
}

/** a · b, element-wise. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands('mul', a, b);
  return record(getKernel('Mul')(x, y), 'mul', [x, y], (g) => [
    gradFor(x, () => unbroadcast(kMul(g, y), x.shape)),
    gradFor(y, () => unbroadcast(kMul(g, x), y.shape)),
  ]);
}

/** a / b, element-wise (integer division truncates toward zero). */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands('div', a, b);
  const out = getKernel('Div')(x, y);
  // d(a/b)/db = −a/b² = −out/b.
  return record(out, 'div', [x, y], (g) => [
    gradFor(x, () => unbroadcast(kDiv(g, y), x.shape)),
    gradFor(y, () => unbroadcast(kNeg(kDiv(kMul(g, out), y)), y.shape)),
  ]);
}

/** a raised to b, element-wise. The gradient in b is taken as 0 where a ≤ 0 (log a is undefined there). */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands('pow', a, b);
  const out = getKernel('Pow')(x, y);
  return record(out, 'pow', [x, y], (g) => {
    const one = scalarOf(1, x.dtype);
    const zero = scalarOf(0, x.dtype);
    const dx = (): Tensor => kMul(g, kMul(y, getKernel('Pow')(x, kSub(y, one))));
    const dy = (): Tensor => {
      const positive = getKernel('Greater')(x, zero);
      const safeX = kWhere(positive, x, one);
      return kWhere(positive, kMul(g, kMul(out, kLog(safeX))), zero);
    };
    return [gradFor(x, () => unbroadcast(dx(), x.shape)), gradFor(y, () => unbroadcast(dy(), y.shape))];
  });
}

/** Larger of a and b, element-wise; on ties the gradient goes to a. */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands('maximum', a, b);
  return record(getKernel('Maximum')(x, y), 'maximum', [x, y], (g) =>
    routeBy(getKernel('GreaterEqual')(x, y), g, x, y),
  );
}

/** Smaller of a and b, element-wise; on ties the gradient goes to a. */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands('minimum', a, b);
  return record(getKernel('Minimum')(x, y), 'minimum', [x, y], (g) => routeBy(getKernel('LessEqual')(x, y), g, x, y));
}

/** Sends `g` to `x` where `mask` is set and to `y` elsewhere. */
function routeBy(mask: Tensor, g: Tensor, x: Tensor, y: Tensor): (Tensor | null)[] {
  const m = kCast(mask, g.dtype);
  return [
    gradFor(x, () => unbroadcast(kMul(g, m), x.shape)),
    gradFor(y, () => unbroadcast(kMul(g, kSub(scalarOf(1, g.dtype), m)), y.shape)),
  ];
}
