/**
 * Winograd convolutions on the wasm backend (kernels in assembly/winograd.ts): F(2×2, 3×3) for the forward and the
 * input gradient of 3×3 stride-1 convolutions, F(3×3, 2×2) for their filter gradient. Drivers that run in the
 * arena of a kernel call, and the eligibility rules conv2d.ts consults.
 */
import type { Conv2DGeometry } from '../kernels.js';
import {
  K_WINO_DW_OUTPUT,
  K_WINO_DW_OUTPUT43,
  K_WINO_DW_PART43,
  K_WINO_FILTER43,
  K_WINO_TILES43,
  K_WINO_DW_PART,
  K_WINO_FILTER,
  K_WINO_TILES,
  NR,
  WG_BT,
  WG_DW_PTRS43_BYTES,
  WG_DW_STAGE43_BYTES,
  WG_PTRS43_BYTES,
  WG_PTRS_BYTES,
  WG_STAGE43_BYTES,
  WG_STAGE_BYTES,
  WG_CIN,
  WG_COUT,
  WG_DW,
  WG_DZ,
  WG_FC,
  WG_FF,
  WG_FLIP,
  WG_H,
  WG_KP,
  WG_NP,
  WG_OH,
  WG_OW,
  WG_PART,
  WG_PARTS,
  WG_PL,
  WG_PSTRIDE,
  WG_PT,
  WG_TH,
  WG_TILES,
  WG_TPT,
  WG_TW,
  WG_U,
  WG_USTRIDE,
  WG_W,
  WG_WD,
  WG_WORK,
  WG_WORKBYTES,
  WG_X,
  WG_Y,
  WG_ZERO,
} from './abi.js';
import { envVar } from './environment.js';
import type { WasmRuntime } from './runtime.js';

/** Thresholds and block sizes of the Winograd path, by measurement (bench/kernels/winograd.ts; docs/backends.md). */
export const WINOGRAD_TUNING = {
  /** Fewest channels on each side (input and output of the convolution it computes). */
  minChannels: 8,
  /** Fewest 2×2 output tiles (images × ⌈oh / 2⌉ × ⌈ow / 2⌉). */
  minTiles: 64,
  /** Bytes of a task's transformed tiles and products (16 · tiles · (cin + cout) floats): they stay in L2. */
  workBytes: 192 << 10,
  /**
   * F(4×4, 3×3): largest ratio of its multiplications to F(2×2, 3×3)'s (0: never); the same for the filter
   * gradient's F(3×3, 4×4) against F(3×3, 2×2); fewest 4×4 tiles.
   */
  f43Ratio: 0.75,
  dwF43Ratio: 0.6,
  f43MinTiles: 64,
  /** Fewest and most tiles per task (multiples of 4). */
  blockMin: 8,
  blockMax: 64,
  /**
   * Filter gradient: most parts (tasks with their own partial sums), tiles per part (F(3×3, 2×2); F(3×3, 4×4)),
   * bytes of all partial sums.
   */
  dwParts: 16,
  dwPartTiles: 64,
  dwPartTiles43: 72,
  dwPartBytes: 16 << 20,
  /** Filter gradient: most tiles per block (k steps of each product) and bytes of a block's panels. */
  dwBlockTiles: 128,
  dwWorkBytes: 1 << 20,
  /** Below this many multiply-adds, everything runs on the calling thread. */
  parallelMacs: 1 << 20,
};

/**
 * Whether the Winograd F(2×2, 3×3) path takes a 3×3, stride-1, undilated convolution from `cin` to `cout`
 * channels whose output has `tiles` 2×2 blocks, padded by at most 2 on every side. `LSML_WINOGRAD=0` turns it off,
 * `LSML_WINOGRAD=1` takes every such convolution (for tests and benchmarks); by default it takes those with at least `WINOGRAD_TUNING.minChannels`
 * channels on both sides and `WINOGRAD_TUNING.minTiles` tiles (below, the filter transform does not pay).
 *
 * @param kh - filter height
 * @param kw - filter width
 * @param cin - channels of the image the convolution reads
 * @param cout - channels it writes
 * @param tiles - images × ⌈output height / 2⌉ × ⌈output width / 2⌉
 * @param g - strides and dilations (any padding)
 * @returns true when `winogradConvAt` should compute it
 */
