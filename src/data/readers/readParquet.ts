import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import type { ColumnData, FileMetaData } from 'hyparquet';
import { type FileAsyncBuffer, fileAsyncBuffer } from '../io/fileAsyncBuffer.js';
import { ConfigError, DataError } from '../../errors/errors.js';
import { type DenseBatch, allocateLabels } from '../Batch.js';
import { Dataset } from '../Dataset.js';
import { type PathInput, expandPaths } from '../io/expandPaths.js';
import { type ShardSpec, checkShard } from '../io/ShardSpec.js';
import { type ColumnArray, copyColumn } from './columnValue.js';
import type { ParquetOptions } from './ParquetOptions.js';
import { selectColumns } from './selectColumns.js';
import { targetValue } from './targetValue.js';

/** One row group of one file, placed in the file set. */
export interface RowGroupRef {
  readonly file: string;
  readonly group: number;
  /** Rows [rowStart, rowEnd) of the file. */
  readonly rowStart: number;
  readonly rowEnd: number;
}

/** A Parquet file opened for reading: its footer and a byte reader (close it when done). */
export interface OpenFile {
  file: string;
  buffer: FileAsyncBuffer;
  metadata: FileMetaData;
  columns: string[];
}

/** Opens a Parquet file and reads its footer. @throws DataError when the file is not valid Parquet. */
export async function openParquet(file: string): Promise<OpenFile> {
  let buffer: FileAsyncBuffer | null = null;
  try {
    buffer = await fileAsyncBuffer(file);
    const metadata = await parquetMetadataAsync(buffer);
    const columns = parquetSchema(metadata).children.map((c) => c.element.name);
    return { file, buffer, metadata, columns };
  } catch (e) {
    await buffer?.close();
    throw new DataError(`${file}: not a readable Parquet file (${(e as Error).message}); is it truncated?`, {
      file,
    });
  }
}

/**
 * The row groups of shard `index` of `count` over a file set: row group g goes to shard
 * floor(first row of g · count / total rows), so shards are contiguous, balanced in rows to within one row
 * group, disjoint and covering.
 */
export function planRowGroups(
  files: readonly { file: string; metadata: FileMetaData }[],
  shard?: ShardSpec,
): RowGroupRef[] {
  const all: (RowGroupRef & { global: number })[] = [];
  let global = 0;
  for (const f of files) {
    let row = 0;
    f.metadata.row_groups.forEach((rg, g) => {
      const n = Number(rg.num_rows);
      all.push({ file: f.file, group: g, rowStart: row, rowEnd: row + n, global });
      row += n;
      global += n;
    });
  }
  if (shard === undefined) return all;
  const total = Math.max(global, 1);
  return all.filter((g) => Math.min(shard.count - 1, Math.floor((g.global * shard.count) / total)) === shard.index);
}

/**
 * Streams Parquet files as dense Float32 batches, one row group in memory at a time, with hyparquet (pure
 * JavaScript: all encodings; Snappy or no compression). Numeric, boolean and numeric-string columns are
 * accepted as features; nulls are missing values. With `engine: 'duckdb'` the optional `@duckdb/node-api`
 * package reads instead (faster on large files; no sharding).
 * @throws DataError (while iterating) for a file that is not Parquet or is truncated, a non-numeric value or
 *   a null label, naming the file, the row and the column; ConfigError for an unknown column.
 */
export function readParquet(paths: PathInput, options: ParquetOptions = {}): Dataset<DenseBatch> {
  checkShard(options.shard, 'readParquet');
  if (options.engine === 'duckdb') {
    if (options.shard !== undefined && options.shard.count > 1) {
      throw new ConfigError(`readParquet: engine 'duckdb' does not shard; use the default engine with "shard".`);
    }
    return new Dataset(async function* () {
      const { duckdbParquetBatches } = await import('./duckdbParquet.js');
      yield* duckdbParquetBatches(await expandPaths(paths), options);
    });
  }
  return new Dataset(() => parquetBatches(paths, options));
}

async function* parquetBatches(paths: PathInput, options: ParquetOptions): AsyncGenerator<DenseBatch> {
  const files: OpenFile[] = [];
  try {
    for (const f of await expandPaths(paths)) files.push(await openParquet(f));
    yield* rowGroupBatches(files, options);
  } finally {
    await Promise.all(files.map((f) => f.buffer.close()));
  }
}

