/**
 * The shortest decimal text (of at most 9 significant digits) that reads back as the same float32: what
 * writers use for Float32 features, so a file written from batches reads back bit for bit.
 */
export function formatFloat32(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) <= 16777216) return Object.is(v, -0) ? '-0' : String(v); // exact below 2^24
  if (!Number.isFinite(v)) return String(v);
  for (let p = 6; p <= 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return trimZeros(s);
  }
  return String(v);
}

/** Drops trailing zeros of the mantissa: "0.500000" → "0.5", "1.20000e-7" → "1.2e-7". */
function trimZeros(s: string): string {
  const e = s.indexOf('e');
  const mant = e < 0 ? s : s.slice(0, e);
  const exp = e < 0 ? '' : s.slice(e);
  if (mant.indexOf('.') < 0) return s;
  let end = mant.length;
  while (mant.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (mant.charCodeAt(end - 1) === 46 /* . */) end--;
  return mant.slice(0, end) + exp;
}

/** Text for a target: integers as integers, other values in the shortest round-trip form. */
export function formatLabel(v: number, float32: boolean): string {
  return float32 ? formatFloat32(v) : String(v);
}
