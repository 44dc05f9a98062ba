import { ValueError } from '../../errors/errors.js';
import { type Random, randomFor } from '../../util/random.js';
import { type GeneratedData, permuteColumns, permuteRows } from './GeneratedData.js';
import { checkNumber } from './checkOption.js';

/** Options of `makeClassification` (scikit-learn's names in camelCase, same defaults). */
export interface ClassificationOptions {
  /** Number of rows (default 100). */
  nSamples?: number;
  /** Number of features (default 20) = informative + redundant + repeated + useless. */
  nFeatures?: number;
  /** Features that carry the class structure (default 2). */
  nInformative?: number;
  /** Random linear combinations of the informative features (default 2). */
  nRedundant?: number;
  /** Copies of informative or redundant features (default 0). */
  nRepeated?: number;
  /** Number of classes (default 2). */
  nClasses?: number;
  /** Gaussian clusters per class (default 2); nClasses · nClustersPerClass must be at most 2^nInformative. */
  nClustersPerClass?: number;
  /** Share of each class (default equal); with nClasses − 1 entries the last class takes the rest. */
  weights?: readonly number[];
  /** Share of labels replaced by a random class (default 0.01). */
  flipY?: number;
  /** Half the side of the hypercube the cluster centers sit on (default 1); larger is easier. */
  classSep?: number;
  /** Centers on hypercube vertices (default true), else on a random polytope. */
  hypercube?: boolean;
  /** Added to every feature (default 0); null draws one shift per feature in [−classSep, classSep]. */
  shift?: number | null;
  /** Multiplies every feature after the shift (default 1); null draws one factor per feature in [1, 101]. */
  scale?: number | null;
  /** Shuffle rows and features (default true). */
  shuffle?: boolean;
  seed?: number;
}

/**
 * A random n-class problem, scikit-learn's `make_classification`: each class is made of Gaussian clusters
 * centred on vertices of a hypercube in the informative subspace, each cluster with a random covariance;
 * redundant features are linear combinations of the informative ones, repeated features copies, the rest
 * noise. Same algorithm and defaults, lsml's random generator (so the numbers differ from scikit-learn's).
 * @throws ValueError when the feature counts do not add up or there are too many clusters.
 */
