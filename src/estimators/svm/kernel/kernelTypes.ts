/** The kernels of LIBSVM: `linear` u·v, `poly` (γ u·v + coef0)^degree, `rbf` exp(−γ‖u − v‖²), `sigmoid` tanh(γ u·v + coef0), `precomputed` K given. */
export type SvmKernel = 'linear' | 'poly' | 'rbf' | 'sigmoid' | 'precomputed';

/** Every kernel name, in LIBSVM's numbering order (its `kernel_type` 0–4). */
export const KERNEL_TYPES: readonly SvmKernel[] = ['linear', 'poly', 'rbf', 'sigmoid', 'precomputed'];

/** A kernel with its resolved parameters (gamma is a number here, never `'scale'` or `'auto'`). */
export interface SvmKernelParams {
  readonly kernel: SvmKernel;
  readonly gamma: number;
  readonly degree: number;
  readonly coef0: number;
}

/** x^n for an integer n >= 0 by repeated squaring (LIBSVM's `powi`, exact for small n). */
export function powi(x: number, n: number): number {
  let result = 1;
  let base = x;
  for (let t = n; t > 0; t = Math.floor(t / 2)) {
    if (t % 2 === 1) result *= base;
    base *= base;
  }
  return result;
}

/**
 * K(u, v) from the dot product u·v and the squared norms ‖u‖², ‖v‖² (the norms matter for rbf only).
 * `precomputed` is not handled here: its values are read from the given matrix.
 */
export function kernelFromDot(kp: SvmKernelParams, dot: number, sqU: number, sqV: number): number {
  switch (kp.kernel) {
    case 'linear':
      return dot;
    case 'poly':
      return powi(kp.gamma * dot + kp.coef0, kp.degree);
    case 'rbf':
      return Math.exp(-kp.gamma * (sqU + sqV - 2 * dot));
    case 'sigmoid':
      return Math.tanh(kp.gamma * dot + kp.coef0);
    default:
      return dot;
  }
}
