/**
 * Vector transcendental functions on f64x2, used for float32 data: computing in double precision and
 * rounding once to float32 keeps the results within an ulp or so of the reference backend, which evaluates
 * the same functions in double precision. The polynomials are plain Taylor / atanh series, truncated where
 * the next term drops below 1e-10 relative on the reduced interval.
 */

const LOG2E: f64 = 1.4426950408889634;
const LN2: f64 = 0.6931471805599453;
const SQRT2: f64 = 1.4142135623730951;

/** e^x for x in f64 lanes. Results below float32's range become 0, above it large (infinite once rounded). */
export function vexp(x: v128): v128 {
  // Clamping keeps 2^n a normal double; wasm min/max propagate NaN.
  const xc = f64x2.min(f64x2.max(x, f64x2.splat(-120)), f64x2.splat(100));
  const n = f64x2.nearest(f64x2.mul(xc, f64x2.splat(LOG2E)));
  const r = f64x2.sub(xc, f64x2.mul(n, f64x2.splat(LN2))); // |r| <= ln2 / 2
  // e^r = Σ r^k / k!, k <= 9: the first dropped term is below 1e-11.
  let s = f64x2.splat(1.0 / 362880);
  s = f64x2.add(f64x2.mul(s, r), f64x2.splat(1.0 / 40320));
  s = f64x2.add(f64x2.mul(s, r), f64x2.splat(1.0 / 5040));
  s = f64x2.add(f64x2.mul(s, r), f64x2.splat(1.0 / 720));
  s = f64x2.add(f64x2.mul(s, r), f64x2.splat(1.0 / 120));
  s = f64x2.add(f64x2.mul(s, r), f64x2.splat(1.0 / 24));
  s = f64x2.add(f64x2.mul(s, r), f64x2.splat(1.0 / 6));
  s = f64x2.add(f64x2.mul(s, r), f64x2.splat(0.5));
  s = f64x2.add(f64x2.mul(s, r), f64x2.splat(1));
  s = f64x2.add(f64x2.mul(s, r), f64x2.splat(1));
  // 2^n: build the exponent bits directly.
  const ni = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(n));
  const scale = i64x2.shl(i64x2.add(ni, i64x2.splat(1023)), 52);
  return f64x2.mul(s, scale);
}

/** e^x − 1, accurate near 0 (series for |x| <= 0.5, e^x − 1 beyond, where nothing cancels badly). */
export function vexpm1(x: v128): v128 {
  let s = f64x2.splat(1.0 / 479001600); // 1/12!
  s = f64x2.add(f64x2.mul(s, x), f64x2.splat(1.0 / 39916800));
  s = f64x2.add(f64x2.mul(s, x), f64x2.splat(1.0 / 3628800));
  s = f64x2.add(f64x2.mul(s, x), f64x2.splat(1.0 / 362880));
  s = f64x2.add(f64x2.mul(s, x), f64x2.splat(1.0 / 40320));
  s = f64x2.add(f64x2.mul(s, x), f64x2.splat(1.0 / 5040));
  s = f64x2.add(f64x2.mul(s, x), f64x2.splat(1.0 / 720));
  s = f64x2.add(f64x2.mul(s, x), f64x2.splat(1.0 / 120));
  s = f64x2.add(f64x2.mul(s, x), f64x2.splat(1.0 / 24));
  s = f64x2.add(f64x2.mul(s, x), f64x2.splat(1.0 / 6));
  s = f64x2.add(f64x2.mul(s, x), f64x2.splat(0.5));
  s = f64x2.add(f64x2.mul(s, x), f64x2.splat(1));
  const small = f64x2.mul(s, x);
  const big = f64x2.sub(vexp(x), f64x2.splat(1));
  return v128.bitselect(small, big, f64x2.le(f64x2.abs(x), f64x2.splat(0.5)));
}

