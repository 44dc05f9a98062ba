import { Tensor } from '../../tensor/Tensor.js';
import type { LSTMSequenceGrads, LSTMSequenceState } from '../kernels.js';
import {
  K_LSTM_BACKWARD,
  K_LSTM_DW,
  K_LSTM_FORWARD,
  K_LSTM_PACK,
  LP_CS,
  LP_DST,
  LP_GROUP,
  LP_K,
  LP_N,
  LP_RS,
  LP_SRC,
  LS_B,
  LS_CS,
  LS_DC,
  LS_DH,
  LS_DHLAST,
  LS_DHREC,
  LS_DX,
  LS_DZ,
  LS_GATES,
  LS_H,
  LS_BIAS,
  LS_D,
  LS_HPREV,
  LS_HPSTRIDE,
  LS_KC,
  LS_HS,
  LS_MASK,
  LS_PACK,
  LS_PACKB,
  LS_REC,
  LS_ROWS,
  LS_STAGE,
  LS_T,
  LS_WT,
  LS_X,
  LW_AP,
  LW_BP,
  LW_C,
  LW_CB,
  LW_K,
  LW_KC,
  LW_M,
  LW_MCP,
  LW_N,
  LW_NCP,
} from './abi.js';
import { GEMM_TUNING } from './gemm.js';
import { RetainedState } from './RetainedState.js';
import type { RetainedBlock, WasmRuntime } from './runtime.js';

/** Below this many flops per step product, a sequence runs on the calling thread only. */
const PARALLEL_STEP_FLOPS = 2e5;

/** Rounds a byte count up to the 64-byte alignment of arena buffers. */
const align64 = (bytes: number): number => Math.ceil(bytes / 64) * 64;

/**
 * A forward state whose gates, states, cells and input stay in a retained block of the runtime's memory for the
 * backward of the same pass (no copy out and back in). `gates` and `c` are views of that memory, valid until `release`
 * (the op calls it once backward has run; the garbage collector, if the state is dropped before); `h` is copied out
 * on first use (an op that needs only the last step reads `lastStep` instead).
 */
export class RetainedLstmState extends RetainedState implements LSTMSequenceState {
  /** Addresses of the gates [B, T, 4H], states [B, T, H], cells [B, T, H] and input x [B, T, D] in the block. */
  readonly z: number;
  readonly hs: number;
  readonly cs: number;
  readonly xs: number;
  private hCopy: Tensor | null = null;

  /**
   * @param rt The runtime that holds `block`.
   * @param block Laid out by `retainedBytes`.
   * @param dims [B, T, H, D].
   */
  constructor(
    rt: WasmRuntime,
    block: RetainedBlock,
    private readonly dims: readonly [number, number, number, number],
  ) {
    super(rt, block, 'LSTMSequence');
    const [B, T, H] = dims;
    this.z = block.at;
    this.hs = this.z + align64(B * T * 16 * H);
    this.cs = this.hs + align64(B * T * 4 * H);
    this.xs = this.cs + align64(B * T * 4 * H);
  }

  /** Every step's state [B, T, H], copied out of the block (once). */
  get h(): Tensor {
    if (this.hCopy === null) {
      const [B, T, H] = this.dims;
      const out = new Float32Array(B * T * H);
      out.set(this.view(this.hs, B * T * H));
      this.hCopy = new Tensor(out, [B, T, H]);
    }
    return this.hCopy;
  }

  /** The last step's state [B, H], copied out of the block. */
  lastStep(): Tensor {
    const [B, T, H] = this.dims;
    const all = this.hCopy === null ? this.view(this.hs, B * T * H) : (this.hCopy.data as Float32Array);
    const out = new Float32Array(B * H);
    for (let b = 0; b < B; b++) out.set(all.subarray((b * T + T - 1) * H, (b * T + T) * H), b * H);
    return new Tensor(out, [B, H]);
  }

  /** Bytes a block needs for B rows of T steps of H units and D features. */
  static retainedBytes(B: number, T: number, H: number, D: number): number {
    return align64(B * T * 16 * H) + 2 * align64(B * T * 4 * H) + align64(B * T * 4 * D);
  }

  get gates(): Tensor {
    const [B, T, H] = this.dims;
    return new Tensor(this.view(this.z, B * T * 4 * H), [B, T, 4 * H]);
  }