export function winogradEligible(
  kh: number,
  kw: number,
  cin: number,
  cout: number,
  tiles: number,
  g: Conv2DGeometry,
): boolean {
  if (kh !== 3 || kw !== 3 || g.strides[0] !== 1 || g.strides[1] !== 1) return false;
  if (g.dilations[0] !== 1 || g.dilations[1] !== 1 || cin === 0 || cout === 0) return false;
  // Pads over 2 leave outputs whose whole window is padding (exactly 0), which the tile transforms would fill with
  // rounding residue of the tile's other pixels.
  if (g.pads.some((pad) => pad > 2)) return false;
  const mode = envVar('LSML_WINOGRAD');
  if (mode === '0') return false;
  if (mode === '1') return true;
  const { minChannels, minTiles } = WINOGRAD_TUNING;
  return cin >= minChannels && cout >= minChannels && tiles >= minTiles;
}

/**
 * Whether the filter gradient of a convolution takes Winograd F(3×3, 2×2): as `winogradEligible`, but never with
 * fewer than `WINOGRAD_TUNING.minTiles` tiles, even under LSML_WINOGRAD=1. With few tiles an element of the gradient
 * sums few products, and the transforms' rounding, which scales with the whole 4×4 tile, is no longer small against
 * Σ|x||dz| of the element's own products.
 *
 * @param kh - filter height
 * @param kw - filter width
 * @param cin - input channels
 * @param cout - filters
 * @param tiles - images × ⌈oh / 2⌉ × ⌈ow / 2⌉ of the convolution's output
 * @param g - strides and dilations
 * @returns true when `winogradFilterGradAt` should compute it
 */
export function winogradFilterGradEligible(
  kh: number,
  kw: number,
  cin: number,
  cout: number,
  tiles: number,
  g: Conv2DGeometry,
): boolean {
  return tiles >= WINOGRAD_TUNING.minTiles && winogradEligible(kh, kw, cin, cout, tiles, g);
}

/** Sizes of one Winograd convolution: image [n, h, w, cin] → output [n, oh, ow, cout], pads above and left. */
export interface WinogradSizes {
  n: number;
  h: number;
  w: number;
  cin: number;
  cout: number;
  oh: number;
  ow: number;
  pt: number;
  pl: number;
}

const roundUp4 = (v: number): number => Math.ceil(v / 4) * 4;

/**
 * Whether F(4×4, 3×3) (or, for a filter gradient, F(3×3, 4×4)) computes a convolution with `n` images of oh × ow
 * outputs: when it has at least `WINOGRAD_TUNING.f43MinTiles` 4×4 tiles (its filter transform, 36 matrices, is paid
 * once per call) and its multiplications, 36 per 4×4 tile, are at most `ratio` of F(2×2, 3×3)'s, 16 per 2×2 tile
 * (partial tiles count in full).
 */
function useF43(n: number, oh: number, ow: number, ratio: number): boolean {
  const big = n * Math.ceil(oh / 4) * Math.ceil(ow / 4);
  if (ratio <= 0 || big < WINOGRAD_TUNING.f43MinTiles) return false;
  return 36 * Math.ceil(oh / 4) * Math.ceil(ow / 4) <= ratio * 16 * Math.ceil(oh / 2) * Math.ceil(ow / 2);
}

/**
 * A 3×3 stride-1 convolution by Winograd F(2×2, 3×3), in the arena. One phase transforms the filter,
 * U[t] = G·g·Gᵀ (t = 0..15), into packed GEMM operands; one phase runs blocks of tiles (2×2 outputs each, 4×4
 * input tiles at stride 2) through the input transform V[t] = Bᵀ·d·B, the 16 products M[t] = V[t]·U[t] on the
 * GEMM micro-kernel and the output transform y = Aᵀ·M·A, all in a per-thread workspace that stays in cache.
 * Every output element is written by one task in a fixed order: the result does not depend on the thread count.
 *
 * The filter is `w` [3, 3, fc, ff] (a Conv2D filter). Forward: cin = fc, cout = ff. With `flip`, the filter is
 * rotated by 180° and its channel axes swapped (cin = ff, cout = fc): the input gradient of a Conv2D, a full
 * correlation of dy with that filter (pads 2 − the forward's).
 *
 * @param rt - the runtime (arena already begun)
 * @param s - sizes; pixels outside the image read as zeros (padding)
 * @param xPtr - image [n, h, w, cin]
 * @param fPtr - filter [3, 3, fc, ff]
 * @param flip - false: forward convolution; true: the input gradient's convolution
 * @param yPtr - output [n, oh, ow, cout]
 */
