import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { Design } from '../linalg/Design.js';
import { csrToCsc } from '../linalg/csrToCsc.js';

/**
 * What coordinate descent needs of the design X̃ = W^½·(X − 1·mᵀ) and the residual R = ỹ − X̃·θ, with
 * ỹ = W^½·(y − ȳ): column norms, column·residual products and rank-one residual updates.
 */
export interface CdDesign {
  readonly nFeatures: number;
  /** ‖x̃ⱼ‖². */
  colNorm(j: number): number;
  /** x̃ⱼ·R. */
  colDotResidual(j: number): number;
  /** R ← R − δ·x̃ⱼ. */
  updateResidual(j: number, delta: number): void;
  /** ‖R‖². */
  residualNorm2(): number;
  /** R·ỹ. */
  residualDotTarget(): number;
  /** ‖ỹ‖². */
  targetNorm2(): number;
}

/**
 * Builds the coordinate-descent view of a design: dense input is copied column-major, centred and weighted
 * (contiguous columns); CSR input is transposed to CSC and centred implicitly, the residual kept as Rₛ + c·√w so a
 * coordinate update touches only the column's non-zeros.
 * @param sw sample weights, already scaled to sum to the number of rows
 * @param theta starting coefficients (the residual starts at ỹ − X̃·θ)
 */
export function cdDesign(
  X: Design,
  y: Float64Array,
  sw: Float64Array,
  xMean: Float64Array,
  yMean: number,
  theta: Float64Array,
): CdDesign {
  return X instanceof CsrMatrix
    ? new SparseCdDesign(X, y, sw, xMean, yMean, theta)
    : new DenseCdDesign(X.data, X.rows, X.cols, y, sw, xMean, yMean, theta);
}

class DenseCdDesign implements CdDesign {
  readonly nFeatures: number;
  private readonly n: number;
  private readonly cols: Float64Array;
  private readonly norms: Float64Array;
  private readonly target: Float64Array;
  private readonly r: Float64Array;

  constructor(
    data: Float32Array | Float64Array,
    n: number,
    d: number,
    y: Float64Array,
    sw: Float64Array,
    xMean: Float64Array,
    yMean: number,
    theta: Float64Array,
  ) {
    this.n = n;
    this.nFeatures = d;
    this.cols = new Float64Array(n * d);
    this.norms = new Float64Array(d);
    this.target = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = Math.sqrt(sw[i] as number);
      this.target[i] = s * ((y[i] as number) - yMean);
      for (let j = 0; j < d; j++) this.cols[j * n + i] = s * ((data[i * d + j] as number) - (xMean[j] as number));
    }
    this.r = Float64Array.from(this.target);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (this.cols[j * n + i] as number) ** 2;
      this.norms[j] = s;
      if (theta[j] !== 0) this.updateResidual(j, theta[j] as number);
    }
  }

  colNorm(j: number): number {
    return this.norms[j] as number;
  }

  colDotResidual(j: number): number {
    const { cols, r, n } = this;
    const off = j * n;
    let s0 = 0;
    let s1 = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      s0 += (cols[off + i] as number) * (r[i] as number);
      s1 += (cols[off + i + 1] as number) * (r[i + 1] as number);
    }
    if (i < n) s0 += (cols[off + i] as number) * (r[i] as number);
    return s0 + s1;
  }

  updateResidual(j: number, delta: number): void {
    const { cols, r, n } = this;
    const off = j * n;
    for (let i = 0; i < n; i++) r[i] = (r[i] as number) - delta * (cols[off + i] as number);
  }

  residualNorm2(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s += (this.r[i] as number) ** 2;
    return s;
  }

  residualDotTarget(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s += (this.r[i] as number) * (this.target[i] as number);
    return s;
  }

  targetNorm2(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s += (this.target[i] as number) ** 2;
    return s;
  }
}

/**
 * Sparse view: column j of X̃ is √w∘(Xⱼ − mⱼ). The residual is R = Rₛ + c·√w; with S = √w·Rₛ and
 * cⱼ = Σᵢ wᵢXᵢⱼ, x̃ⱼ·R = Σ_{nz} √wᵢXᵢⱼRₛᵢ + c·cⱼ − mⱼ·(S + c·Σw), and R −= δx̃ⱼ is Rₛ −= δ√w∘Xⱼ (non-zeros only),
 * S −= δcⱼ, c += δmⱼ.
 */
