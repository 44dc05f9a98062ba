import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { RecordBatchFileWriter, RecordBatchStreamWriter, tableFromArrays } from 'apache-arrow';
import { ShapeError } from '../../errors/errors.js';
import type { Batch } from '../Batch.js';
import type { Source } from '../ops/source.js';
import { defaultFeatureNames } from './batchRows.js';

/** Options of `writeArrow`. */
export interface WriteArrowOptions {
  /** Feature column names (default f0, f1, …). */
  featureNames?: readonly string[];
  /** Name of the target column (default 'label'). */
  labelName?: string;
  /** 'file' (random access, `.arrow`/`.feather`; default) or 'stream' (`.arrows`). */
  format?: 'file' | 'stream';
}

/**
 * Streams batches to an Arrow IPC file with apache-arrow, one record batch per input batch: Float32 feature
 * columns and the target in its own dtype. Returns the rows written.
 */
export async function writeArrow(
  path: string,
  batches: Source<Batch>,
  options: WriteArrowOptions = {},
): Promise<number> {
  const format = options.format ?? (path.endsWith('.arrows') ? 'stream' : 'file');
  const writer = format === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  const out = createWriteStream(path);
  const piped = writer.toNodeStream().pipe(out);
  const closed = once(piped, 'close');
  let names: readonly string[] | null = null;
  let rowsWritten = 0;
  for await (const b of batches) {
    names ??= options.featureNames ?? defaultFeatureNames(b.cols);
    if (names.length !== b.cols)
      throw new ShapeError(`writeArrow: ${names.length} feature names for ${b.cols} columns.`);
    const cols: Record<string, Float32Array | Float64Array | Int32Array> = {};
    const dense = b.x instanceof Float32Array ? b.x : Float32Array.from(b.x.toDense());
    names.forEach((n, j) => {
      const c = new Float32Array(b.rows);
      for (let i = 0; i < b.rows; i++) c[i] = dense[i * b.cols + j] as number;
      cols[n] = c;
    });
    if (b.y !== undefined) cols[options.labelName ?? 'label'] = b.y;
    for (const rb of tableFromArrays(cols).batches) writer.write(rb);
    rowsWritten += b.rows;
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  writer.finish();
  await closed;
  return rowsWritten;
}
