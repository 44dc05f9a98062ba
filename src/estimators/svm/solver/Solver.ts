import type { QMatrix } from './QMatrix.js';

/** What a solve returns besides α. */
export interface SolutionInfo {
  /** Dual objective value. */
  obj: number;
  /** The offset ρ (decision function Σ α_i y_i K(x_i, x) − ρ). */
  rho: number;
  /** nu solvers: the scale r of the solution (1 for the C formulations). */
  r: number;
  /** SMO iterations made. */
  iterations: number;
  /** False when the iteration limit stopped the solver before the stopping criterion held. */
  converged: boolean;
}

/** Inputs of one SMO solve: min ½ αᵀQα + pᵀα  s.t.  yᵀα = Δ, 0 ≤ α_i ≤ C_i. */
export interface SolveProblem {
  Q: QMatrix;
  /** Linear term p (length l). */
  p: Float64Array;
  /** ±1 per variable. */
  y: Int8Array;
  /** Initial α, feasible (length l); overwritten with the solution. */
  alpha: Float64Array;
  /** Upper bound C_i per variable. */
  C: Float64Array;
  /** Stopping tolerance: stop when m(α) − M(α) ≤ eps (LIBSVM's `-e`). */
  eps: number;
  /** Use the shrinking heuristic. */
  shrinking: boolean;
  /** Iteration limit; -1 for LIBSVM's default max(10⁷, 100 l). */
  maxIter: number;
}

const LOWER = 0;
const UPPER = 1;
const FREE = 2;

/** Used in place of a non-positive curvature a_ij (LIBSVM's TAU). */
export const TAU = 1e-12;

/**
 * Sequential minimal optimisation with second-order working-set selection (Fan, Chen & Lin, JMLR 2005), the
 * shrinking heuristic and gradient reconstruction, as in LIBSVM (Chang & Lin, ACM TIST 2011, section 4).
 * The nu formulations override `selectWorkingSet`, `calculateRho`, `doShrinking` and `beShrunk` (NuSolver).
 */
export class Solver {
  protected l = 0;
  protected activeSize = 0;
  protected y: Int8Array = new Int8Array(0);
  protected G: Float64Array = new Float64Array(0);
  protected status: Uint8Array = new Uint8Array(0);
  protected alpha: Float64Array = new Float64Array(0);
  protected Q!: QMatrix;
  protected QD: Float64Array = new Float64Array(0);
  protected eps = 1e-3;
  protected C: Float64Array = new Float64Array(0);
  protected p: Float64Array = new Float64Array(0);
  protected activeSet: Int32Array = new Int32Array(0);
  /** Gradient part from variables at their upper bound: Ḡ_i = Σ_{C_j = α_j} C_j Q_ij. */
  protected Gbar: Float64Array = new Float64Array(0);
  protected unshrink = false;
  /** The working pair picked by selectWorkingSet. */
  protected outI = -1;
  protected outJ = -1;

  protected isUpper(i: number): boolean {
    return this.status[i] === UPPER;
  }

  protected isLower(i: number): boolean {
    return this.status[i] === LOWER;
  }

  protected isFree(i: number): boolean {
    return this.status[i] === FREE;
  }

  private updateStatus(i: number): void {
    const a = this.alpha[i] as number;
    this.status[i] = a >= (this.C[i] as number) ? UPPER : a <= 0 ? LOWER : FREE;
  }

  protected swapIndex(i: number, j: number): void {
    this.Q.swapIndex(i, j);
    swap8(this.y, i, j);
    swap64(this.G, i, j);
    swapU8(this.status, i, j);
    swap64(this.alpha, i, j);
    swap64(this.p, i, j);
    swap32(this.activeSet, i, j);
    swap64(this.Gbar, i, j);
    swap64(this.C, i, j);
  }

