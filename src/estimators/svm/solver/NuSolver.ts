import { type SolutionInfo, Solver, TAU } from './Solver.js';

/**
 * SMO for the nu formulations (nu-SVC, nu-SVR), which add the constraint eᵀα = const: the working pair is taken
 * from one class (y_i = y_j), so selection, shrinking and ρ are computed per class (Chang & Lin, Neural
 * Computation 2001; LIBSVM's Solver_NU). `info.r` receives the scale r of the solution.
 */
export class NuSolver extends Solver {
  protected override selectWorkingSet(): boolean {
    const { G, y, QD, activeSize } = this;
    let Gmaxp = -Infinity;
    let Gmaxp2 = -Infinity;
    let GmaxpIdx = -1;
    let Gmaxn = -Infinity;
    let Gmaxn2 = -Infinity;
    let GmaxnIdx = -1;
    let GminIdx = -1;
    let objDiffMin = Infinity;
    for (let t = 0; t < activeSize; t++) {
      const g = G[t] as number;
      if (y[t] === 1) {
        if (!this.isUpper(t) && -g >= Gmaxp) {
          Gmaxp = -g;
          GmaxpIdx = t;
        }
      } else if (!this.isLower(t) && g >= Gmaxn) {
        Gmaxn = g;
        GmaxnIdx = t;
      }
    }
    const ip = GmaxpIdx;
    const iN = GmaxnIdx;
    const Qip = ip !== -1 ? this.Q.getQ(ip, activeSize) : null;
    const Qin = iN !== -1 ? this.Q.getQ(iN, activeSize) : null;
    for (let j = 0; j < activeSize; j++) {
      const Gj = G[j] as number;
      if (y[j] === 1) {
        if (!this.isLower(j)) {
          const gradDiff = Gmaxp + Gj;
          if (Gj >= Gmaxp2) Gmaxp2 = Gj;
          if (gradDiff > 0 && Qip !== null) {
            const quad = (QD[ip] as number) + (QD[j] as number) - 2 * (Qip[j] as number);
            const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
            if (objDiff <= objDiffMin) {
              GminIdx = j;
              objDiffMin = objDiff;
            }
          }
        }
      } else if (!this.isUpper(j)) {
        const gradDiff = Gmaxn - Gj;
        if (-Gj >= Gmaxn2) Gmaxn2 = -Gj;
        if (gradDiff > 0 && Qin !== null) {
          const quad = (QD[iN] as number) + (QD[j] as number) - 2 * (Qin[j] as number);
          const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
          if (objDiff <= objDiffMin) {
            GminIdx = j;
            objDiffMin = objDiff;
          }
        }
      }
    }
    if (Math.max(Gmaxp + Gmaxp2, Gmaxn + Gmaxn2) < this.eps || GminIdx === -1) return true;
    this.outI = y[GminIdx] === 1 ? GmaxpIdx : GmaxnIdx;
    this.outJ = GminIdx;
    return false;
  }

  private beShrunkNu(i: number, Gmax1: number, Gmax2: number, Gmax3: number, Gmax4: number): boolean {
    const g = this.G[i] as number;
    if (this.isUpper(i)) return this.y[i] === 1 ? -g > Gmax1 : -g > Gmax4;
    if (this.isLower(i)) return this.y[i] === 1 ? g > Gmax2 : g > Gmax3;
    return false;
  }

  protected override doShrinking(): void {
    const { G, y } = this;
    let Gmax1 = -Infinity; // max { −y_i ∇f_i : y_i = +1, i ∈ I_up }
    let Gmax2 = -Infinity; // max { y_i ∇f_i : y_i = +1, i ∈ I_low }
    let Gmax3 = -Infinity; // max { −y_i ∇f_i : y_i = −1, i ∈ I_up }
    let Gmax4 = -Infinity; // max { y_i ∇f_i : y_i = −1, i ∈ I_low }
    for (let i = 0; i < this.activeSize; i++) {
      const g = G[i] as number;
      if (!this.isUpper(i)) {
        if (y[i] === 1) {
          if (-g > Gmax1) Gmax1 = -g;
        } else if (-g > Gmax4) Gmax4 = -g;
      }
      if (!this.isLower(i)) {
        if (y[i] === 1) {
          if (g > Gmax2) Gmax2 = g;
        } else if (g > Gmax3) Gmax3 = g;
      }
    }
    if (!this.unshrink && Math.max(Gmax1 + Gmax2, Gmax3 + Gmax4) <= this.eps * 10) {
      this.unshrink = true;
      this.reconstructGradient();
      this.activeSize = this.l;
    }
    for (let i = 0; i < this.activeSize; i++) {
      if (!this.beShrunkNu(i, Gmax1, Gmax2, Gmax3, Gmax4)) continue;
      this.activeSize--;
      while (this.activeSize > i) {
        if (!this.beShrunkNu(this.activeSize, Gmax1, Gmax2, Gmax3, Gmax4)) {
          this.swapIndex(i, this.activeSize);
          break;
        }
        this.activeSize--;
      }
    }
  }

  protected override calculateRho(info: SolutionInfo): void {
    const { G, y } = this;
    let nrFree1 = 0;
    let nrFree2 = 0;
    let ub1 = Infinity;
    let ub2 = Infinity;
    let lb1 = -Infinity;
    let lb2 = -Infinity;
    let sumFree1 = 0;
    let sumFree2 = 0;
    for (let i = 0; i < this.activeSize; i++) {
      const g = G[i] as number;
      if (y[i] === 1) {
        if (this.isUpper(i)) lb1 = Math.max(lb1, g);
        else if (this.isLower(i)) ub1 = Math.min(ub1, g);
        else {
          nrFree1++;
          sumFree1 += g;
        }
      } else if (this.isUpper(i)) lb2 = Math.max(lb2, g);
      else if (this.isLower(i)) ub2 = Math.min(ub2, g);
      else {
        nrFree2++;
        sumFree2 += g;
      }
    }
    const r1 = nrFree1 > 0 ? sumFree1 / nrFree1 : (ub1 + lb1) / 2;
    const r2 = nrFree2 > 0 ? sumFree2 / nrFree2 : (ub2 + lb2) / 2;
    info.r = (r1 + r2) / 2;
    info.rho = (r1 - r2) / 2;
  }
}
