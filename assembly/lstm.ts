/**
 * Fused LSTM recurrence kernels. Batch rows never mix in a recurrence, so one task is a block of batch rows that
 * runs every step of the sequence by itself: no synchronisation between steps, and each row's arithmetic is the
 * same on any thread count. The weights are packed once per sequence (K_LSTM_PACK) in the GEMM's B layout
 * (NR-column panels, k-major, all of k in one block): [W; U] forward, Uᵀ and Wᵀ backward. A forward step of a
 * block is one product z = [x_s | h_{s−1} ⊙ mask]·[W; U] (input projection and recurrence at once) into a small
 * contiguous buffer, then the fused gates (z + bias, σ/tanh of i, f, g, o, the cell, the state, and the masked
 * state as the next product's A rows). Backward mirrors it: fused gate gradients (dz as the next products' A
 * rows), then dz·Uᵀ for the step before and dx = dz·Wᵀ for this step; dz and [x | h_prev ⊙ mask | 1] go straight
 * into the packed operands of the weight gradients (K_LSTM_DW). The step products read A as plain rows (4 rows
 * per micro-tile, no packing) and write full tiles into buffers padded to 4 rows and 8 columns; the rows of a
 * block and a k×8 panel of B stay in L1 for recurrent sizes (k = D + H or 4H).
 */
import {
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
} from '../src/backend/wasm/abi';
import { computeBlock } from './gemm';
import { imin, madd, pa, pi } from './simd';

/** Packs NR-column panels of op(B) [k, n] (zero past column n), all k steps in one block. */
export function lstmPackTask(t: i32, p: usize): void {
  const n = pi(p, LP_N);
  const k = pi(p, LP_K);
  const rs = pi(p, LP_RS);
  const cs = pi(p, LP_CS);
  const src = pa(p, LP_SRC);
  const dst = pa(p, LP_DST);
  const panels = (n + 7) >> 3;
  const g = pi(p, LP_GROUP);
  const end = imin(panels, (t + 1) * g);
  for (let jp = t * g; jp < end; jp++) {
    const d0 = dst + <usize>jp * <usize>k * 32;
    const j0 = jp << 3;
    for (let q = 0; q < k; q++) {
      const d = d0 + ((<usize>q) << 5);
      for (let c = 0; c < 8; c++) {
        const j = j0 + c;
        store<f32>(d + ((<usize>c) << 2), j < n ? load<f32>(src + ((<usize>(q * rs + j * cs)) << 2)) : 0);
      }
    }
  }
}

/**
 * One 4×8 tile C = A·B: A is 4 rows of k floats, `lda` bytes apart; B a packed k×8 panel; C's rows `ldc` bytes apart.
 */
function microRows(a: usize, lda: usize, bp: usize, k: i32, c: usize, ldc: usize): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  const a1 = a + lda;
  const a2 = a1 + lda;
  const a3 = a2 + lda;
  const kb = (<usize>k) << 2;
  let b = bp;
  for (let q: usize = 0; q < kb; q += 4) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let av = v128.load32_splat(a + q);
    c00 = madd(av, b0, c00);
    c01 = madd(av, b1, c01);
    av = v128.load32_splat(a1 + q);
    c10 = madd(av, b0, c10);
    c11 = madd(av, b1, c11);
    av = v128.load32_splat(a2 + q);
    c20 = madd(av, b0, c20);
    c21 = madd(av, b1, c21);
    av = v128.load32_splat(a3 + q);
    c30 = madd(av, b0, c30);
    c31 = madd(av, b1, c31);
    b += 32;
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c + ldc, c10);
  v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20);
  v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30);
  v128.store(c + 3 * ldc, c31, 16);
}

/**
 * C = A·B for the row panels [p0, p1) (4 rows each) of A (rows of k floats, `lda` bytes apart) and every packed
 * NR-panel of B (`np` panels, k×8 each); C's rows are `ldc` bytes apart and hold all np·8 columns.
 */
function rowsProduct(a: usize, lda: usize, bp: usize, k: i32, np: i32, p0: i32, p1: i32, c: usize, ldc: usize): void {
  const bpStep = (<usize>k) << 5;
  for (let jr = 0; jr < np; jr++) {
    const bpanel = bp + <usize>jr * bpStep;
    const cj = c + ((<usize>jr) << 5);
    for (let ir = p0; ir < p1; ir++) {
      const r = (<usize>ir) << 2;
      microRows(a + r * lda, lda, bpanel, k, cj + r * ldc, ldc);
    }
  }
}

