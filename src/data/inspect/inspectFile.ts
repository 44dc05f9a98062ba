import { stat } from 'node:fs/promises';
import { parquetRead, parquetSchema } from 'hyparquet';
import { DataError } from '../../errors/errors.js';
import type { ProgressCallback } from '../../util/progress.js';
import { lineChunks } from '../io/lineChunks.js';
import { type TextSlice, planTextSlices } from '../io/planTextSlices.js';
import { LibsvmTokenizer } from '../readers/LibsvmTokenizer.js';
import { DEFAULT_NA_VALUES } from '../readers/missingValues.js';
import { readArrowRecordBatches } from '../readers/readArrow.js';
import { csvSliceRecords, readCsvHeader } from '../readers/readCsv.js';
import { type OpenFile, openParquet } from '../readers/readParquet.js';
import { ColumnStats, type ColumnSummary } from './ColumnStats.js';
import { type DataFormat, detectFormat } from './detectFormat.js';

/** Options of `inspectFile`. */
export interface InspectOptions {
  /** Format (default: from the extension). */
  format?: DataFormat;
  /** Target column (default: a column named label, target, y or class; LIBSVM files always have one). */
  label?: string;
  /** Stop after about this many rows and estimate the total from the bytes read (default: read everything). */
  maxRows?: number;
  /** Receives bytes (text formats), rows (Parquet) or rows so far (Arrow). */
  onProgress?: ProgressCallback;
}

/** What `inspectFile` found. */
export interface InspectReport {
  file: string;
  format: DataFormat;
  /** Size on disk. */
  bytes: number;
  compressed: boolean;
  /** Rows read. */
  rowsRead: number;
  /** Row count: exact when the whole file was read (or from Parquet metadata), else estimated from bytes. */
  rows: number;
  rowsEstimated: boolean;
  columns: ColumnSummary[];
  /** Target column, if any. */
  label: string | null;
  /** Rows per target value, when the target takes at most 50 values. */
  classBalance: Record<string, number> | null;
  /** Missing cells over all columns read. */
  missing: number;
  /** LIBSVM only: smallest and largest index in the file, stored entries, and their share of rows × features. */
  sparse?: { minIndex: number; maxIndex: number; nFeatures: number; nnz: number; density: number };
}

/** What each format's inspector finds. */
interface Scan {
  rowsRead: number;
  rows: number;
  rowsEstimated: boolean;
  stats: ColumnStats[];
  labelIndex: number;
  sparse?: InspectReport['sparse'];
}

const LABEL_NAMES = ['label', 'target', 'y', 'class'];

/**
 * Reads a data file in one streaming pass (bounded memory) and reports its schema, row count (estimated
 * when `maxRows` stops early), missing values and, for a discrete target, the class balance.
 * @throws DataError for malformed files (as the readers do); ConfigError for an unknown extension.
 */
export async function inspectFile(file: string, options: InspectOptions = {}): Promise<InspectReport> {
  const format = options.format ?? detectFormat(file);
  const bytes = (await stat(file)).size;
  const [slice] = await planTextSlices([file]);
  const maxRows = options.maxRows ?? Infinity;
  let scan: Scan;
  if (format === 'parquet') scan = await inspectParquet(file, maxRows, options);
  else if (format === 'arrow') scan = await inspectArrow(file, maxRows, options);
  else if (slice === undefined) scan = { rowsRead: 0, rows: 0, rowsEstimated: false, stats: [], labelIndex: -1 };
  else if (format === 'libsvm') scan = await inspectLibsvm(slice, maxRows, options);
  else if (format === 'jsonl') scan = await inspectJsonl(slice, maxRows, options);
  else scan = await inspectCsv(slice, format, maxRows, options);
  const columns = scan.stats.map((s) => s.summary());
  const labelStats = scan.labelIndex >= 0 ? scan.stats[scan.labelIndex] : undefined;
  const report: InspectReport = {
    file,
    format,
    bytes,
    compressed: slice?.gzip ?? false,
    rowsRead: scan.rowsRead,
    rows: scan.rows,
    rowsEstimated: scan.rowsEstimated,
    columns,
    label: labelStats?.name ?? null,
    classBalance: labelStats === undefined ? null : balanceOf(labelStats),
    missing: columns.reduce((s, c) => s + c.missing, 0),
  };
  if (scan.sparse !== undefined) report.sparse = scan.sparse;
  return report;
}

function balanceOf(s: ColumnStats): Record<string, number> | null {
  if (s.values === null) return null;
  const entries = [...s.values.entries()].sort((a, b) => {
    const na = Number(a[0]);
    const nb = Number(b[0]);
    return Number.isNaN(na) || Number.isNaN(nb) ? a[0].localeCompare(b[0]) : na - nb;
  });
  return Object.fromEntries(entries);
}

