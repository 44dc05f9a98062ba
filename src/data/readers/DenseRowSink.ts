import type { DenseBatch, LabelDType } from '../Batch.js';
import { DenseBatchBuilder } from './DenseBatchBuilder.js';
import type { LibsvmSink } from './LibsvmTokenizer.js';

/** A LIBSVM tokenizer sink that writes rows into dense Float32 batches; full batches move to `ready`. */
export class DenseRowSink implements LibsvmSink {
  private readonly b: DenseBatchBuilder;
  private readonly cols: number;
  /** Full batches waiting to be handed out. */
  readonly ready: DenseBatch[] = [];

  constructor(cols: number, batchSize: number, labelDtype: LabelDType) {
    this.cols = cols;
    this.b = new DenseBatchBuilder(cols, batchSize, labelDtype);
  }

  /** Rows in the open batch. */
  get rows(): number {
    return this.b.rows;
  }

  add(index: number, value: number): void {
    this.b.x[this.b.rows * this.cols + index] = value;
  }

  endRow(label: number): void {
    const b = this.b;
    (b.y as Float64Array)[b.rows] = label;
    b.rows++;
    if (b.full) this.ready.push(b.take());
  }

  abandonRow(): void {
    this.b.x.fill(0, this.b.rows * this.cols, (this.b.rows + 1) * this.cols);
  }

  /** The open (partial) batch. */
  take(): DenseBatch {
    return this.b.take();
  }
}