/**
 * Like rowsProduct, but only the part of C inside `m` rows and `n` columns is written: tiles reaching past either
 * edge are computed into `scratch` (a 4×8 tile) and copied. A's rows past `m` must be readable (their values
 * only reach the discarded part).
 */
function rowsProductEdge(
  a: usize,
  lda: usize,
  bp: usize,
  k: i32,
  n: i32,
  p0: i32,
  p1: i32,
  m: i32,
  c: usize,
  ldc: usize,
  scratch: usize,
): void {
  const bpStep = (<usize>k) << 5;
  const np = (n + 7) >> 3;
  for (let jr = 0; jr < np; jr++) {
    const bpanel = bp + <usize>jr * bpStep;
    const cj = c + ((<usize>jr) << 5);
    const nr = imin(8, n - (jr << 3));
    for (let ir = p0; ir < p1; ir++) {
      const r = (<usize>ir) << 2;
      const mr = imin(4, m - (ir << 2));
      if (mr == 4 && nr == 8) {
        microRows(a + r * lda, lda, bpanel, k, cj + r * ldc, ldc);
      } else {
        microRows(a + r * lda, lda, bpanel, k, scratch, 32);
        for (let i = 0; i < mr; i++) copyRow(cj + (r + <usize>i) * ldc, scratch + ((<usize>i) << 5), nr);
      }
    }
  }
}

const LOG2E: f32 = 1.44269504;
const LN2_HI: f32 = 0.693145752; // ln 2 split so n·LN2_HI is exact for |n| < 2^9
const LN2_LO: f32 = 1.42860677e-6;
const ROUND_MAGIC: f32 = 12582912; // 1.5·2^23

/**
 * e^x on four float32 lanes: x = n·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series to r^7 (first dropped
 * term below 3e-9 relative), 2^n from the exponent bits. x is clamped to [−87, 88], so the result is a normal
 * float (e^−87 ≈ 1.6e−38; e^88 ≈ 1.7e38): σ and tanh built on it saturate cleanly.
 */
function exp4(x: v128): v128 {
  // pmax/pmin (one instruction each) equal max/min here, NaN included: x is their first operand.
  const xc = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-87)), f32x4.splat(88));
  // n = nearest(xc·log2e): adding 1.5·2^23 rounds to an integer (ties to even, as `nearest`) in the low mantissa
  // bits, so t's bits + 127, shifted left 23, are 2^n's (the magic's own bits shift out).
  const t = madd(xc, f32x4.splat(LOG2E), f32x4.splat(ROUND_MAGIC));
  const n = f32x4.sub(t, f32x4.splat(ROUND_MAGIC));
  const r = madd(n, f32x4.splat(-LN2_LO), madd(n, f32x4.splat(-LN2_HI), xc));
  let q = f32x4.splat(1.0 / 5040);
  q = madd(q, r, f32x4.splat(1.0 / 720));
  q = madd(q, r, f32x4.splat(1.0 / 120));
  q = madd(q, r, f32x4.splat(1.0 / 24));
  q = madd(q, r, f32x4.splat(1.0 / 6));
  q = madd(q, r, f32x4.splat(0.5));
  q = madd(q, r, f32x4.splat(1));
  q = madd(q, r, f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(t, i32x4.splat(127)), 23);
  return f32x4.mul(q, scale);
}

/**
 * e^−x as exp4(−x) without the negation: n = nearest(−x·log2e), r' = x + n·ln2 = −r, and the series in r is the
 * series in r' with alternating signs.
 */
function expNeg4(x: v128): v128 {
  const xc = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-88)), f32x4.splat(87));
  const t = madd(xc, f32x4.splat(-LOG2E), f32x4.splat(ROUND_MAGIC));
  const n = f32x4.sub(t, f32x4.splat(ROUND_MAGIC));
  const rn = madd(n, f32x4.splat(LN2_LO), madd(n, f32x4.splat(LN2_HI), xc));
  let q = f32x4.splat(-1.0 / 5040);
  q = madd(q, rn, f32x4.splat(1.0 / 720));
  q = madd(q, rn, f32x4.splat(-1.0 / 120));
  q = madd(q, rn, f32x4.splat(1.0 / 24));
  q = madd(q, rn, f32x4.splat(-1.0 / 6));
  q = madd(q, rn, f32x4.splat(0.5));
  q = madd(q, rn, f32x4.splat(-1));
  q = madd(q, rn, f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(t, i32x4.splat(127)), 23);
  return f32x4.mul(q, scale);
}

