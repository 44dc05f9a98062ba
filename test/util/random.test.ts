import { describe, expect, it } from 'vitest';
import { Random, randomFor, setGlobalSeed, withGlobalSeed } from '../../src/util/random.js';

/** `k` raw draws from the global generator. */
const draws = (k: number): number[] => Array.from({ length: k }, () => randomFor(undefined).nextUint32());

describe('withGlobalSeed', () => {
  it('seeds the global generator inside the scope like new Random(seed)', () => {
    const reference = new Random(42);
    const inside = withGlobalSeed(42, () => draws(5));
    expect(inside).toEqual(Array.from({ length: 5 }, () => reference.nextUint32()));
  });

  it('returns what fn returns', () => {
    expect(withGlobalSeed(1, () => 'done')).toBe('done');
  });

  it('leaves the outer stream exactly where it was', () => {
    setGlobalSeed(7);
    const expected = draws(6);
    setGlobalSeed(7);
    const before = draws(3);
    withGlobalSeed(99, () => draws(10));
    expect([...before, ...draws(3)]).toEqual(expected);
  });

  it('restores the outer stream when fn throws, and rethrows', () => {
    setGlobalSeed(7);
    const expected = draws(4);
    setGlobalSeed(7);
    const before = draws(2);
    expect(() =>
      withGlobalSeed(3, () => {
        draws(5);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect([...before, ...draws(2)]).toEqual(expected);
  });

  it('keeps the spare normal of Box–Muller pending across the scope', () => {
    setGlobalSeed(11);
    const expected = [randomFor(undefined).normal(), randomFor(undefined).normal()];
    setGlobalSeed(11);
    const first = randomFor(undefined).normal(); // leaves the pair's second value cached
    withGlobalSeed(5, () => randomFor(undefined).normal());
    expect([first, randomFor(undefined).normal()]).toEqual(expected);
  });

  it('does not let setGlobalSeed inside the scope leak out', () => {
    setGlobalSeed(7);
    const expected = draws(2);
    setGlobalSeed(7);
    withGlobalSeed(1, () => setGlobalSeed(123));
    expect(draws(2)).toEqual(expected);
  });

  it("nests: the inner scope restores the outer scope's stream", () => {
    const reference = withGlobalSeed(8, () => draws(4));
    const nested = withGlobalSeed(8, () => {
      const head = draws(2);
      withGlobalSeed(9, () => draws(3));
      return [...head, ...draws(2)];
    });
    expect(nested).toEqual(reference);
  });

  it('gives different streams for different seeds', () => {
    expect(withGlobalSeed(1, () => draws(3))).not.toEqual(withGlobalSeed(2, () => draws(3)));
  });
});
