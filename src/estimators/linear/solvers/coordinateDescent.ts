import type { Random } from '../../../util/random.js';
import type { CdDesign } from './CdDesign.js';

/** Settings of `enetCoordinateDescent`. */
export interface CdSettings {
  /** L1 strength of the unscaled objective (scikit-learn: α·l1Ratio·n). */
  l1: number;
  /** L2 strength of the unscaled objective (scikit-learn: α·(1 − l1Ratio)·n). */
  l2: number;
  maxIter: number;
  /** Relative tolerance (the duality-gap test uses tol·‖ỹ‖²). */
  tol: number;
  positive: boolean;
  /** Random coordinate order when given; cyclic when null. */
  random: Random | null;
}

/** Result of `enetCoordinateDescent`. */
export interface CdResult {
  nIter: number;
  /** Duality gap of the unscaled objective at the end. */
  gap: number;
  /** The stopping tolerance tol·‖ỹ‖² the gap was compared with. */
  tolerance: number;
  converged: boolean;
}

/**
 * Coordinate descent for the elastic net ½‖ỹ − X̃θ‖² + l1‖θ‖₁ + (l2/2)‖θ‖², scikit-learn's
 * `enet_coordinate_descent` (Friedman, Hastie & Tibshirani, "Regularization Paths for Generalized Linear Models
 * via Coordinate Descent", 2010): each coordinate is set to its exact minimiser, a soft-thresholded correlation.
 * After a sweep whose largest change is below tol·max|θ|, the duality gap is computed, and the run stops when it
 * is below tol·‖ỹ‖². θ is updated in place.
 */
export function enetCoordinateDescent(design: CdDesign, theta: Float64Array, s: CdSettings): CdResult {
  const d = design.nFeatures;
  const tolerance = s.tol * design.targetNorm2();
  let gap = tolerance + 1;
  let it = 0;
  let converged = false;
  for (it = 0; it < s.maxIter; it++) {
    let wMax = 0;
    let dwMax = 0;
    for (let f = 0; f < d; f++) {
      const j = s.random !== null ? s.random.int(d) : f;
      const norm = design.colNorm(j);
      if (norm === 0) continue;
      const old = theta[j] as number;
      const tmp = design.colDotResidual(j) + old * norm;
      let next: number;
      if (s.positive && tmp < 0) next = 0;
      else next = (Math.sign(tmp) * Math.max(Math.abs(tmp) - s.l1, 0)) / (norm + s.l2);
      if (next !== old) design.updateResidual(j, next - old);
      theta[j] = next;
      dwMax = Math.max(dwMax, Math.abs(next - old));
      wMax = Math.max(wMax, Math.abs(next));
    }
    if (wMax === 0 || dwMax / wMax < s.tol || it === s.maxIter - 1) {
      gap = dualityGap(design, theta, s);
      if (gap < tolerance) {
        converged = true;
        it++;
        break;
      }
    }
  }
  return { nIter: Math.min(it, s.maxIter), gap, tolerance, converged };
}

/**
 * Duality gap of the elastic net at θ: the dual point is the residual scaled into the dual feasible set
 * (‖X̃ᵀR − l2θ‖∞ ≤ l1).
 */
function dualityGap(design: CdDesign, theta: Float64Array, s: CdSettings): number {
  const d = design.nFeatures;
  let dualNorm = 0;
  let l1Norm = 0;
  let wNorm2 = 0;
  for (let j = 0; j < d; j++) {
    const w = theta[j] as number;
    const xta = design.colDotResidual(j) - s.l2 * w;
    dualNorm = Math.max(dualNorm, s.positive ? xta : Math.abs(xta));
    l1Norm += Math.abs(w);
    wNorm2 += w * w;
  }
  const rNorm2 = design.residualNorm2();
  let scale = 1;
  let gap: number;
  if (dualNorm > s.l1) {
    scale = s.l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
  } else {
    gap = rNorm2;
  }
  return gap + s.l1 * l1Norm - scale * design.residualDotTarget() + 0.5 * s.l2 * (1 + scale * scale) * wNorm2;
}
