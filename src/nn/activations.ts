import { ConfigError } from '../errors/errors.js';
import { add, div, mul } from '../ops/binary.js';
import { clip, elu, leakyRelu, relu, sigmoid, softplus, tanh, abs, exp } from '../ops/unary.js';
import { logSoftmax, softmax } from '../ops/softmax.js';
import type { Tensor } from '../tensor/Tensor.js';
import { attachLogits } from './engine/logits.js';

/** An element-wise (or last-axis, for softmax) activation. */
export type ActivationFn = (x: Tensor) => Tensor;

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
const GELU_C = Math.sqrt(2 / Math.PI);

const table: Record<string, ActivationFn> = {
  linear: (x) => x,
  relu,
  relu6: (x) => clip(x, 0, 6),
  sigmoid: (x) => attachLogits(sigmoid(x), x, 'sigmoid'),
  tanh,
  softmax: (x) => attachLogits(softmax(x, -1), x, 'softmax'),
  logSoftmax: (x) => logSoftmax(x, -1),
  elu: (x) => elu(x, 1),
  selu: (x) => mul(elu(x, SELU_ALPHA), SELU_SCALE),
  softplus,
  softsign: (x) => div(x, add(abs(x), 1)),
  swish: (x) => mul(x, sigmoid(x)),
  silu: (x) => mul(x, sigmoid(x)),
  // The tanh approximation of GELU (Hendrycks & Gimpel, 2016).
  gelu: (x) => mul(mul(x, 0.5), add(tanh(mul(add(x, mul(mul(mul(x, x), x), 0.044715)), GELU_C)), 1)),
  leakyRelu: (x) => leakyRelu(x, 0.2),
  // Keras 3: relu6(x + 3) / 6.
  hardSigmoid: (x) => clip(add(mul(x, 1 / 6), 0.5), 0, 1),
  exponential: exp,
};

/** Names `getActivation` accepts (snake_case spellings such as 'hard_sigmoid' are accepted too). */
export const ACTIVATIONS: readonly string[] = Object.keys(table);

/** 'hard_sigmoid' → 'hardSigmoid'. */
export function activationName(name: string | null | undefined): string {
  if (name === null || name === undefined) return 'linear';
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The activation function called `name` (null or undefined mean linear).
 * @param where the asking layer, for the error message.
 * @throws ConfigError naming the unknown activation and the known ones.
 */
export function getActivation(name: string | null | undefined, where = 'getActivation'): ActivationFn {
  const fn = table[activationName(name)];
  if (!fn) {
    throw new ConfigError(
      `${where}: unknown activation ${JSON.stringify(name)}; expected one of ${ACTIVATIONS.join(', ')}.`,
      { activation: name },
    );
  }
  return fn;
}