  /** Recomputes G of the shrunk variables from Ḡ and the free variables. */
  protected reconstructGradient(): void {
    const { l, activeSize, G, Gbar, p, alpha } = this;
    if (activeSize === l) return;
    let nrFree = 0;
    for (let j = activeSize; j < l; j++) G[j] = (Gbar[j] as number) + (p[j] as number);
    for (let j = 0; j < activeSize; j++) if (this.isFree(j)) nrFree++;
    if (nrFree * l > 2 * activeSize * (l - activeSize)) {
      for (let i = activeSize; i < l; i++) {
        const Qi = this.Q.getQ(i, activeSize);
        let g = 0;
        for (let j = 0; j < activeSize; j++) if (this.status[j] === FREE) g += (alpha[j] as number) * (Qi[j] as number);
        G[i] = (G[i] as number) + g;
      }
    } else {
      for (let i = 0; i < activeSize; i++) {
        if (this.status[i] !== FREE) continue;
        const Qi = this.Q.getQ(i, l);
        const a = alpha[i] as number;
        for (let j = activeSize; j < l; j++) G[j] = (G[j] as number) + a * (Qi[j] as number);
      }
    }
  }

  /**
   * Solves the problem; `problem.alpha` receives the solution (in the caller's variable order).
   */
  solve(problem: SolveProblem): SolutionInfo {
    const l = problem.p.length;
    this.l = l;
    this.Q = problem.Q;
    this.QD = problem.Q.QD;
    this.p = problem.p.slice();
    this.y = problem.y.slice();
    this.alpha = problem.alpha.slice();
    this.C = problem.C.slice();
    this.eps = problem.eps;
    this.unshrink = false;
    this.status = new Uint8Array(l);
    for (let i = 0; i < l; i++) this.updateStatus(i);
    this.activeSet = new Int32Array(l);
    for (let i = 0; i < l; i++) this.activeSet[i] = i;
    this.activeSize = l;

    // gradient G = Qα + p, and Ḡ
    const G = new Float64Array(l);
    const Gbar = new Float64Array(l);
    this.G = G;
    this.Gbar = Gbar;
    const { alpha, p } = this;
    for (let i = 0; i < l; i++) G[i] = p[i] as number;
    for (let i = 0; i < l; i++) {
      if (this.isLower(i)) continue;
      const Qi = this.Q.getQ(i, l);
      const a = alpha[i] as number;
      for (let j = 0; j < l; j++) G[j] = (G[j] as number) + a * (Qi[j] as number);
      if (this.isUpper(i)) {
        const c = this.C[i] as number;
        for (let j = 0; j < l; j++) Gbar[j] = (Gbar[j] as number) + c * (Qi[j] as number);
      }
    }

    let iter = 0;
    const maxIter = problem.maxIter > 0 ? problem.maxIter : defaultMaxIter(l);
    let counter = Math.min(l, 1000) + 1;
    while (iter < maxIter) {
      if (--counter === 0) {
        counter = Math.min(l, 1000);
        if (problem.shrinking) this.doShrinking();
      }
      if (this.selectWorkingSet()) {
        // optimal on the active set: check the whole problem
        this.reconstructGradient();
        this.activeSize = l;
        if (this.selectWorkingSet()) break;
        counter = 1; // shrink at the next iteration
      }
      iter++;
      this.takeStep(this.outI, this.outJ);
    }
    const converged = iter < maxIter;
    if (!converged && this.activeSize < l) {
      this.reconstructGradient();
      this.activeSize = l;
    }

    const info: SolutionInfo = { obj: 0, rho: 0, r: 1, iterations: iter, converged };
    this.calculateRho(info);
    let v = 0;
    for (let i = 0; i < l; i++) v += (this.alpha[i] as number) * ((this.G[i] as number) + (this.p[i] as number));
    info.obj = v / 2;
    // back to the caller's order
    for (let i = 0; i < l; i++) problem.alpha[this.activeSet[i] as number] = this.alpha[i] as number;
    return info;
  }

