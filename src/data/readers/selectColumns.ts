import { ConfigError } from '../../errors/errors.js';

/** A column named by its header name or its 0-based position. */
export type ColumnRef = string | number;

/** Which columns a reader turns into features and which one into the target. */
export interface ColumnSelection {
  /** Feature columns, in order (default: every column except the label and `ignore`). */
  features?: readonly ColumnRef[];
  /** Target column (default: none, batches without `y`). */
  label?: ColumnRef;
  /** Columns to leave out when `features` is not given. */
  ignore?: readonly ColumnRef[];
}

/** Resolved positions of a selection in a list of column names. */
export interface ResolvedColumns {
  featureIndex: number[];
  featureNames: string[];
  labelIndex: number;
  labelName: string | null;
}

/**
 * Resolves names and positions of `selection` against `names`.
 * @throws ConfigError naming `where` and the unknown column.
 */
export function selectColumns(names: readonly string[], selection: ColumnSelection, where: string): ResolvedColumns {
  const find = (ref: ColumnRef, role: string): number => {
    const i = typeof ref === 'number' ? ref : names.indexOf(ref);
    if (!Number.isInteger(i) || i < 0 || i >= names.length) {
      throw new ConfigError(
        `${where}: ${role} column ${JSON.stringify(ref)} not found; the columns are ${JSON.stringify(names)}.`,
        { column: ref, columns: [...names] },
      );
    }
    return i;
  };
  const labelIndex = selection.label === undefined ? -1 : find(selection.label, 'label');
  let featureIndex: number[];
  if (selection.features !== undefined) {
    featureIndex = selection.features.map((f) => find(f, 'feature'));
  } else {
    const skip = new Set((selection.ignore ?? []).map((f) => find(f, 'ignored')));
    featureIndex = names.map((_, i) => i).filter((i) => i !== labelIndex && !skip.has(i));
  }
  return {
    featureIndex,
    featureNames: featureIndex.map((i) => names[i] as string),
    labelIndex,
    labelName: labelIndex < 0 ? null : (names[labelIndex] as string),
  };
}
