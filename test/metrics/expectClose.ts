import { expect } from 'vitest';

/** Relative and absolute tolerances of the golden comparisons (float64). */
export const RTOL = 1e-12;
export const ATOL = 1e-15;

/**
 * Deep comparison of metric results: numbers within |a − b| ≤ max(RTOL·|b|, ATOL) (NaN equals NaN, infinities
 * exactly), arrays element by element, objects key by key, everything else strictly equal.
 */
export function expectClose(actual: unknown, expected: unknown, path = 'result'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, `${path}: type`).toBe('number');
    const a = actual as number;
    if (Number.isNaN(expected) || !Number.isFinite(expected)) {
      expect(a, path).toBe(expected);
      return;
    }
    const tol = Math.max(RTOL * Math.abs(expected), ATOL);
    if (!(Math.abs(a - expected) <= tol)) {
      expect.fail(`${path}: expected ${expected}, received ${a} (difference ${Math.abs(a - expected)} > ${tol})`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path}: expected an array, received ${String(actual)}`).toBe(true);
    const a = actual as unknown[];
    expect(a.length, `${path}: length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose(a[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', `${path}: expected an object`).toBe(true);
    const a = actual as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${path}: keys`).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectClose(a[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}