/** σ(x) = 1 / (1 + e^−x) on four lanes (absolute error a few float32 ulps of 1). */
function sig4(x: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), expNeg4(x)));
}

/** tanh(x) = sign(x)·(1 − e^−2|x|) / (1 + e^−2|x|) on four lanes (absolute error a few float32 ulps of 1). */
function tanh4(x: v128): v128 {
  const e = exp4(f32x4.mul(f32x4.abs(x), f32x4.splat(-2)));
  const t = f32x4.div(f32x4.sub(f32x4.splat(1), e), f32x4.add(f32x4.splat(1), e));
  return v128.bitselect(x, t, i32x4.splat(0x80000000));
}

/** Scalar σ and tanh (the tails of rows whose width is not a multiple of 4): lane 0 of the vector versions. */
function sig1(x: f32): f32 {
  return f32x4.extract_lane(sig4(f32x4.splat(x)), 0);
}

function tanh1(x: f32): f32 {
  return f32x4.extract_lane(tanh4(f32x4.splat(x)), 0);
}

/**
 * Gates of one row at one step: z = r (the step product) + bias becomes i, f, g, o, written at `z`;
 * c = f·c_{s−1} + i·g; h = o·tanh(c). Writes c and h, and h ⊙ mask at `hout` (the next product's A row) when
 * that is not 0. `bias` is 0 when absent.
 */
function gatesRow(
  z: usize,
  r: usize,
  bias: usize,
  hp: usize,
  cp: usize,
  first: bool,
  mrow: usize,
  hout: usize,
  H: i32,
): void {
  const Hb = (<usize>H) << 2;
  const cprev = cp - Hb;
  let j = 0;
  for (; j + 4 <= H; j += 4) {
    const o4 = (<usize>j) << 2;
    const zi = z + o4;
    const ri = r + o4;
    let vi = v128.load(ri);
    let vf = v128.load(ri + Hb);
    let vg = v128.load(ri + 2 * Hb);
    let vo = v128.load(ri + 3 * Hb);
    if (bias != 0) {
      const bi = bias + o4;
      vi = f32x4.add(vi, v128.load(bi));
      vf = f32x4.add(vf, v128.load(bi + Hb));
      vg = f32x4.add(vg, v128.load(bi + 2 * Hb));
      vo = f32x4.add(vo, v128.load(bi + 3 * Hb));
    }
    const i = sig4(vi);
    const f = sig4(vf);
    const g = tanh4(vg);
    const o = sig4(vo);
    v128.store(zi, i);
    v128.store(zi + Hb, f);
    v128.store(zi + 2 * Hb, g);
    v128.store(zi + 3 * Hb, o);
    const c = first ? f32x4.mul(i, g) : madd(f, v128.load(cprev + o4), f32x4.mul(i, g));
    const h = f32x4.mul(o, tanh4(c));
    v128.store(cp + o4, c);
    v128.store(hp + o4, h);
    if (hout != 0) v128.store(hout + o4, mrow != 0 ? f32x4.mul(h, v128.load(mrow + o4)) : h);
  }
  for (; j < H; j++) {
    const o4 = (<usize>j) << 2;
    const zi = z + o4;
    const ri = r + o4;
    const bi = bias + o4;
    let xi = load<f32>(ri);
    let xf = load<f32>(ri + Hb);
    let xg = load<f32>(ri + 2 * Hb);
    let xo = load<f32>(ri + 3 * Hb);
    if (bias != 0) {
      xi += load<f32>(bi);
      xf += load<f32>(bi + Hb);
      xg += load<f32>(bi + 2 * Hb);
      xo += load<f32>(bi + 3 * Hb);
    }
    const i = sig1(xi);
    const f = sig1(xf);
    const g = tanh1(xg);
    const o = sig1(xo);
    store<f32>(zi, i);
    store<f32>(zi + Hb, f);
    store<f32>(zi + 2 * Hb, g);
    store<f32>(zi + 3 * Hb, o);
    const c = first ? i * g : f * load<f32>(cprev + o4) + i * g;
    const h = o * tanh1(c);
    store<f32>(cp + o4, c);
    store<f32>(hp + o4, h);
    if (hout != 0) store<f32>(hout + o4, mrow != 0 ? h * load<f32>(mrow + o4) : h);
  }
}

