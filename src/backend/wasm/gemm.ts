import {
  G_ACS,
  G_AMODE,
  G_AP,
  G_APSTRIDE,
  G_ARS,
  G_ATABLE,
  G_BCS,
  G_BP,
  G_BPSTRIDE,
  G_BRS,
  G_BTABLE,
  G_C,
  G_CB,
  G_CSTRIDE,
  G_GA,
  G_GB,
  G_K,
  G_KC,
  G_LDC,
  G_M,
  G_MCP,
  G_N,
  G_NB,
  G_NCP,
  G_RB,
  G_TA,
  G_TB,
  K_GEMM_COMPUTE,
  K_GEMM_PACK,
  MR,
  NR,
} from './abi.js';
import type { WasmRuntime } from './runtime.js';

/** Block sizes, chosen by measurement (bench/kernels): see docs/backends.md. */
export const GEMM_TUNING = {
  /** k extent of one packed block: a 4×KC A panel and a KC×8 B panel stay in L1. */
  kc: 256,
  /** MR-panels per compute task (rows = 4·mcp): the packed A block stays in L2. */
  mcp: 16,
  /** NR-panels per compute task. */
  ncp: 32,
  /** Below this many flops a GEMM runs on the calling thread only. */
  parallelFlops: 4e6,
  /** Packed bytes (A and B, all of k) per group of batches. */
  packLimit: 256 << 20,
};

/** op(A): element (i, p) of batch t at addrs[t] + 4·(i·rs + p·cs), or an implicit im2col (mode ≠ 0). */
export interface GemmA {
  mode: number;
  rs: number;
  cs: number;
  addrs: readonly number[];
}

/** op(B): element (p, j) of batch t at addrs[t] + 4·(p·rs + j·cs). */
export interface GemmB {
  rs: number;
  cs: number;
  addrs: readonly number[];
}

/** C[t] (m × n, row stride ldc elements, batch stride cStride bytes) = op(A)[t] · op(B)[t]. */
export interface GemmProblem {
  nb: number;
  m: number;
  n: number;
  k: number;
  a: GemmA;
  b: GemmB;
  c: number;
  ldc: number;
  cStride: number;
  /** Extra parameter slots (the convolution geometry of the im2col modes). */
  extra?: ReadonlyMap<number, number>;
}

/**
 * Runs a batched SGEMM in the arena of the current kernel call: for each group of batches, one phase packs
 * A and B (all k blocks), one phase multiplies. Every element of C is computed by one task in a fixed order,
 * so the result does not depend on the number of threads.
 */
export function gemm(rt: WasmRuntime, g: GemmProblem): void {
  const { m, n, k, nb } = g;
  if (m === 0 || n === 0 || nb === 0) return;
  if (k === 0) {
    for (let t = 0; t < nb; t++) {
      const c = (g.c + t * g.cStride) >> 2;
      for (let r = 0; r < m; r++) rt.f32.fill(0, c + r * g.ldc, c + r * g.ldc + n);
    }
    return;
  }
  const mp = Math.ceil(m / MR);
  const np = Math.ceil(n / NR);
  const kc = Math.min(k, GEMM_TUNING.kc);
  const blocks = Math.ceil(k / kc);
  const apBytes = mp * MR * k * 4;
  const bpBytes = np * NR * k * 4;
  const group = Math.max(1, Math.min(nb, Math.floor(GEMM_TUNING.packLimit / (apBytes + bpBytes))));
  const parallel = 2 * m * n * k * nb >= GEMM_TUNING.parallelFlops && rt.threads > 1;

  // Task shapes: enough compute tasks for every thread (several each, so a slow thread is covered).
  let mcp = Math.min(GEMM_TUNING.mcp, mp);
  let ncp = Math.min(GEMM_TUNING.ncp, np);
  const want = parallel ? rt.threads * 4 : 1;
  while (group * Math.ceil(mp / mcp) * Math.ceil(np / ncp) < want && (mcp > 1 || ncp > 1)) {
    if (ncp >= mcp && ncp > 1) ncp = Math.ceil(ncp / 2);
    else mcp = Math.ceil(mcp / 2);
  }
  // A few tasks that do not divide among the threads leave one idle at the end (a convolution's filter
  // gradient, 288 × 64: 9 tasks on 2 threads): split the rows once more.
  const tasks = group * Math.ceil(mp / mcp) * Math.ceil(np / ncp);
  if (parallel && tasks < want * 2 && tasks % rt.threads !== 0 && mcp > 1) mcp = Math.ceil(mcp / 2);
  const ga = Math.max(1, Math.floor(16384 / (MR * kc)));
  const gb = Math.max(1, Math.floor(16384 / (NR * kc)));
  const ta = Math.ceil(mp / ga);
  const tb = Math.ceil(np / gb);
  const rb = Math.ceil(mp / mcp);
  const cb = Math.ceil(np / ncp);

  const aTable = rt.alloc(group * 4);
  const bTable = rt.alloc(group * 4);
  const ap = rt.alloc(group * apBytes);
  const bp = rt.alloc(group * bpBytes);
  const p = rt.p;
  for (let t0 = 0; t0 < nb; t0 += group) {
    const count = Math.min(group, nb - t0);
    for (let i = 0; i < count; i++) {
      rt.i32[(aTable >> 2) + i] = g.a.addrs[t0 + i] as number;
      rt.i32[(bTable >> 2) + i] = g.b.addrs[t0 + i] as number;
    }
    p.fill(0);
    if (g.extra) for (const [slot, v] of g.extra) p[slot] = v;
    p[G_NB] = count;
    p[G_M] = m;
    p[G_N] = n;
    p[G_K] = k;
    p[G_KC] = kc;
    p[G_AMODE] = g.a.mode;
    p[G_ARS] = g.a.rs;
    p[G_ACS] = g.a.cs;
    p[G_ATABLE] = aTable;
    p[G_BRS] = g.b.rs;
    p[G_BCS] = g.b.cs;
    p[G_BTABLE] = bTable;
    p[G_AP] = ap;
    p[G_BP] = bp;
    p[G_APSTRIDE] = apBytes;
    p[G_BPSTRIDE] = bpBytes;
    p[G_C] = g.c + t0 * g.cStride;
    p[G_LDC] = g.ldc;
    p[G_CSTRIDE] = g.cStride;
    p[G_TA] = ta;
    p[G_GA] = ga;
    p[G_TB] = tb;
    p[G_GB] = gb;
    p[G_RB] = rb;
    p[G_MCP] = mcp;
    p[G_CB] = cb;
    p[G_NCP] = ncp;
    rt.run(K_GEMM_PACK, count * blocks * (ta + tb), parallel);
    rt.run(K_GEMM_COMPUTE, count * rb * cb, parallel);
  }
}