/** Natural logarithm: log 0 = −∞, log of a negative number or NaN = NaN, log ∞ = ∞. */
export function vlog(x: v128): v128 {
  // x = m · 2^e with m in [√½, √2): log x = e·ln2 + 2·atanh((m − 1)/(m + 1)).
  const bits = x;
  let e = i64x2.sub(i64x2.shr_s(bits, 52), i64x2.splat(1023));
  let m = v128.or(v128.and(bits, i64x2.splat(0x000fffffffffffff)), i64x2.splat(0x3ff0000000000000));
  const big = f64x2.gt(m, f64x2.splat(SQRT2));
  m = v128.bitselect(f64x2.mul(m, f64x2.splat(0.5)), m, big);
  e = i64x2.sub(e, big); // a true comparison lane is −1
  const s = f64x2.div(f64x2.sub(m, f64x2.splat(1)), f64x2.add(m, f64x2.splat(1)));
  const s2 = f64x2.mul(s, s);
  // atanh(s)/s = Σ s^2k / (2k + 1), k <= 5: |s| <= 0.172, so the first dropped term is below 1e-10.
  let q = f64x2.splat(1.0 / 11);
  q = f64x2.add(f64x2.mul(q, s2), f64x2.splat(1.0 / 9));
  q = f64x2.add(f64x2.mul(q, s2), f64x2.splat(1.0 / 7));
  q = f64x2.add(f64x2.mul(q, s2), f64x2.splat(1.0 / 5));
  q = f64x2.add(f64x2.mul(q, s2), f64x2.splat(1.0 / 3));
  q = f64x2.add(f64x2.mul(q, s2), f64x2.splat(1));
  const ef = f64x2.convert_low_i32x4_s(v128.shuffle<i32>(e, e, 0, 2, 0, 2));
  let r = f64x2.add(f64x2.mul(ef, f64x2.splat(LN2)), f64x2.mul(f64x2.mul(s, f64x2.splat(2)), q));
  r = v128.bitselect(f64x2.splat(-Infinity), r, f64x2.eq(x, f64x2.splat(0)));
  r = v128.bitselect(f64x2.splat(NaN), r, f64x2.lt(x, f64x2.splat(0)));
  // ∞ and NaN give themselves.
  return v128.bitselect(x, r, v128.or(f64x2.eq(x, f64x2.splat(Infinity)), f64x2.ne(x, x)));
}

/** log(1 + x); for float32 inputs 1 + x is exact in double unless |x| < 2^-28, where log1p(x) = x to 2e-9. */
export function vlog1p(x: v128): v128 {
  const l = vlog(f64x2.add(x, f64x2.splat(1)));
  return v128.bitselect(x, l, f64x2.lt(f64x2.abs(x), f64x2.splat(3.725290298461914e-9)));
}

/** Hyperbolic tangent as −expm1(−2|x|) / (2 + expm1(−2|x|)) with x's sign: no overflow, accurate near 0. */
export function vtanh(x: v128): v128 {
  const y = vexpm1(f64x2.mul(f64x2.abs(x), f64x2.splat(-2)));
  const t = f64x2.div(f64x2.neg(y), f64x2.add(y, f64x2.splat(2)));
  return v128.bitselect(x, t, i64x2.splat(0x8000000000000000));
}

/** Logistic function; e^−|x| never overflows. */
export function vsigmoid(x: v128): v128 {
  const e = vexp(f64x2.neg(f64x2.abs(x)));
  const d = f64x2.add(e, f64x2.splat(1));
  return v128.bitselect(f64x2.div(f64x2.splat(1), d), f64x2.div(e, d), f64x2.ge(x, f64x2.splat(0)));
}

/** log(1 + e^x) = max(x, 0) + log1p(e^−|x|). */
export function vsoftplus(x: v128): v128 {
  return f64x2.add(f64x2.max(x, f64x2.splat(0)), vlog1p(vexp(f64x2.neg(f64x2.abs(x)))));
}

/** Lanes 0–1 of a float32 vector as doubles. */
export function lo64(v: v128): v128 {
  return f64x2.promote_low_f32x4(v);
}

/** Lanes 2–3 of a float32 vector as doubles. */
export function hi64(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 2, 3));
}

/** Rounds two double vectors to one float32 vector (lo → lanes 0–1, hi → lanes 2–3). */
export function join32(lo: v128, hi: v128): v128 {
  return v128.shuffle<i32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}
