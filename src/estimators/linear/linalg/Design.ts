import type { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { DenseMatrix } from '../../base/DenseMatrix.js';

/**
 * A validated design matrix as the linear solvers read it: dense row-major (float32 or float64 values) or CSR.
 * `checkMatrix(X, { acceptSparse: true })` returns one.
 */
export type Design = DenseMatrix | CsrMatrix;
