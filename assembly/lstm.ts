/**
 * Fused LSTM recurrence kernels. Batch rows never mix in a recurrence, so one task is a block of batch rows that
 * runs every step of the sequence by itself: no synchronisation between steps, and each row's arithmetic is the
 * same on any thread count. The recurrent kernel is packed once per sequence (K_LSTM_PACK). A forward step of a
 * block is one product z += (h ⊙ mask)·U on packed operands, written in place over the step's projected input,
 * then the fused gates (σ/tanh of i, f, g, o, the cell, the state, and the state packed as the next product's A).
 * Backward mirrors it: fused gate gradients (dz written out and packed as A), then dz·Uᵀ for the step before.
 * Packed layouts are the GEMM's (MR-row and NR-column panels, k-major) with all of k in one block: a 4×k A panel
 * and a k×8 B panel stay in L1 for recurrent sizes (k = H or 4H).
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
} from '../src/backend/wasm/abi';
import { micro } from './gemm';
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
 * C [rows r0..r1) (+)= packed A · packed B: A holds the rows' MR-panels (k columns), B ceil(n/NR) panels; C's row
 * stride is ldc bytes. Tiles reaching past row `m` or column `n` go through scratch.
 */
function blockProduct(
  ap: usize,
  bp: usize,
  k: i32,
  m: i32,
  n: i32,
  r0: i32,
  r1: i32,
  c: usize,
  ldc: usize,
  accumulate: bool,
  scratch: usize,
): void {
  const apStep = (<usize>k) << 4;
  const bpStep = (<usize>k) << 5;
  const np = (n + 7) >> 3;
  const ir0 = r0 >> 2;
  const ir1 = (r1 + 3) >> 2;
  for (let jr = 0; jr < np; jr++) {
    const bpanel = bp + <usize>jr * bpStep;
    const nr = imin(8, n - (jr << 3));
    for (let ir = ir0; ir < ir1; ir++) {
      const apanel = ap + <usize>ir * apStep;
      const mr = imin(4, m - (ir << 2));
      const cptr = c + <usize>(ir << 2) * ldc + ((<usize>(jr << 3)) << 2);
      if (mr == 4 && nr == 8) {
        micro(apanel, bpanel, k, cptr, ldc, accumulate);
      } else {
        micro(apanel, bpanel, k, scratch, 32, false);
        for (let i = 0; i < mr; i++) {
          const crow = cptr + <usize>i * ldc;
          const srow = scratch + ((<usize>i) << 5);
          for (let j = 0; j < nr; j++) {
            const o = (<usize>j) << 2;
            const v = load<f32>(srow + o);
            store<f32>(crow + o, accumulate ? load<f32>(crow + o) + v : v);
          }
        }
      }
    }
  }
}

/** Address of element (row, column q) of a packed A operand with k columns. */
function packedAt(pack: usize, row: i32, q: i32, k: i32): usize {
  return pack + ((<usize>((row >> 2) * k + q)) << 4) + ((<usize>(row & 3)) << 2);
}

/** Stores the lanes of v at columns q..q+3 of row `row` of a packed A operand with k columns. */
function storePacked4(pack: usize, row: i32, q: i32, k: i32, v: v128): void {
  const at = packedAt(pack, row, q, k);
  store<f32>(at, f32x4.extract_lane(v, 0));
  store<f32>(at, f32x4.extract_lane(v, 1), 16);
  store<f32>(at, f32x4.extract_lane(v, 2), 32);
  store<f32>(at, f32x4.extract_lane(v, 3), 48);
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
  const t = f32x4.add(f32x4.mul(xc, f32x4.splat(LOG2E)), f32x4.splat(ROUND_MAGIC));
  const n = f32x4.sub(t, f32x4.splat(ROUND_MAGIC));
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
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

/** σ(x) = 1 / (1 + e^−x) on four lanes (absolute error a few float32 ulps of 1). */
function sig4(x: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), exp4(f32x4.neg(x))));
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
 * Gates of row b at step s: z (+ bias, in place at `z`) becomes i, f, g, o; c = f·c_{s−1} + i·g; h = o·tanh(c). Writes c
 * and h, and h ⊙ mask packed for the next product when `pack` is not 0.
 */
