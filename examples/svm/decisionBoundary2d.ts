/**
 * A kernel SVM on a 2-D toy problem, evaluated on a grid: the decision values (boundary at 0, margins at ±1) and
 * the support vectors, as plain arrays a plot can draw (the lab does). Run it to see an ASCII rendering:
 *   npx tsx examples/svm/decisionBoundary2d.ts
 */
import { fileURLToPath } from 'node:url';
import { Random, SVC, type SVCOptions } from '../../src/index.js';

/** What `decisionBoundary2d` returns: everything needed to draw the classifier. */
export interface DecisionBoundary2d {
  /** Training points and labels (0 or 1). */
  X: number[][];
  y: number[];
  /** Grid coordinates: decision value at (xs[i], ys[j]) is values[j][i]. */
  xs: number[];
  ys: number[];
  /** Decision values on the grid; the boundary is the 0 level set, the margins the ±1 level sets. */
  values: number[][];
  /** Level sets to draw: boundary 0 and margins −1, +1. */
  levels: { boundary: 0; margins: [-1, 1] };
  /** The support vectors, and for each its training row and dual coefficient yᵢαᵢ. */
  supportVectors: number[][];
  support: number[];
  dualCoef: number[];
  /** Training accuracy. */
  accuracy: number;
}

/** Two interleaved half-moons (seeded), the classic non-linearly separable toy set. */
export function moons(n: number, noise: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const t = Math.PI * rng.uniform();
    const x = c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    X.push([(x[0] as number) + noise * rng.normal(), (x[1] as number) + noise * rng.normal()]);
    y.push(c);
  }
  return { X, y };
}

/**
 * Fits an SVC on the half-moons and evaluates it on a steps × steps grid covering the data.
 * @param options SVC hyper-parameters; default RBF with C = 10, gamma = 2
 * @param steps grid points per axis; default 60
 */
export function decisionBoundary2d(options: SVCOptions = { C: 10, gamma: 2 }, steps = 60): DecisionBoundary2d {
  const { X, y } = moons(200, 0.15, 7);
  const clf = new SVC(options).fit(X, y);
  const lo = [-1.5, -1.0];
  const hi = [2.5, 1.5];
  const xs = Array.from(
    { length: steps },
    (_, i) => (lo[0] as number) + (((hi[0] as number) - (lo[0] as number)) * i) / (steps - 1),
  );
  const ys = Array.from(
    { length: steps },
    (_, j) => (lo[1] as number) + (((hi[1] as number) - (lo[1] as number)) * j) / (steps - 1),
  );
  const grid = ys.flatMap((v) => xs.map((u) => [u, v]));
  const dec = clf.decisionFunction(grid) as Float64Array;
  const values = ys.map((_, j) => Array.from(dec.subarray(j * steps, (j + 1) * steps)));
  return {
    X,
    y,
    xs,
    ys,
    values,
    levels: { boundary: 0, margins: [-1, 1] },
    supportVectors: (clf.supportVectors as { toArray(): number[][] }).toArray(),
    support: Array.from(clf.support ?? []),
    dualCoef: Array.from(clf.dualCoef.data),
    accuracy: clf.score(X, y),
  };
}

/** ASCII rendering: '+'/'-' for the side of the boundary, ':' inside the margins, '#' the boundary itself. */
function render(b: DecisionBoundary2d): string {
  const lines: string[] = [];
  for (let j = b.ys.length - 1; j >= 0; j -= 2) {
    lines.push(
      (b.values[j] as number[])
        .map((v) => (Math.abs(v) < 0.08 ? '#' : Math.abs(v) < 1 ? ':' : v > 0 ? '+' : '-'))
        .join(''),
    );
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const b = decisionBoundary2d();
  console.log(render(b));
  console.log(
    `training accuracy ${(100 * b.accuracy).toFixed(1)} %, ${b.support.length} support vectors of ${b.X.length} points`,
  );
}
