import { ConfigError } from '../../../errors/errors.js';

/**
 * Scalar activations for the fused recurrent loops, each with its derivative written in terms of the output
 * (y = f(x) ⇒ f'(x) = dy(y)), so backward needs only the stored activations.
 */
export interface Pointwise {
  readonly name: string;
  f(x: number): number;
  dy(y: number): number;
}

const table: Record<string, Pointwise> = {
  tanh: { name: 'tanh', f: Math.tanh, dy: (y) => 1 - y * y },
  sigmoid: {
    name: 'sigmoid',
    // Two branches so exp never overflows.
    f: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
    dy: (y) => y * (1 - y),
  },
  relu: { name: 'relu', f: (x) => (x > 0 ? x : 0), dy: (y) => (y > 0 ? 1 : 0) },
  linear: { name: 'linear', f: (x) => x, dy: () => 1 },
  // Keras 3's hard sigmoid: relu6(x + 3) / 6.
  hardSigmoid: {
    name: 'hardSigmoid',
    f: (x) => Math.min(1, Math.max(0, x / 6 + 0.5)),
    dy: (y) => (y > 0 && y < 1 ? 1 / 6 : 0),
  },
};

/** Activations the recurrent layers support. */
export const RECURRENT_ACTIVATIONS: readonly string[] = Object.keys(table);

/**
 * The scalar activation `name` (null means linear).
 * @throws ConfigError naming the layer and the supported names.
 */
export function pointwise(name: string, where: string, option: string): Pointwise {
  const p = table[name];
  if (!p) {
    throw new ConfigError(
      `${where}: "${option}" must be one of ${RECURRENT_ACTIVATIONS.map((n) => JSON.stringify(n)).join(', ')} for a recurrent layer; received ${JSON.stringify(name)}.`,
      { layer: where, [option]: name },
    );
  }
  return p;
}
