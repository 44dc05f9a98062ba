import { ValueError } from '../../../errors/errors.js';
import { Random } from '../../../util/random.js';
import type { CenteredOperator } from '../linalg/CenteredOperator.js';

/** Settings of `leastSquaresGd`. */
export interface GdSettings {
  /** Step size α, or 'auto' for 1/L with L the largest eigenvalue of the Hessian (estimated by power iteration). */
  learningRate: number | 'auto';
  maxIter: number;
  /** Stop when the largest absolute gradient component is at most `tol`. */
  tol: number;
  /** Called after every iteration with the loss J(θ). */
  onIteration?: ((iteration: number, loss: number) => void) | undefined;
}

/** Result of `leastSquaresGd`. */
export interface GdResult {
  coef: Float64Array;
  /** Iterations done. */
  nIter: number;
  /** J(θ) before the first step and after every step. */
  lossHistory: Float64Array;
  converged: boolean;
  /** The step size used. */
  learningRate: number;
}

/**
 * Batch gradient descent θ ← θ − α·∇J(θ) on the weighted least-squares loss
 * J(θ) = 1/(2Σw) · Σᵢ wᵢ (x꜀ᵢ·θ − y꜀ᵢ)² of centred data (the intercept, ȳ − x̄·θ, is exact at every iterate, so
 * J is the model's true loss and the problem stays well conditioned). The textbook algorithm, exposed so its loss
 * can be watched; ∇J = X꜀ᵀW(X꜀θ − y꜀)/Σw.
 * @param op the centred design operator
 * @param yc centred targets
 * @throws ValueError when the loss diverges (the learning rate is too large)
 */
export function leastSquaresGd(op: CenteredOperator, yc: Float64Array, s: GdSettings): GdResult {
  const d = op.X.cols;
  const n = op.X.rows;
  let sw = 0;
  for (let i = 0; i < n; i++) sw += op.weights[i] as number;
  const alpha = s.learningRate === 'auto' ? 1 / largestEigenvalue(op, sw) : s.learningRate;
  const theta = new Float64Array(d);
  const r = new Float64Array(n);
  const g = new Float64Array(d);
  const history: number[] = [];
  const lossAndGradient = (): number => {
    op.forward(theta, r);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const ri = (r[i] as number) - (yc[i] as number);
      const wr = (op.weights[i] as number) * ri;
      loss += wr * ri;
      r[i] = wr;
    }
    op.transpose(r, g);
    for (let j = 0; j < d; j++) g[j] = (g[j] as number) / sw;
    return loss / (2 * sw);
  };
  let loss = lossAndGradient();
  history.push(loss);
  const first = loss;
  let it = 0;
  let converged = false;
  while (true) {
    let gmax = 0;
    for (let j = 0; j < d; j++) gmax = Math.max(gmax, Math.abs(g[j] as number));
    if (gmax <= s.tol) {
      converged = true;
      break;
    }
    if (it >= s.maxIter) break;
    for (let j = 0; j < d; j++) theta[j] = (theta[j] as number) - alpha * (g[j] as number);
    loss = lossAndGradient();
    it++;
    history.push(loss);
    s.onIteration?.(it, loss);
    if (!Number.isFinite(loss) || loss > 1e10 * Math.max(first, 1)) {
      throw new ValueError(
        `LinearRegression: gradient descent diverged at iteration ${it} (loss ${loss}) with learningRate ${alpha}; lower learningRate or use 'auto'.`,
        { iteration: it, loss, learningRate: alpha },
      );
    }
  }
  return { coef: theta, nIter: it, lossHistory: Float64Array.from(history), converged, learningRate: alpha };
}

/** λmax of X꜀ᵀWX꜀/Σw by 100 power iterations from a fixed random start (a slight under-estimate, safe below 2/L). */
function largestEigenvalue(op: CenteredOperator, sw: number): number {
  const d = op.X.cols;
  const rng = new Random(0);
  let v = new Float64Array(d);
  for (let j = 0; j < d; j++) v[j] = rng.normal();
  let out = new Float64Array(d);
  let lambda = 0;
  for (let it = 0; it < 100; it++) {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += (v[j] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) return 1;
    for (let j = 0; j < d; j++) v[j] = (v[j] as number) / norm;
    op.gram(v, out);
    let rayleigh = 0;
    for (let j = 0; j < d; j++) rayleigh += (v[j] as number) * (out[j] as number);
    const next = rayleigh / sw;
    const done = Math.abs(next - lambda) <= 1e-10 * Math.abs(next);
    lambda = next;
    [v, out] = [out, v];
    if (done) break;
  }
  return lambda > 0 ? lambda : 1;
}
