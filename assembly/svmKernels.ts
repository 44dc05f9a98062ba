/**
 * Kernel rows of the SVM solvers (src/estimators/svm/kernel): dense float64 dot products of one stored row against
 * a run of rows, and the RBF column of Q built from them. These are called directly (not through the task phases
 * of `work`), on the calling thread, over buffers the caller keeps in a memory of its own between calls
 * (src/backend/wasm/privateInstance.ts). Arithmetic is plain multiply and add (never fused), so the results are the
 * same bits in the SIMD and the relaxed-SIMD builds.
 */

/** ln 2 split into a high part (exact in n·LN2_HI for |n| < 2^20) and the low rest (Cody–Waite). */
const LN2_HI: f64 = 6.9314718036912381649e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;
/** 1.5 · 2^52: adding it rounds a double of magnitude < 2^51 to an integer held in the low mantissa bits. */
const ROUND_MAGIC: f64 = 6755399441055744.0;

/** Σ_k x[k]·r[k] for k < d, in a fixed order: two f64x2 accumulators over steps of 4, their lanes, then the tail. */
function dotRow(x: usize, r: usize, d: i32): f64 {
  let a0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let k = 0;
  for (; k + 4 <= d; k += 4) {
    const o = (<usize>k) << 3;
    a0 = f64x2.add(a0, f64x2.mul(v128.load(x + o), v128.load(r + o)));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(x + o, 16), v128.load(r + o, 16)));
  }
  const s = f64x2.add(a0, a1);
  let tail = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; k < d; k++) {
    const o = (<usize>k) << 3;
    tail += load<f64>(x + o) * load<f64>(r + o);
  }
  return tail;
}

/**
 * The dot products of x with two rows at once, r and r + stride, as lanes 0 and 1: each lane sums in exactly the
 * order of `dotRow` (so the values are the same bits), while x is loaded once for both rows.
 */
function dotRows2(x: usize, r: usize, stride: usize, d: i32): v128 {
  let a0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let b0 = f64x2.splat(0);
  let b1 = f64x2.splat(0);
  const s = r + stride;
  let k = 0;
  for (; k + 4 <= d; k += 4) {
    const o = (<usize>k) << 3;
    const x0 = v128.load(x + o);
    const x1 = v128.load(x + o, 16);
    a0 = f64x2.add(a0, f64x2.mul(x0, v128.load(r + o)));
    a1 = f64x2.add(a1, f64x2.mul(x1, v128.load(r + o, 16)));
    b0 = f64x2.add(b0, f64x2.mul(x0, v128.load(s + o)));
    b1 = f64x2.add(b1, f64x2.mul(x1, v128.load(s + o, 16)));
  }
  const sa = f64x2.add(a0, a1);
  const sb = f64x2.add(b0, b1);
  // (sa₀ + sa₁, sb₀ + sb₁)
  let dots = f64x2.add(v128.shuffle<f64>(sa, sb, 0, 2), v128.shuffle<f64>(sa, sb, 1, 3));
  for (; k < d; k++) {
    const o = (<usize>k) << 3;
    const pair = f64x2.replace_lane(f64x2.splat(load<f64>(r + o)), 1, load<f64>(s + o));
    dots = f64x2.add(dots, f64x2.mul(f64x2.splat(load<f64>(x + o)), pair));
  }
  return dots;
}

/**
 * out[t] = x · row t for t < count, where row t is the `d` float64 values at rows + 8·d·t and x the `d` values at x.
 * @param x address of the left-hand row
 * @param rows address of the first right-hand row
 * @param d values per row
 * @param count rows
 * @param out address of `count` float64 results
 */
export function svmDots(x: usize, rows: usize, d: i32, count: i32, out: usize): void {
  const stride = (<usize>d) << 3;
  let r = rows;
  let t = 0;
  for (; t + 2 <= count; t += 2) {
    v128.store(out + ((<usize>t) << 3), dotRows2(x, r, stride, d));
    r += stride << 1;
  }
  if (t < count) store<f64>(out + ((<usize>t) << 3), dotRow(x, r, d));
}

