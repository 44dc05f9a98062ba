import { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { Cell } from '../estimators/base/matrixLike.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';

/** One block of a horizontal stack: a numeric matrix or rows of cells (strings, null). */
export type Block = DenseMatrix | CsrMatrix | Cell[][];

/** Stored entries of a block as scikit-learn counts them for the sparse threshold (a dense block counts whole). */
export function blockEntries(b: Block): number {
  if (b instanceof CsrMatrix) return b.nnz;
  if (b instanceof DenseMatrix) return b.rows * b.cols;
  return b.length * (b[0]?.length ?? 0);
}

/** Columns of a block. */
export function blockWidth(b: Block): number {
  if (b instanceof CsrMatrix || b instanceof DenseMatrix) return b.cols;
  return b[0]?.length ?? 0;
}

/**
 * Side by side: rows of cells when any block holds cells, a CsrMatrix when `sparse`, else a DenseMatrix.
 */
export function hstack(blocks: readonly Block[], rows: number, sparse: boolean): Block {
  const width = blocks.reduce((s, b) => s + blockWidth(b), 0);
  if (blocks.some((b) => Array.isArray(b))) {
    const out: Cell[][] = Array.from({ length: rows }, () => []);
    for (const b of blocks) {
      for (let i = 0; i < rows; i++) {
        const row = out[i] as Cell[];
        if (Array.isArray(b)) row.push(...(b[i] as Cell[]));
        else if (b instanceof CsrMatrix) {
          const dense = new Array<number>(b.cols).fill(0);
          for (let k = b.indptr[i] as number; k < (b.indptr[i + 1] as number); k++)
            dense[b.indices[k] as number] = b.values[k] as number;
          row.push(...dense);
        } else row.push(...Array.from(b.row(i)));
      }
    }
    return out;
  }
  if (sparse) {
    const indptr = new Int32Array(rows + 1);
    const idx: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < rows; i++) {
      let offset = 0;
      for (const b of blocks as (DenseMatrix | CsrMatrix)[]) {
        if (b instanceof CsrMatrix) {
          for (let k = b.indptr[i] as number; k < (b.indptr[i + 1] as number); k++) {
            idx.push(offset + (b.indices[k] as number));
            val.push(b.values[k] as number);
          }
        } else {
          for (let j = 0; j < b.cols; j++) {
            const v = b.get(i, j);
            if (v !== 0) {
              idx.push(offset + j);
              val.push(v);
            }
          }
        }
        offset += b.cols;
      }
      indptr[i + 1] = idx.length;
    }
    return new CsrMatrix(rows, width, indptr, Int32Array.from(idx), Float64Array.from(val));
  }
  const out = new DenseMatrix(rows, width);
  let offset = 0;
  for (const b of blocks as (DenseMatrix | CsrMatrix)[]) {
    const dense = b instanceof CsrMatrix ? new DenseMatrix(b.rows, b.cols, b.toDense()) : b;
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < dense.cols; j++) out.data[i * width + offset + j] = dense.get(i, j);
    offset += dense.cols;
  }
  return out;
}