function findLabel(names: readonly string[], label: string | undefined, file: string): number {
  if (label !== undefined) {
    const i = names.indexOf(label);
    if (i < 0) {
      throw new DataError(
        `${file}: label column ${JSON.stringify(label)} not found; the columns are ${JSON.stringify(names)}.`,
        {
          file,
        },
      );
    }
    return i;
  }
  return names.findIndex((n) => LABEL_NAMES.includes(n.toLowerCase()));
}

/** Text formats: the row count, estimated from the share of bytes read when the scan stopped early. */
function textCount(
  rows: number,
  consumed: number,
  total: number,
  stopped: boolean,
): Pick<Scan, 'rows' | 'rowsEstimated'> {
  if (!stopped || consumed >= total || consumed === 0) return { rows, rowsEstimated: false };
  return { rows: Math.round((rows * total) / consumed), rowsEstimated: true };
}

function byteCounter(
  slice: TextSlice,
  options: InspectOptions,
): { onBytes: (n: number) => void; consumed: () => number } {
  let consumed = 0;
  return {
    onBytes: (n) => {
      consumed += n;
      options.onProgress?.({
        label: `inspecting ${slice.file}`,
        done: Math.min(consumed, slice.size),
        total: slice.size,
      });
    },
    consumed: () => consumed,
  };
}

function addValue(st: ColumnStats, v: unknown): void {
  if (v === null || v === undefined) st.addMissing();
  else if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') st.add(v);
  else if (typeof v === 'bigint') st.add(Number(v));
  else st.add(JSON.stringify(v) ?? String(v));
}

async function inspectCsv(
  slice: TextSlice,
  format: 'csv' | 'tsv',
  maxRows: number,
  options: InspectOptions,
): Promise<Scan> {
  const fmt = { delimiter: format === 'tsv' ? '\t' : ',' };
  const names = await readCsvHeader(slice.file, slice, fmt);
  const stats = names.map((n) => new ColumnStats(n));
  const na = new Set(['', ...DEFAULT_NA_VALUES]);
  let rows = 0;
  const onRecord = (rec: string[], line: number): number => {
    if (rec.length !== names.length) {
      throw new DataError(
        `${slice.file}: line ${line}: expected ${names.length} fields as in the header, found ${rec.length}.`,
        {
          file: slice.file,
          line,
        },
      );
    }
    for (let j = 0; j < stats.length; j++) {
      const s = (rec[j] as string).trim();
      const st = stats[j] as ColumnStats;
      if (na.has(s)) st.addMissing();
      else {
        const v = Number(s);
        st.add(Number.isNaN(v) ? s : v);
      }
    }
    rows++;
    return rows; // a value per record, so the driver yields after each chunk and the scan can stop
  };
  const counter = byteCounter(slice, options);
  let stopped = false;
  for await (const _ of csvSliceRecords(slice, fmt, true, onRecord, {
    chunkSize: 64 << 10,
    onBytes: counter.onBytes,
  })) {
    if (rows >= maxRows) {
      stopped = true;
      break;
    }
  }
  return {
    rowsRead: rows,
    ...textCount(rows, counter.consumed(), slice.size, stopped),
    stats,
    labelIndex: findLabel(names, options.label, slice.file),
  };
}

async function inspectJsonl(slice: TextSlice, maxRows: number, options: InspectOptions): Promise<Scan> {
  const byName = new Map<string, ColumnStats>();
  let rows = 0;
  let line = 0;
  const counter = byteCounter(slice, options);
  let stopped = false;
  for await (const chunk of lineChunks(slice, { chunkSize: 64 << 10, onBytes: counter.onBytes })) {
    const text = chunk.buf.toString('utf8');
    const lines = text.split('\n');
    if (text.endsWith('\n')) lines.pop();
    for (const s of lines) {
      line++;
      if (s.trim() === '') continue;
      let obj: unknown;
      try {
        obj = JSON.parse(s);
      } catch (e) {
        throw new DataError(`${slice.file}: line ${line}: invalid JSON (${(e as Error).message}).`, {
          file: slice.file,
          line,
        });
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
        throw new DataError(`${slice.file}: line ${line}: expected a JSON object.`, { file: slice.file, line });
      }
      for (const [k, v] of Object.entries(obj)) {
        let st = byName.get(k);
        if (st === undefined) {
          st = new ColumnStats(k);
          for (let r = 0; r < rows; r++) st.addMissing(); // the key was absent from earlier rows
          byName.set(k, st);
        }
        addValue(st, v);
      }
      rows++;
      for (const st of byName.values()) if (st.count + st.missing < rows) st.addMissing();
    }
    if (rows >= maxRows) {
      stopped = true;
      break;
    }
  }
  const stats = [...byName.values()];
  return {
    rowsRead: rows,
    ...textCount(rows, counter.consumed(), slice.size, stopped),
    stats,
    labelIndex: findLabel(
      stats.map((s) => s.name),
      options.label,
      slice.file,
    ),
  };
}