/** exp(x) for x in [−708, 709], two lanes: Cody–Waite reduction x = n ln2 + r, Taylor to degree 11 (Estrin), 2^n in the exponent bits. */
function expLanes(x: v128): v128 {
  const tv = f64x2.add(f64x2.mul(x, f64x2.splat(Math.LOG2E)), f64x2.splat(ROUND_MAGIC));
  const n = f64x2.sub(tv, f64x2.splat(ROUND_MAGIC));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(n, f64x2.splat(LN2_HI))), f64x2.mul(n, f64x2.splat(LN2_LO)));
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  // c_k = 1/k!; pairs c_k + c_{k+1} r, then r², r⁴: a short dependency chain
  const p0 = f64x2.add(f64x2.mul(r, f64x2.splat(1.0)), f64x2.splat(1.0));
  const p2 = f64x2.add(f64x2.mul(r, f64x2.splat(1.0 / 6.0)), f64x2.splat(1.0 / 2.0));
  const p4 = f64x2.add(f64x2.mul(r, f64x2.splat(1.0 / 120.0)), f64x2.splat(1.0 / 24.0));
  const p6 = f64x2.add(f64x2.mul(r, f64x2.splat(1.0 / 5040.0)), f64x2.splat(1.0 / 720.0));
  const p8 = f64x2.add(f64x2.mul(r, f64x2.splat(1.0 / 362880.0)), f64x2.splat(1.0 / 40320.0));
  const p10 = f64x2.add(f64x2.mul(r, f64x2.splat(1.0 / 39916800.0)), f64x2.splat(1.0 / 3628800.0));
  const q0 = f64x2.add(p0, f64x2.mul(p2, r2));
  const q1 = f64x2.add(p4, f64x2.mul(p6, r2));
  const q2 = f64x2.add(p8, f64x2.mul(p10, r2));
  const poly = f64x2.add(q0, f64x2.mul(f64x2.add(q1, f64x2.mul(q2, r4)), r4));
  const scale = i64x2.shl(i64x2.add(tv, i64x2.splat(1023)), 52);
  return f64x2.mul(poly, scale);
}

/**
 * One RBF column of Q in float32, two entries at a time: dst[t] = float32(yi · sign[t] · exp(−gamma · (sqi + sq[t]
 * − 2 x·row t))) for t < count rounded up to even (the caller pads sq, sign and dst by one entry; row `count` is not
 * read). x·row t is `svmDots`'s value; the exponent is clamped to [−708, 709], where the float32 result is 0 below.
 * @param x address of row i (d float64)
 * @param rows address of row 0 of the run
 * @param d values per row
 * @param count entries
 * @param sq address of ‖row t‖² (float64)
 * @param sqi ‖row i‖²
 * @param gamma the RBF gamma
 * @param sign address of the ±1 of each row (float64)
 * @param yi sign of row i
 * @param dst address of the float32 results
 */
export function svmRbfQ(
  x: usize,
  rows: usize,
  d: i32,
  count: i32,
  sq: usize,
  sqi: f64,
  gamma: f64,
  sign: usize,
  yi: f64,
  dst: usize,
): void {
  const stride = (<usize>d) << 3;
  const vsqi = f64x2.splat(sqi);
  const ng = f64x2.splat(-gamma);
  const vyi = f64x2.splat(yi);
  let r = rows;
  for (let t = 0; t < count; t += 2) {
    const dots = t + 1 < count ? dotRows2(x, r, stride, d) : f64x2.replace_lane(f64x2.splat(dotRow(x, r, d)), 1, 0);
    const o = (<usize>t) << 3;
    let e = f64x2.mul(f64x2.sub(f64x2.add(vsqi, v128.load(sq + o)), f64x2.add(dots, dots)), ng);
    e = f64x2.min(f64x2.max(e, f64x2.splat(-708)), f64x2.splat(709));
    const q = f64x2.mul(f64x2.mul(expLanes(e), v128.load(sign + o)), vyi);
    v128.store64_lane(dst + ((<usize>t) << 2), f32x4.demote_f64x2_zero(q), 0);
    r += stride << 1;
  }
}