  get c(): Tensor {
    const [B, T, H] = this.dims;
    return new Tensor(this.view(this.cs, B * T * H), [B, T, H]);
  }

  private view(at: number, n: number): Float32Array {
    this.checkLive();
    return this.rt.f32.subarray(at >> 2, (at >> 2) + n);
  }
}

/** Zero-filled arena bytes (the arena is reused, so fresh allocations hold old data). */
function zeroed(rt: WasmRuntime, bytes: number): number {
  const at = rt.alloc(bytes);
  rt.f32.fill(0, at >> 2, (at + bytes) >> 2);
  return at;
}

/**
 * Packs op(B) [k, n] (element (p, j) at src + 4·(p·rs + j·cs)) into NR panels; returns the address. On the calling
 * thread: the weights are small, and a phase fewer to synchronise matters more on a loaded machine.
 */
function packB(rt: WasmRuntime, src: number, rs: number, cs: number, k: number, n: number): number {
  const panels = Math.ceil(n / 8);
  const dst = rt.alloc(panels * k * 32);
  const group = panels;
  const p = rt.p;
  p.fill(0);
  p[LP_SRC] = src;
  p[LP_RS] = rs;
  p[LP_CS] = cs;
  p[LP_N] = n;
  p[LP_K] = k;
  p[LP_DST] = dst;
  p[LP_GROUP] = group;
  rt.run(K_LSTM_PACK, 1, false);
  return dst;
}

/**
 * Batch rows per task: a multiple of MR (4), a few tasks per thread so a descheduled thread is covered, but
 * blocks of at least 8 rows where the batch allows, so each packed panel of U serves two row panels from L1.
 */
function blockRows(rt: WasmRuntime, batch: number, parallel: boolean): number {
  if (!parallel) return Math.ceil(batch / 4) * 4;
  const per = Math.ceil(batch / (rt.threads * 4));
  return Math.max(8, Math.ceil(per / 4) * 4);
}

/** Stages the parameters shared by the forward and backward recurrence phases. */
function stageCommon(rt: WasmRuntime, B: number, T: number, H: number, rows: number): Int32Array {
  const p = rt.p;
  p.fill(0);
  p[LS_B] = B;
  p[LS_T] = T;
  p[LS_H] = H;
  p[LS_ROWS] = rows;
  return p;
}

/**
 * An LSTM layer on float32 (see KernelMap.LSTMSequence) in one wasm call: [W; U] is packed once; then one phase
 * whose tasks are blocks of batch rows, each running every step: the product z = [x_s | h_{s−1} ⊙ mask]·[W; U]
 * (input projection and recurrence at once, from A rows in L1) into a small buffer, then the fused gates of
 * z + bias. (A separate GEMM for the projection of all steps would write and read back a [B·T, 4H] buffer.)
 */