async function inspectLibsvm(slice: TextSlice, maxRows: number, options: InspectOptions): Promise<Scan> {
  const labels = new ColumnStats('label');
  let nnz = 0;
  let rows = 0;
  let minIndex = Infinity;
  // Read as 0-based so that any index is accepted; the report gives the raw index range.
  const tok = new LibsvmTokenizer({
    file: slice.file,
    zeroBased: true,
    nFeatures: Infinity,
    lineLabel: (l) => `line ${l}`,
  });
  const sink = {
    add: (index: number) => {
      nnz++;
      if (index < minIndex) minIndex = index;
    },
    endRow: (label: number) => {
      labels.add(label);
      rows++;
    },
    abandonRow: () => undefined,
  };
  const counter = byteCounter(slice, options);
  let stopped = false;
  for await (const chunk of lineChunks(slice, { chunkSize: 64 << 10, onBytes: counter.onBytes })) {
    tok.parse(chunk.buf, sink);
    if (rows >= maxRows) {
      stopped = true;
      break;
    }
  }
  const maxIndex = tok.maxIndex;
  const nFeatures = nnz === 0 ? 0 : minIndex >= 1 ? maxIndex : maxIndex + 1; // 1-based unless a 0 index occurs
  return {
    rowsRead: rows,
    ...textCount(rows, counter.consumed(), slice.size, stopped),
    stats: [labels],
    labelIndex: 0,
    sparse: {
      minIndex: nnz === 0 ? 0 : minIndex,
      maxIndex: Math.max(maxIndex, 0),
      nFeatures,
      nnz,
      density: rows > 0 && nFeatures > 0 ? nnz / (rows * nFeatures) : 0,
    },
  };
}

async function inspectParquet(file: string, maxRows: number, options: InspectOptions): Promise<Scan> {
  const f = await openParquet(file);
  try {
    return await scanParquet(f, maxRows, options);
  } finally {
    await f.buffer.close();
  }
}

async function scanParquet(f: OpenFile, maxRows: number, options: InspectOptions): Promise<Scan> {
  const file = f.file;
  const total = Number(f.metadata.num_rows);
  const names = parquetSchema(f.metadata).children.map((c) => c.element.name);
  const stats = names.map((n) => new ColumnStats(n));
  let rows = 0;
  let start = 0;
  for (const [g, rg] of f.metadata.row_groups.entries()) {
    if (rows >= maxRows) break;
    const end = start + Number(rg.num_rows);
    try {
      await parquetRead({
        file: f.buffer,
        metadata: f.metadata,
        rowStart: start,
        rowEnd: end,
        onChunk: (chunk) => {
          const st = stats[names.indexOf(chunk.columnName)];
          if (st === undefined) return;
          const data = chunk.columnData as ArrayLike<unknown>;
          for (let i = 0; i < data.length; i++) addValue(st, data[i]);
        },
      });
    } catch (e) {
      throw new DataError(`${file}: row group ${g} cannot be decoded: ${(e as Error).message}.`, { file, rowGroup: g });
    }
    rows += end - start;
    start = end;
    options.onProgress?.({ label: `inspecting ${file}`, done: rows, total });
  }
  return {
    rowsRead: rows,
    rows: total,
    rowsEstimated: false,
    stats,
    labelIndex: findLabel(names, options.label, file),
  };
}

async function inspectArrow(file: string, maxRows: number, options: InspectOptions): Promise<Scan> {
  let names: string[] = [];
  let stats: ColumnStats[] = [];
  let rows = 0;
  let stopped = false;
  for await (const rb of readArrowRecordBatches(file)) {
    if (stats.length === 0) {
      names = rb.schema.fields.map((f) => f.name);
      stats = names.map((n) => new ColumnStats(n));
    }
    names.forEach((_, j) => {
      const vec = rb.getChildAt(j);
      const st = stats[j] as ColumnStats;
      for (let i = 0; i < rb.numRows; i++) addValue(st, vec?.get(i));
    });
    rows += rb.numRows;
    options.onProgress?.({ label: `inspecting ${file}`, done: rows });
    if (rows >= maxRows) {
      stopped = true;
      break;
    }
  }
  // Arrow gives no cheap total; a stopped scan reports the rows read as a lower bound.
  return { rowsRead: rows, rows, rowsEstimated: stopped, stats, labelIndex: findLabel(names, options.label, file) };
}
