import { DataError } from '../../errors/errors.js';
import type { ProgressCallback } from '../../util/progress.js';
import type { DenseBatch, LabelDType } from '../Batch.js';
import { Dataset } from '../Dataset.js';
import { type PathInput, expandPaths } from '../io/expandPaths.js';
import { lineChunks } from '../io/lineChunks.js';
import { type TextSlice, planTextSlices } from '../io/planTextSlices.js';
import { type ShardSpec, checkShard } from '../io/ShardSpec.js';
import { DenseBatchBuilder } from './DenseBatchBuilder.js';
import type { MissingPolicy } from './missingValues.js';
import { targetValue } from './targetValue.js';
import { lineLabel } from './textLocation.js';

/** Options of `readJsonlRecords`. */
export interface JsonlRecordOptions {
  /** Shard of the file set (byte ranges). */
  shard?: ShardSpec;
  /** Receives bytes read against the total size. */
  onProgress?: ProgressCallback;
}

/** Options of `readJsonl`. */
export interface JsonlOptions extends JsonlRecordOptions {
  /**
   * Keys holding the features, in order (default: every key of the first record except `label` and
   * `ignore`). A key whose value is an array contributes all its elements (its length is fixed by the first
   * record).
   */
  features?: readonly string[];
  /** Key of the target (default: none). */
  label?: string;
  /** Keys to leave out when `features` is not given. */
  ignore?: readonly string[];
  /** Rows per batch (default 1024). */
  batchSize?: number;
  /** Storage of the targets (default 'float64'; 'int32' when `labelClasses` is given). */
  labelDtype?: LabelDType;
  /** Class names: a label equal to `labelClasses[k]` becomes k. */
  labelClasses?: readonly string[];
  /** What a null or absent feature becomes (default 'nan'). */
  missing?: MissingPolicy;
}

/** A parsed line with where it came from, for error messages. */
interface Located {
  value: unknown;
  file: string;
  where: string;
  line: number;
}

async function* jsonLines(paths: PathInput, options: JsonlRecordOptions): AsyncGenerator<Located[]> {
  const files = await expandPaths(paths);
  const slices = await planTextSlices(files, options.shard);
  const total = slices.reduce((s, sl) => s + (sl.gzip ? sl.size : sl.end - sl.start), 0);
  let done = 0;
  const onBytes = options.onProgress
    ? (n: number): void => {
        done += n;
        options.onProgress?.({ label: 'reading JSONL', done: Math.min(done, total), total });
      }
    : undefined;
  for (const slice of slices) yield* sliceLines(slice, onBytes);
}

async function* sliceLines(slice: TextSlice, onBytes: ((n: number) => void) | undefined): AsyncGenerator<Located[]> {
  let line = 0;
  for await (const chunk of lineChunks(slice, { onBytes })) {
    const text = chunk.buf.toString('utf8');
    const out: Located[] = [];
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      line++;
      const s = text.slice(start, end);
      start = end + 1;
      if (s.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(s);
      } catch (e) {
        const msg = (e as Error).message;
        // V8 names the position for some syntax errors only ("... in JSON at position 12").
        const pos = /position (\d+)/.exec(msg);
        const column = pos ? Number(pos[1]) + 1 : null;
        const at = column === null ? '' : `, column ${column}`;
        throw new DataError(`${slice.file}: ${lineLabel(slice, line)}${at}: invalid JSON (${msg}).`, {
          file: slice.file,
          line,
          column,
        });
      }
      out.push({ value, file: slice.file, where: lineLabel(slice, line), line });
    }
    if (out.length > 0) yield out;
  }
}

/**
 * Streams JSON Lines files (optionally gzip-compressed) as parsed values, one per non-blank line.
 * @throws DataError (while iterating) for invalid JSON, naming the file, the line and the column.
 */