export function wasmLstmSequence(
  rt: WasmRuntime,
  x: Tensor,
  w: Tensor,
  u: Tensor,
  bias: Tensor | null,
  mask: Tensor | null,
): LSTMSequenceState {
  const [B, T, D] = x.shape as [number, number, number];
  const G = w.shape[1] as number;
  const H = G / 4;
  const parallel = rt.threads > 1 && 2 * B * H * G >= PARALLEL_STEP_FLOPS;
  // Gates, states and cells go to a retained block where one can be had, else to the arena (then copied out).
  const block = rt.retain(RetainedLstmState.retainedBytes(B, T, H, D));
  rt.begin();
  let z: number, hs: number, cs: number;
  try {
    let xPtr: number;
    if (block) {
      // The input stays beside the state for the backward.
      xPtr = block.at + RetainedLstmState.retainedBytes(B, T, H, 0);
      rt.f32.set(x.data as Float32Array, xPtr >> 2);
    } else {
      xPtr = rt.copyIn(x.data as Float32Array);
    }
    const wuPtr = rt.alloc((D + H) * G * 4); // [W; U]
    rt.f32.set(w.data as Float32Array, wuPtr >> 2);
    rt.f32.set(u.data as Float32Array, (wuPtr >> 2) + D * G);
    const bPtr = bias ? rt.copyIn(bias.data as Float32Array) : 0;
    const mPtr = mask ? rt.copyIn(mask.data as Float32Array) : 0;
    z = block ? block.at : rt.alloc(B * T * G * 4);
    hs = block ? z + align64(B * T * G * 4) : rt.alloc(B * T * H * 4);
    cs = block ? hs + align64(B * T * H * 4) : rt.alloc(B * T * H * 4);
    // The step product's A rows [x_s | h_{s−1} ⊙ mask] (rows past B stay zero) and its result, padded to whole
    // 4×8 tiles; its B is [W; U] [D + H, 4H], packed once.
    const hin = zeroed(rt, Math.ceil(B / 4) * (D + H) * 16);
    const rec = rt.alloc(Math.ceil(B / 4) * Math.ceil(G / 8) * 128);
    const up = packB(rt, wuPtr, G, 1, D + H, G);
    const rows = blockRows(rt, B, parallel);
    const p = stageCommon(rt, B, T, H, rows);
    p[LS_GATES] = z;
    p[LS_BIAS] = bPtr;
    p[LS_HS] = hs;
    p[LS_CS] = cs;
    p[LS_MASK] = mPtr;
    p[LS_PACK] = hin;
    p[LS_PACKB] = up;
    p[LS_REC] = rec;
    p[LS_X] = xPtr;
    p[LS_D] = D;
    rt.run(K_LSTM_FORWARD, Math.ceil(B / rows), parallel);
  } catch (err) {
    if (block) rt.release(block);
    throw err;
  }
  if (block) return new RetainedLstmState(rt, block, [B, T, H, D]);
  return {
    h: new Tensor(rt.readF32(hs, B * T * H), [B, T, H]),
    c: new Tensor(rt.readF32(cs, B * T * H), [B, T, H]),
    gates: new Tensor(rt.readF32(z, B * T * G), [B, T, G]),
  };
}

/** k block of the weight gradients' packed operands: a 4×KC A panel and a KC×8 B panel stay in L1. */
const DW_KC = 256;

/** C [m, n] = A·B from the operands the backward packed (k in blocks of DW_KC), in tasks of C blocks. */
function weightGrads(rt: WasmRuntime, ap: number, bp: number, m: number, n: number, k: number, c: number): void {
  const mp = Math.ceil(m / 4);
  const np = Math.ceil(n / 8);
  const parallel = rt.threads > 1 && 2 * m * n * k >= GEMM_TUNING.parallelFlops;
  // As the GEMM: blocks of up to 16 MR-panels × 32 NR-panels, split until every thread has a few.
  let mcp = Math.min(16, mp);
  let ncp = Math.min(32, np);
  const want = parallel ? rt.threads * 4 : 1;
  while (Math.ceil(mp / mcp) * Math.ceil(np / ncp) < want && (mcp > 1 || ncp > 1)) {
    if (ncp >= mcp && ncp > 1) ncp = Math.ceil(ncp / 2);
    else mcp = Math.ceil(mcp / 2);
  }
  const cb = Math.ceil(np / ncp);
  const p = rt.p;
  p.fill(0);
  p[LW_AP] = ap;
  p[LW_BP] = bp;
  p[LW_M] = m;
  p[LW_N] = n;
  p[LW_K] = k;
  p[LW_KC] = DW_KC;
  p[LW_C] = c;
  p[LW_MCP] = mcp;
  p[LW_NCP] = ncp;
  p[LW_CB] = cb;
  rt.run(K_LSTM_DW, Math.ceil(mp / mcp) * cb, parallel);
}

/**
 * Backpropagation through time of wasmLstmSequence (see KernelMap.LSTMSequenceGrad), in one wasm call. Uᵀ and
 * Wᵀ are packed once; one phase of batch-row blocks runs every step backwards (fused gate gradients, then dz·Uᵀ
 * for the step before and dx = dz·Wᵀ for this step, both from the step's dz rows while they are in L1), writing
 * dz and each row's [x | h_prev ⊙ mask | 1] straight into packed GEMM operands. Then one product over all steps
 * (K_LSTM_DW, the GEMM's compute without its packing pass): [dW; dU; db] = [x | h_prev ⊙ mask | 1]ᵀ·dz.
 */