export function winogradConvAt(
  rt: WasmRuntime,
  s: WinogradSizes,
  xPtr: number,
  fPtr: number,
  flip: boolean,
  yPtr: number,
): void {
  // F(4×4, 3×3) where its 36 products per 4×4 tile make fewer multiplications than F(2×2, 3×3)'s 16 per 2×2 tile,
  // by a margin that pays for its costlier transforms (its tiles waste more at the edges of odd sizes).
  const big = useF43(s.n, s.oh, s.ow, WINOGRAD_TUNING.f43Ratio);
  const m = big ? 4 : 2;
  const count = big ? 36 : 16;
  const th = Math.ceil(s.oh / m);
  const tw = Math.ceil(s.ow / m);
  const tiles = s.n * th * tw;
  if (tiles === 0) return;
  const kp = roundUp4(s.cin);
  const np = Math.ceil(s.cout / NR);
  const parallel = rt.threads > 1 && count * tiles * s.cin * s.cout >= WINOGRAD_TUNING.parallelMacs;

  // Filter transform into `count` packed B operands (NR-column panels of kp steps; columns past cout stay zero).
  const uStride = np * kp * NR * 4;
  const u = rt.alloc(count * uStride);
  rt.f32.fill(0, u >> 2, (u + count * uStride) >> 2);
  const fc = flip ? s.cout : s.cin;
  const ff = flip ? s.cin : s.cout;
  const p = rt.p;
  p.fill(0);
  p[WG_W] = fPtr;
  p[WG_FC] = fc;
  p[WG_FF] = ff;
  p[WG_FLIP] = flip ? 1 : 0;
  p[WG_KP] = kp;
  p[WG_U] = u;
  p[WG_USTRIDE] = uStride;
  rt.run(big ? K_WINO_FILTER43 : K_WINO_FILTER, np, parallel && fc * ff >= 4096);

  // Tile blocks: as many tiles as fit the workspace budget, fewer when that leaves a thread without work.
  const ldm = np * NR;
  const perTile = count * (kp + ldm) * 4;
  const { blockMin, blockMax, workBytes } = WINOGRAD_TUNING;
  let bt = Math.max(blockMin, Math.min(blockMax, Math.floor(workBytes / perTile / 4) * 4));
  const threads = parallel ? rt.threads : 1;
  while (bt > 4 && Math.ceil(tiles / bt) < 4 * threads) bt -= 4;
  const taskBytes = bt * perTile + (big ? WG_STAGE43_BYTES + WG_PTRS43_BYTES : WG_STAGE_BYTES + WG_PTRS_BYTES);
  const zero = rt.alloc(kp * 4 + 16);
  rt.f32.fill(0, zero >> 2, (zero >> 2) + kp + 4);
  // A workspace for every thread of the pool: even a phase run on the calling thread may lend a task to a worker
  // that is just finishing the previous phase.
  const work = rt.alloc(rt.threads * taskBytes);
  p[WG_X] = xPtr;
  p[WG_Y] = yPtr;
  p[WG_H] = s.h;
  p[WG_WD] = s.w;
  p[WG_CIN] = s.cin;
  p[WG_KP] = kp;
  p[WG_COUT] = s.cout;
  p[WG_NP] = np;
  p[WG_OH] = s.oh;
  p[WG_OW] = s.ow;
  p[WG_PT] = s.pt;
  p[WG_PL] = s.pl;
  p[WG_TH] = th;
  p[WG_TW] = tw;
  p[WG_TILES] = tiles;
  p[WG_BT] = bt;
  p[WG_WORK] = work;
  p[WG_WORKBYTES] = taskBytes;
  p[WG_ZERO] = zero;
  rt.run(big ? K_WINO_TILES43 : K_WINO_TILES, Math.ceil(tiles / bt), parallel);
}

/**
 * The filter gradient of a 3×3 stride-1 convolution by Winograd F(3×3, 2×2), or F(3×3, 4×4) where `useF43` takes
 * the forward's F(4×4, 3×3), in the arena: dw = Gᵀ·[Σ_tiles (Bᵀ·d·B) ⊙ (A·dz·Aᵀ)]·G over the input tiles d (4×4 at
 * stride 2, or 6×6 at stride 4) and the blocks of dz over them (2×2 or 4×4). The tiles are split into a fixed
 * number of parts (by size only, never by thread count); a task per part transforms blocks of tiles into packed GEMM
 * panels in its thread's workspace and accumulates the 16 (36) products V[t]ᵀ·Z[t] on the micro-kernel into the
 * part's own sums; a last phase adds the parts in order and transforms. So the result does not depend on the thread
 * count.
 *
 * @param rt - the runtime (arena already begun)
 * @param s - the forward convolution's sizes (image [n, h, w, cin], dz [n, oh, ow, cout], pads above and left)
 * @param xPtr - the forward input
 * @param dzPtr - the gradient of the convolution's output
 * @param dwPtr - the filter gradient [3, 3, cin, cout]
 */
