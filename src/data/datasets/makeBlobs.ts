import { ValueError } from '../../errors/errors.js';
import { randomFor } from '../../util/random.js';
import { type GeneratedData, permuteRows } from './GeneratedData.js';
import { checkNumber } from './checkOption.js';

/** Options of `makeBlobs`. */
export interface BlobsOptions {
  /** Number of points (default 100), split as evenly as possible among the centers (the first get one more). */
  nSamples?: number;
  /** Number of features (default 2); ignored when `centers` gives coordinates. */
  nFeatures?: number;
  /** Number of centers drawn uniformly in `centerBox` (default 3), or their coordinates. */
  centers?: number | readonly (readonly number[])[];
  /** Standard deviation of each blob (default 1), or one per center. */
  clusterStd?: number | readonly number[];
  /** Box the random centers are drawn in (default [-10, 10]). */
  centerBox?: readonly [number, number];
  /** Shuffle the rows (default true). */
  shuffle?: boolean;
  seed?: number;
}

/**
 * Isotropic Gaussian blobs, scikit-learn's `make_blobs`: point i of center c is centers[c] + clusterStd[c]·N(0, I),
 * with label c. Returns the data and the `centers` used.
 * @throws ValueError for bad counts, ragged centers or a `clusterStd` list of the wrong length.
 */
export function makeBlobs(options: BlobsOptions = {}): GeneratedData<{ centers: Float64Array }> {
  const n = options.nSamples ?? 100;
  checkNumber('makeBlobs', 'nSamples', n, 0, Infinity, true);
  const rng = randomFor(options.seed);
  let nCenters: number;
  let cols: number;
  let centers: Float64Array;
  if (typeof options.centers === 'object') {
    nCenters = options.centers.length;
    cols = options.centers[0]?.length ?? 0;
    centers = new Float64Array(nCenters * cols);
    options.centers.forEach((c, k) => {
      if (c.length !== cols)
        throw new ValueError(`makeBlobs: center ${k} has ${c.length} coordinates; expected ${cols}.`);
      centers.set(c, k * cols);
    });
  } else {
    nCenters = options.centers ?? 3;
    cols = options.nFeatures ?? 2;
    checkNumber('makeBlobs', 'centers', nCenters, 1, Infinity, true);
    checkNumber('makeBlobs', 'nFeatures', cols, 1, Infinity, true);
    const [lo, hi] = options.centerBox ?? [-10, 10];
    centers = new Float64Array(nCenters * cols);
    for (let k = 0; k < centers.length; k++) centers[k] = lo + (hi - lo) * rng.uniform();
  }
  const stdIn = options.clusterStd ?? 1;
  const std = typeof stdIn === 'number' ? new Array<number>(nCenters).fill(stdIn) : [...stdIn];
  if (std.length !== nCenters) {
    throw new ValueError(`makeBlobs: "clusterStd" has ${std.length} entries; expected one per center (${nCenters}).`);
  }
  let x: Float64Array = new Float64Array(n * cols);
  let y: Int32Array = new Int32Array(n);
  let row = 0;
  for (let c = 0; c < nCenters; c++) {
    const count = Math.floor(n / nCenters) + (c < n % nCenters ? 1 : 0);
    for (let i = 0; i < count; i++, row++) {
      for (let j = 0; j < cols; j++)
        x[row * cols + j] = (centers[c * cols + j] as number) + (std[c] as number) * rng.normal();
      y[row] = c;
    }
  }
  if (options.shuffle ?? true) ({ x, y } = permuteRows(x, y, cols, rng.permutation(n)));
  return { x: Float32Array.from(x), y, rows: n, cols, centers };
}
