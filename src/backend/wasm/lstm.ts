import { BackendError } from '../../errors/errors.js';
import { Tensor } from '../../tensor/Tensor.js';
import type { LSTMSequenceGrads, LSTMSequenceState } from '../kernels.js';
import {
  A_MATRIX,
  K_LSTM_BACKWARD,
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
  LS_DHREC,
  LS_DZ,
  LS_GATES,
  LS_H,
  LS_BIAS,
  LS_HPREV,
  LS_HPSTRIDE,
  LS_HS,
  LS_MASK,
  LS_PACK,
  LS_PACKB,
  LS_ROWS,
  LS_T,
} from './abi.js';
import { gemm } from './gemm.js';
import type { RetainedBlock, WasmRuntime } from './runtime.js';

/** Below this many flops per step product, a sequence runs on the calling thread only. */
const PARALLEL_STEP_FLOPS = 2e5;

/** Gives back the retained block of a forward state that was collected before its backward ran (or never ran). */
const collected = new FinalizationRegistry<{ rt: WasmRuntime; block: RetainedBlock }>(({ rt, block }) => {
  rt.release(block);
});

/** Rounds a byte count up to the 64-byte alignment of arena buffers. */
const align64 = (bytes: number): number => Math.ceil(bytes / 64) * 64;

/**
 * A forward state whose gates, states and cells stay in a retained block of the runtime's memory for the backward
 * of the same pass (no copy out and back in). `gates` and `c` are views of that memory, valid until `release`
 * (the op calls it once backward has run; the garbage collector, if the state is dropped before).
 */
export class RetainedLstmState implements LSTMSequenceState {
  /** Addresses of the gates [B, T, 4H], states [B, T, H] and cells [B, T, H] in the block. */
  readonly z: number;
  readonly hs: number;
  readonly cs: number;

  /**
   * @param rt The runtime that holds `block`.
   * @param block Laid out by `retainedBytes`.
   * @param h The states, copied out (they are the op's output).
   */
  constructor(
    readonly rt: WasmRuntime,
    private readonly block: RetainedBlock,
    private readonly dims: readonly [number, number, number],
    readonly h: Tensor,
  ) {
    const [B, T, H] = dims;
    this.z = block.at;
    this.hs = this.z + align64(B * T * 16 * H);
    this.cs = this.hs + align64(B * T * 4 * H);
    collected.register(this, { rt, block }, this);
  }

  /** Bytes a block needs for B rows of T steps of H units. */
  static retainedBytes(B: number, T: number, H: number): number {
    return align64(B * T * 16 * H) + 2 * align64(B * T * 4 * H);
  }

  get released(): boolean {
    return !this.block.live;
  }

  get gates(): Tensor {
    const [B, T, H] = this.dims;
    return new Tensor(this.view(this.z, B * T * 4 * H), [B, T, 4 * H]);
  }

  get c(): Tensor {
    const [B, T, H] = this.dims;
    return new Tensor(this.view(this.cs, B * T * H), [B, T, H]);
  }

  release(): void {
    if (!this.block.live) return;
    collected.unregister(this);
    this.rt.release(this.block);
  }

  private view(at: number, n: number): Float32Array {
    if (!this.block.live) {
      throw new BackendError('wasm backend: LSTMSequence state read after release(); run the forward again.', {
        backend: 'wasm',
      });
    }
    return this.rt.f32.subarray(at >> 2, (at >> 2) + n);
  }
}

/** Zero-filled arena bytes (the arena is reused, so fresh allocations hold old data). */
function zeroed(rt: WasmRuntime, bytes: number): number {
  const at = rt.alloc(bytes);
  rt.f32.fill(0, at >> 2, (at + bytes) >> 2);
  return at;
}

