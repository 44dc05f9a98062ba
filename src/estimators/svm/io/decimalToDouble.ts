/*
 * Correctly rounded conversion of a decimal mantissa of up to 19 digits times 10^e (|e| ≤ 22) to the nearest
 * double, without building a string: the machine-written numbers of data files (17 significant digits, as
 * `String(x)` and `%.17g` print them) miss Clinger's 15-digit fast path, and going through `parseFloat` costs
 * a string per number. The value is computed in double-double arithmetic (error-free transformations of Dekker
 * and Knuth, ~106 bits), which rounds to the right double except within 2^-40 of a halfway point; those rare
 * cases return NaN and the caller falls back to `parseFloat`.
 */

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's splitting constant
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // index of the high word
/** 2^(k − 1100) for k in [0, 2200]. */
const POW2 = new Float64Array(2201);
for (let k = 0; k <= 2200; k++) POW2[k] = 2 ** (k - 1100);
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];

/** Half an ulp of x (x finite, non-zero, normal). */
function halfUlp(x: number): number {
  F64[0] = x;
  const exponent = ((U32[HIGH] as number) >>> 20) & 0x7ff;
  return POW2[exponent - 1023 - 53 + 1100] as number;
}

/**
 * (head · 10^k + tail) · 10^e correctly rounded, or NaN when the double-double result is too close to a
 * halfway point to decide (then use parseFloat).
 * @param head first (up to 15) significant digits as an integer
 * @param k number of further digits, 0–4
 * @param tail those further digits as an integer
 * @param e decimal exponent, −22 ≤ e ≤ 22
 */
export function decimalToDouble(head: number, k: number, tail: number, e: number): number {
  // M = head · 10^k + tail exactly, as s + t
  const P = POW10[k] as number;
  let s = head * P;
  let ah = SPLITTER * head;
  ah -= ah - head;
  const al = head - ah;
  let bh = SPLITTER * P;
  bh -= bh - P;
  const bl = P - bh;
  let t = ah * bh - s + ah * bl + al * bh + al * bl;
  let u = s + tail;
  let bb = u - s;
  t += s - (u - bb) + (tail - bb);
  s = u;
  if (e >= 0) {
    const D = POW10[e] as number;
    const p = s * D;
    ah = SPLITTER * s;
    ah -= ah - s;
    const sl = s - ah;
    bh = SPLITTER * D;
    bh -= bh - D;
    const dl = D - bh;
    const err = ah * bh - p + ah * dl + sl * bh + sl * dl;
    s = p;
    t = err + t * D;
  } else {
    const D = POW10[-e] as number;
    const q = s / D;
    // remainder s + t − q·D, exact parts first
    ah = SPLITTER * q;
    ah -= ah - q;
    const ql = q - ah;
    bh = SPLITTER * D;
    bh -= bh - D;
    const dl = D - bh;
    const p = q * D;
    const perr = ah * bh - p + ah * dl + ql * bh + ql * dl;
    const r = s - p - perr + t;
    s = q;
    t = r / D;
  }
  // normalise: hi = fl(s + t), lo = the rest
  u = s + t;
  bb = u - s;
  const lo = s - (u - bb) + (t - bb);
  if (u === 0 || !Number.isFinite(u)) return u;
  const h = halfUlp(u);
  if (Math.abs(Math.abs(lo) - h) <= h * 2 ** -40) return NaN;
  // when |lo| exceeds half an ulp the sum was rounded the other way: step to the neighbour
  if (lo > h) return u + 2 * h;
  if (lo < -h) return u - 2 * h;
  return u;
}