export function makeClassification(options: ClassificationOptions = {}): GeneratedData {
  const where = 'makeClassification';
  const n = options.nSamples ?? 100;
  const cols = options.nFeatures ?? 20;
  const nInf = options.nInformative ?? 2;
  const nRed = options.nRedundant ?? 2;
  const nRep = options.nRepeated ?? 0;
  const nClasses = options.nClasses ?? 2;
  const perClass = options.nClustersPerClass ?? 2;
  const flipY = options.flipY ?? 0.01;
  const classSep = options.classSep ?? 1;
  checkNumber(where, 'nSamples', n, 0, Infinity, true);
  checkNumber(where, 'nInformative', nInf, 1, Infinity, true);
  checkNumber(where, 'nRedundant', nRed, 0, Infinity, true);
  checkNumber(where, 'nRepeated', nRep, 0, Infinity, true);
  checkNumber(where, 'nClasses', nClasses, 2, Infinity, true);
  checkNumber(where, 'nClustersPerClass', perClass, 1, Infinity, true);
  checkNumber(where, 'flipY', flipY, 0, 1);
  if (nInf + nRed + nRep > cols) {
    throw new ValueError(
      `${where}: nInformative + nRedundant + nRepeated = ${nInf + nRed + nRep} must be at most nFeatures = ${cols}.`,
    );
  }
  const nClusters = nClasses * perClass;
  if (Math.log2(nClusters) > nInf) {
    throw new ValueError(
      `${where}: nClasses · nClustersPerClass = ${nClusters} must be at most 2^nInformative = ${2 ** nInf}.`,
    );
  }
  const weights = classWeights(options.weights, nClasses);
  const rng = randomFor(options.seed);

  // Rows per cluster: the class share split among its clusters, remainder dealt round-robin.
  const sizes = Array.from({ length: nClusters }, (_, k) =>
    Math.floor((n * (weights[k % nClasses] as number)) / perClass),
  );
  const short = n - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; i < short; i++) sizes[i % nClusters] = (sizes[i % nClusters] as number) + 1;

  // Cluster centers: distinct hypercube vertices scaled to ±classSep.
  const centroids = hypercubeVertices(nClusters, nInf, rng).map((v) => v * 2 * classSep - classSep);
  if (!(options.hypercube ?? true)) {
    for (let k = 0; k < nClusters; k++) {
      const u = rng.uniform();
      for (let j = 0; j < nInf; j++) centroids[k * nInf + j] = (centroids[k * nInf + j] as number) * u;
    }
    for (let j = 0; j < nInf; j++) {
      const u = rng.uniform();
      for (let k = 0; k < nClusters; k++) centroids[k * nInf + j] = (centroids[k * nInf + j] as number) * u;
    }
  }

  let x: Float64Array = new Float64Array(n * cols);
  let y: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < nInf; j++) x[i * cols + j] = rng.normal();
  let start = 0;
  const tmp = new Float64Array(nInf);
  for (let k = 0; k < nClusters; k++) {
    const A = Float64Array.from({ length: nInf * nInf }, () => 2 * rng.uniform() - 1); // random covariance
    const stop = start + (sizes[k] as number);
    for (let i = start; i < stop; i++) {
      y[i] = k % nClasses;
      for (let c = 0; c < nInf; c++) {
        let s = 0;
        for (let r = 0; r < nInf; r++) s += (x[i * cols + r] as number) * (A[r * nInf + c] as number);
        tmp[c] = s;
      }
      for (let c = 0; c < nInf; c++) x[i * cols + c] = (tmp[c] as number) + (centroids[k * nInf + c] as number);
    }
    start = stop;
  }
  if (nRed > 0) {
    const B = Float64Array.from({ length: nInf * nRed }, () => 2 * rng.uniform() - 1);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < nRed; c++) {
        let s = 0;
        for (let r = 0; r < nInf; r++) s += (x[i * cols + r] as number) * (B[r * nRed + c] as number);
        x[i * cols + nInf + c] = s;
      }
    }
  }
  if (nRep > 0) {
    const m = nInf + nRed;
    const src = Array.from({ length: nRep }, () => Math.floor((m - 1) * rng.uniform() + 0.5));
    for (let i = 0; i < n; i++) src.forEach((s, c) => (x[i * cols + m + c] = x[i * cols + s] as number));
  }
  for (let i = 0; i < n; i++) for (let j = nInf + nRed + nRep; j < cols; j++) x[i * cols + j] = rng.normal();
  if (flipY > 0) {
    for (let i = 0; i < n; i++) if (rng.uniform() < flipY) y[i] = rng.int(nClasses);
  }
  const shift = options.shift === undefined ? 0 : options.shift;
  const scale = options.scale === undefined ? 1 : options.scale;
  const shifts = Float64Array.from({ length: cols }, () =>
    shift === null ? (2 * rng.uniform() - 1) * classSep : shift,
  );
  const scales = Float64Array.from({ length: cols }, () => (scale === null ? 1 + 100 * rng.uniform() : scale));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) {
      x[i * cols + j] = ((x[i * cols + j] as number) + (shifts[j] as number)) * (scales[j] as number);
    }
  }
  if (options.shuffle ?? true) {
    ({ x, y } = permuteRows(x, y, cols, rng.permutation(n)));
    x = permuteColumns(x, n, cols, rng.permutation(cols));
  }
  return { x: Float32Array.from(x), y, rows: n, cols };
}

function classWeights(weights: readonly number[] | undefined, nClasses: number): number[] {
  if (weights === undefined) return new Array<number>(nClasses).fill(1 / nClasses);
  if (weights.length === nClasses - 1) {
    const sum = weights.reduce((a, b) => a + b, 0);
    return [...weights, 1 - sum];
  }
  if (weights.length !== nClasses) {
    throw new ValueError(
      `makeClassification: "weights" has ${weights.length} entries; expected nClasses (${nClasses}) or nClasses − 1.`,
    );
  }
  return [...weights];
}

/** `count` distinct vertices of the unit hypercube in `dims` dimensions, as a count × dims array of 0/1. */
function hypercubeVertices(count: number, dims: number, rng: Random): Float64Array {
  const out = new Float64Array(count * dims);
  const bits = Math.min(dims, 30);
  const seen = new Set<number>();
  for (let k = 0; k < count; k++) {
    let v: number;
    do v = rng.int(2 ** bits);
    while (seen.has(v));
    seen.add(v);
    for (let j = 0; j < bits; j++) out[k * dims + j] = (v >>> j) & 1;
    for (let j = bits; j < dims; j++) out[k * dims + j] = rng.int(2); // beyond 30 dims vertices are distinct already
  }
  return out;
}
