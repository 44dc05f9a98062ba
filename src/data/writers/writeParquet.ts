import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import type { ColumnSource, SchemaElement } from 'hyparquet-writer';
import { ShapeError } from '../../errors/errors.js';
import type { Batch, LabelDType, Labels } from '../Batch.js';
import { allocateLabels, labelDType } from '../Batch.js';
import type { Source } from '../ops/source.js';
import { defaultFeatureNames } from './batchRows.js';

/** Options of `writeParquet`. */
export interface WriteParquetOptions {
  /** Feature column names (default f0, f1, …). */
  featureNames?: readonly string[];
  /** Name of the target column (default 'label'). */
  labelName?: string;
  /** Rows per row group (default 100,000): the unit of sharding and of reader memory. */
  rowGroupSize?: number;
  /** Compression (default 'SNAPPY'; 'UNCOMPRESSED' reads faster and writes bigger files). */
  codec?: 'SNAPPY' | 'UNCOMPRESSED';
}

const PARQUET_LABEL_TYPE: Record<LabelDType, 'INT32' | 'FLOAT' | 'DOUBLE'> = {
  int32: 'INT32',
  float32: 'FLOAT',
  float64: 'DOUBLE',
};

/**
 * Streams batches to a Parquet file with hyparquet-writer, one row group per `rowGroupSize` rows, so memory
 * holds one row group whatever the file size. Features are FLOAT columns (REQUIRED; NaN allowed), the target
 * an INT32, FLOAT or DOUBLE column after its dtype. Returns the rows written.
 * @throws ShapeError when batches differ in columns or the names do not match.
 */
export async function writeParquet(
  path: string,
  batches: Source<Batch>,
  options: WriteParquetOptions = {},
): Promise<number> {
  const groupRows = options.rowGroupSize ?? 100_000;
  const labelName = options.labelName ?? 'label';
  let writer: ParquetWriter | null = null;
  let names: readonly string[] = [];
  let cols = -1;
  let columns: Float32Array[] = [];
  let labels: Labels | null = null;
  let filled = 0;
  let rowsWritten = 0;
  const flush = async (): Promise<void> => {
    if (writer === null || filled === 0) return;
    const columnData: ColumnSource[] = names.map((name, j) => ({
      name,
      data: (columns[j] as Float32Array).subarray(0, filled),
    }));
    if (labels !== null) columnData.push({ name: labelName, data: labels.subarray(0, filled) });
    await writer.write({ columnData, rowGroupSize: filled });
    filled = 0;
  };
  let row = new Float32Array(0);
  for await (const b of batches) {
    if (writer === null) {
      cols = b.cols;
      names = options.featureNames ?? defaultFeatureNames(cols);
      if (names.length !== cols)
        throw new ShapeError(`writeParquet: ${names.length} feature names for ${cols} columns.`);
      const schema: SchemaElement[] = [{ name: 'root', num_children: cols + (b.y === undefined ? 0 : 1) }];
      for (const name of names) schema.push({ name, type: 'FLOAT', repetition_type: 'REQUIRED' });
      if (b.y !== undefined) {
        const dt = labelDType(b.y);
        schema.push({ name: labelName, type: PARQUET_LABEL_TYPE[dt], repetition_type: 'REQUIRED' });
        labels = allocateLabels(dt, groupRows);
      }
      columns = names.map(() => new Float32Array(groupRows));
      row = new Float32Array(cols);
      writer = new ParquetWriter({ writer: fileWriter(path), schema, codec: options.codec ?? 'SNAPPY' });
    } else if (b.cols !== cols) {
      throw new ShapeError(`writeParquet: a batch has ${b.cols} columns; expected ${cols} as the first.`);
    }
    const y = b.y;
    for (let i = 0; i < b.rows; i++) {
      let src: Float32Array = row;
      let base = 0;
      if (b.x instanceof Float32Array) {
        src = b.x;
        base = i * cols;
      } else {
        row.fill(0);
        const { indptr, indices, values } = b.x;
        for (let k = indptr[i] as number; k < (indptr[i + 1] as number); k++)
          row[indices[k] as number] = values[k] as number;
      }
      for (let j = 0; j < cols; j++) (columns[j] as Float32Array)[filled] = src[base + j] as number;
      if (labels !== null && y !== undefined) labels[filled] = y[i] as number;
      filled++;
      if (filled === groupRows) await flush();
    }
    rowsWritten += b.rows;
  }
  await flush();
  if (writer !== null) await (writer as ParquetWriter).finish();
  return rowsWritten;
}
