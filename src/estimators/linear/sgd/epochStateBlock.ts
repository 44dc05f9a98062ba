import type { WeightVector } from './WeightVector.js';

/** The model scalars an epoch reads and updates. */
export interface SparseEpochState {
  intercept: number;
  t: number;
  eta: number;
}

/**
 * The scalars a WebAssembly SGD epoch reads and updates, laid out as assembly/sparseLinear.ts expects them:
 * [intercept, t, weight scale, loss sum, eta]. Copies them and the raw weights in before an epoch.
 */
export function writeEpochState(
  state: Float64Array,
  weights: Float64Array,
  w: WeightVector,
  st: SparseEpochState,
): void {
  weights.set(w.raw);
  state[0] = st.intercept;
  state[1] = st.t;
  state[2] = w.scale;
  state[3] = 0;
  state[4] = st.eta;
}

/** Copies the state and weights back out after an epoch; returns the epoch's summed training loss. */
export function readEpochState(
  state: Float64Array,
  weights: Float64Array,
  w: WeightVector,
  st: SparseEpochState,
): number {
  w.raw.set(weights);
  w.scale = state[2] as number;
  st.intercept = state[0] as number;
  st.t = state[1] as number;
  st.eta = state[4] as number;
  return state[3] as number;
}
