import { describe, expect, it } from 'vitest';
import { dropoutMask } from '../../../src/nn/layers/dropoutMask.js';
import { Random } from '../../../src/util/random.js';

/**
 * The mask generator is written for speed (no branch per element); these tests pin it to its plain definition, so a
 * seeded run keeps producing the same masks (and so the same trained weights): one 32-bit draw per element, dropped
 * (+0) when the draw is below rate · 2³², else 1 / (1 − rate) in the mask's dtype.
 */
function plainMask(rng: Random, size: number, rate: number, Ctor: Float32ArrayConstructor | Float64ArrayConstructor) {
  const out = new Ctor(size);
  for (let i = 0; i < size; i++) out[i] = rng.nextUint32() < rate * 4294967296 ? 0 : 1 / (1 - rate);
  return out;
}

describe('dropoutMask', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const rate of [0.1, 0.5, 0.9, 0]) {
      it(`equals the plain per-element definition (${dtype}, rate ${rate})`, () => {
        const fast = new Random(11);
        const plain = new Random(11);
        const mask = dropoutMask(fast, [7, 13], rate, dtype);
        const expected = plainMask(plain, 91, rate, dtype === 'float32' ? Float32Array : Float64Array);
        expect(mask.dtype).toBe(dtype);
        expect(mask.shape).toEqual([7, 13]);
        // Object.is tells +0 from −0: dropped entries must be +0, as the plain definition stores.
        for (let i = 0; i < 91; i++) expect(Object.is(mask.data[i], expected[i])).toBe(true);
        // Exactly one draw per element: both generators continue in step.
        expect(fast.nextUint32()).toBe(plain.nextUint32());
      });
    }
  }

  it('drops about `rate` of a large mask and keeps the rest at 1 / (1 − rate)', () => {
    const mask = dropoutMask(new Random(3), [100, 100], 0.3, 'float32');
    let dropped = 0;
    for (const v of mask.data) {
      if (v === 0) dropped++;
      else expect(v).toBe(Math.fround(1 / 0.7));
    }
    // Binomial(10000, 0.3): standard deviation ≈ 46, so ±250 is over 5 sigma.
    expect(Math.abs(dropped - 3000)).toBeLessThan(250);
  });
});