/**
 * Sparse dot products for kernel rows over CSR rows: out[t] = row i · row idx[t] for t in [start, end). Row i is
 * scattered into the dense scratch `buf` (d float64, all zero on entry and again on return); each sum runs over row
 * idx[t]'s entries in order, one multiply-add at a time, as the TypeScript loop in KernelEvaluator does (same bits).
 * @param indptr address of the CSR row pointers (int32)
 * @param indices address of the column indices (int32)
 * @param values address of the values (float64)
 * @param buf address of the scratch row
 * @param i the left-hand row
 * @param idx address of the right-hand row of each position (int32)
 * @param start first position
 * @param end end of the positions
 * @param out address of the results (float64, indexed by position)
 */
export function svmSparseDots(
  indptr: usize,
  indices: usize,
  values: usize,
  buf: usize,
  i: i32,
  idx: usize,
  start: i32,
  end: i32,
  out: usize,
): void {
  const a = i32At(indptr, <usize>i);
  const b = i32At(indptr, <usize>i + 1);
  for (let k = a; k < b; k++) setF64(buf, <usize>i32At(indices, <usize>k), f64At(values, <usize>k));
  for (let t = start; t < end; t++) {
    const j = <usize>i32At(idx, <usize>t);
    const e = i32At(indptr, j + 1);
    let sum = 0.0;
    for (let k = i32At(indptr, j); k < e; k++) {
      sum += f64At(values, <usize>k) * f64At(buf, <usize>i32At(indices, <usize>k));
    }
    setF64(out, <usize>t, sum);
  }
  for (let k = a; k < b; k++) setF64(buf, <usize>i32At(indices, <usize>k), 0);
}

// Slots (i32) of the context block of `svmCsPass`, written by src/estimators/svm/linear/crammerSinger.ts.
const CS_K: usize = 1;
const CS_D: usize = 2;
const CS_ACTIVE: usize = 3;
const CS_SHRINK: usize = 4;
const CS_INDPTR: usize = 5;
const CS_INDICES: usize = 6;
const CS_VALUES: usize = 7;
const CS_W: usize = 8;
const CS_ALPHA: usize = 9;
const CS_QD: usize = 10;
const CS_C: usize = 11;
const CS_Y: usize = 12;
const CS_PERM: usize = 13;
const CS_NACTIVE: usize = 14;
const CS_YPOS: usize = 15;
const CS_INDEX: usize = 16;
const CS_SCRATCH: usize = 17;
const CS_GRADIENTS: usize = 18;

function slot(ctx: usize, s: usize): usize {
  return <usize>load<u32>(ctx + (s << 2));
}

function f64At(base: usize, i: usize): f64 {
  return load<f64>(base + (i << 3));
}

function setF64(base: usize, i: usize, v: f64): void {
  store<f64>(base + (i << 3), v);
}

function i32At(base: usize, i: usize): i32 {
  return load<i32>(base + (i << 2));
}

function setI32(base: usize, i: usize, v: i32): void {
  store<i32>(base + (i << 2), v);
}

/** Variable at position p of a block sits at its bound with a gradient below minG (LIBLINEAR's shrinking test). */
function csShrinkable(alpha: usize, perm: usize, base: usize, G: usize, p: i32, yp: i32, Cy: f64, minG: f64): bool {
  const a = f64At(alpha, base + <usize>i32At(perm, base + <usize>p));
  return a == (p == yp ? Cy : 0.0) && f64At(G, <usize>p) < minG;
}

/**
 * One pass of the Crammer–Singer sequential dual solver over CSR rows, samples in the order of the index array (the
 * caller shuffles it): the loop of `crammerSinger` in src/estimators/svm/linear/crammerSinger.ts, operation for
 * operation in the same order, so both give the same bits. Updates w, alpha, the shrinking state and the active
 * sample count in place; writes the gradient entries computed to the context block.
 * @param ctx address of the context block (i32 slots CS_*)
 * @param bias value of the bias feature (0: none)
 * @returns the largest KKT violation met in the pass
 */
