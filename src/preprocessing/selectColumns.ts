import { ConfigError, ShapeError } from '../errors/errors.js';
import { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import {
  type Cell,
  type Column,
  type MatrixLike,
  type Row,
  type Table,
  isDenseMatrixLike,
  matrixKind,
} from '../estimators/base/matrixLike.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import type { Tensor } from '../tensor/Tensor.js';

/** Which columns a ColumnTransformer part takes: an index or name, several, or a boolean mask. */
export type ColumnSelector = number | string | readonly number[] | readonly string[] | readonly boolean[];

/** Number of columns of X and, for tables, their names. */
export function widthAndNames(X: MatrixLike, where: string): { width: number; names: string[] | null } {
  const kind = matrixKind(X, where);
  if (kind === 'table') {
    const names = Object.keys(X as Table);
    return { width: names.length, names };
  }
  if (kind === 'rows') return { width: ((X as readonly Row[])[0] as Row | undefined)?.length ?? 0, names: null };
  if (kind === 'csr') return { width: (X as CsrMatrix).cols, names: null };
  if (kind === 'tensor') return { width: (X as Tensor).shape[1] ?? 0, names: null };
  return { width: (X as DenseMatrix).cols, names: null };
}

/**
 * Resolves a selector to column indices (in the selector's order).
 * @throws ConfigError on names without a table input or not among its columns, indices out of range, or a mask
 *   of the wrong length
 */
export function resolveColumns(
  selector: ColumnSelector,
  width: number,
  names: readonly string[] | null,
  where: string,
  part: string,
): number[] {
  const list = Array.isArray(selector) ? (selector as readonly unknown[]) : [selector];
  if (list.length > 0 && list.every((v) => typeof v === 'boolean')) {
    if (list.length !== width) {
      throw new ConfigError(
        `${where}: the boolean column mask of "${part}" has ${list.length} entries; X has ${width} columns.`,
      );
    }
    return list.flatMap((v, j) => (v ? [j] : []));
  }
  return list.map((c) => {
    if (typeof c === 'string') {
      if (names === null) {
        throw new ConfigError(
          `${where}: "${part}" selects column "${c}" by name, which needs a table input (an object of named columns).`,
        );
      }
      const j = names.indexOf(c);
      if (j < 0)
        throw new ConfigError(
          `${where}: "${part}" selects column "${c}", which X does not have (columns: ${names.join(', ')}).`,
        );
      return j;
    }
    if (typeof c !== 'number' || !Number.isInteger(c)) {
      throw new ConfigError(`${where}: "${part}" has an invalid column selector ${JSON.stringify(c)}.`);
    }
    const j = c < 0 ? width + c : c;
    if (j < 0 || j >= width)
      throw new ConfigError(`${where}: "${part}" selects column ${c}, but X has ${width} columns.`);
    return j;
  });
}

/** The columns `indices` of X, in X's form (a table keeps the names; a tensor becomes a DenseMatrix). */
export function selectColumns(X: MatrixLike, indices: readonly number[], where: string): MatrixLike {
  const kind = matrixKind(X, where);
  if (kind === 'table') {
    const names = Object.keys(X as Table);
    const out: Record<string, Column> = {};
    for (const j of indices) out[names[j] as string] = (X as Table)[names[j] as string] as Column;
    return out;
  }
  if (kind === 'rows') return (X as readonly Row[]).map((r) => indices.map((j) => r[j] as Cell));
  if (kind === 'csr') {
    const m = X as CsrMatrix;
    const position = new Int32Array(m.cols).fill(-1);
    indices.forEach((j, k) => (position[j] = k));
    const indptr = new Int32Array(m.rows + 1);
    const idx: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < m.rows; i++) {
      const entries: [number, number][] = [];
      for (let k = m.indptr[i] as number; k < (m.indptr[i + 1] as number); k++) {
        const p = position[m.indices[k] as number] as number;
        if (p >= 0) entries.push([p, m.values[k] as number]);
      }
      entries.sort((a, b) => a[0] - b[0]);
      for (const [p, v] of entries) {
        idx.push(p);
        val.push(v);
      }
      indptr[i + 1] = idx.length;
    }
    return new CsrMatrix(m.rows, indices.length, indptr, Int32Array.from(idx), Float64Array.from(val));
  }
  const rows = kind === 'tensor' ? ((X as Tensor).shape[0] as number) : (X as DenseMatrix).rows;
  const cols = kind === 'tensor' ? ((X as Tensor).shape[1] as number) : (X as DenseMatrix).cols;
  const data = kind === 'tensor' ? (X as Tensor).data : (X as DenseMatrix).data;
  if (kind === 'tensor' && (X as Tensor).rank !== 2) throw new ShapeError(`${where}: X must be a rank-2 tensor.`);
  if (kind === 'dense' && !isDenseMatrixLike(X)) throw new ShapeError(`${where}: unreadable input.`);
  const out = new DenseMatrix(rows, indices.length);
  for (let i = 0; i < rows; i++)
    indices.forEach((j, k) => (out.data[i * indices.length + k] = data[i * cols + j] as number));
  return out;
}
