import { DataError } from '../../errors/errors.js';
import type { DenseBatch, LabelDType } from '../Batch.js';
import { Dataset } from '../Dataset.js';
import { type PathInput, expandPaths } from '../io/expandPaths.js';
import { planTextSlices } from '../io/planTextSlices.js';
import { checkShard } from '../io/ShardSpec.js';
import { type CsvFormatOptions, csvSliceRecords, readCsvHeader } from './csvSliceRecords.js';
import { DenseBatchBuilder } from './DenseBatchBuilder.js';
import { DEFAULT_NA_VALUES, type MissingPolicy } from './missingValues.js';
import { plainDecimal } from './plainDecimal.js';
import { type ColumnSelection, selectColumns } from './selectColumns.js';
import { targetValue } from './targetValue.js';
import { lineLabel } from './textLocation.js';

// The CSV driver lives in csvSliceRecords.ts; these names stay importable from here.
export { type CsvFormatOptions, csvSliceRecords, defaultDelimiter, readCsvHeader } from './csvSliceRecords.js';

/** Options of `readCsv`. */
export interface CsvOptions extends CsvFormatOptions, ColumnSelection {
  /** Rows per batch (default 1024). */
  batchSize?: number;
  /** Storage of the targets (default 'float64'; 'int32' when `labelClasses` is given). */
  labelDtype?: LabelDType;
  /** Class names: a label equal to `labelClasses[k]` becomes k. */
  labelClasses?: readonly string[];
  /** What a missing feature becomes (default 'nan'). A missing label is always an error. */
  missing?: MissingPolicy;
}

/**
 * Streams CSV/TSV files (optionally gzip-compressed) as dense Float32 batches, with bounded memory. Parsing is
 * done by papaparse (quoted fields, escaped quotes, newlines in quotes, comment lines, BOM); this reader selects
 * columns, turns cells into numbers (`plainDecimal`, falling back to `Number()`), fills missing values and maps
 * class names, writing straight into the batch's typed arrays.
 *
 * ```ts
 * for await (const b of readCsv('train.csv', { label: 'species', labelClasses: ['setosa', 'versicolor'] })) { ... }
 * ```
 * @throws DataError (while iterating) for a ragged row, a non-numeric cell, a missing label or invalid gzip,
 *   naming the file, the line and the column.
 */
export function readCsv(paths: PathInput, options: CsvOptions = {}): Dataset<DenseBatch> {
  checkShard(options.shard, 'readCsv');
  return new Dataset(() => csvBatches(paths, options));
}

async function* csvBatches(paths: PathInput, options: CsvOptions): AsyncGenerator<DenseBatch> {
  const files = await expandPaths(paths);
  const slices = await planTextSlices(files, options.shard);
  const header = options.header ?? true;
  const batchSize = options.batchSize ?? 1024;
  const classes = options.labelClasses ? new Map(options.labelClasses.map((c, i) => [c, i] as const)) : null;
  const labelDtype = options.labelDtype ?? (classes ? 'int32' : 'float64');
  const naSet = new Set(['', ...(options.naValues ?? DEFAULT_NA_VALUES)]);
  const missing = options.missing ?? 'nan';
  const fill = missing === 'nan' || missing === 'error' ? NaN : missing;
  const totalBytes = slices.reduce((s, sl) => s + (sl.gzip ? sl.size : sl.end - sl.start), 0);
  let done = 0;
  const onBytes = options.onProgress
    ? (n: number): void => {
        done += n;
        options.onProgress?.({ label: 'reading CSV', done: Math.min(done, totalBytes), total: totalBytes });
      }
    : undefined;
  let builder: DenseBatchBuilder | null = null;
  let firstNames: string[] | null = null;
  for (const slice of slices) {
    const names = header
      ? await readCsvHeader(slice.file, slice, options)
      : options.columnNames
        ? [...options.columnNames]
        : null;
    const fieldNames = names ?? (await readCsvHeader(slice.file, slice, options)).map((_, i) => `c${i}`);
    if (firstNames === null) firstNames = fieldNames;
    else if (header && fieldNames.join('\u0000') !== firstNames.join('\u0000')) {
      throw new DataError(
        `${slice.file}: line 1: header ${JSON.stringify(fieldNames)} differs from ${JSON.stringify(firstNames)} of the first file.`,
        { file: slice.file, line: 1 },
      );
    }
    const sel = selectColumns(fieldNames, options, 'readCsv');
    const nFields = fieldNames.length;
    const { featureIndex, labelIndex } = sel;
    const cols = featureIndex.length;
    builder ??= new DenseBatchBuilder(cols, batchSize, labelIndex < 0 ? null : labelDtype);
    const b = builder;
    const file = slice.file;
    const cellError = (line: number, what: string, s: string, col: number): DataError =>
      new DataError(
        `${file}: ${lineLabel(slice, line)}, column ${col + 1} (${JSON.stringify(fieldNames[col])}): ${what} ${JSON.stringify(s)}.`,
        { file, line, column: col + 1, columnName: fieldNames[col], value: s },
      );
    /** A feature cell that is not a plain decimal: any other spelling `Number()` reads, else missing or an error. */
    const otherCell = (s: string, line: number, col: number): number => {
      const v = Number(s);
      // Number('') and Number(' ') are 0, so a zero needs a second look; NaN is missing or garbage.
      if (v === v && (v !== 0 || s.trim() !== '')) return v;
      if (naSet.has(s) || s.trim() === '') {
        if (missing === 'error') throw cellError(line, 'missing value', s, col);
        return fill;
      }
      throw cellError(line, 'expected a number, found', s, col);
    };
    const onRecord = (rec: string[], line: number): DenseBatch | null => {
      if (rec.length !== nFields) {
        throw new DataError(
          `${file}: ${lineLabel(slice, line)}: expected ${nFields} fields as in ${header ? 'the header' : 'the column names'}, found ${rec.length}.`,
          { file, line, expected: nFields, found: rec.length },
        );
      }
      const x = b.x;
      let o = b.rows * cols;
      for (let j = 0; j < cols; j++) {
        const col = featureIndex[j] as number;
        const s = rec[col] as string;
        const v = plainDecimal(s); // the common case, twice as fast as Number()
        x[o++] = v === v ? v : otherCell(s, line, col);
      }
      if (labelIndex >= 0) {
        const s = rec[labelIndex] as string;
        let t = classes === null ? plainDecimal(s) : targetValue(s, classes);
        if (t !== t && classes === null) t = s.trim() === '' ? NaN : Number(s);
        if (t !== t) {
          if (naSet.has(s)) throw cellError(line, 'missing label', s, labelIndex);
          throw cellError(line, classes ? 'unknown class' : 'expected a numeric label, found', s, labelIndex);
        }
        (b.y as Float64Array)[b.rows] = t;
      }
      b.rows++;
      return b.full ? b.take() : null;
    };
    for await (const batches of csvSliceRecords(slice, options, header && slice.start === 0, onRecord, { onBytes })) {
      yield* batches;
    }
  }
  if (builder !== null && builder.rows > 0) yield builder.take();
}
