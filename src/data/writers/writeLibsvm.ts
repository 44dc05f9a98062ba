import type { Batch } from '../Batch.js';
import type { Source } from '../ops/source.js';
import { formatFloat32, formatLabel } from './formatFloat.js';
import { openTextOutput } from './textOutput.js';

/** Options of `writeLibsvm`. */
export interface WriteLibsvmOptions {
  /** Write 0-based indices (default false: LIBSVM's 1-based). */
  zeroBased?: boolean;
}

/**
 * Streams batches to a LIBSVM / svmlight file (gzip when the path ends in `.gz`): one line per row,
 * `label index:value …` with the non-zero entries in increasing index order. Returns the rows written.
 * Rows without targets get the label 0.
 */
export async function writeLibsvm(
  path: string,
  batches: Source<Batch>,
  options: WriteLibsvmOptions = {},
): Promise<number> {
  const out = openTextOutput(path);
  const base = options.zeroBased ? 0 : 1;
  let rowsWritten = 0;
  try {
    for await (const b of batches) {
      const { rows, cols, y } = b;
      const f32 = y instanceof Float32Array;
      const lines = new Array<string>(rows);
      for (let i = 0; i < rows; i++) {
        let s = y === undefined ? '0' : formatLabel(y[i] as number, f32);
        if (b.x instanceof Float32Array) {
          const x = b.x;
          for (let j = 0, o = i * cols; j < cols; j++, o++) {
            const v = x[o] as number;
            if (v !== 0) s += ` ${j + base}:${formatFloat32(v)}`;
          }
        } else {
          const { indptr, indices, values } = b.x;
          for (let k = indptr[i] as number; k < (indptr[i + 1] as number); k++) {
            const v = values[k] as number;
            if (v !== 0) s += ` ${(indices[k] as number) + base}:${formatFloat32(Math.fround(v))}`;
          }
        }
        lines[i] = s;
      }
      await out.write(lines.join('\n') + '\n');
      rowsWritten += rows;
    }
  } finally {
    await out.close();
  }
  return rowsWritten;
}
