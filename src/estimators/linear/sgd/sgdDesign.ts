import { ValueError } from '../../../errors/errors.js';
import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import { checkMatrix } from '../../base/checkMatrix.js';
import { DenseMatrix } from '../../base/DenseMatrix.js';
import { type MatrixLike, isDenseMatrixLike } from '../../base/matrixLike.js';
import type { Design } from '../linalg/Design.js';

/** A design for SGD and whether its values still need the finiteness check. */
export interface SgdDesign {
  M: Design;
  /** False when only the shape was checked: the training loop must verify every decision value is finite. */
  valuesChecked: boolean;
}

/**
 * Validates X for SGD. Nested rows, tensors and tables go through `checkMatrix` (they are copied anyway). Dense
 * matrices and CSR matrices are used as they are after a shape check on their first row: scanning every value
 * for NaN/±Infinity would cost a whole extra pass over data that is often larger than the caches, so the training
 * loop checks each decision value instead (a non-finite value in a row makes its decision value non-finite) and
 * calls `checkMatrix` for the exact error when one is not.
 * @param fullCheck scan every value now (needed when some rows are never trained on, e.g. a validation split)
 */
export function sgdDesign(X: MatrixLike, where: string, nFeatures: number | undefined, fullCheck: boolean): SgdDesign {
  const dense = !(X instanceof CsrMatrix) && isDenseMatrixLike(X);
  if (fullCheck || !(dense || X instanceof CsrMatrix) || X.rows === 0) {
    return { M: checkMatrix(X, { where, acceptSparse: true, nFeatures }), valuesChecked: true };
  }
  if (X instanceof CsrMatrix) {
    const end = X.indptr[1] as number;
    const head = new CsrMatrix(1, X.cols, Int32Array.of(0, end), X.indices.subarray(0, end), X.values.subarray(0, end));
    checkMatrix(head, { where, acceptSparse: true, nFeatures });
    return { M: X, valuesChecked: false };
  }
  const M = X instanceof DenseMatrix ? X : new DenseMatrix(X.rows, X.cols, X.data);
  checkMatrix(new DenseMatrix(1, M.cols, M.data.subarray(0, M.cols)), { where, nFeatures });
  return { M, valuesChecked: false };
}

/**
 * What the training loop calls when a decision value is not finite: the full `checkMatrix` scan names the row and
 * column of a NaN/±Infinity; when X is clean, the weights overflowed instead.
 * @throws DataError from `checkMatrix`, else ValueError
 */
export function nonFiniteDecision(X: MatrixLike, where: string, row: number): never {
  checkMatrix(X, { where, acceptSparse: true });
  throw new ValueError(
    `${where}: the decision value of row ${row} overflowed: the weights are no longer finite; scale the inputs (see StandardScaler) or lower eta0 / alpha.`,
    { where, row },
  );
}
