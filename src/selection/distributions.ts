import type { Random } from '../util/random.js';

/**
 * A distribution to sample a hyper-parameter from in RandomizedSearchCV. Plain data (so searches stay
 * saveable); `sampleDistribution` draws from it.
 */
export type Distribution =
  | { readonly distribution: 'uniform'; readonly loc: number; readonly scale: number }
  | { readonly distribution: 'loguniform'; readonly low: number; readonly high: number }
  | { readonly distribution: 'randint'; readonly low: number; readonly high: number }
  | { readonly distribution: 'normal'; readonly loc: number; readonly scale: number };

/** Uniform on [loc, loc + scale] (scipy.stats.uniform's parameters). */
export function uniform(loc = 0, scale = 1): Distribution {
  return { distribution: 'uniform', loc, scale };
}

/** Log-uniform on [low, high]: log x uniform (scipy.stats.loguniform), for learning rates and penalties. */
export function logUniform(low: number, high: number): Distribution {
  return { distribution: 'loguniform', low, high };
}

/** Uniform integers in [low, high) (scipy.stats.randint). */
export function randInt(low: number, high: number): Distribution {
  return { distribution: 'randint', low, high };
}

/** Normal with mean loc and standard deviation scale. */
export function normal(loc = 0, scale = 1): Distribution {
  return { distribution: 'normal', loc, scale };
}

/** True for a `Distribution`. */
export function isDistribution(x: unknown): x is Distribution {
  return x !== null && typeof x === 'object' && typeof (x as { distribution?: unknown }).distribution === 'string';
}

/** One draw from `d`. */
export function sampleDistribution(d: Distribution, rng: Random): number {
  switch (d.distribution) {
    case 'uniform':
      return d.loc + d.scale * rng.uniform();
    case 'loguniform':
      return Math.exp(Math.log(d.low) + (Math.log(d.high) - Math.log(d.low)) * rng.uniform());
    case 'randint':
      return d.low + rng.int(d.high - d.low);
    case 'normal':
      return d.loc + d.scale * rng.normal();
  }
}
