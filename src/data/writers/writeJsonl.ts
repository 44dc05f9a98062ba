import { ShapeError } from '../../errors/errors.js';
import type { Batch } from '../Batch.js';
import type { Source } from '../ops/source.js';
import { defaultFeatureNames, forEachDenseRow } from './batchRows.js';
import { formatFloat32 } from './formatFloat.js';
import { openTextOutput } from './textOutput.js';

/** Options of `writeJsonl`. */
export interface WriteJsonlOptions {
  /** Feature names (default f0, f1, …), one key per feature. */
  featureNames?: readonly string[];
  /** Key of the target (default 'label'). */
  labelName?: string;
  /** Write the features as one array under this key instead of one key per feature. */
  arrayKey?: string;
}

/**
 * Streams batches to a JSON Lines file (gzip when the path ends in `.gz`), one object per row. NaN becomes
 * null (missing). Returns the rows written.
 */
export async function writeJsonl(
  path: string,
  batches: Source<Batch>,
  options: WriteJsonlOptions = {},
): Promise<number> {
  const out = openTextOutput(path);
  const labelName = options.labelName ?? 'label';
  let names: readonly string[] | null = null;
  let rowsWritten = 0;
  try {
    for await (const b of batches) {
      names ??= options.featureNames ?? defaultFeatureNames(b.cols);
      if (names.length !== b.cols)
        throw new ShapeError(`writeJsonl: ${names.length} feature names for ${b.cols} columns.`);
      const keys = names.map((k) => JSON.stringify(k) + ':');
      const arrayKey = options.arrayKey === undefined ? null : JSON.stringify(options.arrayKey) + ':[';
      const labelKey = JSON.stringify(labelName) + ':';
      const y = b.y;
      const lines = new Array<string>(b.rows);
      // Built by hand: numbers in their shortest float32 form, NaN and ±Infinity as null.
      forEachDenseRow(b, (row, i) => {
        let s = arrayKey === null ? '{' : '{' + arrayKey;
        for (let j = 0; j < row.length; j++) {
          if (j > 0) s += ',';
          if (arrayKey === null) s += keys[j];
          s += jsonNumber(row[j] as number, true);
        }
        if (arrayKey !== null) s += ']';
        if (y !== undefined)
          s += (row.length > 0 ? ',' : '') + labelKey + jsonNumber(y[i] as number, y instanceof Float32Array);
        lines[i] = s + '}';
      });
      await out.write(lines.join('\n') + '\n');
      rowsWritten += b.rows;
    }
  } finally {
    await out.close();
  }
  return rowsWritten;
}

function jsonNumber(v: number, float32: boolean): string {
  if (!Number.isFinite(v)) return 'null';
  return float32 ? formatFloat32(v) : String(v);
}
