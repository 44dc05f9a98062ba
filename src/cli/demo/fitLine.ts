import { backward } from '../../autograd/backward.js';
import { noGrad } from '../../autograd/tape.js';
import { add, mul, sub } from '../../ops/binary.js';
import { randomNormal, randomUniform, zeros } from '../../ops/creation.js';
import { mean } from '../../ops/reduce.js';
import { square } from '../../ops/unary.js';
import type { Tensor } from '../../tensor/Tensor.js';

/** Settings of `fitLine`. */
export interface FitLineOptions {
  steps: number;
  learningRate: number;
  seed: number;
  samples?: number;
  onStep?: ((step: number, loss: number) => void) | undefined;
}

/** What `fitLine` learned. */
export interface FitLineResult {
  w: number;
  b: number;
  trueW: number;
  trueB: number;
  finalLoss: number;
  steps: number;
}

/**
 * Fits y = w·x + b to noisy synthetic points by batch gradient descent on the engine: forward, backward(),
 * then θ ← θ − α∇J(θ). The smallest end-to-end use of tensors and autograd.
 */
export function fitLine({ steps, learningRate, seed, samples = 256, onStep }: FitLineOptions): FitLineResult {
  const trueW = 3;
  const trueB = -2;
  const x = randomUniform([samples], { min: -1, max: 1, seed });
  const noise = randomNormal([samples], { std: 0.1, seed: seed + 1 });
  const y = add(add(mul(x, trueW), trueB), noise);
  const w = zeros([], { requiresGrad: true });
  const b = zeros([], { requiresGrad: true });
  let loss = Infinity;
  for (let step = 1; step <= steps; step++) {
    const mse = mean(square(sub(add(mul(x, w), b), y)));
    backward(mse);
    loss = mse.item();
    onStep?.(step, loss);
    noGrad(() => {
      for (const p of [w, b]) {
        p.data.set(sub(p, mul(p.grad as Tensor, learningRate)).data); // parameters are updated in place
        p.grad = null;
      }
    });
  }
  return { w: w.item(), b: b.item(), trueW, trueB, finalLoss: loss, steps };
}
