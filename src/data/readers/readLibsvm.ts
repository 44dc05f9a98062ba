import { warn } from '../../util/warnings.js';
import type { ProgressCallback } from '../../util/progress.js';
import type { DenseBatch, LabelDType, SparseBatch } from '../Batch.js';
import { Dataset } from '../Dataset.js';
import { type PathInput, expandPaths } from '../io/expandPaths.js';
import { lineChunks } from '../io/lineChunks.js';
import { type TextSlice, planTextSlices } from '../io/planTextSlices.js';
import { type ShardSpec, checkShard } from '../io/ShardSpec.js';
import { CsrBatchBuilder } from './CsrBatchBuilder.js';
import { DenseRowSink } from './DenseRowSink.js';
import { type LibsvmSink, LibsvmTokenizer } from './LibsvmTokenizer.js';
import { lineLabel } from './textLocation.js';

/** Options of `readLibsvm`. */
export interface LibsvmOptions {
  /**
   * Number of features (columns). When omitted, a first pass over the whole file set finds the largest index;
   * pass it to skip that pass (and so that every shard agrees without reading the other shards).
   */
  nFeatures?: number;
  /** Indices start at 0 (default false: LIBSVM's 1-based indices). */
  zeroBased?: boolean;
  /** Rows per batch (default 1024). */
  batchSize?: number;
  /** Dense Float32 batches instead of CSR (default false). */
  dense?: boolean;
  /** Storage of the targets (default 'float64'). */
  labelDtype?: LabelDType;
  /** Shard of the file set to read (byte ranges). */
  shard?: ShardSpec;
  /** Receives bytes read against the total size. */
  onProgress?: ProgressCallback;
}

/**
 * Streams LIBSVM / svmlight files (optionally gzip-compressed) as CSR batches (or dense ones with
 * `dense: true`) with bounded memory, using lsml's own byte-level tokenizer. `qid:` tokens (ranking query ids)
 * are skipped with a one-time note.
 * @throws DataError (while iterating) for a bad token, an index out of range or not increasing, or invalid
 *   gzip, naming the file, the line and the column.
 */
export function readLibsvm(paths: PathInput, options: LibsvmOptions & { dense: true }): Dataset<DenseBatch>;
export function readLibsvm(paths: PathInput, options?: LibsvmOptions & { dense?: false }): Dataset<SparseBatch>;
export function readLibsvm(paths: PathInput, options: LibsvmOptions = {}): Dataset<SparseBatch> | Dataset<DenseBatch> {
  checkShard(options.shard, 'readLibsvm');
  let nFeatures: number | undefined = options.nFeatures;
  return new Dataset(async function* () {
    const files = await expandPaths(paths);
    nFeatures ??= await scanFeatureCount(files, options.zeroBased ?? false);
    yield* libsvmBatches(files, { ...options, nFeatures });
  }) as Dataset<SparseBatch> | Dataset<DenseBatch>;
}

/**
 * Reads the whole file set once and returns 1 + the largest feature index (0-based), the column count
 * `readLibsvm` uses when `nFeatures` is not given.
 */
export async function scanFeatureCount(files: readonly string[], zeroBased: boolean): Promise<number> {
  let max = -1;
  const sink: LibsvmSink = { add: () => undefined, endRow: () => undefined, abandonRow: () => undefined };
  for (const slice of await planTextSlices(files)) {
    const tok = new LibsvmTokenizer({
      file: slice.file,
      zeroBased,
      nFeatures: Infinity,
      lineLabel: (l) => `line ${l}`,
    });
    for await (const chunk of lineChunks(slice)) tok.parse(chunk.buf, sink);
    max = Math.max(max, tok.maxIndex);
  }
  return max + 1;
}

async function* libsvmBatches(
  files: readonly string[],
  options: LibsvmOptions & { nFeatures: number },
): AsyncGenerator<SparseBatch | DenseBatch> {
  const slices = await planTextSlices(files, options.shard);
  const batchSize = options.batchSize ?? 1024;
  const labelDtype = options.labelDtype ?? 'float64';
  const { nFeatures } = options;
  const sink = options.dense
    ? new DenseRowSink(nFeatures, batchSize, labelDtype)
    : new CsrBatchBuilder(nFeatures, batchSize, labelDtype);
  const total = slices.reduce((s, sl) => s + (sl.gzip ? sl.size : sl.end - sl.start), 0);
  let done = 0;
  const onBytes = options.onProgress
    ? (n: number): void => {
        done += n;
        options.onProgress?.({ label: 'reading LIBSVM', done: Math.min(done, total), total });
      }
    : undefined;
  let noted = false;
  for (const slice of slices) {
    const tok = new LibsvmTokenizer({
      file: slice.file,
      zeroBased: options.zeroBased ?? false,
      nFeatures,
      lineLabel: (line) => lineLabel(slice, line),
      onQid: () => {
        if (noted) return;
        noted = true;
        warn('LibsvmQidIgnored', `readLibsvm: ${slice.file} has qid: tokens (ranking query ids); lsml skips them.`, {
          file: slice.file,
        });
      },
    });
    for await (const chunk of lineChunks(slice as TextSlice, { onBytes })) {
      tok.parse(chunk.buf, sink);
      yield* sink.ready;
      sink.ready.length = 0;
    }
  }
  if (sink.rows > 0) yield sink.take();
}