async function* rowGroupBatches(files: readonly OpenFile[], options: ParquetOptions): AsyncGenerator<DenseBatch> {
  const byName = new Map(files.map((f) => [f.file, f]));
  const plan = planRowGroups(files, options.shard);
  const batchSize = options.batchSize ?? 1024;
  const classes = options.labelClasses ? new Map(options.labelClasses.map((c, i) => [c, i] as const)) : null;
  const labelDtype = options.labelDtype ?? (classes ? 'int32' : 'float64');
  const missing = options.missing ?? 'nan';
  const fill = typeof missing === 'number' ? missing : NaN;
  const totalRows = plan.reduce((s, g) => s + g.rowEnd - g.rowStart, 0);
  let doneRows = 0;
  for (const g of plan) {
    const f = byName.get(g.file) as OpenFile;
    const sel = selectColumns(f.columns, options, 'readParquet');
    const wanted = [...sel.featureNames, ...(sel.labelName === null ? [] : [sel.labelName])];
    const n = g.rowEnd - g.rowStart;
    const data = new Map<string, { parts: ColumnData[] }>();
    try {
      await parquetRead({
        file: f.buffer,
        metadata: f.metadata,
        columns: [...new Set(wanted)],
        rowStart: g.rowStart,
        rowEnd: g.rowEnd,
        onChunk: (chunk) => {
          const entry = data.get(chunk.columnName) ?? { parts: [] };
          entry.parts.push(chunk);
          data.set(chunk.columnName, entry);
        },
      });
    } catch (e) {
      throw new DataError(
        `${g.file}: row group ${g.group} (rows ${g.rowStart}–${g.rowEnd - 1}) cannot be decoded: ${(e as Error).message}.`,
        { file: g.file, rowGroup: g.group, row: g.rowStart },
      );
    }
    // Value i of a column, wherever its chunk put it.
    const column = (name: string): { col: ColumnArray; base: number }[] =>
      (data.get(name)?.parts ?? []).map((c) => ({ col: c.columnData as ColumnArray, base: c.rowStart }));
    const cols = sel.featureNames.length;
    for (let start = 0; start < n; start += batchSize) {
      const rows = Math.min(batchSize, n - start);
      const x = new Float32Array(rows * cols);
      const absStart = g.rowStart + start;
      sel.featureNames.forEach((name, j) => {
        for (const { col, base } of column(name)) {
          const lo = Math.max(absStart, base);
          const hi = Math.min(absStart + rows, base + col.length);
          if (lo >= hi) continue;
          const onMissing =
            missing === 'error'
              ? (i: number): void => {
                  throw new DataError(
                    `${g.file}: row ${base + i}, column ${JSON.stringify(name)}: missing value (missing: 'error').`,
                    {
                      file: g.file,
                      row: base + i,
                      columnName: name,
                    },
                  );
                }
              : null;
          const bad = copyColumn(col, lo - base, hi - lo, x, cols, j, lo - absStart, fill, onMissing);
          if (bad >= 0) {
            throw new DataError(
              `${g.file}: row ${base + bad}, column ${JSON.stringify(name)}: expected a number, found ${JSON.stringify(String(col[bad]))}.`,
              { file: g.file, row: base + bad, columnName: name },
            );
          }
        }
      });
      let batch: DenseBatch = { x, rows, cols };
      if (sel.labelName !== null) {
        const y = allocateLabels(labelDtype, rows);
        const name = sel.labelName;
        for (const { col, base } of column(name)) {
          const lo = Math.max(absStart, base);
          const hi = Math.min(absStart + rows, base + col.length);
          for (let r = lo; r < hi; r++) {
            const v = col[r - base];
            const t = targetValue(v, classes);
            if (t !== t) {
              throw new DataError(
                `${g.file}: row ${r}, column ${JSON.stringify(name)}: ${v === null || v === undefined ? 'missing label' : `${classes ? 'unknown class' : 'expected a numeric label, found'} ${JSON.stringify(String(v))}`}.`,
                { file: g.file, row: r, columnName: name },
              );
            }
            y[r - absStart] = t;
          }
        }
        batch = { x, y, rows, cols };
      }
      yield batch;
      doneRows += rows;
      options.onProgress?.({ label: 'reading Parquet', done: doneRows, total: totalRows });
    }
  }
}
