/**
 * The Hessian of an SVM dual, Q_ij = y_i y_j K(x_i, x_j) (or its SVR form), served one column at a time from a
 * kernel-row cache. The SMO solver swaps variables to keep the active set in front; the matrix follows the swaps.
 */
export interface QMatrix {
  /** Column i restricted to the first `len` variables (float32, as LIBSVM caches it). Do not keep it across calls that may evict it. */
  getQ(i: number, len: number): Float32Array;
  /** The diagonal Q_ii (float64). */
  readonly QD: Float64Array;
  /** Exchanges variables i and j. */
  swapIndex(i: number, j: number): void;
}
