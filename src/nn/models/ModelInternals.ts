import type { Optimizer } from '../../optim/Optimizer.js';
import type { Tensor } from '../../tensor/Tensor.js';
import type { CompileState } from './CompileState.js';
import type { BatchLike, ModelData } from './data.js';

/** A dataset batch read for a model: tensor lists in input and output order. */
export interface ReadBatch {
  xs: Tensor[];
  ys: Tensor[];
  sampleWeight: Tensor | null;
}

/**
 * What the training and inference loops need from a model, as closures over its protected members. The loops take
 * this instead of `Model` so they stay importable by Model.ts without a cycle, and Model's public API stays small.
 */
export interface ModelInternals {
  /** Inputs in input order (building a deferred Sequential graph from the first data seen). */
  inputs(where: string, x: ModelData): Tensor[];
  /** Targets in output order. @throws DataError when `y` is missing. */
  targets(where: string, y: ModelData | undefined): Tensor[];
  /** A dataset batch, its shape checked against the first input. */
  batch(where: string, raw: BatchLike): ReadBatch;
  /** The resolved compile state. @throws NotFittedError before compile. */
  state(): CompileState;
  /** Applies the model to `xs` (one tensor per output). */
  forward(xs: Tensor[], training: boolean): Tensor[];
  /** The trainable parameter tensors, in `trainableWeights` order (the optimizer state's order). */
  trainableParams(): Tensor[];
  /** The optimizer set by compile. */
  optimizer(): Optimizer | null;
  /** Number of outputs. */
  outputCount(): number;
}
