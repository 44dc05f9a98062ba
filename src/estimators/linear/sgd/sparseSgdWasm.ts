import {
  type CsrAddresses,
  SparseLinearMemory,
  csrLayout,
  useSparseWasm,
} from '../../../backend/wasm/sparseLinearMemory.js';
import type { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { WeightVector } from './WeightVector.js';
import { type SparseEpochState, readEpochState, writeEpochState } from './epochStateBlock.js';

/** Fewer stored values than this train in TypeScript: the copy into WebAssembly memory would not pay off. */
const MIN_NNZ = 20000;

/** Per-step constants of a plain SGD epoch (see `plainSgd`). */
export interface SparseEpochSettings {
  lossCode: number;
  epsilon: number;
  weightPos: number;
  weightNeg: number;
  fitIntercept: boolean;
  decay: number;
  /** Learning-rate schedule code; 2 (invscaling) is not supported here. */
  schedule: number;
  alpha: number;
  tOptimal: number;
  l2: boolean;
  l2Strength: number;
  needLoss: boolean;
  checkFinite: boolean;
}

/**
 * Plain SGD epochs over CSR rows in WebAssembly (assembly/sparseLinear.ts), for the common case: batch size 1, L2
 * or no penalty, no averaging, any loss but log_loss, schedules other than invscaling. The data, targets, sample
 * weights and the row order are copied into a private memory once; each epoch copies the weights in and out
 * (O(features), small beside an epoch). The loop is plainSgd's, operation for operation, so the model is the same
 * bits as with the TypeScript loop.
 */
export class SparseSgdWasm {
  /** The row order, in WebAssembly memory: shuffle it in place between epochs. */
  readonly order: Int32Array;
  private readonly weights: Float64Array;
  private readonly state: Float64Array;

  private constructor(
    private readonly mem: SparseLinearMemory,
    private readonly rows: CsrAddresses,
    private readonly yAt: number,
    private readonly swAt: number,
    private readonly orderAt: number,
    private readonly wAt: number,
    private readonly stateAt: number,
    nTrain: number,
    private readonly d: number,
  ) {
    this.order = mem.i32(orderAt, nTrain);
    this.weights = mem.f64(wAt, d);
    this.state = mem.f64(stateAt, 6);
  }

  /**
   * Copies the problem in, or returns null when the loops are unavailable (no WebAssembly SIMD, memory above
   * 4 GiB) or not wanted (`useSparseWasm`: too small to repay the copy, or LSML_SPARSE_WASM=0).
   * @param trainRows the rows trained on (copied as the initial order)
   */
  static create(
    X: CsrMatrix,
    y: Float64Array,
    sampleWeight: Float64Array | null,
    trainRows: Int32Array,
  ): SparseSgdWasm | null {
    const { indptr, indices, values } = X;
    const n = X.rows;
    if ((indptr[0] as number) !== 0 || !useSparseWasm(indptr[n] as number, MIN_NNZ)) return null;
    const layout = csrLayout(indptr, values);
    const mem = SparseLinearMemory.create([
      ...layout.blocks,
      8 * n,
      sampleWeight !== null ? 8 * n : 0,
      4 * trainRows.length,
      8 * X.cols,
      48,
    ]);
    if (mem === null) return null;
    const rows = mem.copyCsr(indptr, indices, values, layout);
    const yAt = mem.alloc(8 * n);
    mem.f64(yAt, n).set(y.subarray(0, n));
    let swAt = 0;
    if (sampleWeight !== null) {
      swAt = mem.alloc(8 * n);
      mem.f64(swAt, n).set(sampleWeight.subarray(0, n));
    }
    const orderAt = mem.alloc(4 * trainRows.length);
    mem.i32(orderAt, trainRows.length).set(trainRows);
    const wAt = mem.alloc(8 * X.cols);
    const stateAt = mem.alloc(48);
    return new SparseSgdWasm(mem, rows, yAt, swAt, orderAt, wAt, stateAt, trainRows.length, X.cols);
  }

  /**
   * One epoch over `order`: updates `w` (raw weights and scale) and `st` in place.
   * @returns the sum of the training losses (0 unless `needLoss`) and the row whose decision value was not
   *   finite (−1 if none; the epoch stopped there)
   */
  epoch(w: WeightVector, st: SparseEpochState, c: SparseEpochSettings): { sumLoss: number; badRow: number } {
    const state = this.state;
    writeEpochState(state, this.weights, w, st);
    const r = this.rows;
    const badRow = this.mem.kernels.sgdSparseEpoch(
      r.indptr,
      r.indices,
      r.values,
      r.valuesF32,
      this.yAt,
      this.swAt,
      this.orderAt,
      this.order.length,
      this.wAt,
      this.d,
      this.stateAt,
      c.lossCode,
      c.epsilon,
      c.weightPos,
      c.weightNeg,
      c.fitIntercept ? 1 : 0,
      c.decay,
      c.schedule,
      c.alpha,
      c.tOptimal,
      c.l2 ? 1 : 0,
      c.l2Strength,
      c.needLoss ? 1 : 0,
      c.checkFinite ? 1 : 0,
    );
    return { sumLoss: readEpochState(state, this.weights, w, st), badRow };
  }
}