export function readJsonlRecords(paths: PathInput, options: JsonlRecordOptions = {}): Dataset<unknown> {
  checkShard(options.shard, 'readJsonlRecords');
  return new Dataset(async function* () {
    for await (const group of jsonLines(paths, options)) for (const r of group) yield r.value;
  });
}

/**
 * Streams JSON Lines files of objects as dense Float32 batches with bounded memory. Numbers, booleans and
 * numeric strings are features; null or absent keys are missing values.
 * @throws DataError (while iterating) for invalid JSON, a line that is not an object, a non-numeric value or
 *   an array of another length, naming the file, the line and the key.
 */
export function readJsonl(paths: PathInput, options: JsonlOptions = {}): Dataset<DenseBatch> {
  checkShard(options.shard, 'readJsonl');
  return new Dataset(() => jsonlBatches(paths, options));
}

async function* jsonlBatches(paths: PathInput, options: JsonlOptions): AsyncGenerator<DenseBatch> {
  const batchSize = options.batchSize ?? 1024;
  const classes = options.labelClasses ? new Map(options.labelClasses.map((c, i) => [c, i] as const)) : null;
  const labelDtype = options.labelDtype ?? (classes ? 'int32' : 'float64');
  const missing = options.missing ?? 'nan';
  const fill = typeof missing === 'number' ? missing : NaN;
  const label = options.label;
  let keys: string[] | null = null;
  let widths: number[] = [];
  let builder: DenseBatchBuilder | null = null;
  for await (const group of jsonLines(paths, options)) {
    for (const { value, file, where, line } of group) {
      const fail = (what: string, key?: string): DataError =>
        new DataError(`${file}: ${where}${key === undefined ? '' : `, key ${JSON.stringify(key)}`}: ${what}.`, {
          file,
          line,
          key,
        });
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('expected a JSON object');
      const obj = value as Record<string, unknown>;
      if (keys === null) {
        const skip = new Set([...(options.ignore ?? []), ...(label === undefined ? [] : [label])]);
        keys = options.features ? [...options.features] : Object.keys(obj).filter((k) => !skip.has(k));
        widths = keys.map((k) => (Array.isArray(obj[k]) ? (obj[k] as unknown[]).length : 1));
        const cols = widths.reduce((a, b) => a + b, 0);
        builder = new DenseBatchBuilder(cols, batchSize, label === undefined ? null : labelDtype);
      }
      const b = builder as DenseBatchBuilder;
      let o = b.rows * b.cols;
      const num = (v: unknown, key: string): number => {
        if (typeof v === 'number') return v;
        if (v === null || v === undefined) {
          if (missing === 'error') throw fail('missing value', key);
          return fill;
        }
        if (typeof v === 'boolean') return v ? 1 : 0;
        if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
        throw fail(`expected a number, found ${JSON.stringify(v)}`, key);
      };
      keys.forEach((k, i) => {
        const v = obj[k];
        const w = widths[i] as number;
        if (Array.isArray(v)) {
          if (v.length !== w)
            throw fail(`expected an array of ${w} values as in the first record, found ${v.length}`, k);
          for (const e of v) b.x[o++] = num(e, k);
        } else if (w !== 1 && v !== null && v !== undefined) {
          throw fail(`expected an array of ${w} values as in the first record`, k);
        } else {
          const z = num(v, k);
          for (let e = 0; e < w; e++) b.x[o++] = z;
        }
      });
      if (label !== undefined) {
        const t = targetValue(obj[label], classes);
        if (t !== t) {
          const v = obj[label];
          throw fail(
            v === null || v === undefined
              ? 'missing label'
              : `${classes ? 'unknown class' : 'expected a numeric label, found'} ${JSON.stringify(v)}`,
            label,
          );
        }
        (b.y as Float64Array)[b.rows] = t;
      }
      b.rows++;
      if (b.full) yield b.take();
    }
  }
  if (builder !== null && builder.rows > 0) yield builder.take();
}
