/** Turns `fit`'s arguments into training tensors, per-example weights and validation data. */
import { ConfigError } from '../../errors/errors.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type BatchSource, type ModelData, countRows, isBatchSource, takeRows } from './data.js';
import { exampleWeights } from './exampleWeights.js';
import type { FitOptions } from './modelOptions.js';
import type { ModelInternals } from './ModelInternals.js';

/** Validation tensors (inputs, targets, optional per-example weights), or a dataset. */
export type ValidationData = { xs: Tensor[]; ys: Tensor[]; sw: Tensor | null } | BatchSource;

/** Training data of one `fit` call: tensors (empty for a dataset) and what to validate on. */
export interface FitData {
  xs: Tensor[];
  ys: Tensor[];
  /** Per-example loss weights (sample and class weights folded together), or null. */
  weights: Tensor | null;
  /** Rows of training tensors (0 for a dataset). */
  n: number;
  validation: ValidationData | null;
}

/**
 * Reads tensor data (splitting off the last `validationSplit` of the rows, before any shuffling, as Keras does)
 * or checks that a dataset comes without tensor-only options, then reads `validationData`.
 * @throws ConfigError for a validationSplit outside [0, 1) or weights given with a dataset; DataError /
 *   ShapeError for data that does not fit the model.
 */
export function prepareFitData(
  where: string,
  model: ModelInternals,
  x: ModelData | BatchSource,
  y: ModelData | FitOptions | undefined,
  opts: FitOptions,
  dataset: BatchSource | null,
): FitData {
  let xs: Tensor[] = [];
  let ys: Tensor[] = [];
  let weights: Tensor | null = null;
  let n = 0;
  let validation: ValidationData | null = null;
  if (!dataset) {
    xs = model.inputs(where, x as ModelData);
    ys = model.targets(where, y as ModelData);
    n = countRows(where, [...xs, ...ys, ...(opts.sampleWeight ? [opts.sampleWeight] : [])]);
    weights = exampleWeights(where, ys[0] as Tensor, opts.classWeight, opts.sampleWeight, model.outputCount());
    const split = opts.validationSplit ?? 0;
    if (!(split >= 0 && split < 1))
      throw new ConfigError(`${where}: "validationSplit" must be in [0, 1); received ${split}.`);
    if (split > 0 && opts.validationData === undefined) {
      const cut = Math.ceil(n * (1 - split));
      const head = (t: Tensor): Tensor => takeRows(t, null, 0, cut);
      const tail = (t: Tensor): Tensor => takeRows(t, null, cut, n);
      validation = { xs: xs.map(tail), ys: ys.map(tail), sw: weights ? tail(weights) : null };
      xs = xs.map(head);
      ys = ys.map(head);
      weights = weights ? head(weights) : null;
      n = cut;
    }
  } else if (opts.classWeight || opts.sampleWeight || opts.validationSplit) {
    throw new ConfigError(
      `${where}: classWeight, sampleWeight and validationSplit apply to tensor data; put weights in the dataset's batches.`,
    );
  }
  if (opts.validationData !== undefined) {
    const v = opts.validationData;
    if (isBatchSource(v)) validation = v;
    else {
      const vx = model.inputs(where, v[0]);
      const vy = model.targets(where, v[1]);
      validation = { xs: vx, ys: vy, sw: (v as [ModelData, ModelData, Tensor | null])[2] ?? null };
    }
  }
  return { xs, ys, weights, n, validation };
}
