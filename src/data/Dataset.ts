import { ValueError } from '../errors/errors.js';
import { Random, randomFor } from '../util/random.js';
import type { Batch, DenseBatch, DenseExample, SparseBatch, SparseExample } from './Batch.js';
import { type BatchOptions, batchSource } from './ops/batchExamples.js';
import { cacheToFile } from './ops/cacheFile.js';
import { concatenateSources } from './ops/concatenate.js';
import { filterSource } from './ops/filter.js';
import { interleaveSources } from './ops/interleave.js';
import { mapSource } from './ops/map.js';
import { type WorkerMapSpec, mapInWorkersSource } from './ops/mapInWorkers.js';
import { prefetchSource } from './ops/prefetch.js';
import { repeatSource } from './ops/repeat.js';
import { shardSource } from './ops/shard.js';
import { shuffleBufferSource } from './ops/shuffleBuffer.js';
import { shuffleRowsSource } from './ops/shuffleRows.js';
import { skipSource } from './ops/skip.js';
import { type Source, type SourceFactory, asyncIteratorOf } from './ops/source.js';
import { takeSource } from './ops/take.js';
import { unbatchSource } from './ops/unbatch.js';

/** What `batch` makes of an element type: dense examples → `DenseBatch`, sparse → `SparseBatch`, else arrays. */
export type BatchOf<T> = T extends SparseExample ? SparseBatch : T extends DenseExample ? DenseBatch : T[];

/** What `unbatch` makes of a batch type. */
export type ExampleOf<T> = T extends SparseBatch
  ? SparseExample
  : T extends DenseBatch
    ? DenseExample
    : T extends readonly (infer E)[]
      ? E
      : never;

/** Options of `Dataset.shuffle`. */
export interface ShuffleOptions {
  /** Seed of the shuffle; same seed, same order (default: the global generator). */
  seed?: number;
  /** Draw a new order on every pass (default true): pass k uses a seed derived from `seed` and k. */
  reshuffleEachIteration?: boolean;
}

function checkCount(where: string, name: string, value: number, min: number, allowInfinity = false): void {
  const ok = (Number.isInteger(value) || (allowInfinity && value === Infinity)) && value >= min;
  if (!ok) {
    throw new ValueError(`Dataset.${where}: "${name}" must be an integer >= ${min}; received ${String(value)}.`, {
      op: `Dataset.${where}`,
      [name]: value,
    });
  }
}

function passSeed(seed: number, pass: number): number {
  return (seed + Math.imul(pass, 0x9e3779b9)) >>> 0;
}

/**
 * A re-iterable, lazy stream of elements (examples or batches): each `for await` starts a fresh pass from
 * the source, and operations build new datasets without reading anything until iterated. Memory stays
 * bounded by what the operations hold (a shuffle buffer, a prefetch queue, one batch).
 *
 * ```ts
 * const train = readCsv('train.csv', { label: 'y' }).shuffleRows(10_000, { seed: 1 }).prefetch(2);
 * for await (const { x, y, rows, cols } of train) model.partialFit(x, y);
 * ```
 */
export class Dataset<T> implements AsyncIterable<T> {
  private readonly factory: SourceFactory<T>;

  /** Wraps `factory`, which must start a new pass over the data each time it is called. */
  constructor(factory: SourceFactory<T>) {
    this.factory = factory;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return asyncIteratorOf(this.factory());
  }

  /** Applies `fn` to every element (awaiting promises, keeping order). */
  map<U>(fn: (value: T, index: number) => U | Promise<U>): Dataset<U> {
    return new Dataset(() => mapSource(this.factory(), fn));
  }

  /**
   * Applies an exported function of an ES module to every element on worker threads, keeping order.
   * @param spec module, export name, `workers` (default 2) and `inFlightPerWorker` (default 4).
   */
  mapInWorkers<U>(spec: WorkerMapSpec): Dataset<U> {
    checkCount('mapInWorkers', 'workers', spec.workers ?? 2, 1);
    return new Dataset(() => mapInWorkersSource<T, U>(this.factory(), spec));
  }

  /** Keeps the elements for which `predicate` is true. */
  filter(predicate: (value: T, index: number) => boolean | Promise<boolean>): Dataset<T> {
    return new Dataset(() => filterSource(this.factory(), predicate));
  }

  /**
   * Groups `size` consecutive examples into a batch: dense examples into a `DenseBatch`, sparse examples into
   * a CSR `SparseBatch`, other elements into arrays.
   * @param options `dropRemainder` (default false), `labelDtype` (default 'float64').
   */
  batch(size: number, options: BatchOptions = {}): Dataset<BatchOf<T>> {
    checkCount('batch', 'size', size, 1);
    return new Dataset(() => batchSource(this.factory(), size, options) as AsyncGenerator<BatchOf<T>>);
  }

  /** Splits batches into examples (the inverse of `batch`). */
  unbatch(): Dataset<ExampleOf<T>> {
    return new Dataset(() => unbatchSource(this.factory()) as AsyncGenerator<ExampleOf<T>>);
  }

