/**
 * Label sets in NumPy's order: numbers ascending, strings by Unicode code point (as `np.unique` sorts them).
 */
import type { Label } from './types.js';

// Orders UTF-16 code units so that comparing them compares code points: surrogates (astral characters) go
// after the rest of the Basic Multilingual Plane.
function codeUnitKey(c: number): number {
  if (c >= 0xe000) return c - 0x800;
  if (c >= 0xd800) return c + 0x2000;
  return c;
}

function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return codeUnitKey(ca) - codeUnitKey(cb);
  }
  return a.length - b.length;
}

/** Total order on labels of one type: numbers ascending, strings by code point. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  return typeof a === 'number' ? -1 : 1;
}

/** The distinct labels of `values`, sorted (`np.unique`). */
export function uniqueSorted(values: Iterable<Label>): Label[] {
  return Array.from(new Set(values)).sort(compareLabels);
}

/** Maps each label to its position in `classes`. */
export function labelIndex(classes: readonly Label[]): Map<Label, number> {
  const m = new Map<Label, number>();
  classes.forEach((c, i) => {
    if (!m.has(c)) m.set(c, i);
  });
  return m;
}

/** Formats a label the way Python's `repr` prints it inside scikit-learn's messages: 'a' or 3. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const body = value.replace(/\\/g, '\\\\');
    return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
  }
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}