/**
 * The forward recurrence of batch rows [t·rows, (t + 1)·rows): per step, the product r = [x_s | h_{s−1} ⊙ mask]·[W; U]
 * (input projection and recurrence in one, A rows in L1), then the gates.
 */
export function lstmForwardTask(t: i32, p: usize, _scratch: usize): void {
  const B = pi(p, LS_B);
  const T = pi(p, LS_T);
  const H = pi(p, LS_H);
  const rows = pi(p, LS_ROWS);
  const gates = pa(p, LS_GATES);
  const hs = pa(p, LS_HS);
  const cs = pa(p, LS_CS);
  const mask = pa(p, LS_MASK);
  const hin = pa(p, LS_PACK);
  const up = pa(p, LS_PACKB);
  const bias = pa(p, LS_BIAS);
  const rec = pa(p, LS_REC);
  const x = pa(p, LS_X);
  const D = pi(p, LS_D);
  const G = 4 * H;
  const np = (G + 7) >> 3;
  const ldr = (<usize>np) << 5;
  const Hb = (<usize>H) << 2;
  const Db = (<usize>D) << 2;
  const Kb = Db + Hb; // A row: [x_s | h_{s−1} ⊙ mask] (h_{−1} = 0: the buffer starts zeroed)
  const r0 = t * rows;
  const r1 = imin(B, r0 + rows);
  for (let s = 0; s < T; s++) {
    for (let b = r0; b < r1; b++) copyRow(hin + <usize>b * Kb, x + <usize>(b * T + s) * Db, D);
    rowsProduct(hin, Kb, up, D + H, np, r0 >> 2, (r1 + 3) >> 2, rec, ldr);
    for (let b = r0; b < r1; b++) {
      const row = <usize>(b * T + s);
      gatesRow(
        gates + ((row * <usize>G) << 2),
        rec + <usize>b * ldr,
        bias,
        hs + ((row * <usize>H) << 2),
        cs + ((row * <usize>H) << 2),
        s == 0,
        mask != 0 ? mask + <usize>b * Hb : 0,
        s < T - 1 ? hin + <usize>b * Kb + Db : 0,
        H,
      );
    }
  }
}

/**
 * Gate gradients of one row at one step: dh = dy_s + (dz_{s+1}·Uᵀ) ⊙ mask; dc = dc_{s+1} + dh·o·(1 − tanh²c);
 * dz_i = dc·g·i(1 − i), dz_f = dc·c_{s−1}·f(1 − f), dz_g = dc·i·(1 − g²), dz_o = dh·tanh(c)·o(1 − o); the carried
 * dc becomes dc·f (dy_s is 0 where `dhp` is 0). Writes dz at `dz` (the step products' A row) and the masked
 * previous state at `hprev`.
 */
