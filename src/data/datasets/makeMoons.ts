import { randomFor } from '../../util/random.js';
import { type GeneratedData, permuteRows } from './GeneratedData.js';
import { checkNumber } from './checkOption.js';

/** Options of `makeMoons`. */
export interface MoonsOptions {
  /** Number of points (default 100); the first moon gets floor(n/2). */
  nSamples?: number;
  /** Standard deviation of Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  /** Shuffle the rows (default true). */
  shuffle?: boolean;
  seed?: number;
}

/**
 * Two interleaving half circles in 2-D, scikit-learn's `make_moons`: class 0 on (cos t, sin t) and class 1 on
 * (1 − cos t, 0.5 − sin t) for t evenly spaced in [0, π].
 * @throws ValueError for a negative sample count or noise.
 */
export function makeMoons(options: MoonsOptions = {}): GeneratedData {
  const n = options.nSamples ?? 100;
  const noise = options.noise ?? 0;
  checkNumber('makeMoons', 'nSamples', n, 0, Infinity, true);
  checkNumber('makeMoons', 'noise', noise, 0);
  const rng = randomFor(options.seed);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  let x: Float64Array = new Float64Array(n * 2);
  let y: Int32Array = new Int32Array(n);
  const step = (m: number): number => (m > 1 ? Math.PI / (m - 1) : 0); // linspace(0, π, m) includes both ends
  for (let i = 0; i < nOut; i++) {
    const t = i * step(nOut);
    x[2 * i] = Math.cos(t);
    x[2 * i + 1] = Math.sin(t);
  }
  for (let i = 0; i < nIn; i++) {
    const t = i * step(nIn);
    const r = nOut + i;
    x[2 * r] = 1 - Math.cos(t);
    x[2 * r + 1] = 1 - Math.sin(t) - 0.5;
    y[r] = 1;
  }
  if (options.shuffle ?? true) ({ x, y } = permuteRows(x, y, 2, rng.permutation(n)));
  if (noise > 0) for (let k = 0; k < x.length; k++) x[k] = (x[k] as number) + noise * rng.normal();
  return { x: Float32Array.from(x), y, rows: n, cols: 2 };
}
