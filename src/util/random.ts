/**
 * A small, fast, seedable pseudo-random generator (xoshiro128**, seeded through splitmix32).
 * Every stochastic component of lsml takes a `seed` and draws from one of these, so the same seed gives
 * the same result on every platform (the generator uses only 32-bit integer arithmetic).
 */
export class Random {
  // The 128-bit state as four int32 words. A typed array keeps them raw 32-bit integers: as plain number fields,
  // values outside V8's small-integer range were boxed, which made each draw several times slower.
  private readonly s = new Int32Array(4);
  private spareNormal: number | null = null;

  constructor(seed: number) {
    let x = seed >>> 0; // splitmix32 adds its constant before mixing, so 0 is a fine seed
    const next = (): number => {
      // splitmix32 spreads a 32-bit seed over the 128-bit state.
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (let i = 0; i < 4; i++) this.s[i] = next();
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    let s0 = s[0] as number;
    let s1 = s[1] as number;
    let s2 = s[2] as number;
    let s3 = s[3] as number;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal draw (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform(); // log(0) would be -Infinity
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T>(array: T[]): T[] {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i] as T;
      array[i] = array[j] as T;
      array[j] = tmp;
    }
    return array;
  }

  /** Returns a random permutation of 0..n-1 as an Int32Array. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = p[i] as number;
      p[i] = p[j] as number;
      p[j] = tmp;
    }
    return p;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

let globalRandom = new Random(Math.floor(Math.random() * 0x100000000));

/** Reseeds the generator used when a call gives no `seed`. */
export function setGlobalSeed(seed: number): void {
  globalRandom = new Random(seed);
}

/**
 * Runs `fn` with the global generator (the one used when a call gives no `seed`) seeded with `seed`, then puts the
 * previous global generator back exactly as it was, also when `fn` throws: draws from the global generator after the
 * scope continue its stream as if `fn` had never run (a `setGlobalSeed` inside `fn` does not leak out either). Scopes nest. For a synchronous `fn` only: an async `fn` would restore the
 * generator at its first `await`, while its remaining work still runs.
 * @param seed 32-bit seed of the scoped generator
 * @returns what `fn` returns
 * @example const w = withGlobalSeed(42, () => buildModel()); // unseeded initialisers inside are reproducible
 */
export function withGlobalSeed<T>(seed: number, fn: () => T): T {
  const previous = globalRandom;
  globalRandom = new Random(seed);
  try {
    return fn();
  } finally {
    // The previous generator object was not drawn from inside the scope, so its state is exactly as before.
    globalRandom = previous;
  }
}

/** A generator for `seed`, or the global one when `seed` is undefined. */
export function randomFor(seed: number | undefined): Random {
  return seed === undefined ? globalRandom : new Random(seed);
}