function gatesRow(
  z: usize,
  bias: usize,
  hp: usize,
  cp: usize,
  first: bool,
  mrow: usize,
  pack: usize,
  b: i32,
  H: i32,
): void {
  const Hb = (<usize>H) << 2;
  const cprev = cp - Hb;
  let j = 0;
  for (; j + 4 <= H; j += 4) {
    const o4 = (<usize>j) << 2;
    const zi = z + o4;
    let vi = v128.load(zi);
    let vf = v128.load(zi + Hb);
    let vg = v128.load(zi + 2 * Hb);
    let vo = v128.load(zi + 3 * Hb);
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
    if (pack != 0) storePacked4(pack, b, j, H, mrow != 0 ? f32x4.mul(h, v128.load(mrow + o4)) : h);
  }
  for (; j < H; j++) {
    const o4 = (<usize>j) << 2;
    const zi = z + o4;
    const bi = bias + o4;
    const i = sig1(load<f32>(zi) + (bias != 0 ? load<f32>(bi) : 0));
    const f = sig1(load<f32>(zi + Hb) + (bias != 0 ? load<f32>(bi + Hb) : 0));
    const g = tanh1(load<f32>(zi + 2 * Hb) + (bias != 0 ? load<f32>(bi + 2 * Hb) : 0));
    const o = sig1(load<f32>(zi + 3 * Hb) + (bias != 0 ? load<f32>(bi + 3 * Hb) : 0));
    store<f32>(zi, i);
    store<f32>(zi + Hb, f);
    store<f32>(zi + 2 * Hb, g);
    store<f32>(zi + 3 * Hb, o);
    const c = first ? i * g : f * load<f32>(cprev + o4) + i * g;
    const h = o * tanh1(c);
    store<f32>(cp + o4, c);
    store<f32>(hp + o4, h);
    if (pack != 0) store<f32>(packedAt(pack, b, j, H), mrow != 0 ? h * load<f32>(mrow + o4) : h);
  }
}

/** The forward recurrence of batch rows [t·rows, (t + 1)·rows): every step's product, then its gates. */
export function lstmForwardTask(t: i32, p: usize, scratch: usize): void {
  const B = pi(p, LS_B);
  const T = pi(p, LS_T);
  const H = pi(p, LS_H);
  const rows = pi(p, LS_ROWS);
  const gates = pa(p, LS_GATES);
  const hs = pa(p, LS_HS);
  const cs = pa(p, LS_CS);
  const mask = pa(p, LS_MASK);
  const pack = pa(p, LS_PACK);
  const up = pa(p, LS_PACKB);
  const bias = pa(p, LS_BIAS);
  const G = 4 * H;
  const r0 = t * rows;
  const r1 = imin(B, r0 + rows);
  const ldz = (<usize>(T * G)) << 2;
  for (let s = 0; s < T; s++) {
    const zs = gates + ((<usize>(s * G)) << 2);
    // z_s += (h_{s−1} ⊙ mask)·U for the block's rows (h_{−1} = 0).
    if (s > 0) blockProduct(pack, up, H, B, G, r0, r1, zs, ldz, true, scratch);
    for (let b = r0; b < r1; b++) {
      const row = <usize>(b * T + s);
      gatesRow(
        gates + ((row * <usize>G) << 2),
        bias,
        hs + ((row * <usize>H) << 2),
        cs + ((row * <usize>H) << 2),
        s == 0,
        mask != 0 ? mask + ((<usize>(b * H)) << 2) : 0,
        s < T - 1 ? pack : 0,
        b,
        H,
      );
    }
  }
}

