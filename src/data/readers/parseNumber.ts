/** Exact powers of ten representable in a double (10^0 … 10^22). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Position just after the last number read by `parseNumber` (module state avoids an allocation per call). */
export let parsedEnd = 0;

/**
 * Parses a decimal number from the bytes `buf[start..end)`, stopping at the first byte that cannot continue
 * it; the stop position is left in `parsedEnd`. Returns NaN when no number starts at `start`.
 *
 * Fast path (Clinger): with at most 15 significant digits and a power of ten within 10^±22, mantissa and
 * power are exact doubles, so one multiplication or division rounds correctly. Anything else (more digits,
 * large exponents, inf/nan spellings) falls back to `Number()` on the token, which is also correctly rounded.
 */
export function parseNumber(buf: Uint8Array, start: number, end: number): number {
  let p = start;
  let neg = false;
  let c = p < end ? (buf[p] as number) : 0;
  if (c === 45 /* - */ || c === 43 /* + */) {
    neg = c === 45;
    p++;
  }
  const intStart = p;
  while (p < end && buf[p] === 48) p++; // leading zeros are not significant digits
  const sigStart = p;
  let mant = 0;
  while (p < end) {
    const d = (buf[p] as number) - 48;
    if (d < 0 || d > 9) break;
    mant = mant * 10 + d;
    p++;
  }
  let digits = p - sigStart;
  let sawDigit = p > intStart;
  let exp10 = 0;
  if (p < end && buf[p] === 46 /* . */) {
    p++;
    const fracStart = p;
    if (digits === 0) while (p < end && buf[p] === 48) p++; // 0.000123: zeros before the first significant digit
    const fracSig = p;
    while (p < end) {
      const d = (buf[p] as number) - 48;
      if (d < 0 || d > 9) break;
      mant = mant * 10 + d;
      p++;
    }
    digits += p - fracSig;
    exp10 = fracStart - p;
    sawDigit ||= p > fracStart;
  }
  if (!sawDigit) return slowNumber(buf, start, end);
  if (p < end && (buf[p] === 101 || buf[p] === 69) /* e E */) {
    let q = p + 1;
    let eneg = false;
    if (q < end && (buf[q] === 45 || buf[q] === 43)) {
      eneg = buf[q] === 45;
      q++;
    }
    let e = 0;
    const firstDigit = q;
    while (q < end) {
      c = buf[q] as number;
      if (c < 48 || c > 57) break;
      if (e < 100000) e = e * 10 + (c - 48);
      q++;
    }
    if (q === firstDigit) {
      parsedEnd = q;
      return NaN; // "1e" or "1e+": not a number
    }
    exp10 += eneg ? -e : e;
    p = q;
  }
  parsedEnd = p;
  if (digits > 15 || exp10 > 22 || exp10 < -22) {
    return Number(Buffer.from(buf.buffer, buf.byteOffset + start, p - start).toString('latin1'));
  }
  const v = exp10 < 0 ? mant / (POW10[-exp10] as number) : mant * (POW10[exp10] as number);
  return neg ? -v : v;
}

/** Tokens such as `nan`, `inf`, `-Infinity`: read up to a separator and let `Number` decide. */
function slowNumber(buf: Uint8Array, start: number, end: number): number {
  let p = start;
  while (p < end) {
    const c = buf[p] as number;
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 58 /* : */ || c === 35 /* # */ || c === 44 /* , */) break;
    p++;
  }
  parsedEnd = p;
  if (p === start) return NaN;
  const s = Buffer.from(buf.buffer, buf.byteOffset + start, p - start)
    .toString('latin1')
    .toLowerCase();
  if (s === 'nan' || s === '+nan' || s === '-nan') return NaN;
  if (s === 'inf' || s === '+inf' || s === 'infinity' || s === '+infinity') return Infinity;
  if (s === '-inf' || s === '-infinity') return -Infinity;
  parsedEnd = start;
  return NaN;
}