function gatesGradRow(
  gz: usize,
  dz: usize,
  dhp: usize,
  rrow: usize,
  dcrow: usize,
  hrow: usize,
  crow: usize,
  hprev: usize,
  mrow: usize,
  first: bool,
  H: i32,
): void {
  const Hb = (<usize>H) << 2;
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= H; j += 4) {
    const o4 = (<usize>j) << 2;
    const m4 = mrow != 0 ? v128.load(mrow + o4) : one;
    let dh = dhp != 0 ? v128.load(dhp + o4) : zero;
    if (rrow != 0) dh = madd(v128.load(rrow + o4), m4, dh);
    const i = v128.load(gz + o4);
    const f = v128.load(gz + Hb + o4);
    const g = v128.load(gz + 2 * Hb + o4);
    const o = v128.load(gz + 3 * Hb + o4);
    const tc = tanh4(v128.load(crow + o4));
    const cPrev = first ? zero : v128.load(crow - Hb + o4);
    const dc = madd(f32x4.mul(dh, o), f32x4.sub(one, f32x4.mul(tc, tc)), v128.load(dcrow + o4));
    v128.store(dcrow + o4, f32x4.mul(dc, f));
    v128.store(dz + o4, f32x4.mul(f32x4.mul(dc, g), f32x4.mul(i, f32x4.sub(one, i))));
    v128.store(dz + Hb + o4, f32x4.mul(f32x4.mul(dc, cPrev), f32x4.mul(f, f32x4.sub(one, f))));
    v128.store(dz + 2 * Hb + o4, f32x4.mul(f32x4.mul(dc, i), f32x4.sub(one, f32x4.mul(g, g))));
    v128.store(dz + 3 * Hb + o4, f32x4.mul(f32x4.mul(dh, tc), f32x4.mul(o, f32x4.sub(one, o))));
    v128.store(hprev + o4, first ? zero : f32x4.mul(v128.load(hrow - Hb + o4), m4));
  }
  for (; j < H; j++) {
    const o4 = (<usize>j) << 2;
    const m1: f32 = mrow != 0 ? load<f32>(mrow + o4) : 1;
    let dh: f32 = dhp != 0 ? load<f32>(dhp + o4) : 0;
    if (rrow != 0) dh += load<f32>(rrow + o4) * m1;
    const i = load<f32>(gz + o4);
    const f = load<f32>(gz + Hb + o4);
    const g = load<f32>(gz + 2 * Hb + o4);
    const o = load<f32>(gz + 3 * Hb + o4);
    const tc = tanh1(load<f32>(crow + o4));
    const cPrev: f32 = first ? 0 : load<f32>(crow - Hb + o4);
    const dc = load<f32>(dcrow + o4) + dh * o * (1 - tc * tc);
    store<f32>(dcrow + o4, dc * f);
    store<f32>(dz + o4, dc * g * (i * (1 - i)));
    store<f32>(dz + Hb + o4, dc * cPrev * (f * (1 - f)));
    store<f32>(dz + 2 * Hb + o4, dc * i * (1 - g * g));
    store<f32>(dz + 3 * Hb + o4, dh * tc * (o * (1 - o)));
    store<f32>(hprev + o4, first ? 0 : load<f32>(hrow - Hb + o4) * m1);
  }
}

/** Copies n floats from src to dst (4 at a time, then one at a time). */
function copyRow(dst: usize, src: usize, n: i32): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    v128.store(dst + o, v128.load(src + o));
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    store<f32>(dst + o, load<f32>(src + o));
  }
}

/**
 * Copies `count` rows (`srcStride` bytes apart, `panels`·w floats each, w = 8 when `wide`, else 4) into
 * consecutive k steps of one k block of a packed operand, starting at `dst` (panel 0's first step); panel i
 * of the block starts `step` bytes after panel i − 1. Panel by panel, so each cache line is filled at once.
 */
function scatterRows(dst: usize, src: usize, srcStride: usize, count: i32, panels: i32, wide: bool, step: usize): void {
  let d = dst;
  for (let i = 0; i < panels; i++) {
    if (wide) {
      let sp = src + ((<usize>i) << 5);
      let dp = d;
      for (let r = 0; r < count; r++) {
        v128.store(dp, v128.load(sp));
        v128.store(dp, v128.load(sp, 16), 16);
        sp += srcStride;
        dp += 32;
      }
    } else {
      let sp = src + ((<usize>i) << 4);
      let dp = d;
      for (let r = 0; r < count; r++) {
        v128.store(dp, v128.load(sp));
        sp += srcStride;
        dp += 16;
      }
    }
    d += step;
  }
}

/**
 * Backpropagation through time of batch rows [t·rows, (t + 1)·rows): per step, gate gradients, then dz·Uᵀ and
 * dx = dz·Wᵀ from the same A rows (in L1). Each row's dz and [x | h_prev ⊙ mask | 1] (row s·B + b of the weight
 * gradients' B and A: the rows of one step are consecutive) go straight into the GEMM's packed layouts, in k
 * blocks of LS_KC rows: no packing pass later.
 */