class SparseCdDesign implements CdDesign {
  readonly nFeatures: number;
  private readonly n: number;
  private readonly colPtr: Int32Array;
  private readonly rowIndex: Int32Array;
  /** √wᵢ·Xᵢⱼ by column. */
  private readonly sv: Float64Array;
  private readonly s: Float64Array;
  private readonly xMean: Float64Array;
  private readonly colW: Float64Array;
  private readonly norms: Float64Array;
  private readonly yc: Float64Array;
  private readonly rs: Float64Array;
  private readonly swTotal: number;
  private c = 0;
  private sDotRs = 0;

  constructor(
    X: CsrMatrix,
    y: Float64Array,
    sw: Float64Array,
    xMean: Float64Array,
    yMean: number,
    theta: Float64Array,
  ) {
    const csc = csrToCsc(X);
    const n = X.rows;
    const d = X.cols;
    this.n = n;
    this.nFeatures = d;
    this.colPtr = csc.colPtr;
    this.rowIndex = csc.rowIndex;
    this.xMean = xMean;
    this.s = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      this.s[i] = Math.sqrt(sw[i] as number);
      total += sw[i] as number;
    }
    this.swTotal = total;
    this.sv = new Float64Array(csc.values.length);
    this.colW = new Float64Array(d);
    this.norms = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let cw = 0;
      let sq = 0;
      for (let k = csc.colPtr[j] as number; k < (csc.colPtr[j + 1] as number); k++) {
        const i = csc.rowIndex[k] as number;
        const si = this.s[i] as number;
        const v = csc.values[k] as number;
        this.sv[k] = si * v;
        cw += si * si * v;
        sq += si * si * v * v;
      }
      this.colW[j] = cw;
      const m = xMean[j] as number;
      // Σ w (x − m)² = Σ w x² − 2m Σ w x + m² Σ w
      this.norms[j] = Math.max(0, sq - 2 * m * cw + m * m * total);
    }
    this.yc = new Float64Array(n);
    for (let i = 0; i < n; i++) this.yc[i] = (this.s[i] as number) * ((y[i] as number) - yMean);
    this.rs = Float64Array.from(this.yc);
    let sr = 0;
    for (let i = 0; i < n; i++) sr += (this.s[i] as number) * (this.rs[i] as number);
    this.sDotRs = sr;
    for (let j = 0; j < d; j++) if (theta[j] !== 0) this.updateResidual(j, theta[j] as number);
  }

  colNorm(j: number): number {
    return this.norms[j] as number;
  }

  colDotResidual(j: number): number {
    const { colPtr, rowIndex, sv, rs } = this;
    let dot = 0;
    for (let k = colPtr[j] as number; k < (colPtr[j + 1] as number); k++)
      dot += (sv[k] as number) * (rs[rowIndex[k] as number] as number);
    return dot + this.c * (this.colW[j] as number) - (this.xMean[j] as number) * (this.sDotRs + this.c * this.swTotal);
  }

  updateResidual(j: number, delta: number): void {
    const { colPtr, rowIndex, sv, rs } = this;
    for (let k = colPtr[j] as number; k < (colPtr[j + 1] as number); k++) {
      const i = rowIndex[k] as number;
      rs[i] = (rs[i] as number) - delta * (sv[k] as number);
    }
    this.sDotRs -= delta * (this.colW[j] as number);
    this.c += delta * (this.xMean[j] as number);
  }

  residualNorm2(): number {
    // ‖Rₛ + c√w‖² = ‖Rₛ‖² + 2c·S + c²·Σw
    let s = 0;
    for (let i = 0; i < this.n; i++) s += (this.rs[i] as number) ** 2;
    return s + 2 * this.c * this.sDotRs + this.c * this.c * this.swTotal;
  }

  residualDotTarget(): number {
    let s = 0;
    let sy = 0;
    for (let i = 0; i < this.n; i++) {
      s += (this.rs[i] as number) * (this.yc[i] as number);
      sy += (this.s[i] as number) * (this.yc[i] as number);
    }
    return s + this.c * sy;
  }

  targetNorm2(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s += (this.yc[i] as number) ** 2;
    return s;
  }
}
