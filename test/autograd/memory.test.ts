import { expect, it } from 'vitest';
import { makeTwoLayerStep } from '../../bench/memory/twoLayerLoop.js';

/**
 * Users never dispose tensors: after thousands of training steps the live heap is back where it started once
 * the garbage collector runs. (The 10,000-step RSS figure comes from `npm run bench:memory`.)
 */
it('the live heap stays flat over 3,000 forward+backward steps with no manual disposal', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  expect(gc, 'tests run with --expose-gc (see vitest.config.ts)').toBeTypeOf('function');
  const step = makeTwoLayerStep(1);
  for (let i = 0; i < 300; i++) step();
  gc?.();
  const before = process.memoryUsage().heapUsed;
  let loss = 0;
  for (let i = 0; i < 3000; i++) loss = step();
  gc?.();
  const growth = process.memoryUsage().heapUsed - before;
  expect(Number.isFinite(loss)).toBe(true);
  // Each step allocates ~40 KB of tensors and graph (≈120 MB over the loop); a leak of even one small tensor per
  // step would add over 1 MB.
  expect(growth).toBeLessThan(1 * 2 ** 20);
});
