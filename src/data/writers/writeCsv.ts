import { ShapeError } from '../../errors/errors.js';
import { type Batch } from '../Batch.js';
import type { Source } from '../ops/source.js';
import { defaultFeatureNames, forEachDenseRow } from './batchRows.js';
import { formatFloat32, formatLabel } from './formatFloat.js';
import { openTextOutput } from './textOutput.js';

/** Options of `writeCsv`. */
export interface WriteCsvOptions {
  /** Feature column names (default f0, f1, …). */
  featureNames?: readonly string[];
  /** Name of the target column, written last (default 'label'). */
  labelName?: string;
  /** Field separator (default ','). */
  delimiter?: string;
  /** Write a header line (default true). */
  header?: boolean;
}

/**
 * Streams batches to a CSV file (gzip when the path ends in `.gz`) and returns the number of rows written.
 * Features are written in the shortest form that reads back as the same float32; NaN becomes an empty field.
 * @throws ShapeError when batches differ in columns or the names do not match.
 */
export async function writeCsv(path: string, batches: Source<Batch>, options: WriteCsvOptions = {}): Promise<number> {
  const out = openTextOutput(path);
  const sep = options.delimiter ?? ',';
  let cols = -1;
  let rowsWritten = 0;
  try {
    for await (const b of batches) {
      if (cols < 0) {
        cols = b.cols;
        const names = options.featureNames ?? defaultFeatureNames(cols);
        if (names.length !== cols) {
          throw new ShapeError(`writeCsv: ${names.length} feature names for ${cols} columns.`, { cols });
        }
        if (options.header ?? true) {
          const head = b.y === undefined ? names : [...names, options.labelName ?? 'label'];
          await out.write(head.map((n) => quote(n, sep)).join(sep) + '\n');
        }
      } else if (b.cols !== cols) {
        throw new ShapeError(`writeCsv: a batch has ${b.cols} columns; expected ${cols} as the first.`);
      }
      const y = b.y;
      const f32 = y instanceof Float32Array;
      const lines: string[] = new Array<string>(b.rows);
      forEachDenseRow(b, (row, i) => {
        let s = '';
        for (let j = 0; j < cols; j++) {
          const v = row[j] as number;
          if (j > 0) s += sep;
          if (v === v) s += formatFloat32(v);
        }
        if (y !== undefined) s += sep + formatLabel(y[i] as number, f32);
        lines[i] = s;
      });
      await out.write(lines.join('\n') + '\n');
      rowsWritten += b.rows;
    }
  } finally {
    await out.close();
  }
  return rowsWritten;
}

function quote(name: string, sep: string): string {
  return /["\n\r]/.test(name) || name.includes(sep) ? `"${name.replace(/"/g, '""')}"` : name;
}
