import { extname } from 'node:path';
import { Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { DataError } from '../../errors/errors.js';
import type { ProgressCallback } from '../../util/progress.js';
import type { DenseBatch, LabelDType } from '../Batch.js';
import { Dataset } from '../Dataset.js';
import { type PathInput, expandPaths } from '../io/expandPaths.js';
import { type LineChunkOptions, lineChunks } from '../io/lineChunks.js';
import { type TextSlice, planTextSlices } from '../io/planTextSlices.js';
import { type ShardSpec, checkShard } from '../io/ShardSpec.js';
import { DenseBatchBuilder } from './DenseBatchBuilder.js';
import { DEFAULT_NA_VALUES, type MissingPolicy } from './missingValues.js';
import { type ColumnSelection, selectColumns } from './selectColumns.js';
import { targetValue } from './targetValue.js';
import { lineLabel } from './textLocation.js';

/** Options of `readCsv` and `readCsvRecords`. */
export interface CsvFormatOptions {
  /** The first line holds column names (default true). */
  header?: boolean;
  /** Column names when `header` is false (default `c0, c1, …`). */
  columnNames?: readonly string[];
  /** Field separator (default '\t' for .tsv/.tab files, else ','). */
  delimiter?: string;
  /** Quote character (default '"'); quoted fields may hold delimiters, quotes ("") and newlines. */
  quote?: string;
  /** Lines starting with this character are skipped (default: none). */
  comment?: string;
  /** Strings read as missing besides the empty field (default `DEFAULT_NA_VALUES`). */
  naValues?: readonly string[];
  /** Shard of the file set to read (byte ranges; see `planTextSlices`). Quoted fields must not span lines when sharding. */
  shard?: ShardSpec;
  /** Receives bytes read against the total size of the file set. */
  onProgress?: ProgressCallback;
}

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

/** The delimiter for `file` when none is given. */
export function defaultDelimiter(file: string): string {
  const base = file.endsWith('.gz') ? file.slice(0, -3) : file;
  const ext = extname(base).toLowerCase();
  return ext === '.tsv' || ext === '.tab' ? '\t' : ',';
}

/** Reads the first line of `file` (decompressing gzip) and splits it into fields. */
export async function readCsvHeader(file: string, slice: TextSlice, format: CsvFormatOptions): Promise<string[]> {
  const first = lineChunks({ ...slice, start: 0, end: 1 }, { chunkSize: 64 << 10 });
  const chunk = await first.next();
  await first.return(undefined);
  if (chunk.done) return [];
  const rows = parseSync(chunk.value.buf, {
    delimiter: format.delimiter ?? defaultDelimiter(file),
    quote: format.quote ?? '"',
    bom: true,
    to_line: 1,
    relax_column_count: true,
  }) as string[][];
  return rows[0] ?? [];
}

/** Shared driver: feeds the line chunks of each slice to csv-parse and calls `onRecord` per record. */
export async function* csvSliceRecords<R>(
  slice: TextSlice,
  format: CsvFormatOptions,
  skipHeader: boolean,
  onRecord: (record: string[], line: number) => R | null,
  chunkOptions: LineChunkOptions,
): AsyncGenerator<R[]> {
  const parser = new Parser({
    delimiter: format.delimiter ?? defaultDelimiter(slice.file),
    quote: format.quote ?? '"',
    comment: format.comment,
    bom: slice.start === 0,
    from_line: skipHeader ? 2 : 1,
    skip_empty_lines: true,
    relax_column_count: true, // ragged rows are reported by the caller, with the file name
  });
  let out: R[] = [];
  let failure: unknown = null;
  parser.on('data', (record: string[]) => {
    if (failure !== null) return;
    try {
      const r = onRecord(record, parser.info.lines);
      if (r !== null) out.push(r);
    } catch (e) {
      failure = e;
    }
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('close', resolve);
    parser.on('error', (e) => {
      failure ??= e;
      resolve();
    });
  });
  parser.resume(); // flowing from the start, so records arrive while their line number is current
  const fail = (e: unknown): unknown => {
    if (e instanceof DataError) return e;
    const info = e as { code?: string; lines?: number; message?: string };
    const line = info.lines ?? parser.info.lines;
    return new DataError(`${slice.file}: ${lineLabel(slice, line)}: ${info.message ?? String(e)}`, {
      file: slice.file,
      line,
      cause: info.code,
    });
  };
  try {
    for await (const chunk of lineChunks(slice, chunkOptions)) {
      if (!parser.write(chunk.buf)) {
        await new Promise<void>((resolve) => {
          parser.once('drain', resolve);
          void ended.then(resolve);
        });
      }
      if (failure !== null) throw fail(failure);
      if (out.length > 0) {
        yield out;
        out = [];
      }
    }
    parser.end();
    await ended;
    if (failure !== null) throw fail(failure);
    if (out.length > 0) yield out;
  } finally {
    parser.destroy();
  }
}

/**
 * Streams CSV/TSV files (optionally gzip-compressed) as dense Float32 batches, with bounded memory. Parsing is
 * done by csv-parse (quoted fields, escaped quotes, comments, BOM); this reader selects columns, turns cells
 * into numbers, fills missing values and maps class names.
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
        let v = Number(s);
        // Number('') and Number(' ') are 0, so a zero needs a second look; NaN is missing or garbage.
        if (v !== v || (v === 0 && s.trim() === '')) {
          if (naSet.has(s) || s.trim() === '') {
            if (missing === 'error') throw cellError(line, 'missing value', s, col);
            v = fill;
          } else {
            throw cellError(line, 'expected a number, found', s, col);
          }
        }
        x[o++] = v;
      }
      if (labelIndex >= 0) {
        const s = rec[labelIndex] as string;
        let t = classes === null ? Number(s) : targetValue(s, classes);
        if (t === 0 && classes === null && s.trim() === '') t = NaN;
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
