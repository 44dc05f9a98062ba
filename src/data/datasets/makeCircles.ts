import { randomFor } from '../../util/random.js';
import { type GeneratedData, permuteRows } from './GeneratedData.js';
import { checkNumber } from './checkOption.js';

/** Options of `makeCircles`. */
export interface CirclesOptions {
  /** Number of points (default 100); the outer circle gets floor(n/2). */
  nSamples?: number;
  /** Standard deviation of Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  /** Radius of the inner circle relative to the outer one, in [0, 1) (default 0.8). */
  factor?: number;
  /** Shuffle the rows (default true). */
  shuffle?: boolean;
  seed?: number;
}

/**
 * A large circle (class 0, radius 1) containing a smaller one (class 1, radius `factor`) in 2-D,
 * scikit-learn's `make_circles`: angles evenly spaced in [0, 2π) on each circle.
 * @throws ValueError for a negative count or noise, or `factor` outside [0, 1).
 */
export function makeCircles(options: CirclesOptions = {}): GeneratedData {
  const n = options.nSamples ?? 100;
  const noise = options.noise ?? 0;
  const factor = options.factor ?? 0.8;
  checkNumber('makeCircles', 'nSamples', n, 0, Infinity, true);
  checkNumber('makeCircles', 'noise', noise, 0);
  checkNumber('makeCircles', 'factor', factor, 0, 1 - Number.EPSILON);
  const rng = randomFor(options.seed);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  let x: Float64Array = new Float64Array(n * 2);
  let y: Int32Array = new Int32Array(n);
  for (let i = 0; i < nOut; i++) {
    const t = (2 * Math.PI * i) / nOut; // linspace(0, 2π, nOut, endpoint=False)
    x[2 * i] = Math.cos(t);
    x[2 * i + 1] = Math.sin(t);
  }
  for (let i = 0; i < nIn; i++) {
    const t = (2 * Math.PI * i) / nIn;
    const r = nOut + i;
    x[2 * r] = factor * Math.cos(t);
    x[2 * r + 1] = factor * Math.sin(t);
    y[r] = 1;
  }
  if (options.shuffle ?? true) ({ x, y } = permuteRows(x, y, 2, rng.permutation(n)));
  if (noise > 0) for (let k = 0; k < x.length; k++) x[k] = (x[k] as number) + noise * rng.normal();
  return { x: Float32Array.from(x), y, rows: n, cols: 2 };
}
