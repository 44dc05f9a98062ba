/** Eigen-decomposition A = V·diag(values)·Vᵀ of a symmetric matrix. */
export interface SymmetricEigen {
  /** n eigenvalues (unsorted). */
  values: Float64Array;
  /** n × n row-major; column k is the eigenvector of `values[k]`. */
  vectors: Float64Array;
}

/**
 * Eigenvalues and eigenvectors of a symmetric n × n matrix by cyclic Jacobi rotations (Golub & Van Loan,
 * "Matrix Computations", §8.5): slow (O(n³) per sweep) but accurate to working precision, used only as the
 * fallback for rank-deficient normal equations.
 * @param a row-major symmetric matrix; not modified
 * @param n its order
 * @param maxSweeps sweeps before giving up; default 100
 */
export function symmetricEigen(a: Float64Array, n: number, maxSweeps = 100): SymmetricEigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let total = 0;
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        const x = (m[p * n + q] as number) ** 2;
        total += x;
        if (p !== q) off += x;
      }
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q] as number;
        if (apq === 0) continue;
        const app = m[p * n + p] as number;
        const aqq = m[q * n + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p] as number;
          const mkq = m[k * n + q] as number;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k] as number;
          const mqk = m[q * n + k] as number;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i] as number;
  return { values, vectors: v };
}

/**
 * Minimum-norm solution of A·x = b for symmetric positive semi-definite A (the pseudo-inverse A⁺·b), dropping
 * eigenvalues below `rcond · λmax` as numpy's `lstsq` drops small singular values.
 * @param rcond relative cutoff; default n · machine epsilon
 * @returns the solution and the number of eigenvalues kept (the numerical rank)
 */
export function pinvSolve(
  a: Float64Array,
  n: number,
  b: Float64Array,
  rcond = n * 2.220446049250313e-16,
): { x: Float64Array; rank: number } {
  const { values, vectors } = symmetricEigen(a, n);
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(values[i] as number));
  const cut = rcond * max;
  const x = new Float64Array(n);
  let rank = 0;
  for (let k = 0; k < n; k++) {
    const lambda = values[k] as number;
    if (!(lambda > cut)) continue;
    rank++;
    let proj = 0;
    for (let i = 0; i < n; i++) proj += (vectors[i * n + k] as number) * (b[i] as number);
    const c = proj / lambda;
    for (let i = 0; i < n; i++) x[i] = (x[i] as number) + c * (vectors[i * n + k] as number);
  }
  return { x, rank };
}