export function lstmBackwardTask(t: i32, p: usize, scratch: usize): void {
  const B = pi(p, LS_B);
  const T = pi(p, LS_T);
  const H = pi(p, LS_H);
  const rows = pi(p, LS_ROWS);
  const gates = pa(p, LS_GATES);
  const hs = pa(p, LS_HS);
  const cs = pa(p, LS_CS);
  const mask = pa(p, LS_MASK);
  const dzin = pa(p, LS_PACK);
  const utp = pa(p, LS_PACKB);
  const dhs = pa(p, LS_DH);
  const dhrec = pa(p, LS_DHREC);
  const dcs = pa(p, LS_DC);
  const bpack = pa(p, LS_DZ);
  const apack = pa(p, LS_HPREV);
  const E = pi(p, LS_HPSTRIDE);
  const x = pa(p, LS_X);
  const D = pi(p, LS_D);
  const dhLast = pi(p, LS_DHLAST) != 0;
  const wtp = pa(p, LS_WT);
  const dx = pa(p, LS_DX);
  const KC = pi(p, LS_KC);
  const stage = pa(p, LS_STAGE);
  const G = 4 * H;
  const N = B * T;
  const np = (H + 7) >> 3;
  const ldr = (<usize>np) << 5;
  const npG = (G + 7) >> 3;
  const Gpb = (<usize>npG) << 5; // dz row stride: 4H rounded up to 8
  const mpE = (E + 3) >> 2;
  const Epb = (<usize>mpE) << 4; // staged row stride: E rounded up to 4
  const Hb = (<usize>H) << 2;
  const Db = (<usize>D) << 2;
  const ldx = <usize>T * Db;
  const r0 = t * rows;
  const r1 = imin(B, r0 + rows);
  for (let s = T - 1; s >= 0; s--) {
    for (let b = r0; b < r1; b++) {
      const row = b * T + s;
      const ho = (<usize>row * <usize>H) << 2;
      const bo = <usize>b * Hb;
      const dhp = dhLast ? (s == T - 1 ? dhs + bo : 0) : dhs + ho;
      const dzrow = dzin + <usize>b * Gpb;
      const srow = stage + <usize>b * Epb;
      gatesGradRow(
        gates + ((<usize>row * <usize>G) << 2),
        dzrow,
        dhp,
        s < T - 1 ? dhrec + <usize>b * ldr : 0,
        dcs + bo,
        hs + ho,
        cs + ho,
        srow + Db,
        mask != 0 ? mask + bo : 0,
        s == 0,
        H,
      );
      copyRow(srow, x + <usize>row * Db, D);
    }
    // Rows s·B + r0 .. s·B + r1 of the packed operands, a k block (kb, kc steps) at a time from step q.
    for (let b = r0; b < r1;) {
      const kr = s * B + b;
      const kb = kr / KC;
      const q = kr - kb * KC;
      const kc = imin(KC, N - kb * KC);
      const count = imin(r1 - b, kc - q);
      const k0 = <usize>kb * <usize>KC;
      const ak = apack + (k0 * <usize>mpE + <usize>q) * 16;
      const bk = bpack + (k0 * <usize>npG + <usize>q) * 32;
      scatterRows(ak, stage + <usize>b * Epb, Epb, count, mpE, false, (<usize>kc) << 4);
      scatterRows(bk, dzin + <usize>b * Gpb, Gpb, count, npG, true, (<usize>kc) << 5);
      b += count;
    }
    // dh_{s−1} (before the mask) = dz_s·Uᵀ and dx_s = dz_s·Wᵀ for the block's rows.
    if (s > 0) rowsProduct(dzin, Gpb, utp, G, np, r0 >> 2, (r1 + 3) >> 2, dhrec, ldr);
    rowsProductEdge(dzin, Gpb, wtp, G, D, r0 >> 2, (r1 + 3) >> 2, r1, dx + <usize>s * Db, ldx, scratch);
  }
}

/**
 * One block of C [m, n] (row stride n) = packed A · packed B, k in blocks of LW_KC steps (the layouts the backward
 * wrote): task t is row block t / LW_CB, column block t % LW_CB; every element is summed in one fixed order.
 */
export function lstmWeightGradTask(t: i32, p: usize, scratch: usize): void {
  const ap0 = pa(p, LW_AP);
  const bp0 = pa(p, LW_BP);
  const m = pi(p, LW_M);
  const n = pi(p, LW_N);
  const k = pi(p, LW_K);
  const KC = pi(p, LW_KC);
  const c = pa(p, LW_C);
  const mcp = pi(p, LW_MCP);
  const ncp = pi(p, LW_NCP);
  const cb = pi(p, LW_CB);
  const ib = t / cb;
  const jb = t - ib * cb;
  const ir0 = ib * mcp;
  const jr0 = jb * ncp;
  const ir1 = imin(ir0 + mcp, (m + 3) >> 2);
  const jr1 = imin(jr0 + ncp, (n + 7) >> 3);
  computeBlock(ap0, bp0, c, n, m, n, k, KC, ir0, ir1, jr0, jr1, scratch);
}
