import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { type LabelDType, type Labels, type SparseBatch, allocateLabels } from '../Batch.js';
import type { LibsvmSink } from './LibsvmTokenizer.js';

/**
 * Builds CSR batches row by row: `add(index, value)` appends an entry to the open row, `endRow(label)`
 * closes it, and every `batchSize` rows the batch moves to `ready`. Storage grows by doubling. It is the
 * LIBSVM tokenizer's sink, so these calls stay monomorphic and cheap.
 */
export class CsrBatchBuilder implements LibsvmSink {
  readonly cols: number;
  readonly batchSize: number;
  private readonly labelDtype: LabelDType;
  private indptr: Int32Array;
  private indices: Int32Array;
  private values: Float32Array;
  private y: Labels;
  rows = 0;
  nnz = 0;
  /** Full batches waiting to be handed out. */
  readonly ready: SparseBatch[] = [];

  constructor(cols: number, batchSize: number, labelDtype: LabelDType) {
    this.cols = cols;
    this.batchSize = batchSize;
    this.labelDtype = labelDtype;
    this.indptr = new Int32Array(batchSize + 1);
    this.indices = new Int32Array(batchSize * 16);
    this.values = new Float32Array(batchSize * 16);
    this.y = allocateLabels(labelDtype, batchSize);
  }

  /** Appends one entry to the open row. */
  add(index: number, value: number): void {
    if (this.nnz === this.indices.length) this.grow();
    this.indices[this.nnz] = index;
    this.values[this.nnz] = value;
    this.nnz++;
  }

  /** Closes the open row with target `label`; a full batch moves to `ready`. */
  endRow(label: number): void {
    this.y[this.rows] = label;
    this.rows++;
    this.indptr[this.rows] = this.nnz;
    if (this.rows === this.batchSize) this.ready.push(this.take());
  }

  /** Drops the entries added since the last `endRow`. */
  abandonRow(): void {
    this.nnz = this.indptr[this.rows] as number;
  }

  /** True when `batchSize` rows are closed. */
  get full(): boolean {
    return this.rows === this.batchSize;
  }

  /** The closed rows as a sparse batch (copied out); the builder starts empty again. */
  take(): SparseBatch {
    const { rows, nnz, cols } = this;
    const x = new CsrMatrix(
      rows,
      cols,
      this.indptr.slice(0, rows + 1),
      this.indices.slice(0, nnz),
      this.values.slice(0, nnz),
    );
    const y = this.y.slice(0, rows);
    this.rows = 0;
    this.nnz = 0;
    this.y = allocateLabels(this.labelDtype, this.batchSize);
    return { x, y, rows, cols };
  }

  private grow(): void {
    const indices = new Int32Array(this.indices.length * 2);
    indices.set(this.indices);
    this.indices = indices;
    const values = new Float32Array(this.values.length * 2);
    values.set(this.values);
    this.values = values;
  }
}
