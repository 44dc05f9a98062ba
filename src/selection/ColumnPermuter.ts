import { CsrMatrix } from '../tensor/CsrMatrix.js';
import { Tensor } from '../tensor/Tensor.js';
import { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import {
  type Cell,
  type Column,
  type MatrixLike,
  type Row,
  type Table,
  matrixKind,
} from '../estimators/base/matrixLike.js';
import { ShapeError } from '../errors/errors.js';

/**
 * Makes copies of X with one column's values permuted across rows, in X's own form (nested rows, DenseMatrix,
 * Tensor, CsrMatrix or table). X itself is never changed.
 */
export class ColumnPermuter {
  readonly nColumns: number;
  private readonly kind: ReturnType<typeof matrixKind>;
  private readonly X: MatrixLike;
  private rows: Cell[][] | null = null;
  private data: Float32Array | Float64Array | Int32Array | null = null;
  private table: Record<string, Column> | null = null;

  constructor(X: MatrixLike) {
    this.kind = matrixKind(X, 'permutationImportance');
    this.X = X;
    if (this.kind === 'rows') {
      this.rows = (X as readonly Row[]).map((r) => Array.from(r as ArrayLike<Cell>));
      this.nColumns = this.rows[0]?.length ?? 0;
    } else if (this.kind === 'dense') {
      const d = X as DenseMatrix;
      this.data = d.data.slice();
      this.nColumns = d.cols;
    } else if (this.kind === 'tensor') {
      const t = X as Tensor;
      if (t.rank !== 2)
        throw new ShapeError(`permutationImportance: X must be a rank-2 tensor; received rank ${t.rank}.`);
      this.data = t.data.slice();
      this.nColumns = t.shape[1] as number;
    } else if (this.kind === 'csr') {
      this.nColumns = (X as CsrMatrix).cols;
    } else {
      this.table = { ...(X as Table) };
      this.nColumns = Object.keys(this.table).length;
    }
  }

  /** X with column `j` replaced by `column j of X at rows order[i]` in row i. */
  permuted(j: number, order: ArrayLike<number>): MatrixLike {
    const n = order.length;
    if (this.rows) {
      const src = this.X as readonly Row[];
      for (let i = 0; i < n; i++) (this.rows[i] as Cell[])[j] = (src[order[i] as number] as Row)[j] as Cell;
      const out = this.rows.map((r) => [...r]);
      for (let i = 0; i < n; i++) (this.rows[i] as Cell[])[j] = (src[i] as Row)[j] as Cell;
      return out;
    }
    if (this.data) {
      const cols = this.nColumns;
      const src = this.kind === 'tensor' ? (this.X as Tensor).data : (this.X as DenseMatrix).data;
      const data = this.data.slice();
      for (let i = 0; i < n; i++) data[i * cols + j] = src[(order[i] as number) * cols + j] as number;
      if (this.kind === 'tensor') return new Tensor(data, [n, cols]);
      return new DenseMatrix(n, cols, data as Float64Array);
    }
    if (this.table) {
      const name = Object.keys(this.table)[j] as string;
      const col = (this.X as Table)[name] as Column;
      const permutedCol = Array.from(order, (i) => col[i] as Cell);
      return {
        ...this.table,
        [name]:
          col instanceof Float64Array || col instanceof Float32Array || col instanceof Int32Array
            ? Float64Array.from(permutedCol as number[])
            : permutedCol,
      };
    }
    return permuteCsrColumn(this.X as CsrMatrix, j, order);
  }
}

function permuteCsrColumn(X: CsrMatrix, j: number, order: ArrayLike<number>): CsrMatrix {
  const column = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    for (let k = X.indptr[i] as number; k < (X.indptr[i + 1] as number); k++)
      if (X.indices[k] === j) column[i] = X.values[k] as number;
  }
  const indptr = new Int32Array(X.rows + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < X.rows; i++) {
    const v = column[order[i] as number] as number;
    let placed = v === 0;
    for (let k = X.indptr[i] as number; k < (X.indptr[i + 1] as number); k++) {
      const c = X.indices[k] as number;
      if (c === j) continue;
      if (!placed && c > j) {
        idx.push(j);
        val.push(v);
        placed = true;
      }
      idx.push(c);
      val.push(X.values[k] as number);
    }
    if (!placed) {
      idx.push(j);
      val.push(v);
    }
    indptr[i + 1] = idx.length;
  }
  return new CsrMatrix(X.rows, X.cols, indptr, Int32Array.from(idx), Float64Array.from(val));
}
