import { SparseLinearMemory, useSparseWasm } from '../../../backend/wasm/sparseLinearMemory.js';
import type { SparseEpochSettings } from './sparseSgdWasm.js';
import { TOUCH_GROUP, touchRows } from './touchRows.js';
import { type SparseEpochState, readEpochState, writeEpochState } from './epochStateBlock.js';
import type { WeightVector } from './WeightVector.js';

/** Fewer values than this train in TypeScript: the WebAssembly set-up would not pay off. */
const MIN_VALUES = 20000;
/** Rows staged and trained per call: the groups that are read ahead. */
const GROUP = TOUCH_GROUP;

/**
 * Plain SGD epochs over dense rows with the steps in WebAssembly (assembly/sparseLinear.ts, `sgdDenseRows`), in
 * the settings of `SparseSgdWasm`. The matrix is not copied: each group of 16 rows (in the epoch's order) is
 * staged into a small buffer of the private memory and trained there, while the next group's rows are read
 * ahead (`touch`) so their memory misses overlap. Targets, sample weights, the row order and the weights live in
 * the private memory. The steps are plainSgd's, operation for operation, so the model is the same bits.
 */
export class DenseSgdWasm {
  /** The row order, in WebAssembly memory: shuffle it in place between epochs. */
  readonly order: Int32Array;
  private readonly weights: Float64Array;
  private readonly state: Float64Array;
  private readonly stage: Float64Array;

  private constructor(
    private readonly mem: SparseLinearMemory,
    private readonly data: Float32Array | Float64Array,
    private readonly d: number,
    private readonly stageAt: number,
    private readonly yAt: number,
    private readonly swAt: number,
    private readonly orderAt: number,
    private readonly wAt: number,
    private readonly stateAt: number,
    nTrain: number,
  ) {
    this.order = mem.i32(orderAt, nTrain);
    this.weights = mem.f64(wAt, d);
    this.state = mem.f64(stateAt, 6);
    this.stage = mem.f64(stageAt, GROUP * d);
  }

  /**
   * Sets up the private memory, or returns null when the loops are unavailable (no WebAssembly SIMD) or not wanted
   * (`useSparseWasm`: too small a problem, or LSML_SPARSE_WASM=0).
   * @param data the rows × d matrix, row-major
   * @param trainRows the rows trained on (copied as the initial order)
   */
  static create(
    data: Float32Array | Float64Array,
    rows: number,
    d: number,
    y: Float64Array,
    sampleWeight: Float64Array | null,
    trainRows: Int32Array,
  ): DenseSgdWasm | null {
    if (d < 1 || !useSparseWasm(rows * d, MIN_VALUES)) return null;
    const mem = SparseLinearMemory.create([
      8 * GROUP * d,
      8 * rows,
      sampleWeight !== null ? 8 * rows : 0,
      4 * trainRows.length,
      8 * d,
      48,
    ]);
    if (mem === null) return null;
    const stageAt = mem.alloc(8 * GROUP * d);
    const yAt = mem.alloc(8 * rows);
    mem.f64(yAt, rows).set(y.subarray(0, rows));
    let swAt = 0;
    if (sampleWeight !== null) {
      swAt = mem.alloc(8 * rows);
      mem.f64(swAt, rows).set(sampleWeight.subarray(0, rows));
    }
    const orderAt = mem.alloc(4 * trainRows.length);
    mem.i32(orderAt, trainRows.length).set(trainRows);
    const wAt = mem.alloc(8 * d);
    const stateAt = mem.alloc(48);
    return new DenseSgdWasm(mem, data, d, stageAt, yAt, swAt, orderAt, wAt, stateAt, trainRows.length);
  }

  /**
   * One epoch over `order`: updates `w` (raw weights and scale) and `st` in place.
   * @returns the sum of the training losses (0 unless `needLoss`) and the row whose decision value was not
   *   finite (−1 if none; the epoch stopped there)
   */
  epoch(w: WeightVector, st: SparseEpochState, c: SparseEpochSettings): { sumLoss: number; badRow: number } {
    const { state, stage, order, data, d } = this;
    const n = order.length;
    writeEpochState(state, this.weights, w, st);
    let touched = touchRows(data, order, 0, d);
    let badRow = -1;
    for (let g = 0; g < n && badRow < 0; g += GROUP) {
      const end = Math.min(g + GROUP, n);
      touched += touchRows(data, order, end, d);
      for (let k = g; k < end; k++) {
        const o = (order[k] as number) * d;
        stage.set(data.subarray(o, o + d), (k - g) * d);
      }
      badRow = this.mem.kernels.sgdDenseRows(
        this.stageAt,
        this.yAt,
        this.swAt,
        this.orderAt + 4 * g,
        end - g,
        this.wAt,
        d,
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
    }
    state[5] = touched;
    return { sumLoss: readEpochState(state, this.weights, w, st), badRow };
  }
}
