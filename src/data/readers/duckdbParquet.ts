import { ConfigError, DataError } from '../../errors/errors.js';
import { type DenseBatch, allocateLabels } from '../Batch.js';
import type { ParquetOptions } from './ParquetOptions.js';
import { selectColumns } from './selectColumns.js';
import { targetValue } from './targetValue.js';

// The few parts of @duckdb/node-api used here, typed locally so lsml builds without the optional package.
interface Vector {
  getItem(i: number): unknown;
}
interface Chunk {
  readonly rowCount: number;
  getColumnVector(j: number): Vector;
}
interface Result {
  fetchChunk(): Promise<Chunk | null>;
}
interface Connection {
  stream(sql: string): Promise<Result>;
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
  closeSync?(): void;
}
interface DuckdbModule {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<Connection>; closeSync?(): void }> };
}

/** Loads the optional `@duckdb/node-api` package. @throws ConfigError when it is not installed. */
export async function loadDuckdb(): Promise<DuckdbModule> {
  const name = '@duckdb/node-api';
  try {
    return (await import(name)) as DuckdbModule;
  } catch (e) {
    throw new ConfigError(
      `readParquet: engine 'duckdb' needs the optional package @duckdb/node-api (npm install @duckdb/node-api): ${(e as Error).message}`,
    );
  }
}

const quoteIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const quoteString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Streams Parquet files through DuckDB as dense Float32 batches (see `readParquet`). */
export async function* duckdbParquetBatches(
  files: readonly string[],
  options: ParquetOptions,
): AsyncGenerator<DenseBatch> {
  const duckdb = await loadDuckdb();
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const source = `read_parquet([${files.map(quoteString).join(', ')}])`;
    let names: string[];
    try {
      names = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRows().map((r) => String(r[0]));
    } catch (e) {
      throw new DataError(`${files.join(', ')}: DuckDB cannot read these Parquet files: ${(e as Error).message}`, {
        file: files[0],
      });
    }
    const sel = selectColumns(names, options, 'readParquet');
    const list = [...sel.featureNames, ...(sel.labelName === null ? [] : [sel.labelName])];
    const result = await conn.stream(`SELECT ${list.map(quoteIdent).join(', ')} FROM ${source}`);
    const batchSize = options.batchSize ?? 1024;
    const classes = options.labelClasses ? new Map(options.labelClasses.map((c, i) => [c, i] as const)) : null;
    const labelDtype = options.labelDtype ?? (classes ? 'int32' : 'float64');
    const fill = typeof options.missing === 'number' ? options.missing : NaN;
    const cols = sel.featureNames.length;
    const hasY = sel.labelName !== null;
    let x = new Float32Array(batchSize * cols);
    let y = allocateLabels(labelDtype, batchSize);
    let filled = 0;
    let row = 0;
    for (
      let chunk = await result.fetchChunk();
      chunk !== null && chunk.rowCount > 0;
      chunk = await result.fetchChunk()
    ) {
      const m = chunk.rowCount;
      for (let i0 = 0; i0 < m;) {
        const take = Math.min(m - i0, batchSize - filled);
        // Column by column: one vector per loop keeps each call site monomorphic.
        for (let j = 0; j < cols; j++) {
          const vec = chunk.getColumnVector(j);
          for (let i = 0, o = filled * cols + j; i < take; i++, o += cols) {
            const v = vec.getItem(i0 + i);
            x[o] = typeof v === 'number' ? v : v === null ? fill : Number(v);
          }
        }
        if (hasY) {
          const vec = chunk.getColumnVector(cols);
          for (let i = 0; i < take; i++) {
            const t = targetValue(vec.getItem(i0 + i), classes);
            if (t !== t) {
              throw new DataError(`readParquet (duckdb): row ${row + i}: missing or non-numeric label.`, {
                row: row + i,
              });
            }
            y[filled + i] = t;
          }
        }
        filled += take;
        row += take;
        i0 += take;
        if (filled === batchSize) {
          yield hasY ? { x, y, rows: filled, cols } : { x, rows: filled, cols };
          x = new Float32Array(batchSize * cols);
          y = allocateLabels(labelDtype, batchSize);
          filled = 0;
        }
      }
    }
    if (filled > 0) {
      const xs = x.slice(0, filled * cols);
      yield hasY ? { x: xs, y: y.slice(0, filled), rows: filled, cols } : { x: xs, rows: filled, cols };
    }
  } finally {
    conn.closeSync?.();
    instance.closeSync?.();
  }
}