  /** Optimises the pair (i, j) analytically and updates G, Ḡ and the bound flags. */
  private takeStep(i: number, j: number): void {
    const { alpha, G, y, QD, C } = this;
    const activeSize = this.activeSize;
    let Qi = this.Q.getQ(i, activeSize);
    let Qj = this.Q.getQ(j, activeSize);
    const Ci = C[i] as number;
    const Cj = C[j] as number;
    const oldAi = alpha[i] as number;
    const oldAj = alpha[j] as number;
    let ai = oldAi;
    let aj = oldAj;
    if (y[i] !== y[j]) {
      let quad = (QD[i] as number) + (QD[j] as number) + 2 * (Qi[j] as number);
      if (quad <= 0) quad = TAU;
      const delta = (-(G[i] as number) - (G[j] as number)) / quad;
      const diff = ai - aj;
      ai += delta;
      aj += delta;
      if (diff > 0) {
        if (aj < 0) {
          aj = 0;
          ai = diff;
        }
      } else if (ai < 0) {
        ai = 0;
        aj = -diff;
      }
      if (diff > Ci - Cj) {
        if (ai > Ci) {
          ai = Ci;
          aj = Ci - diff;
        }
      } else if (aj > Cj) {
        aj = Cj;
        ai = Cj + diff;
      }
    } else {
      let quad = (QD[i] as number) + (QD[j] as number) - 2 * (Qi[j] as number);
      if (quad <= 0) quad = TAU;
      const delta = ((G[i] as number) - (G[j] as number)) / quad;
      const sum = ai + aj;
      ai -= delta;
      aj += delta;
      if (sum > Ci) {
        if (ai > Ci) {
          ai = Ci;
          aj = sum - Ci;
        }
      } else if (aj < 0) {
        aj = 0;
        ai = sum;
      }
      if (sum > Cj) {
        if (aj > Cj) {
          aj = Cj;
          ai = sum - Cj;
        }
      } else if (ai < 0) {
        ai = 0;
        aj = sum;
      }
    }
    alpha[i] = ai;
    alpha[j] = aj;

    const dai = ai - oldAi;
    const daj = aj - oldAj;
    for (let k = 0; k < activeSize; k++) {
      G[k] = (G[k] as number) + (Qi[k] as number) * dai + (Qj[k] as number) * daj;
    }

    const wasUpperI = this.isUpper(i);
    const wasUpperJ = this.isUpper(j);
    this.updateStatus(i);
    this.updateStatus(j);
    const l = this.l;
    const Gbar = this.Gbar;
    if (wasUpperI !== this.isUpper(i)) {
      Qi = this.Q.getQ(i, l);
      const c = wasUpperI ? -Ci : Ci;
      for (let k = 0; k < l; k++) Gbar[k] = (Gbar[k] as number) + c * (Qi[k] as number);
    }
    if (wasUpperJ !== this.isUpper(j)) {
      Qj = this.Q.getQ(j, l);
      const c = wasUpperJ ? -Cj : Cj;
      for (let k = 0; k < l; k++) Gbar[k] = (Gbar[k] as number) + c * (Qj[k] as number);
    }
  }

  /**
   * Second-order working-set selection (WSS 2 of Fan, Chen & Lin): i maximises −y_i ∇f_i over I_up, j minimises the
   * second-order decrease of the objective over I_low. Sets outI/outJ.
   * @returns true when the stopping criterion m(α) − M(α) < eps holds (no pair left to optimise)
   */
  protected selectWorkingSet(): boolean {
    const { G, y, QD, activeSize, status } = this;
    let Gmax = -Infinity;
    let Gmax2 = -Infinity;
    let GmaxIdx = -1;
    let GminIdx = -1;
    let objDiffMin = Infinity;
    for (let t = 0; t < activeSize; t++) {
      const st = status[t] as number;
      if (y[t] === 1) {
        if (st !== UPPER && -(G[t] as number) >= Gmax) {
          Gmax = -(G[t] as number);
          GmaxIdx = t;
        }
      } else if (st !== LOWER && (G[t] as number) >= Gmax) {
        Gmax = G[t] as number;
        GmaxIdx = t;
      }
    }
    const i = GmaxIdx;
    if (i !== -1) {
      const Qi = this.Q.getQ(i, activeSize);
      const yi2 = 2 * (y[i] as number);
      const QDi = QD[i] as number;
      for (let j = 0; j < activeSize; j++) {
        const Gj = G[j] as number;
        const st = status[j] as number;
        if (y[j] === 1) {
          if (st !== LOWER) {
            const gradDiff = Gmax + Gj;
            if (Gj >= Gmax2) Gmax2 = Gj;
            if (gradDiff > 0) {
              const quad = QDi + (QD[j] as number) - yi2 * (Qi[j] as number);
              const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
              if (objDiff <= objDiffMin) {
                GminIdx = j;
                objDiffMin = objDiff;
              }
            }
          }
        } else if (st !== UPPER) {
          const gradDiff = Gmax - Gj;
          if (-Gj >= Gmax2) Gmax2 = -Gj;
          if (gradDiff > 0) {
            const quad = QDi + (QD[j] as number) + yi2 * (Qi[j] as number);
            const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
            if (objDiff <= objDiffMin) {
              GminIdx = j;
              objDiffMin = objDiff;
            }
          }
        }
      }
    }
    if (Gmax + Gmax2 < this.eps || GminIdx === -1) return true;
    this.outI = GmaxIdx;
    this.outJ = GminIdx;
    return false;
  }

