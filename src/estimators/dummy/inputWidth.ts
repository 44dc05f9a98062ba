import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { Tensor } from '../../tensor/Tensor.js';
import { type MatrixLike, type Row, type Table, isDenseMatrixLike } from '../base/matrixLike.js';

/** Number of columns of any accepted input, without validating its values (the dummy estimators ignore them). */
export function inputWidth(X: MatrixLike): number {
  if (X instanceof CsrMatrix) return X.cols;
  if (X instanceof Tensor) return X.shape[1] ?? 1;
  if (Array.isArray(X)) return ((X as readonly Row[])[0] as Row | undefined)?.length ?? 0;
  if (isDenseMatrixLike(X)) return X.cols;
  return Object.keys(X as Table).length;
}
