import { DataError, ShapeError } from '../errors/errors.js';
import type { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import {
  type Cell,
  type Column,
  type MatrixLike,
  type Row,
  type Table,
  isDenseMatrixLike,
  matrixKind,
} from '../estimators/base/matrixLike.js';
import type { CsrMatrix } from '../tensor/CsrMatrix.js';
import type { Tensor } from '../tensor/Tensor.js';

/** A category: a number, a string, or null for "missing" (null and NaN inputs). */
export type Category = number | string | null;

/** Categorical input read column by column. */
export interface CategoricalColumns {
  rows: number;
  /** Per column, its values with missing (null/NaN) as null. */
  columns: Category[][];
  /** Per column, whether its non-missing values are numbers or strings (all-missing columns count as numbers). */
  kinds: ('number' | 'string')[];
  /** Column names of a table input, else null. */
  names: string[] | null;
}

/** Missing values are null; the rest compare as numbers or as strings. */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** Order of categories: numbers ascending or strings by code unit, missing last (numpy's order for np.unique). */
export function compareCategories(a: Category, b: Category): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * A category as text for messages and feature names. Missing prints as Python prints it: `nan` in a numeric
 * column (NaN), `None` in a string column (None).
 */
export function categoryText(c: Category, kind: 'number' | 'string' = 'number'): string {
  if (c === null) return kind === 'string' ? 'None' : 'nan';
  return String(c);
}

function fromColumnArrays(cols: Column[], rows: number, names: string[] | null, where: string): CategoricalColumns {
  const columns: Category[][] = [];
  const kinds: ('number' | 'string')[] = [];
  cols.forEach((col, j) => {
    const out: Category[] = new Array(rows);
    let kind: 'number' | 'string' | null = null;
    for (let i = 0; i < rows; i++) {
      const v = col[i] as Cell | undefined;
      if (isMissing(v)) {
        out[i] = null;
        continue;
      }
      const t = typeof v;
      if (t !== 'number' && t !== 'string') {
        throw new DataError(`${where}: X contains ${t} at row ${i}, column ${j}; expected numbers, strings or null.`, {
          where,
          row: i,
          column: j,
        });
      }
      if (t === 'number' && !Number.isFinite(v)) {
        throw new DataError(`${where}: X contains ${String(v)} at row ${i}, column ${j}; categories must be finite.`, {
          where,
          row: i,
          column: j,
        });
      }
      if (kind === null) kind = t as 'number' | 'string';
      else if (kind !== t) {
        throw new DataError(
          `${where}: column ${names ? `"${names[j]}"` : j} mixes numbers and strings (row ${i} is a ${t}); convert it to one type.`,
          { where, row: i, column: j },
        );
      }
      out[i] = v as number | string;
    }
    columns.push(out);
    kinds.push(kind ?? 'number');
  });
  return { rows, columns, kinds, names };
}

/**
 * Reads categorical input (nested rows of numbers/strings/null, a table, or any numeric matrix) column by column.
 * @throws DataError on ragged rows, a column mixing numbers and strings, ±Infinity, or empty input;
 *   ShapeError when `nFeatures` is given and differs
 */
export function readCategorical(X: MatrixLike, where: string, nFeatures?: number): CategoricalColumns {
  const kind = matrixKind(X, where);
  let result: CategoricalColumns;
  if (kind === 'table') {
    const names = Object.keys(X as Table);
    const cols = names.map((n) => (X as Table)[n] as Column);
    const rows = cols[0]?.length ?? 0;
    cols.forEach((c, j) => {
      if (c.length !== rows) {
        throw new DataError(
          `${where}: X column "${names[j]}" has ${c.length} values; expected ${rows} like column "${names[0]}".`,
        );
      }
    });
    result = fromColumnArrays(cols, rows, names, where);
  } else if (kind === 'rows') {
    const rowsIn = X as readonly Row[];
    const width = rowsIn[0]?.length ?? 0;
    rowsIn.forEach((r, i) => {
      if (r === null || typeof r !== 'object') {
        throw new DataError(
          `${where}: X must be 2-D (an array of rows); row ${i} is ${r === null ? 'null' : typeof r}.`,
        );
      }
      if (r.length !== width) {
        throw new DataError(
          `${where}: X row ${i} has ${r.length} values; expected ${width} like row 0 (ragged rows are not allowed).`,
          { where, row: i },
        );
      }
    });
    const cols: Cell[][] = Array.from({ length: width }, (_, j) => rowsIn.map((r) => r[j] as Cell));
    result = fromColumnArrays(cols, rowsIn.length, null, where);
  } else {
    let rows: number;
    let width: number;
    let data: ArrayLike<number>;
    if (kind === 'csr') {
      const c = X as CsrMatrix;
      rows = c.rows;
      width = c.cols;
      data = c.toDense();
    } else if (kind === 'tensor') {
      const t = X as Tensor;
      if (t.rank !== 2) throw new ShapeError(`${where}: X must be a rank-2 tensor; received rank ${t.rank}.`);
      [rows, width] = t.shape as [number, number];
      data = t.data;
    } else {
      const d = X as DenseMatrix;
      if (!isDenseMatrixLike(d)) throw new DataError(`${where}: unreadable input.`);
      rows = d.rows;
      width = d.cols;
      data = d.data;
    }
    const cols = Array.from({ length: width }, (_, j) =>
      Array.from({ length: rows }, (_, i) => data[i * width + j] as number),
    );
    result = fromColumnArrays(cols, rows, null, where);
  }
  if (result.rows === 0) throw new DataError(`${where}: X has 0 rows; at least 1 is required.`, { where });
  if (result.columns.length === 0)
    throw new DataError(`${where}: X has 0 columns; at least 1 feature is required.`, { where });
  if (nFeatures !== undefined && result.columns.length !== nFeatures) {
    throw new ShapeError(
      `${where}: X has ${result.columns.length} features, but the estimator was fitted with ${nFeatures} features.`,
      { where, received: result.columns.length, expected: nFeatures },
    );
  }
  return result;
}

/** Sorted distinct categories of a column (missing last) with their counts. */
export function uniqueCategories(values: readonly Category[]): { categories: Category[]; counts: number[] } {
  const counts = new Map<Category, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const categories = [...counts.keys()].sort(compareCategories);
  return { categories, counts: categories.map((c) => counts.get(c) as number) };
}

/** A lookup from category to its index (missing = null). */
export function categoryIndex(categories: readonly Category[]): Map<Category, number> {
  return new Map(categories.map((c, i) => [c, i]));
}
