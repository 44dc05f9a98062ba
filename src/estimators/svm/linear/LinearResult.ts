/** What a linear solver returns. */
export interface LinearResult {
  /** Weights (length `width` of the rows; the bias weight last when there is a bias feature). */
  w: Float64Array;
  /** Outer iterations made. */
  iterations: number;
  /** False when the iteration limit stopped the solver before its stopping criterion held. */
  converged: boolean;
}

/** Settings every linear solver takes. */
export interface LinearSettings {
  /** Stopping tolerance (meaning depends on the solver; see each). */
  eps: number;
  /** Outer iteration limit. */
  maxIter: number;
}