/**
 * Gate gradients of row b at step s: dh = dy_s + (dz_{s+1}·Uᵀ) ⊙ mask; dc = dc_{s+1} + dh·o·(1 − tanh²c);
 * dz_i = dc·g·i(1 − i), dz_f = dc·c_{s−1}·f(1 − f), dz_g = dc·i·(1 − g²), dz_o = dh·tanh(c)·o(1 − o); the carried
 * dc becomes dc·f. Writes dz (plain, and packed when `pack` is not 0) and the masked previous state.
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
  pack: usize,
  first: bool,
  b: i32,
  H: i32,
): void {
  const G = 4 * H;
  const Hb = (<usize>H) << 2;
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= H; j += 4) {
    const o4 = (<usize>j) << 2;
    const m4 = mrow != 0 ? v128.load(mrow + o4) : one;
    let dh = v128.load(dhp + o4);
    if (rrow != 0) dh = madd(v128.load(rrow + o4), m4, dh);
    const i = v128.load(gz + o4);
    const f = v128.load(gz + Hb + o4);
    const g = v128.load(gz + 2 * Hb + o4);
    const o = v128.load(gz + 3 * Hb + o4);
    const tc = tanh4(v128.load(crow + o4));
    const cPrev = first ? zero : v128.load(crow - Hb + o4);
    const dc = madd(f32x4.mul(dh, o), f32x4.sub(one, f32x4.mul(tc, tc)), v128.load(dcrow + o4));
    const dzi = f32x4.mul(f32x4.mul(dc, g), f32x4.mul(i, f32x4.sub(one, i)));
    const dzf = f32x4.mul(f32x4.mul(dc, cPrev), f32x4.mul(f, f32x4.sub(one, f)));
    const dzg = f32x4.mul(f32x4.mul(dc, i), f32x4.sub(one, f32x4.mul(g, g)));
    const dzo = f32x4.mul(f32x4.mul(dh, tc), f32x4.mul(o, f32x4.sub(one, o)));
    v128.store(dcrow + o4, f32x4.mul(dc, f));
    v128.store(dz + o4, dzi);
    v128.store(dz + Hb + o4, dzf);
    v128.store(dz + 2 * Hb + o4, dzg);
    v128.store(dz + 3 * Hb + o4, dzo);
    if (pack != 0) {
      storePacked4(pack, b, j, G, dzi);
      storePacked4(pack, b, H + j, G, dzf);
      storePacked4(pack, b, 2 * H + j, G, dzg);
      storePacked4(pack, b, 3 * H + j, G, dzo);
    }
    v128.store(hprev + o4, first ? zero : f32x4.mul(v128.load(hrow - Hb + o4), m4));
  }
  for (; j < H; j++) {
    const o4 = (<usize>j) << 2;
    const m1: f32 = mrow != 0 ? load<f32>(mrow + o4) : 1;
    let dh = load<f32>(dhp + o4);
    if (rrow != 0) dh += load<f32>(rrow + o4) * m1;
    const i = load<f32>(gz + o4);
    const f = load<f32>(gz + Hb + o4);
    const g = load<f32>(gz + 2 * Hb + o4);
    const o = load<f32>(gz + 3 * Hb + o4);
    const tc = tanh1(load<f32>(crow + o4));
    const cPrev: f32 = first ? 0 : load<f32>(crow - Hb + o4);
    const dc = load<f32>(dcrow + o4) + dh * o * (1 - tc * tc);
    const dzi = dc * g * (i * (1 - i));
    const dzf = dc * cPrev * (f * (1 - f));
    const dzg = dc * i * (1 - g * g);
    const dzo = dh * tc * (o * (1 - o));
    store<f32>(dcrow + o4, dc * f);
    store<f32>(dz + o4, dzi);
    store<f32>(dz + Hb + o4, dzf);
    store<f32>(dz + 2 * Hb + o4, dzg);
    store<f32>(dz + 3 * Hb + o4, dzo);
    if (pack != 0) {
      store<f32>(packedAt(pack, b, j, G), dzi);
      store<f32>(packedAt(pack, b, H + j, G), dzf);
      store<f32>(packedAt(pack, b, 2 * H + j, G), dzg);
      store<f32>(packedAt(pack, b, 3 * H + j, G), dzo);
    }
    store<f32>(hprev + o4, first ? 0 : load<f32>(hrow - Hb + o4) * m1);
  }
}

/** Backpropagation through time of batch rows [t·rows, (t + 1)·rows): per step, gate gradients, then dz·Uᵀ. */
export function lstmBackwardTask(t: i32, p: usize, scratch: usize): void {
  const B = pi(p, LS_B);
  const T = pi(p, LS_T);
  const H = pi(p, LS_H);
  const rows = pi(p, LS_ROWS);
  const gates = pa(p, LS_GATES);
  const hs = pa(p, LS_HS);
  const cs = pa(p, LS_CS);
  const mask = pa(p, LS_MASK);
  const pack = pa(p, LS_PACK);
  const utp = pa(p, LS_PACKB);
  const dhs = pa(p, LS_DH);
  const dhrec = pa(p, LS_DHREC);
  const dcs = pa(p, LS_DC);
  const dzs = pa(p, LS_DZ);
  const hprevs = pa(p, LS_HPREV);
  const hpStride = <usize>pi(p, LS_HPSTRIDE);
  const G = 4 * H;
  const r0 = t * rows;
  const r1 = imin(B, r0 + rows);
  for (let s = T - 1; s >= 0; s--) {
    for (let b = r0; b < r1; b++) {
      const row = <usize>(b * T + s);
      const ho = (row * <usize>H) << 2;
      const bo = (<usize>(b * H)) << 2;
      gatesGradRow(
        gates + ((row * <usize>G) << 2),
        dzs + ((row * <usize>G) << 2),
        dhs + ho,
        s < T - 1 ? dhrec + bo : 0,
        dcs + bo,
        hs + ho,
        cs + ho,
        hprevs + ((row * hpStride) << 2),
        mask != 0 ? mask + bo : 0,
        s > 0 ? pack : 0,
        s == 0,
        b,
        H,
      );
    }
    // dh_{s−1} (before the mask) = dz_s·Uᵀ for the block's rows.
    if (s > 0) blockProduct(pack, utp, G, B, H, r0, r1, dhrec, (<usize>H) << 2, false, scratch);
  }
}