export function wasmLstmSequenceGrad(
  rt: WasmRuntime,
  dh: Tensor,
  x: Tensor,
  w: Tensor,
  u: Tensor,
  hasBias: boolean,
  mask: Tensor | null,
  saved: LSTMSequenceState,
): LSTMSequenceGrads {
  const [B, T, D] = x.shape as [number, number, number];
  const H = u.shape[0] as number;
  const G = 4 * H;
  const N = B * T;
  const E = D + H + (hasBias ? 1 : 0); // columns of [x | h_prev | 1]
  const parallel = rt.threads > 1 && 2 * B * H * G >= PARALLEL_STEP_FLOPS;
  rt.begin();
  const dhPtr = rt.copyIn(dh.data as Float32Array);
  const wPtr = rt.copyIn(w.data as Float32Array);
  const uPtr = rt.copyIn(u.data as Float32Array);
  const mPtr = mask ? rt.copyIn(mask.data as Float32Array) : 0;
  // A state this runtime still retains is read in place; any other is copied in.
  const kept = saved instanceof RetainedLstmState && saved.rt === rt && !saved.released ? saved : null;
  const gates = kept ? kept.z : rt.copyIn(saved.gates.data as Float32Array);
  const hs = kept ? kept.hs : rt.copyIn(saved.h.data as Float32Array);
  const cs = kept ? kept.cs : rt.copyIn(saved.c.data as Float32Array);
  const xPtr = kept ? kept.xs : rt.copyIn(x.data as Float32Array);
  // The weight gradients' operands, written packed by the recurrence tasks: A = [x | h_prev | 1]ᵀ in MR-row
  // panels, B = dz in NR-column panels, k (the N rows) in blocks of DW_KC.
  const mpE = Math.ceil(E / 4);
  const npG = Math.ceil(G / 8);
  const aPack = rt.alloc(N * mpE * 16);
  const bPack = rt.alloc(N * npG * 32);
  // Per batch row: [x | h_prev | 1] staged (the 1 and the padding set here), and dz (padding zero).
  const Bp = Math.ceil(B / 4) * 4;
  const stage = zeroed(rt, Bp * mpE * 16);
  if (hasBias) for (let b = 0; b < B; b++) rt.f32[(stage >> 2) + b * mpE * 4 + D + H] = 1;
  const dzIn = zeroed(rt, Bp * npG * 32);
  // The step product's result, padded to whole 4×8 tiles.
  const dhRec = rt.alloc(Math.ceil(B / 4) * Math.ceil(H / 8) * 128);
  const dc = zeroed(rt, B * H * 4);
  // op(B) = Uᵀ [4H, H]: element (p, j) = U[j, p]; Wᵀ [4H, D] likewise.
  const utp = packB(rt, uPtr, 1, G, G, H);
  const wtp = packB(rt, wPtr, 1, G, G, D);
  const dx = rt.alloc(N * D * 4);
  const rows = blockRows(rt, B, parallel);
  const p = stageCommon(rt, B, T, H, rows);
  p[LS_GATES] = gates;
  p[LS_HS] = hs;
  p[LS_CS] = cs;
  p[LS_MASK] = mPtr;
  p[LS_PACK] = dzIn;
  p[LS_PACKB] = utp;
  p[LS_DH] = dhPtr;
  p[LS_DHREC] = dhRec;
  p[LS_DC] = dc;
  p[LS_DZ] = bPack;
  p[LS_HPREV] = aPack;
  p[LS_HPSTRIDE] = E;
  p[LS_KC] = DW_KC;
  p[LS_STAGE] = stage;
  p[LS_X] = xPtr;
  p[LS_D] = D;
  p[LS_DHLAST] = dh.rank === 2 ? 1 : 0;
  p[LS_WT] = wtp;
  p[LS_DX] = dx;
  rt.run(K_LSTM_BACKWARD, Math.ceil(B / rows), parallel);
  const dAll = rt.alloc(E * G * 4);
  weightGrads(rt, aPack, bPack, E, G, N, dAll);
  return {
    dx: new Tensor(rt.readF32(dx, N * D), [B, T, D]),
    dKernel: new Tensor(rt.readF32(dAll, D * G), [D, G]),
    dRecurrentKernel: new Tensor(rt.readF32(dAll + D * G * 4, H * G), [H, G]),
    dBias: hasBias ? new Tensor(rt.readF32(dAll + (D + H) * G * 4, G), [G]) : null,
  };
}
