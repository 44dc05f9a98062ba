import { expect } from 'vitest';
import type { NestedArray, Tensor } from '../../src/index.js';

/** Asserts `t` has `shape` and values within rtol/atol of `expected` (nested arrays or a flat list). */
export function expectTensor(
  t: Tensor,
  expected: NestedArray | readonly number[],
  { shape, rtol = 1e-6, atol = 1e-7 }: { shape?: readonly number[]; rtol?: number; atol?: number } = {},
): void {
  if (shape) expect([...t.shape]).toEqual([...shape]);
  const flat = ([expected] as NestedArray[]).flat(Infinity as 1) as number[];
  expect(t.size).toBe(flat.length);
  flat.forEach((e, i) => {
    const a = t.data[i] as number;
    if (Number.isNaN(e)) expect(a).toBeNaN();
    else if (!Number.isFinite(e)) expect(a).toBe(e);
    else if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      throw new Error(`element ${i}: received ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
    }
  });
}
