import { randomFor } from '../../util/random.js';
import { type GeneratedData, permuteColumns, permuteRows } from './GeneratedData.js';
import { checkNumber } from './checkOption.js';

/** Options of `makeRegression`. */
export interface MakeRegressionOptions {
  /** Number of rows (default 100). */
  nSamples?: number;
  /** Number of features (default 100). */
  nFeatures?: number;
  /** Features with a non-zero coefficient (default 10, at most `nFeatures`). */
  nInformative?: number;
  /** Intercept added to every target (default 0). */
  bias?: number;
  /** Standard deviation of Gaussian noise on the targets (default 0). */
  noise?: number;
  /** Shuffle rows and features (default true). */
  shuffle?: boolean;
  seed?: number;
}

/**
 * A random linear regression problem, scikit-learn's `make_regression` (one target, no low-rank option):
 * x ~ N(0, I), `nInformative` coefficients uniform in [0, 100) and the rest zero, y = x·coef + bias + noise·N(0, 1).
 * The targets are computed from the float32-rounded features, so with `noise: 0` they match `coef` exactly.
 * Returns the data and `coef` (in the final feature order).
 * @throws ValueError for bad counts or negative noise.
 */
export function makeRegression(options: MakeRegressionOptions = {}): GeneratedData<{ coef: Float64Array }> {
  const n = options.nSamples ?? 100;
  const cols = options.nFeatures ?? 100;
  const nInf = Math.min(options.nInformative ?? 10, cols);
  const bias = options.bias ?? 0;
  const noise = options.noise ?? 0;
  checkNumber('makeRegression', 'nSamples', n, 0, Infinity, true);
  checkNumber('makeRegression', 'nFeatures', cols, 1, Infinity, true);
  checkNumber('makeRegression', 'nInformative', nInf, 0, cols, true);
  checkNumber('makeRegression', 'noise', noise, 0);
  const rng = randomFor(options.seed);
  let x: Float64Array = new Float64Array(n * cols);
  for (let k = 0; k < x.length; k++) x[k] = Math.fround(rng.normal());
  let coef: Float64Array = new Float64Array(cols);
  for (let j = 0; j < nInf; j++) coef[j] = 100 * rng.uniform();
  let y: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = bias;
    for (let j = 0; j < nInf; j++) s += (x[i * cols + j] as number) * (coef[j] as number);
    y[i] = s;
  }
  if (noise > 0) for (let i = 0; i < n; i++) y[i] = (y[i] as number) + noise * rng.normal();
  if (options.shuffle ?? true) {
    ({ x, y } = permuteRows(x, y, cols, rng.permutation(n)));
    const perm = rng.permutation(cols);
    x = permuteColumns(x, n, cols, perm);
    coef = Float64Array.from(perm, (p) => coef[p] as number);
  }
  return { x: Float32Array.from(x), y, rows: n, cols, coef };
}
