import { DataError, ShapeError } from '../../errors/errors.js';
import { allocate } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/Tensor.js';
import { formatShape } from '../../util/format.js';

/** Inputs or targets of a model: one tensor, one per input/output in order, or a record by input/output name. */
export type ModelData = Tensor | Tensor[] | Record<string, Tensor>;

/**
 * Puts `data` in the order of `names` (the model's input or output names).
 * @throws DataError when the count or a name does not match, or an entry is not a Tensor.
 */
export function toTensorList(where: string, data: ModelData, names: readonly string[], what: string): Tensor[] {
  let list: unknown[];
  if (data instanceof Tensor) list = [data];
  else if (Array.isArray(data)) list = data;
  else if (data !== null && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    const missing = names.filter((n) => !(n in record));
    if (missing.length > 0) {
      throw new DataError(
        `${where}: ${what} ${missing.map((m) => JSON.stringify(m)).join(', ')} missing; received keys ${Object.keys(record).join(', ')}.`,
        {
          missing,
        },
      );
    }
    list = names.map((n) => record[n]);
  } else {
    throw new DataError(
      `${where}: ${what}s must be a Tensor, an array of Tensors or a record of Tensors by name; received ${data === null ? 'null' : typeof data}.`,
    );
  }
  if (list.length !== names.length) {
    throw new DataError(
      `${where}: the model has ${names.length} ${what}${names.length === 1 ? '' : 's'} (${names.join(', ')}); received ${list.length}.`,
      {
        expected: names.length,
        received: list.length,
      },
    );
  }
  list.forEach((t, i) => {
    if (!(t instanceof Tensor)) {
      throw new DataError(
        `${where}: ${what} "${names[i]}" must be a Tensor (use tensor(...)); received ${Array.isArray(t) ? 'an array' : typeof t}.`,
      );
    }
  });
  return list as Tensor[];
}

/**
 * The common number of examples (first dimension) of all tensors.
 * @throws ShapeError when they differ or a tensor is a scalar.
 */
export function countRows(where: string, tensors: readonly Tensor[]): number {
  let n: number | null = null;
  for (const t of tensors) {
    if (t.rank === 0) throw new ShapeError(`${where}: data must have a batch axis; received a scalar.`);
    const rows = t.shape[0] as number;
    if (n !== null && rows !== n) {
      throw new ShapeError(
        `${where}: all inputs and targets must have the same number of examples; received ${tensors.map((x) => formatShape(x.shape)).join(', ')}.`,
      );
    }
    n = rows;
  }
  return n ?? 0;
}

/** Rows `order[start..end)` of `t` (or rows start..end when `order` is null) as a new tensor. */
export function takeRows(t: Tensor, order: Int32Array | null, start: number, end: number): Tensor {
  const rowSize = t.shape.slice(1).reduce((p, d) => p * d, 1);
  const shape = [end - start, ...t.shape.slice(1)];
  if (order === null) return new Tensor(t.data.slice(start * rowSize, end * rowSize), shape);
  const out = allocate(t.dtype, (end - start) * rowSize);
  for (let i = start; i < end; i++) {
    const r = order[i] as number;
    out.set(t.data.subarray(r * rowSize, (r + 1) * rowSize), (i - start) * rowSize);
  }
  return new Tensor(out, shape);
}

/** Stacks same-shaped batches along the first axis. */
export function concatRows(parts: readonly Tensor[]): Tensor {
  const first = parts[0] as Tensor;
  const rows = parts.reduce((n, p) => n + (p.shape[0] as number), 0);
  const out = allocate(
    first.dtype,
    parts.reduce((n, p) => n + p.size, 0),
  );
  let offset = 0;
  for (const p of parts) {
    out.set(p.data, offset);
    offset += p.size;
  }
  return new Tensor(out, [rows, ...first.shape.slice(1)]);
}

/** A batch from a dataset: `{ x, y, sampleWeight }`, a tuple `[x, y, sampleWeight]`, or the data layer's DenseBatch. */
export type BatchLike =
  | { x: ModelData; y?: ModelData; sampleWeight?: Tensor | null }
  | [ModelData, ModelData?, (Tensor | null)?]
  | { x: Float32Array; y?: Float32Array | Float64Array | Int32Array; rows: number; cols: number };

/** A dataset `fit` and `evaluate` can iterate: an async (or sync) iterable of batches, re-iterable per epoch. */
export type BatchSource = AsyncIterable<BatchLike> | Iterable<BatchLike>;

/** True for a dataset rather than tensors. */
export function isBatchSource(x: unknown): x is BatchSource {
  return (
    x !== null &&
    typeof x === 'object' &&
    !(x instanceof Tensor) &&
    !Array.isArray(x) &&
    (Symbol.asyncIterator in x || Symbol.iterator in x)
  );
}

/** A batch split into model data. */
export interface NormalizedBatch {
  x: ModelData;
  y: ModelData | undefined;
  sampleWeight: Tensor | null;
}

/**
 * Normalises a dataset batch. A DenseBatch's flat rows are reshaped to `inputShape` (one example's shape) when its
 * size matches, so a stream of flattened images feeds a CNN.
 * @throws DataError for an unrecognised batch.
 */
export function normalizeBatch(
  where: string,
  batch: BatchLike,
  inputShape: readonly (number | null)[] | null,
): NormalizedBatch {
  if (Array.isArray(batch)) return { x: batch[0], y: batch[1], sampleWeight: batch[2] ?? null };
  if (batch && typeof batch === 'object' && 'x' in batch) {
    if (batch.x instanceof Float32Array && 'rows' in batch) {
      const { rows, cols } = batch;
      const known = inputShape !== null && inputShape.every((d) => d !== null) ? (inputShape as number[]) : null;
      const shape = known && known.reduce((p, d) => p * d, 1) === cols ? [rows, ...known] : [rows, cols];
      const y = batch.y === undefined ? undefined : new Tensor(batch.y, [rows]);
      return { x: new Tensor(batch.x, shape), y, sampleWeight: null };
    }
    const b = batch as { x: ModelData; y?: ModelData; sampleWeight?: Tensor | null };
    return { x: b.x, y: b.y, sampleWeight: b.sampleWeight ?? null };
  }
  throw new DataError(
    `${where}: a dataset batch must be { x, y, sampleWeight? }, [x, y, sampleWeight?] or a DenseBatch; received ${typeof batch}.`,
  );
}

/** Iterates a sync or async iterable uniformly. */
export async function* iterate<T>(source: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  if (Symbol.asyncIterator in source) yield* source as AsyncIterable<T>;
  else yield* source as Iterable<T>;
}
