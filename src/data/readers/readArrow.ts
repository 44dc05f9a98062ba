import { open } from 'node:fs/promises';
import { RecordBatchReader } from 'apache-arrow';
import type { RecordBatch } from 'apache-arrow';
import { DataError } from '../../errors/errors.js';
import type { ProgressCallback } from '../../util/progress.js';
import { type DenseBatch, type LabelDType, allocateLabels } from '../Batch.js';
import { Dataset } from '../Dataset.js';
import { type PathInput, expandPaths } from '../io/expandPaths.js';
import { type ShardSpec, checkShard } from '../io/ShardSpec.js';
import { type ColumnArray, copyColumn } from './columnValue.js';
import type { MissingPolicy } from './missingValues.js';
import { type ColumnSelection, selectColumns } from './selectColumns.js';
import { targetValue } from './targetValue.js';

/** Options of `readArrow`. */
export interface ArrowOptions extends ColumnSelection {
  /** Rows per batch (default 1024). */
  batchSize?: number;
  /** Storage of the targets (default 'float64'; 'int32' when `labelClasses` is given). */
  labelDtype?: LabelDType;
  /** Class names: a label equal to `labelClasses[k]` becomes k. */
  labelClasses?: readonly string[];
  /** What a null feature becomes (default 'nan'). */
  missing?: MissingPolicy;
  /** Shard of the file set: record batch k (counted across files) goes to shard k % count. */
  shard?: ShardSpec;
  /** Receives record batches read. */
  onProgress?: ProgressCallback;
}

/**
 * Streams Arrow IPC files (file format `.arrow`/`.feather` v2, or stream format) as dense Float32 batches
 * with apache-arrow, one record batch in memory at a time. In the file format a shard reads only its own
 * record batches.
 * @throws DataError (while iterating) for a file that is not Arrow IPC, a non-numeric value or a null label.
 */
export function readArrow(paths: PathInput, options: ArrowOptions = {}): Dataset<DenseBatch> {
  checkShard(options.shard, 'readArrow');
  return new Dataset(() => arrowBatches(paths, options));
}

/** The record batches of one Arrow IPC file, in order. @throws DataError when the file is not Arrow IPC. */
export async function* readArrowRecordBatches(file: string): AsyncGenerator<RecordBatch> {
  for await (const [rb] of recordBatches(file, undefined, 0)) yield rb;
}

async function* recordBatches(
  file: string,
  shard: ShardSpec | undefined,
  first: number,
): AsyncGenerator<[RecordBatch, number]> {
  const fh = await open(file, 'r');
  try {
    let reader;
    try {
      reader = await RecordBatchReader.from(fh);
      await reader.open();
    } catch (e) {
      throw new DataError(`${file}: not a readable Arrow IPC file (${(e as Error).message}).`, { file });
    }
    const mine = (k: number): boolean => shard === undefined || k % shard.count === shard.index;
    if (reader.isFile()) {
      for (let k = 0; k < reader.numRecordBatches; k++) {
        if (!mine(first + k)) continue;
        const rb = await reader.readRecordBatch(k);
        if (rb) yield [rb, first + k];
      }
    } else {
      let k = first;
      for await (const rb of reader) {
        if (mine(k)) yield [rb, k];
        k++;
      }
    }
  } finally {
    await fh.close();
  }
}

async function countRecordBatches(file: string): Promise<number> {
  const fh = await open(file, 'r');
  try {
    const reader = await RecordBatchReader.from(fh);
    await reader.open();
    if (reader.isFile()) return reader.numRecordBatches;
    let n = 0;
    for await (const _ of reader) n++;
    return n;
  } catch (e) {
    throw new DataError(`${file}: not a readable Arrow IPC file (${(e as Error).message}).`, { file });
  } finally {
    await fh.close();
  }
}

async function* arrowBatches(paths: PathInput, options: ArrowOptions): AsyncGenerator<DenseBatch> {
  const files = await expandPaths(paths);
  const batchSize = options.batchSize ?? 1024;
  const classes = options.labelClasses ? new Map(options.labelClasses.map((c, i) => [c, i] as const)) : null;
  const labelDtype = options.labelDtype ?? (classes ? 'int32' : 'float64');
  const fill = typeof options.missing === 'number' ? options.missing : NaN;
  let first = 0;
  let read = 0;
  for (const file of files) {
    // With shards across several files, record batch numbers continue from the previous file.
    const count = options.shard && files.length > 1 ? await countRecordBatches(file) : 0;
    for await (const [rb, k] of recordBatches(file, options.shard, first)) {
      const at = (r: number): string => `record batch ${k - first}, row ${r}`;
      const names = rb.schema.fields.map((f) => f.name);
      const sel = selectColumns(names, options, 'readArrow');
      const cols = sel.featureNames.length;
      const n = rb.numRows;
      const columns = sel.featureIndex.map((i) => rb.getChildAt(i)?.toArray() as ColumnArray);
      const labels = sel.labelIndex < 0 ? null : (rb.getChildAt(sel.labelIndex)?.toArray() as ColumnArray);
      const nullable = sel.featureIndex.map((i) => (rb.getChildAt(i)?.nullCount ?? 0) > 0);
      for (let start = 0; start < n; start += batchSize) {
        const rows = Math.min(batchSize, n - start);
        const x = new Float32Array(rows * cols);
        columns.forEach((col, j) => {
          if (nullable[j]) {
            const vec = rb.getChildAt(sel.featureIndex[j] as number);
            for (let r = 0; r < rows; r++) {
              const v = vec?.get(start + r) as unknown;
              x[r * cols + j] = v === null || v === undefined ? fill : Number(v);
            }
            return;
          }
          const bad = copyColumn(col, start, rows, x, cols, j, 0, fill, null);
          if (bad >= 0) {
            throw new DataError(
              `${file}: ${at(bad)}, column ${JSON.stringify(sel.featureNames[j])}: expected a number, found ${JSON.stringify(String(col[bad]))}.`,
              { file, columnName: sel.featureNames[j] },
            );
          }
        });
        let batch: DenseBatch = { x, rows, cols };
        if (labels !== null) {
          const y = allocateLabels(labelDtype, rows);
          for (let r = 0; r < rows; r++) {
            const v = labels[start + r];
            const t = targetValue(v, classes);
            if (t !== t) {
              throw new DataError(
                `${file}: ${at(start + r)}, column ${JSON.stringify(sel.labelName)}: missing or non-numeric label ${JSON.stringify(String(v))}.`,
                {
                  file,
                  columnName: sel.labelName,
                },
              );
            }
            y[r] = t;
          }
          batch = { x, y, rows, cols };
        }
        yield batch;
      }
      read++;
      options.onProgress?.({ label: 'reading Arrow', done: read });
    }
    first += count;
  }
}
