import { DataError } from '../errors/errors.js';
import { type Validator, satisfies } from '../estimators/base/validators.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import { DenseMatrix } from '../estimators/base/DenseMatrix.js';

const EPS = 2.220446049250313e-16; // np.finfo(np.float64).eps

/**
 * scikit-learn's `_handle_zeros_in_scale`: scales that would divide by (nearly) zero become 1. Without a mask,
 * "nearly zero" is below 10·eps; with one, the masked entries are set to 1.
 */
export function handleZerosInScale(scale: Float64Array, constantMask?: Uint8Array): Float64Array {
  const out = scale.slice();
  for (let j = 0; j < out.length; j++) {
    const constant = constantMask ? constantMask[j] === 1 : (out[j] as number) < 10 * EPS;
    if (constant) out[j] = 1;
  }
  return out;
}

/**
 * scikit-learn's `_is_constant_feature`: a variance within the error bound of the two-pass algorithm
 * (n·eps·var + (n·mean·eps)², Chan, Golub & LeVeque) is treated as zero.
 */
export function constantFeatureMask(variance: Float64Array, mean: Float64Array, nSamples: Float64Array): Uint8Array {
  const out = new Uint8Array(variance.length);
  for (let j = 0; j < variance.length; j++) {
    const n = nSamples[j] as number;
    const v = variance[j] as number;
    const bound = n * EPS * v + (n * (mean[j] as number) * EPS) ** 2;
    out[j] = v <= bound ? 1 : 0;
  }
  return out;
}

/** A float64 copy of a dense matrix with `f(value, column)` applied to every entry. */
export function mapDense(X: DenseMatrix, f: (v: number, j: number) => number): DenseMatrix {
  const out = new DenseMatrix(X.rows, X.cols);
  const { cols } = X;
  for (let i = 0; i < X.rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) out.data[base + j] = f(X.data[base + j] as number, j);
  }
  return out;
}

/** A float64 copy of a CSR matrix (same sparsity) with `f(value, column)` applied to every stored entry. */
export function mapSparse(X: CsrMatrix, f: (v: number, j: number) => number): CsrMatrix {
  const values = new Float64Array(X.nnz);
  for (let k = 0; k < X.nnz; k++) values[k] = f(X.values[k] as number, X.indices[k] as number);
  return new CsrMatrix(X.rows, X.cols, X.indptr.slice(), X.indices.slice(), values);
}

/** Throws the error scikit-learn raises when a sparse matrix would have to be centred. */
export function cannotCenterSparse(where: string, option: string): DataError {
  return new DataError(
    `${where}: cannot center a sparse CsrMatrix (it would become dense); set ${option}: false, or convert X to dense first.`,
    { where, option },
  );
}

/**
 * Validator of a `[min, max]` option: two numbers within [lo, hi] with min < max (min <= max when `allowEqual`).
 */
export function orderedPair(lo = -Infinity, hi = Infinity, allowEqual = false): Validator {
  const within = lo === -Infinity && hi === Infinity ? 'finite numbers' : `numbers in [${lo}, ${hi}]`;
  return satisfies(`a pair [min, max] of ${within} with min ${allowEqual ? '<=' : '<'} max`, (v) => {
    if (!Array.isArray(v) || v.length !== 2) return false;
    const [a, b] = v as unknown[];
    if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) return false;
    return a >= lo && b <= hi && (allowEqual ? a <= b : a < b);
  });
}