  private beShrunkC(i: number, Gmax1: number, Gmax2: number): boolean {
    const g = this.G[i] as number;
    if (this.isUpper(i)) return this.y[i] === 1 ? -g > Gmax1 : -g > Gmax2;
    if (this.isLower(i)) return this.y[i] === 1 ? g > Gmax2 : g > Gmax1;
    return false;
  }

  /** Removes from the active set the variables that stay at a bound (LIBSVM's shrinking rule). */
  protected doShrinking(): void {
    const { G, y } = this;
    let Gmax1 = -Infinity; // max { −y_i ∇f_i : i ∈ I_up }
    let Gmax2 = -Infinity; // max { y_i ∇f_i : i ∈ I_low }
    for (let i = 0; i < this.activeSize; i++) {
      const g = G[i] as number;
      if (y[i] === 1) {
        if (!this.isUpper(i) && -g >= Gmax1) Gmax1 = -g;
        if (!this.isLower(i) && g >= Gmax2) Gmax2 = g;
      } else {
        if (!this.isUpper(i) && -g >= Gmax2) Gmax2 = -g;
        if (!this.isLower(i) && g >= Gmax1) Gmax1 = g;
      }
    }
    if (!this.unshrink && Gmax1 + Gmax2 <= this.eps * 10) {
      this.unshrink = true;
      this.reconstructGradient();
      this.activeSize = this.l;
    }
    for (let i = 0; i < this.activeSize; i++) {
      if (!this.beShrunkC(i, Gmax1, Gmax2)) continue;
      this.activeSize--;
      while (this.activeSize > i) {
        if (!this.beShrunkC(this.activeSize, Gmax1, Gmax2)) {
          this.swapIndex(i, this.activeSize);
          break;
        }
        this.activeSize--;
      }
    }
  }

  /** ρ: the mean of y_i ∇f_i over free variables, or the middle of the feasible interval when none is free. */
  protected calculateRho(info: SolutionInfo): void {
    const { G, y } = this;
    let nrFree = 0;
    let ub = Infinity;
    let lb = -Infinity;
    let sumFree = 0;
    for (let i = 0; i < this.activeSize; i++) {
      const yG = (y[i] as number) * (G[i] as number);
      if (this.isUpper(i)) {
        if (y[i] === -1) ub = Math.min(ub, yG);
        else lb = Math.max(lb, yG);
      } else if (this.isLower(i)) {
        if (y[i] === 1) ub = Math.min(ub, yG);
        else lb = Math.max(lb, yG);
      } else {
        nrFree++;
        sumFree += yG;
      }
    }
    info.rho = nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;
    info.r = 1;
  }
}

/** LIBSVM's iteration cap: max(10⁷, 100 l), capped at the largest 32-bit integer. */
export function defaultMaxIter(l: number): number {
  return Math.max(10_000_000, l > 2147483647 / 100 ? 2147483647 : 100 * l);
}

function swap8(a: Int8Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

function swapU8(a: Uint8Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

function swap32(a: Int32Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

function swap64(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}
