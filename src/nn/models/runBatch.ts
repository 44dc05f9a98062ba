import { backward } from '../../autograd/backward.js';
import { noGrad } from '../../autograd/tape.js';
import { add, mul } from '../../ops/binary.js';
import type { Optimizer } from '../../optim/Optimizer.js';
import type { Tensor } from '../../tensor/Tensor.js';
import type { ModelInternals } from './ModelInternals.js';

/**
 * One forward pass over a batch (and, when `train`, backward + optimizer update), adding the batch's losses and
 * metrics to the running means of the compile state.
 */
export function runBatch(
  model: ModelInternals,
  xs: Tensor[],
  ys: Tensor[],
  sampleWeight: Tensor | null,
  train: boolean,
): void {
  const c = model.state();
  const n = xs[0]?.shape[0] ?? 0;
  const step = (): Tensor | null => {
    const preds = model.forward(xs, train);
    let total: Tensor | null = null;
    c.outputs.forEach((o, k) => {
      const pred = preds[k] as Tensor;
      const target = ys[k] as Tensor;
      if (o.loss) {
        const l = o.loss.compute(target, pred, sampleWeight);
        o.lossTracker.updateValue(l.item(), n);
        const weighted = o.weight === 1 ? l : mul(l, o.weight);
        total = total === null ? weighted : add(total, weighted);
      }
      for (const m of o.metrics) m.update(target, pred, sampleWeight);
    });
    return total;
  };
  // Inference records no graph, so evaluation allocates no gradient bookkeeping.
  const total = train ? step() : noGrad(step);
  if (total === null) return;
  c.lossTracker.updateValue((total as Tensor).item(), n);
  if (train && (total as Tensor).requiresGrad) {
    const params = model.trainableParams();
    backward(total);
    const optimizer = model.optimizer() as Optimizer;
    optimizer.applyGradients(
      params,
      params.map((p) => p.grad),
    );
    for (const p of params) p.grad = null;
  }
}