  /**
   * Shuffles elements through a buffer of `bufferSize` (see `shuffleBufferSource` for the guarantees). To
   * shuffle rows of batches, use `shuffleRows`.
   */
  shuffle(bufferSize: number, options: ShuffleOptions | number = {}): Dataset<T> {
    checkCount('shuffle', 'bufferSize', bufferSize, 1);
    const rngs = this.rngPerPass(typeof options === 'number' ? { seed: options } : options);
    return new Dataset(() => shuffleBufferSource(this.factory(), bufferSize, rngs()));
  }

  /**
   * Shuffles the rows of a dataset of batches through a buffer of `bufferSize` rows and re-batches them
   * (`batchSize` defaults to the first batch's row count). Dense rows are moved inside typed arrays, which
   * makes this much faster than `unbatch().shuffle().batch()`.
   */
  shuffleRows(
    this: Dataset<Batch>,
    bufferSize: number,
    options: ShuffleOptions & { batchSize?: number } = {},
  ): Dataset<T> {
    checkCount('shuffleRows', 'bufferSize', bufferSize, 1);
    if (options.batchSize !== undefined) checkCount('shuffleRows', 'batchSize', options.batchSize, 1);
    const rngs = this.rngPerPass(options);
    return new Dataset(() => shuffleRowsSource(this.factory(), bufferSize, rngs(), options.batchSize)) as Dataset<T>;
  }

  private rngPerPass(options: ShuffleOptions): () => Random {
    let pass = 0;
    const { seed } = options;
    const reshuffle = options.reshuffleEachIteration ?? true;
    return () => {
      if (seed === undefined) return randomFor(undefined);
      return new Random(reshuffle ? passSeed(seed, pass++) : seed);
    };
  }

  /** The first `count` elements. */
  take(count: number): Dataset<T> {
    checkCount('take', 'count', count, 0);
    return new Dataset(() => takeSource(this.factory(), count));
  }

  /** All elements after the first `count`. */
  skip(count: number): Dataset<T> {
    checkCount('skip', 'count', count, 0);
    return new Dataset(() => skipSource(this.factory(), count));
  }

  /** `count` passes over the data (default: forever). Each pass re-reads the source (and reshuffles). */
  repeat(count = Infinity): Dataset<T> {
    checkCount('repeat', 'count', count, 0, true);
    return new Dataset(() => repeatSource(this.factory, count));
  }

  /** Reads up to `size` elements ahead of the consumer (default 2). */
  prefetch(size = 2): Dataset<T> {
    checkCount('prefetch', 'size', size, 1);
    return new Dataset(() => prefetchSource(this.factory(), size));
  }

  /**
   * Shard `index` of `count`: the elements at positions i with i % count === index. Shards are deterministic,
   * disjoint and cover the data. Readers also take a `shard` option, which splits files by byte range or row
   * group so each worker reads only its part.
   */
  shard(index: number, count: number): Dataset<T> {
    checkCount('shard', 'count', count, 1);
    checkCount('shard', 'index', index, 0);
    if (index >= count) {
      throw new ValueError(`Dataset.shard: "index" must be in [0, ${count}); received ${index}.`, { index, count });
    }
    return new Dataset(() => shardSource(this.factory(), index, count));
  }

  /** This dataset followed by `others`. */
  concatenate(...others: Dataset<T>[]): Dataset<T> {
    return concatenate([this, ...others]);
  }

  /**
   * Caches the elements: in memory when `path` is omitted (the whole dataset must fit), else in a local file
   * written on the first complete pass and read on later ones.
   */
  cache(path?: string): Dataset<T> {
    if (path !== undefined) return new Dataset(cacheToFile(this.factory, path));
    let stored: T[] | null = null;
    const factory = this.factory;
    return new Dataset(async function* () {
      if (stored !== null) {
        yield* stored;
        return;
      }
      const items: T[] = [];
      for await (const v of factory()) {
        items.push(v);
        yield v;
      }
      stored = items;
    });
  }

  /** Reads the whole dataset into an array. */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const v of this) out.push(v);
    return out;
  }

  /** Calls `fn` on every element in order. */
  async forEach(fn: (value: T, index: number) => void | Promise<void>): Promise<void> {
    let i = 0;
    for await (const v of this) await fn(v, i++);
  }

  /** Counts the elements (reads a full pass). */
  async count(): Promise<number> {
    let n = 0;
    for await (const _ of this) n++;
    return n;
  }
}

/** A dataset that yields all elements of each dataset in turn. */
export function concatenate<T>(datasets: readonly Source<T>[]): Dataset<T> {
  return new Dataset(() => concatenateSources(datasets));
}

/**
 * A dataset that cycles over `datasets`, taking `blockLength` elements (default 1) from each in turn until
 * all are exhausted. Use it to mix many files: `interleave(files.map((f) => readCsv(f)))`.
 */
export function interleave<T>(datasets: readonly Source<T>[], options: { blockLength?: number } = {}): Dataset<T> {
  const blockLength = options.blockLength ?? 1;
  checkCount('interleave', 'blockLength', blockLength, 1);
  return new Dataset(() => interleaveSources(datasets, blockLength));
}
