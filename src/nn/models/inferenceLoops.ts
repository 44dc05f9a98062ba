/** The batched loops of `predict`, `evaluate` and `evaluateDataset` (inference mode). */
import { noGrad } from '../../autograd/tape.js';
import type { Tensor } from '../../tensor/Tensor.js';
import type { Logs } from '../callbacks/Callback.js';
import { type BatchLike, type BatchSource, concatRows, iterate, takeRows } from './data.js';
import type { ModelInternals } from './ModelInternals.js';
import { runBatch } from './runBatch.js';

/** Rows [start, end) of `t`; the tensor itself when that is all of it (no copy for a single batch). */
function rowsOf(t: Tensor, start: number, end: number, n: number): Tensor {
  return start === 0 && end === n ? t : takeRows(t, null, start, end);
}

/** The model's outputs for `n` rows of `xs`, computed `batchSize` rows at a time and joined (one per output). */
export function predictInBatches(model: ModelInternals, xs: Tensor[], n: number, batchSize: number): Tensor[] {
  const parts: Tensor[][] = Array.from({ length: model.outputCount() }, () => []);
  noGrad(() => {
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      const outs = model.forward(
        xs.map((t) => rowsOf(t, start, end, n)),
        false,
      );
      outs.forEach((o, k) => parts[k]?.push(o));
    }
  });
  // A single batch is cloned so the caller never holds a tensor a layer may reuse.
  return parts.map((p) => (p.length === 1 ? (p[0] as Tensor).clone() : concatRows(p)));
}

/** Loss and metrics over `n` rows of tensor data, `batchSize` rows at a time (metrics reset first). */
export function evaluateInBatches(
  model: ModelInternals,
  xs: Tensor[],
  ys: Tensor[],
  n: number,
  batchSize: number,
  sampleWeight: Tensor | null,
): Logs {
  model.state().resetMetrics();
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const slice = (t: Tensor): Tensor => rowsOf(t, start, end, n);
    runBatch(model, xs.map(slice), ys.map(slice), sampleWeight ? slice(sampleWeight) : null, false);
  }
  return model.state().logs();
}

/** Loss and metrics over a dataset's batches (at most `steps` of them when not null; metrics reset first). */
export async function evaluateBatches(
  model: ModelInternals,
  dataset: BatchSource,
  steps: number | null,
): Promise<Logs> {
  model.state().resetMetrics();
  let i = 0;
  for await (const raw of iterate(dataset)) {
    if (steps !== null && i >= steps) break;
    const b = model.batch('evaluateDataset', raw as BatchLike);
    runBatch(model, b.xs, b.ys, b.sampleWeight, false);
    i++;
  }
  return model.state().logs();
}
