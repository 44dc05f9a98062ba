import type { ProgressCallback } from '../../util/progress.js';
import type { LabelDType } from '../Batch.js';
import type { ShardSpec } from '../io/ShardSpec.js';
import type { MissingPolicy } from './missingValues.js';
import type { ColumnSelection } from './selectColumns.js';

/** Options of `readParquet`. */
export interface ParquetOptions extends ColumnSelection {
  /** Rows per batch (default 1024). */
  batchSize?: number;
  /** Storage of the targets (default 'float64'; 'int32' when `labelClasses` is given). */
  labelDtype?: LabelDType;
  /** Class names: a label equal to `labelClasses[k]` becomes k. */
  labelClasses?: readonly string[];
  /** What a null feature becomes (default 'nan'). A null label is an error. */
  missing?: MissingPolicy;
  /** Shard of the file set: whole row groups, assigned by where their first row falls. */
  shard?: ShardSpec;
  /** Receives rows read against the rows of the shard. */
  onProgress?: ProgressCallback;
  /** 'hyparquet' (pure JavaScript, default) or 'duckdb' (the optional `@duckdb/node-api` package, no sharding). */
  engine?: 'hyparquet' | 'duckdb';
}
