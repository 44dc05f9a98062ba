import type { GradNode, Tensor } from '../tensor/Tensor.js';

let gradEnabled = true;

/** True unless inside `noGrad`. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Runs `fn` without recording operations: results do not require grad and hold no graph. Use it for
 * inference and for in-place parameter updates.
 */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** True when an op on `inputs` must be recorded. */
export function needsGrad(inputs: readonly Tensor[]): boolean {
  return gradEnabled && inputs.some((t) => t.requiresGrad);
}

/**
 * Records that `output` came from `op` applied to `inputs`, with `backward` mapping the output's gradient to
 * the inputs' gradients. Does nothing when no input requires grad or recording is off.
 */
export function record(
  output: Tensor,
  op: string,
  inputs: readonly Tensor[],
  backward: (gradOutput: Tensor) => (Tensor | null)[],
): Tensor {
  if (!needsGrad(inputs)) return output;
  const node: GradNode = { op, inputs, backward };
  output.gradNode = node;
  output.requiresGrad = true;
  return output;
}
