import { ShapeError } from '../../errors/errors.js';
import type { Random } from '../../util/random.js';
import { type Batch, type DenseBatch, type Labels, allocateLabels, isSparseBatch, labelDType } from '../Batch.js';
import { batchSource } from './batchExamples.js';
import { shuffleBufferSource } from './shuffleBuffer.js';
import { type Source, asyncIteratorOf } from './source.js';
import { unbatchSource } from './unbatch.js';

/**
 * Shuffles the rows of a stream of batches through a buffer of `bufferSize` rows and re-batches them into
 * batches of `batchSize` rows (default: the size of the first input batch). Same algorithm and guarantees as
 * `shuffleBufferSource`, but dense rows live in one Float32Array, so no object is made per row.
 * Sparse batches go through examples (unbatch, shuffle, batch).
 * @throws ShapeError when the batches differ in their number of columns.
 */
export async function* shuffleRowsSource(
  src: Source<Batch>,
  bufferSize: number,
  rng: Random,
  batchSize?: number,
): AsyncGenerator<Batch> {
  const it = asyncIteratorOf(src);
  const first = await it.next();
  if (first.done) return;
  const head = first.value;
  async function* all(): AsyncGenerator<Batch> {
    try {
      yield head;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      await it.return?.();
    }
  }
  const size = batchSize ?? head.rows;
  if (isSparseBatch(head)) {
    const labelDtype = head.y === undefined ? undefined : labelDType(head.y);
    const examples = shuffleBufferSource(unbatchSource(all()), bufferSize, rng);
    yield* batchSource(examples, size, labelDtype === undefined ? {} : { labelDtype }) as AsyncGenerator<Batch>;
    return;
  }
  const cols = head.cols;
  const hasY = head.y !== undefined;
  const yDtype = head.y === undefined ? 'float64' : labelDType(head.y);
  const bufX = new Float32Array(bufferSize * cols);
  const bufY: Labels = allocateLabels(yDtype, bufferSize);
  let filled = 0;
  let outX = new Float32Array(size * cols);
  let outY = allocateLabels(yDtype, size);
  let outRows = 0;
  const emit = (): DenseBatch => {
    const b: DenseBatch = hasY ? { x: outX, y: outY, rows: size, cols } : { x: outX, rows: size, cols };
    outX = new Float32Array(size * cols);
    outY = allocateLabels(yDtype, size);
    outRows = 0;
    return b;
  };
  const moveToOut = (slot: number): void => {
    outX.set(bufX.subarray(slot * cols, slot * cols + cols), outRows * cols);
    outY[outRows] = bufY[slot] as number;
    outRows++;
  };
  for await (const batch of all()) {
    if (batch.cols !== cols || isSparseBatch(batch)) {
      throw new ShapeError(
        `shuffleRows: a ${isSparseBatch(batch) ? 'sparse ' : ''}batch has ${batch.cols} columns; expected dense batches of ${cols} columns as the first.`,
        { expected: cols, received: batch.cols },
      );
    }
    const { x, y } = batch;
    for (let r = 0; r < batch.rows; r++) {
      const row = x.subarray(r * cols, r * cols + cols);
      if (filled < bufferSize) {
        bufX.set(row, filled * cols);
        if (y !== undefined) bufY[filled] = y[r] as number;
        filled++;
        continue;
      }
      const j = rng.int(bufferSize);
      moveToOut(j);
      bufX.set(row, j * cols);
      if (y !== undefined) bufY[j] = y[r] as number;
      if (outRows === size) yield emit();
    }
  }
  // Drain: pick a random slot, move the last slot into its place.
  while (filled > 0) {
    const j = rng.int(filled);
    moveToOut(j);
    filled--;
    if (j !== filled) {
      bufX.copyWithin(j * cols, filled * cols, filled * cols + cols);
      bufY[j] = bufY[filled] as number;
    }
    if (outRows === size) yield emit();
  }
  if (outRows > 0) {
    const x = outX.subarray(0, outRows * cols).slice();
    const y = outY.slice(0, outRows);
    yield hasY ? { x, y, rows: outRows, cols } : { x, rows: outRows, cols };
  }
}
