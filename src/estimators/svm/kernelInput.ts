import { ShapeError } from '../../errors/errors.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { checkMatrix, csrToDense } from '../base/checkMatrix.js';
import type { DenseMatrix } from '../base/DenseMatrix.js';
import type { MatrixLike } from '../base/matrixLike.js';
import { KernelEvaluator } from './kernel/KernelEvaluator.js';
import type { SvmKernelParams, SvmKernel } from './kernel/kernelTypes.js';
import { precomputedStore, storeFor } from './kernel/SampleStore.js';
import { type SvmGamma, resolveGamma } from './svmParams.js';

/** Validated training input of a kernel SVM. */
export interface KernelInput {
  /** The validated matrix (dense or CSR; a kernel matrix when precomputed). */
  X: DenseMatrix | CsrMatrix;
  kernel: KernelEvaluator;
  params: SvmKernelParams;
}

/**
 * Validates X for a kernel SVM (dense or CSR; a precomputed kernel must be square) and builds the kernel over it.
 * @throws DataError on NaN/±Infinity or bad input; ShapeError when a precomputed kernel matrix is not square
 */
export function fitKernelInput(
  X: MatrixLike,
  options: { kernel: SvmKernel; gamma: SvmGamma; degree: number; coef0: number },
  where: string,
): KernelInput {
  let M = checkMatrix(X, { where, acceptSparse: true });
  if (options.kernel === 'precomputed') {
    if (M instanceof CsrMatrix) M = csrToDense(M);
    if (M.rows !== M.cols) {
      throw new ShapeError(
        `${where}: a precomputed kernel matrix must be square (n_samples × n_samples); received ${M.rows} × ${M.cols}.`,
        { where, rows: M.rows, cols: M.cols },
      );
    }
    const params: SvmKernelParams = { kernel: 'precomputed', gamma: 0, degree: options.degree, coef0: options.coef0 };
    return { X: M, kernel: new KernelEvaluator(precomputedStore(M), params), params };
  }
  const params: SvmKernelParams = {
    kernel: options.kernel,
    gamma: resolveGamma(options.gamma, M),
    degree: options.degree,
    coef0: options.coef0,
  };
  return { X: M, kernel: new KernelEvaluator(storeFor(M), params), params };
}

/**
 * Validates X for prediction: `nFeatures` columns (for a precomputed kernel, one per training sample).
 */
export function predictInput(X: MatrixLike, nFeatures: number, where: string): DenseMatrix | CsrMatrix {
  return checkMatrix(X, { where, acceptSparse: true, nFeatures });
}
