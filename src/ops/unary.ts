import { record } from '../autograd/tape.js';
import type { UnaryKernelName } from '../backend/kernels.js';
import { getKernel } from '../backend/registry.js';
import { ValueError } from '../errors/errors.js';
import type { Tensor } from '../tensor/Tensor.js';
import { kAdd, kCast, kDiv, kMul, kNeg, kSub, kWhere, scalarOf } from './kernelMath.js';
import { checkFloat, checkTensor } from './operands.js';

/**
 * Element-wise functions of one tensor. Each forward sits beside its derivative; `dydx(x, y)` returns the
 * local derivative, which the chain rule multiplies by the incoming gradient.
 */
function unaryOp(
  kernel: UnaryKernelName,
  op: string,
  x: Tensor,
  dydx: ((x: Tensor, y: Tensor) => Tensor) | null,
  floatOnly = true,
): Tensor {
  checkTensor(x, op);
  if (floatOnly) checkFloat(x, op);
  const y = getKernel(kernel)(x);
  if (dydx === null) return y;
  return record(y, op, [x], (g) => [kMul(g, dydx(x, y))]);
}

const one = (t: Tensor): Tensor => scalarOf(1, t.dtype);
const positive = (x: Tensor): Tensor => kCast(getKernel('Greater')(x, scalarOf(0, x.dtype)), x.dtype);

/** −x. */
export const neg = (x: Tensor): Tensor => unaryOp('Neg', 'neg', x, (t) => kNeg(one(t)), false);
/** |x|; the gradient at 0 is 0. */
export const abs = (x: Tensor): Tensor => unaryOp('Abs', 'abs', x, (t) => getKernel('Sign')(t), false);
/** −1, 0 or 1 by the sign of x; no gradient. */
export const sign = (x: Tensor): Tensor => unaryOp('Sign', 'sign', x, null, false);
/** eˣ. */
export const exp = (x: Tensor): Tensor => unaryOp('Exp', 'exp', x, (_, y) => y);
/** Natural logarithm. */
export const log = (x: Tensor): Tensor => unaryOp('Log', 'log', x, (t) => kDiv(one(t), t));
/** log(1 + x), accurate for small x. */
export const log1p = (x: Tensor): Tensor => unaryOp('Log1p', 'log1p', x, (t) => kDiv(one(t), kAdd(one(t), t)));
/** √x. */
export const sqrt = (x: Tensor): Tensor => unaryOp('Sqrt', 'sqrt', x, (_, y) => kDiv(scalarOf(0.5, y.dtype), y));
/** x². */
export const square = (x: Tensor): Tensor =>
  unaryOp('Square', 'square', x, (t) => kMul(scalarOf(2, t.dtype), t), false);
/** 1 / x. */
export const reciprocal = (x: Tensor): Tensor => unaryOp('Reciprocal', 'reciprocal', x, (_, y) => kNeg(kMul(y, y)));
/** Hyperbolic tangent. */
export const tanh = (x: Tensor): Tensor => unaryOp('Tanh', 'tanh', x, (_, y) => kSub(one(y), kMul(y, y)));
/** Logistic function 1 / (1 + e⁻ˣ), computed without overflow. */
export const sigmoid = (x: Tensor): Tensor => unaryOp('Sigmoid', 'sigmoid', x, (_, y) => kMul(y, kSub(one(y), y)));
/** max(x, 0); the gradient at 0 is 0. */
export const relu = (x: Tensor): Tensor => unaryOp('Relu', 'relu', x, positive);
/** log(1 + eˣ), computed without overflow; its derivative is the sigmoid. */
export const softplus = (x: Tensor): Tensor => unaryOp('Softplus', 'softplus', x, (t) => getKernel('Sigmoid')(t));
/** Sine. */
export const sin = (x: Tensor): Tensor => unaryOp('Sin', 'sin', x, (t) => getKernel('Cos')(t));
/** Cosine. */
export const cos = (x: Tensor): Tensor => unaryOp('Cos', 'cos', x, (t) => kNeg(getKernel('Sin')(t)));

function checkScalar(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new ValueError(`${op}: "${name}" must be a number; received ${String(value)}.`, { op, [name]: value });
  }
}

/** x for x > 0, alpha·x otherwise (default alpha 0.2, as Keras). */
export function leakyRelu(x: Tensor, alpha = 0.2): Tensor {
  checkTensor(x, 'leakyRelu');
  checkFloat(x, 'leakyRelu');
  checkScalar('leakyRelu', 'alpha', alpha);
  return record(getKernel('LeakyRelu')(x, alpha), 'leakyRelu', [x], (g) => {
    const slope = kWhere(getKernel('Greater')(x, scalarOf(0, x.dtype)), one(x), scalarOf(alpha, x.dtype));
    return [kMul(g, slope)];
  });
}

/** x for x > 0, alpha·(eˣ − 1) otherwise (default alpha 1). */
export function elu(x: Tensor, alpha = 1): Tensor {
  checkTensor(x, 'elu');
  checkFloat(x, 'elu');
  checkScalar('elu', 'alpha', alpha);
  const y = getKernel('Elu')(x, alpha);
  // For x ≤ 0: d/dx alpha(eˣ − 1) = alpha·eˣ = y + alpha.
  return record(y, 'elu', [x], (g) => {
    const slope = kWhere(getKernel('Greater')(x, scalarOf(0, x.dtype)), one(x), kAdd(y, scalarOf(alpha, x.dtype)));
    return [kMul(g, slope)];
  });
}

/** Limits every value to [min, max]; the gradient is 0 outside. */
export function clip(x: Tensor, min: number, max: number): Tensor {
  checkTensor(x, 'clip');
  checkScalar('clip', 'min', min);
  checkScalar('clip', 'max', max);
  if (min > max) {
    throw new ValueError(`clip: "min" (${min}) must not exceed "max" (${max}).`, { op: 'clip', min, max });
  }
  return record(getKernel('Clip')(x, min, max), 'clip', [x], (g) => {
    const inside = kMul(
      getKernel('GreaterEqual')(x, scalarOf(min, x.dtype)),
      getKernel('LessEqual')(x, scalarOf(max, x.dtype)),
    );
    return [kWhere(inside, g, scalarOf(0, g.dtype))];
  });
}