export function svmCsPass(ctx: usize, bias: f64): f64 {
  const k = load<i32>(ctx + (CS_K << 2));
  const kk = <usize>k;
  const dk = <usize>load<i32>(ctx + (CS_D << 2)) * kk;
  const shrinking = load<i32>(ctx + (CS_SHRINK << 2)) != 0;
  const indptr = slot(ctx, CS_INDPTR);
  const indices = slot(ctx, CS_INDICES);
  const values = slot(ctx, CS_VALUES);
  const w = slot(ctx, CS_W);
  const alpha = slot(ctx, CS_ALPHA);
  const QD = slot(ctx, CS_QD);
  const C = slot(ctx, CS_C);
  const y = slot(ctx, CS_Y);
  const perm = slot(ctx, CS_PERM);
  const nActive = slot(ctx, CS_NACTIVE);
  const yPos = slot(ctx, CS_YPOS);
  const index = slot(ctx, CS_INDEX);
  const G = slot(ctx, CS_SCRATCH);
  const full = G + (kk << 3);
  const B = full + (kk << 3);
  const D = B + (kk << 3);
  const next = D + (kk << 3);
  const dVal = next + (kk << 3);
  const cls = dVal + (kk << 3);
  const dCls = cls + (kk << 2);
  let active = load<i32>(ctx + (CS_ACTIVE << 2));
  let gradients = 0;
  let violation = 0.0;
  for (let s = 0; s < active; s++) {
    const i = i32At(index, <usize>s);
    const A = f64At(QD, <usize>i);
    if (A <= 0) continue;
    const yi = i32At(y, <usize>i);
    const Cy = f64At(C, <usize>i);
    const base = <usize>i * kk;
    let ki = i32At(nActive, <usize>i);
    let yp = i32At(yPos, <usize>i);
    gradients += ki;
    for (let p = 0; p < ki; p++) setI32(cls, <usize>p, i32At(perm, base + <usize>p));
    const q0 = i32At(indptr, <usize>i);
    const q1 = i32At(indptr, <usize>i + 1);
    if (2 * ki < k) {
      for (let p = 0; p < ki; p++) setF64(G, <usize>p, i32At(cls, <usize>p) == yi ? 0.0 : 1.0);
      for (let q = q0; q < q1; q++) {
        const v = f64At(values, <usize>q);
        const o = <usize>i32At(indices, <usize>q) * kk;
        for (let p = 0; p < ki; p++) {
          const g = f64At(G, <usize>p);
          setF64(G, <usize>p, g + v * f64At(w, o + <usize>i32At(cls, <usize>p)));
        }
      }
      if (bias > 0) {
        for (let p = 0; p < ki; p++) {
          const g = f64At(G, <usize>p);
          setF64(G, <usize>p, g + bias * f64At(w, dk + <usize>i32At(cls, <usize>p)));
        }
      }
    } else {
      for (let m = 0; m < k; m++) setF64(full, <usize>m, 0);
      for (let q = q0; q < q1; q++) {
        const v = f64At(values, <usize>q);
        const o = <usize>i32At(indices, <usize>q) * kk;
        for (let m = 0; m < k; m++) setF64(full, <usize>m, f64At(full, <usize>m) + v * f64At(w, o + <usize>m));
      }
      if (bias > 0) {
        for (let m = 0; m < k; m++) setF64(full, <usize>m, f64At(full, <usize>m) + bias * f64At(w, dk + <usize>m));
      }
      for (let p = 0; p < ki; p++) {
        const m = i32At(cls, <usize>p);
        setF64(G, <usize>p, f64At(full, <usize>m) + (m == yi ? 0.0 : 1.0));
      }
    }
    let maxG = -Infinity;
    let minG = Infinity;
    for (let p = 0; p < ki; p++) {
      const g = f64At(G, <usize>p);
      if (g > maxG) maxG = g;
      const a = f64At(alpha, base + <usize>i32At(perm, base + <usize>p));
      if ((p == yp ? a < Cy : a < 0) && g < minG) minG = g;
    }
    if (shrinking) {
      for (let p = 0; p < ki; p++) {
        if (!csShrinkable(alpha, perm, base, G, p, yp, Cy, minG)) continue;
        ki--;
        while (ki > p) {
          if (!csShrinkable(alpha, perm, base, G, ki, yp, Cy, minG)) {
            const c = i32At(perm, base + <usize>p);
            setI32(perm, base + <usize>p, i32At(perm, base + <usize>ki));
            setI32(perm, base + <usize>ki, c);
            const g = f64At(G, <usize>p);
            setF64(G, <usize>p, f64At(G, <usize>ki));
            setF64(G, <usize>ki, g);
            if (yp == ki) yp = p;
            else if (yp == p) yp = ki;
            break;
          }
          ki--;
        }
      }
      setI32(nActive, <usize>i, ki);
      setI32(yPos, <usize>i, yp);
      if (ki <= 1) {
        active--;
        setI32(index, <usize>s, i32At(index, <usize>active));
        setI32(index, <usize>active, i);
        s--;
        continue;
      }
    }
    if (maxG - minG <= 1e-12) continue;
    if (maxG - minG > violation) violation = maxG - minG;
    for (let p = 0; p < ki; p++) {
      setF64(B, <usize>p, f64At(G, <usize>p) - A * f64At(alpha, base + <usize>i32At(perm, base + <usize>p)));
    }
    // the block's sub-problem (subProblem in crammerSinger.ts)
    for (let p = 0; p < ki; p++) setF64(D, <usize>p, f64At(B, <usize>p));
    if (yp < ki) setF64(D, <usize>yp, f64At(D, <usize>yp) + A * Cy);
    for (let p = 1; p < ki; p++) {
      const v = f64At(D, <usize>p);
      let q = p - 1;
      for (; q >= 0 && f64At(D, <usize>q) < v; q--) setF64(D, <usize>(q + 1), f64At(D, <usize>q));
      setF64(D, <usize>(q + 1), v);
    }
    let beta = f64At(D, 0) - A * Cy;
    let r = 1;
    for (; r < ki && beta < <f64>r * f64At(D, <usize>r); r++) beta += f64At(D, <usize>r);
    beta /= <f64>r;
    for (let p = 0; p < ki; p++) {
      const v = (beta - f64At(B, <usize>p)) / A;
      setF64(next, <usize>p, p == yp ? min<f64>(Cy, v) : min<f64>(0, v));
    }
    let nz = 0;
    for (let p = 0; p < ki; p++) {
      const m = i32At(perm, base + <usize>p);
      const dm = f64At(next, <usize>p) - f64At(alpha, base + <usize>m);
      setF64(alpha, base + <usize>m, f64At(next, <usize>p));
      if (dm != 0) {
        setI32(dCls, <usize>nz, m);
        setF64(dVal, <usize>nz, dm);
        nz++;
      }
    }
    if (nz == 0) continue;
    for (let q = q0; q < q1; q++) {
      const v = f64At(values, <usize>q);
      const o = <usize>i32At(indices, <usize>q) * kk;
      for (let z = 0; z < nz; z++) {
        const at = o + <usize>i32At(dCls, <usize>z);
        setF64(w, at, f64At(w, at) + v * f64At(dVal, <usize>z));
      }
    }
    if (bias > 0) {
      for (let z = 0; z < nz; z++) {
        const at = dk + <usize>i32At(dCls, <usize>z);
        setF64(w, at, f64At(w, at) + bias * f64At(dVal, <usize>z));
      }
    }
  }
  store<i32>(ctx + (CS_ACTIVE << 2), active);
  store<i32>(ctx + (CS_GRADIENTS << 2), gradients);
  return violation;
}