/** Packs op(B) [k, n] (element (p, j) at src + 4·(p·rs + j·cs)) into NR panels; returns the address. */
function packB(rt: WasmRuntime, src: number, rs: number, cs: number, k: number, n: number, parallel: boolean): number {
  const panels = Math.ceil(n / 8);
  const dst = rt.alloc(panels * k * 32);
  const group = Math.max(1, Math.ceil(panels / (parallel ? rt.threads * 2 : 1)));
  const p = rt.p;
  p.fill(0);
  p[LP_SRC] = src;
  p[LP_RS] = rs;
  p[LP_CS] = cs;
  p[LP_N] = n;
  p[LP_K] = k;
  p[LP_DST] = dst;
  p[LP_GROUP] = group;
  rt.run(K_LSTM_PACK, Math.ceil(panels / group), parallel);
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

/** C [m, n] = A [m, k] · B [k, n] on row-major arena matrices, B transposed when asked. */
function product(rt: WasmRuntime, a: number, b: number, c: number, m: number, k: number, n: number, tb: boolean): void {
  gemm(rt, {
    nb: 1,
    m,
    n,
    k,
    a: { mode: A_MATRIX, rs: k, cs: 1, addrs: [a] },
    b: { rs: tb ? 1 : n, cs: tb ? k : 1, addrs: [b] },
    c,
    ldc: n,
    cStride: m * n * 4,
  });
}

/**
 * An LSTM layer on float32 (see KernelMap.LSTMSequence) in one wasm call: the projection x·W of all steps is one
 * GEMM into the gate buffer; U is packed once; then one phase whose tasks are blocks of batch rows, each running
 * every step (product z += (h ⊙ mask)·U in place, then the fused gates with the bias).
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
  const block = rt.retain(RetainedLstmState.retainedBytes(B, T, H));
  rt.begin();
  let z: number, hs: number, cs: number;
  try {
    const xPtr = rt.copyIn(x.data as Float32Array);
    const wPtr = rt.copyIn(w.data as Float32Array);
    const uPtr = rt.copyIn(u.data as Float32Array);
    const bPtr = bias ? rt.copyIn(bias.data as Float32Array) : 0;
    const mPtr = mask ? rt.copyIn(mask.data as Float32Array) : 0;
    z = block ? block.at : rt.alloc(B * T * G * 4);
    hs = block ? z + align64(B * T * G * 4) : rt.alloc(B * T * H * 4);
    cs = block ? hs + align64(B * T * H * 4) : rt.alloc(B * T * H * 4);
    const pack = zeroed(rt, Math.ceil(B / 4) * H * 16);
    product(rt, xPtr, wPtr, z, B * T, D, G, false);
    const up = packB(rt, uPtr, G, 1, H, G, parallel);
    const rows = blockRows(rt, B, parallel);
    const p = stageCommon(rt, B, T, H, rows);
    p[LS_GATES] = z;
    p[LS_BIAS] = bPtr;
    p[LS_HS] = hs;
    p[LS_CS] = cs;
    p[LS_MASK] = mPtr;
    p[LS_PACK] = pack;
    p[LS_PACKB] = up;
    rt.run(K_LSTM_FORWARD, Math.ceil(B / rows), parallel);
  } catch (err) {
    if (block) rt.release(block);
    throw err;
  }
  const h = new Tensor(rt.readF32(hs, B * T * H), [B, T, H]);
  if (block) return new RetainedLstmState(rt, block, [B, T, H], h);
  return {
    h,
    c: new Tensor(rt.readF32(cs, B * T * H), [B, T, H]),
    gates: new Tensor(rt.readF32(z, B * T * G), [B, T, G]),
  };
}

/**
 * Backpropagation through time of wasmLstmSequence (see KernelMap.LSTMSequenceGrad), in one wasm call. Uᵀ is
 * packed once; one phase of batch-row blocks runs every step backwards (fused gate gradients, then dz·Uᵀ for the
 * step before), writing dz and each row's masked previous state beside its input row. Then two GEMMs over all
 * steps: dx = dz·Wᵀ, and [dW; dU; db] = [x | h_prev ⊙ mask | 1]ᵀ·dz, so dz is packed once for all three.
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
  const [B, T, H] = saved.h.shape as [number, number, number];
  const G = 4 * H;
  const D = x.shape[2] as number;
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
  const xh = rt.alloc(N * E * 4);
  const xd = x.data as Float32Array;
  const f32 = rt.f32;
  for (let r = 0, at = xh >> 2; r < N; r++, at += E) {
    f32.set(xd.subarray(r * D, (r + 1) * D), at);
    if (hasBias) f32[at + D + H] = 1;
  }
  const dz = rt.alloc(N * G * 4);
  const dhRec = rt.alloc(B * H * 4);
  const dc = zeroed(rt, B * H * 4);
  const pack = zeroed(rt, Math.ceil(B / 4) * G * 16);
  // op(B) = Uᵀ [4H, H]: element (p, j) = U[j, p].
  const utp = packB(rt, uPtr, 1, G, G, H, parallel);
  const rows = blockRows(rt, B, parallel);
  const p = stageCommon(rt, B, T, H, rows);
  p[LS_GATES] = gates;
  p[LS_HS] = hs;
  p[LS_CS] = cs;
  p[LS_MASK] = mPtr;
  p[LS_PACK] = pack;
  p[LS_PACKB] = utp;
  p[LS_DH] = dhPtr;
  p[LS_DHREC] = dhRec;
  p[LS_DC] = dc;
  p[LS_DZ] = dz;
  p[LS_HPREV] = xh + D * 4;
  p[LS_HPSTRIDE] = E;
  rt.run(K_LSTM_BACKWARD, Math.ceil(B / rows), parallel);
  const dx = rt.alloc(N * D * 4);
  product(rt, dz, wPtr, dx, N, G, D, true);
  const dAll = rt.alloc(E * G * 4);
  gemm(rt, {
    nb: 1,
    m: E,
    n: G,
    k: N,
    a: { mode: A_MATRIX, rs: 1, cs: E, addrs: [xh] },
    b: { rs: G, cs: 1, addrs: [dz] },
    c: dAll,
    ldc: G,
    cStride: E * G * 4,
  });
  return {
    dx: new Tensor(rt.readF32(dx, N * D), [B, T, D]),
    dKernel: new Tensor(rt.readF32(dAll, D * G), [D, G]),
    dRecurrentKernel: new Tensor(rt.readF32(dAll + D * G * 4, H * G), [H, G]),
    dBias: hasBias ? new Tensor(rt.readF32(dAll + (D + H) * G * 4, G), [G]) : null,
  };
}