export function winogradFilterGradAt(
  rt: WasmRuntime,
  s: WinogradSizes,
  xPtr: number,
  dzPtr: number,
  dwPtr: number,
): void {
  // F(3×3, 4×4), the transpose of F(4×4, 3×3), under a stricter ratio: its transforms weigh more against the products.
  const big = useF43(s.n, s.oh, s.ow, WINOGRAD_TUNING.dwF43Ratio);
  const m = big ? 4 : 2;
  const count = big ? 36 : 16;
  const th = Math.ceil(s.oh / m);
  const tw = Math.ceil(s.ow / m);
  const tiles = s.n * th * tw;
  if (tiles === 0) {
    rt.f32.fill(0, dwPtr >> 2, (dwPtr >> 2) + 9 * s.cin * s.cout);
    return;
  }
  const kp = roundUp4(s.cin);
  const np = Math.ceil(s.cout / NR);
  const ldm = np * NR;
  const parallel = rt.threads > 1 && count * tiles * s.cin * s.cout >= WINOGRAD_TUNING.parallelMacs;
  // Parts: about dwPartTiles tiles each (F(2×2) tiles' worth), at most dwParts, their sums within dwPartBytes.
  const { dwParts, dwPartTiles, dwPartBytes, dwWorkBytes, dwBlockTiles } = WINOGRAD_TUNING;
  const pStride = count * kp * ldm * 4;
  const partTiles = big ? WINOGRAD_TUNING.dwPartTiles43 : dwPartTiles;
  const parts = Math.max(1, Math.min(dwParts, Math.ceil(tiles / partTiles), Math.floor(dwPartBytes / pStride)));
  const tpt = Math.ceil(tiles / parts);
  const perTile = count * (kp + ldm) * 4;
  const bt = Math.max(4, Math.min(dwBlockTiles, tpt, Math.floor(dwWorkBytes / perTile / 4) * 4));
  const taskBytes = bt * perTile + (big ? WG_DW_STAGE43_BYTES + WG_DW_PTRS43_BYTES : 0);
  // A workspace for every thread of the pool: even a phase run on the calling thread may lend a task to a worker
  // that is just finishing the previous phase.
  const work = rt.alloc(rt.threads * taskBytes);
  const part = rt.alloc(parts * pStride);
  const zero = rt.alloc(Math.max(kp, ldm) * 4 + 16);
  rt.f32.fill(0, zero >> 2, (zero >> 2) + Math.max(kp, ldm) + 4);
  const p = rt.p;
  p.fill(0);
  p[WG_X] = xPtr;
  p[WG_DZ] = dzPtr;
  p[WG_H] = s.h;
  p[WG_WD] = s.w;
  p[WG_CIN] = s.cin;
  p[WG_KP] = kp;
  p[WG_COUT] = s.cout;
  p[WG_NP] = np;
  p[WG_OH] = s.oh;
  p[WG_OW] = s.ow;
  p[WG_PT] = s.pt;
  p[WG_PL] = s.pl;
  p[WG_TH] = th;
  p[WG_TW] = tw;
  p[WG_TILES] = tiles;
  p[WG_BT] = bt;
  p[WG_WORK] = work;
  p[WG_WORKBYTES] = taskBytes;
  p[WG_ZERO] = zero;
  p[WG_TPT] = tpt;
  p[WG_PART] = part;
  p[WG_PSTRIDE] = pStride;
  p[WG_PARTS] = parts;
  rt.run(big ? K_WINO_DW_PART43 : K_WINO_DW_PART, Math.ceil(tiles / tpt), parallel);
  // Parts past the last tile (when tpt rounds up) hold nothing: only ceil(tiles / tpt) of them are added.
  p[WG_PARTS] = Math.ceil(tiles / tpt);
  const cpt = Math.max(1, Math.ceil(s.cin / (4 * rt.threads)));
  p[WG_TPT] = cpt;
  p[WG_DW] = dwPtr;
  rt.run(big ? K_WINO_DW_OUTPUT43 : K_WINO_DW_OUTPUT, Math.ceil(s.cin / cpt), parallel && s.cin * s.cout >= 4096);
}
