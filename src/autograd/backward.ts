import { getKernel } from '../backend/registry.js';
import { GradError } from '../errors/errors.js';
import { allocate } from '../tensor/dtype.js';
import { shapesEqual } from '../tensor/shape.js';
import { type GradNode, Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { noGrad } from './tape.js';

/** Options of `backward`. */
export interface BackwardOptions {
  /** Gradient of some scalar with respect to `root`; defaults to 1 for a one-element `root`. */
  gradOutput?: Tensor;
  /** Keep the graph so `backward` can run through it again. Default false: the graph is freed. */
  retainGraph?: boolean;
}

/** Tensors reachable from `root` through recorded ops, each after every tensor that depends on it. */
function reverseTopologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  // Iterative post-order DFS: deep graphs (long RNN unrolls) would overflow a recursive one.
  const stack: [Tensor, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [t, expanded] = stack.pop() as [Tensor, boolean];
    if (expanded) {
      order.push(t);
      continue;
    }
    if (visited.has(t)) continue;
    visited.add(t);
    stack.push([t, true]);
    for (const input of t.gradNode?.inputs ?? [])
      if (input.requiresGrad && !visited.has(input)) stack.push([input, false]);
  }
  return order.reverse();
}

function freedNode(op: string): GradNode {
  return {
    op,
    inputs: [],
    backward: () => {
      throw new GradError(
        `backward: the graph through "${op}" was already freed by an earlier backward(); pass { retainGraph: true } to the first call to run backward twice.`,
        { op },
      );
    },
  };
}

function accumulate(a: Tensor | undefined, b: Tensor): Tensor {
  return a === undefined ? b : getKernel('Add')(a, b);
}

/**
 * Back-propagates from `root`: adds d(root)/d(leaf) into `leaf.grad` for every leaf that requires grad.
 * Gradients accumulate across calls, as in PyTorch; reset them with `zeroGrad` (optimizers do).
 *
 * @throws GradError when `root` does not require grad, or is not a scalar and no `gradOutput` is given.
 */
export function backward(root: Tensor, options: BackwardOptions = {}): void {
  if (!root.requiresGrad) {
    throw new GradError(
      'backward: this tensor does not require grad; create an input with { requiresGrad: true } and compute the output outside noGrad.',
    );
  }
  let seed = options.gradOutput;
  if (seed === undefined) {
    if (root.size !== 1) {
      throw new GradError(
        `backward: gradOutput is required for an output of shape ${formatShape(root.shape)}; only one-element outputs default to 1.`,
        { shape: [...root.shape] },
      );
    }
    seed = new Tensor(allocate(root.dtype, 1).fill(1), root.shape);
  } else if (!shapesEqual(seed.shape, root.shape)) {
    throw new GradError(
      `backward: gradOutput has shape ${formatShape(seed.shape)} but the output has shape ${formatShape(root.shape)}.`,
    );
  }
  const grads = new Map<Tensor, Tensor>([[root, seed]]);
  noGrad(() => {
    for (const t of reverseTopologicalOrder(root)) {
      const g = grads.get(t);
      grads.delete(t); // release intermediate gradients as soon as they are used
      if (g === undefined) continue;
      const node = t.gradNode;
      if (node === null) {
        t.grad = t.grad === null ? g : getKernel('Add')(t.grad, g);
        continue;
      }
      const inputGrads = node.backward(g);
      node.inputs.forEach((input, i) => {
        const gi = inputGrads[i];
        if (!input.requiresGrad || gi === null || gi === undefined) return;
        if (!shapesEqual(gi.shape, input.shape)) {
          throw new GradError(
            `backward: gradient rule of "${node.op}" returned shape ${formatShape(gi.shape)} for input ${i} of shape ${formatShape(input.shape)}.`,
            { op: node.op },
          );
        }
        grads.set(input, accumulate(grads.get(input), gi));
      });
      if (!options.retainGraph) t.gradNode = freedNode(node.op);
    }
  });
}

/** Sets `grad` to null on each tensor. */
export function zeroGrad(tensors: Iterable<Tensor>): void {
  for (const t of tensors) t.grad = null;
}

/** A tensor sharing `t`'s values but cut from the graph: no gradient flows through it. */
export function detach(t: Tensor): Tensor {
  return new Tensor(t.data, t.shape, false);
}

/**
 * Turns a scalar function of tensors into a function returning its gradient with respect to each argument
 * (zeros where an argument does not influence the value). The arguments are not modified.
 *
 * @example
 * const dx = grad((x) => sum(square(x)))(tensor([1, 2]))[0]; // [2, 4]
 */
export function grad(f: (...xs: Tensor[]) => Tensor): (...xs: Tensor[]) => Tensor[] {
  return (...xs) => valueAndGrad(f)(...xs).grads;
}

/** Like `grad`, but also returns the function's value. */
export function valueAndGrad(f: (...xs: Tensor[]) => Tensor): (...xs: Tensor[]) => { value: Tensor; grads: Tensor[] } {
  return (...xs) => {
    const leaves = xs.map((x) => new Tensor(x.data, x.shape, true));
    const value = f(...leaves);
    if (value.size !== 1) {
      throw new GradError(
        `grad: the function must return a one-element tensor; it returned shape ${formatShape(value.shape)}.`,
      );
    }
    if (value.requiresGrad) backward(value);
    const grads = leaves.map((l) => l.grad ?? new Tensor(allocate(l.dtype, l.size), l.shape));
    return { value: detach(value), grads };
  };
}
