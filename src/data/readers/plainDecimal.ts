/** Exact powers of ten representable in a double (10^0 … 10^22). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * The value of `s` when it is a plain decimal number — an optional sign, digits with an optional '.', an
 * optional exponent, no spaces — of at most 15 digits whose power of ten stays within 10^±22; NaN otherwise.
 * When it returns a number, that number is `Number(s)` bit for bit: mantissa and power of ten are then exact
 * doubles, so one correctly rounded multiplication or division gives the correctly rounded value (Clinger's
 * fast path). Callers fall back to `Number()` on NaN, which keeps the full JavaScript number grammar.
 *
 * This is the cell conversion of the CSV readers: about twice as fast as `Number()` on short numeric strings.
 */
export function plainDecimal(s: string): number {
  const n = s.length;
  if (n === 0 || n > 40) return NaN;
  let i = 0;
  let c = s.charCodeAt(0);
  const neg = c === 45; /* - */
  if (neg || c === 43 /* + */) i = 1;
  let m = 0;
  const intStart = i;
  // `(c >>> 0) <= 9` tests 0 <= c <= 9 in one comparison.
  while (i < n && (c = s.charCodeAt(i) - 48) >>> 0 <= 9) {
    m = m * 10 + c;
    i++;
  }
  let digits = i - intStart;
  let exp10 = 0;
  if (i < n && c === -2 /* '.' - 48 */) {
    const fracStart = ++i;
    while (i < n && (c = s.charCodeAt(i) - 48) >>> 0 <= 9) {
      m = m * 10 + c;
      i++;
    }
    exp10 = fracStart - i;
    digits += i - fracStart;
  }
  if (digits === 0 || digits > 15) return NaN;
  if (i < n) {
    if (c !== 53 && c !== 21) return NaN; // 'e' - 48, 'E' - 48
    c = ++i < n ? s.charCodeAt(i) : 0;
    const eneg = c === 45;
    if (eneg || c === 43) i++;
    const expStart = i;
    let e = 0;
    while (i < n && (c = s.charCodeAt(i) - 48) >>> 0 <= 9) {
      e = e * 10 + c;
      i++;
    }
    if (i === expStart || i < n || i - expStart > 3) return NaN;
    exp10 += eneg ? -e : e;
  }
  if (exp10 < -22 || exp10 > 22) return NaN;
  const v = exp10 < 0 ? m / (POW10[-exp10] as number) : m * (POW10[exp10] as number);
  return neg ? -v : v;
}
