import { type DenseBatch, type LabelDType, type Labels, allocateLabels } from '../Batch.js';

/**
 * Fills row-major Float32 batches in place, row by row; readers write straight into `x` and `y` at `rows`.
 * `take` hands the filled batch over (trimmed when partial) and starts a new one.
 */
export class DenseBatchBuilder {
  readonly cols: number;
  readonly batchSize: number;
  private readonly labelDtype: LabelDType | null;
  x: Float32Array;
  y: Labels | null;
  rows = 0;

  constructor(cols: number, batchSize: number, labelDtype: LabelDType | null) {
    this.cols = cols;
    this.batchSize = batchSize;
    this.labelDtype = labelDtype;
    this.x = new Float32Array(batchSize * cols);
    this.y = labelDtype === null ? null : allocateLabels(labelDtype, batchSize);
  }

  /** True when `batchSize` rows are filled. */
  get full(): boolean {
    return this.rows === this.batchSize;
  }

  /** The filled rows as a batch; the builder starts empty again. */
  take(): DenseBatch {
    const { rows, cols } = this;
    let x = this.x;
    let y = this.y;
    if (rows < this.batchSize) {
      x = x.slice(0, rows * cols);
      y = y === null ? null : y.slice(0, rows);
    } else {
      this.x = new Float32Array(this.batchSize * cols);
      this.y = this.labelDtype === null ? null : allocateLabels(this.labelDtype, this.batchSize);
    }
    this.rows = 0;
    return y === null ? { x, rows, cols } : { x, y, rows, cols };
  }
}
