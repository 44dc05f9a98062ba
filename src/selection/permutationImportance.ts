import { ValueError } from '../errors/errors.js';
import { checkLength } from '../estimators/base/labels.js';
import { type MatrixLike, numRows, takeItems, takeRows } from '../estimators/base/matrixLike.js';
import { numpyMean, numpyStd } from '../estimators/base/numpySum.js';
import { resolveParams } from '../estimators/base/params.js';
import { anyOf, anything, integer, nullable, optional, range, satisfies, seed } from '../estimators/base/validators.js';
import { Random, randomFor } from '../util/random.js';
import { ColumnPermuter } from './ColumnPermuter.js';
import type { ModelLike, Target } from './ModelLike.js';
import type { Scorer } from './Scorer.js';
import { type Scoring, resolveScoring } from './scorers.js';

/** Options of `permutationImportance`. */
export interface PermutationImportanceOptions {
  /** Scorer name, scorer, or several; default the model's own `score`. */
  scoring?: Scoring;
  /** Permutations per feature; default 5. */
  nRepeats?: number;
  /** Seed of the permutations (and of the row subsample). */
  seed?: number | null;
  /** Per-sample weights passed to the scorer. */
  sampleWeight?: ArrayLike<number> | undefined;
  /** Rows scored per repeat: a fraction in (0, 1] or a count; default 1 (all rows). */
  maxSamples?: number;
  /** Reserved for the threads executor; features are permuted one after another for now. */
  nJobs?: number | null;
}

/** Importance of every feature under one scorer. */
export interface PermutationImportanceResult {
  /** Score on the unpermuted data. */
  baselineScore: number;
  /** Mean over repeats of baseline − permuted score, per feature. */
  importancesMean: Float64Array;
  /** Population standard deviation over repeats, per feature. */
  importancesStd: Float64Array;
  /** baseline − permuted score, [feature][repeat]. */
  importances: number[][];
}

const SPEC = {
  scoring: anything,
  nRepeats: integer(1, Infinity),
  seed,
  sampleWeight: optional(satisfies('an array of weights', (v) => Array.isArray(v) || ArrayBuffer.isView(v))),
  maxSamples: anyOf(range(0, 1, '(]'), integer(1, Infinity)),
  nJobs: nullable(integer()),
};
const DEFAULTS = { scoring: null, nRepeats: 5, seed: null, sampleWeight: undefined, maxSamples: 1, nJobs: null };

/**
 * Permutation feature importance (scikit-learn's `permutation_importance`): how much the score of a fitted model
 * drops when one feature's values are shuffled across rows, breaking its link with the target. As in scikit-learn,
 * every feature restarts the same seeded generator, and each repeat draws a fresh uniform permutation.
 * @param model a fitted model
 * @param X, y evaluation data (held-out data measures what the model relies on to generalise)
 * @returns per-feature importances; with several scorers, one result per scorer name
 * @throws ConfigError on bad options; ShapeError on length mismatches; ValueError when maxSamples exceeds the rows
 */
export function permutationImportance(
  model: ModelLike,
  X: MatrixLike,
  y: Target,
  options?: PermutationImportanceOptions & { scoring?: string | Scorer | null },
): PermutationImportanceResult;
export function permutationImportance(
  model: ModelLike,
  X: MatrixLike,
  y: Target,
  options: PermutationImportanceOptions & { scoring: readonly string[] | Readonly<Record<string, string | Scorer>> },
): Record<string, PermutationImportanceResult>;
export function permutationImportance(
  model: ModelLike,
  X: MatrixLike,
  y: Target,
  options: PermutationImportanceOptions,
): PermutationImportanceResult | Record<string, PermutationImportanceResult>;
export function permutationImportance(
  model: ModelLike,
  X: MatrixLike,
  y: Target,
  options: PermutationImportanceOptions = {},
): PermutationImportanceResult | Record<string, PermutationImportanceResult> {
  const where = 'permutationImportance';
  const o = resolveParams(
    where,
    SPEC,
    DEFAULTS,
    options as Record<string, unknown>,
  ) as Required<PermutationImportanceOptions>;
  const n = numRows(X);
  if (y !== undefined) checkLength(y, n, where);
  if (o.sampleWeight !== undefined) checkLength(o.sampleWeight, n, where, 'sampleWeight', 'weights');
  const m = Number.isInteger(o.maxSamples) && o.maxSamples > 1 ? o.maxSamples : Math.trunc(o.maxSamples * n);
  if (m > n || m < 1) throw new ValueError(`${where}: maxSamples = ${o.maxSamples} must give between 1 and ${n} rows.`);
  const { scorers, multimetric } = resolveScoring(o.scoring, model, where);
  const score = (Xs: MatrixLike, ys: Target, w: ArrayLike<number> | undefined): Map<string, number> =>
    new Map([...scorers].map(([name, s]) => [name, s(model, Xs, ys, w)]));
  const baseline = score(X, y, o.sampleWeight);
  const columnSeed = randomFor(o.seed ?? undefined).nextUint32();
  const nFeatures = new ColumnPermuter(X).nColumns;
  const importances = new Map([...scorers.keys()].map((name) => [name, [] as number[][]]));
  for (let j = 0; j < nFeatures; j++) {
    const rng = new Random(columnSeed);
    let Xs = X;
    let ys = y;
    let ws: ArrayLike<number> | undefined = o.sampleWeight;
    if (m < n) {
      const rows = rng.permutation(n).subarray(0, m);
      Xs = takeRows(X, rows);
      ys = y === undefined ? undefined : takeItems(y, rows);
      ws = ws === undefined ? undefined : takeItems(Float64Array.from(ws), rows);
    }
    const permuter = new ColumnPermuter(Xs);
    const order = Int32Array.from({ length: m }, (_, i) => i);
    const perFeature = new Map([...scorers.keys()].map((name) => [name, [] as number[]]));
    for (let r = 0; r < o.nRepeats; r++) {
      // shuffle the index array in place, repeat after repeat (each result is a uniform permutation)
      for (let i = m - 1; i > 0; i--) {
        const k = rng.int(i + 1);
        const t = order[i] as number;
        order[i] = order[k] as number;
        order[k] = t;
      }
      const scores = score(permuter.permuted(j, order), ys, ws);
      for (const [name, s] of scores) (perFeature.get(name) as number[]).push((baseline.get(name) as number) - s);
    }
    for (const [name, row] of perFeature) (importances.get(name) as number[][]).push(row);
  }
  const bunch = (name: string): PermutationImportanceResult => {
    const imp = importances.get(name) as number[][];
    return {
      baselineScore: baseline.get(name) as number,
      importancesMean: Float64Array.from(imp, numpyMean),
      importancesStd: Float64Array.from(imp, numpyStd),
      importances: imp,
    };
  };
  if (!multimetric) return bunch('score');
  return Object.fromEntries([...scorers.keys()].map((name) => [name, bunch(name)]));
}
