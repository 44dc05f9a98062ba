import { numpyMean } from '../estimators/base/numpySum.js';
import { pairwiseSum } from '../util/pairwiseSum.js';
import type { FitAndScoreResult } from './fitAndScore.js';

/**
 * Results of a hyper-parameter search, one entry per candidate (scikit-learn's `cv_results_`, camel-cased and
 * grouped by scorer: `meanTestScore.score` is sklearn's `mean_test_score`; with several scorers,
 * `meanTestScore.accuracy` is `mean_test_accuracy`).
 */
export interface CvResults {
  /** The parameter setting of each candidate. */
  params: Record<string, unknown>[];
  /** Per parameter name, its value in each candidate (undefined where a candidate does not set it): `param_<name>`. */
  paramValues: Record<string, unknown[]>;
  meanFitTime: number[];
  stdFitTime: number[];
  meanScoreTime: number[];
  stdScoreTime: number[];
  /** Per scorer, per candidate, the test score of each split (`split<k>_test_<scorer>`). */
  splitTestScores: Record<string, number[][]>;
  meanTestScore: Record<string, number[]>;
  /** Population standard deviation over splits (ddof 0, as scikit-learn). */
  stdTestScore: Record<string, number[]>;
  /** 1 = best; ties share the smaller rank; NaN means rank last. */
  rankTestScore: Record<string, number[]>;
  splitTrainScores?: Record<string, number[][]>;
  meanTrainScore?: Record<string, number[]>;
  stdTrainScore?: Record<string, number[]>;
}

/** Mean and population std of each row, NaN-propagating, summed in NumPy's order. */
function meanStd(rows: readonly (readonly number[])[]): { mean: number[]; std: number[] } {
  const mean: number[] = [];
  const std: number[] = [];
  for (const row of rows) {
    const m = numpyMean(row);
    mean.push(m);
    std.push(Math.sqrt(pairwiseSum(row.map((x) => (x - m) ** 2)) / row.length));
  }
  return { mean, std };
}

/**
 * scikit-learn's ranking of candidates: `rankdata(-mean, method='min')`, with NaN means tied with (ranked below)
 * the worst finite mean, and all-NaN giving rank 1 everywhere.
 */
export function rankScores(means: readonly number[]): number[] {
  if (means.every((m) => Number.isNaN(m))) return means.map(() => 1);
  const finite = means.filter((m) => !Number.isNaN(m));
  const floor = Math.min(...finite) - 1;
  const filled = means.map((m) => (Number.isNaN(m) ? floor : m));
  return filled.map((m) => 1 + filled.filter((x) => x > m).length);
}

/**
 * Builds `CvResults` from the fit-and-score results, ordered candidate-major (all splits of candidate 0, then
 * candidate 1, …).
 */
export function buildCvResults(
  candidates: readonly Record<string, unknown>[],
  results: readonly FitAndScoreResult[],
  nSplits: number,
  scorerNames: readonly string[],
  withTrain: boolean,
): CvResults {
  const byCandidate = candidates.map((_, c) => results.slice(c * nSplits, (c + 1) * nSplits));
  const times = (pick: (r: FitAndScoreResult) => number): { mean: number[]; std: number[] } =>
    meanStd(byCandidate.map((rs) => rs.map(pick)));
  const fit = times((r) => r.fitTime);
  const score = times((r) => r.scoreTime);
  const names = [...new Set(candidates.flatMap((p) => Object.keys(p)))].sort();
  const paramValues: Record<string, unknown[]> = {};
  for (const name of names) paramValues[name] = candidates.map((p) => p[name]);
  const out: CvResults = {
    params: candidates.map((p) => ({ ...p })),
    paramValues,
    meanFitTime: fit.mean,
    stdFitTime: fit.std,
    meanScoreTime: score.mean,
    stdScoreTime: score.std,
    splitTestScores: {},
    meanTestScore: {},
    stdTestScore: {},
    rankTestScore: {},
  };
  if (withTrain) {
    out.splitTrainScores = {};
    out.meanTrainScore = {};
    out.stdTrainScore = {};
  }
  for (const name of scorerNames) {
    const test = byCandidate.map((rs) => rs.map((r) => r.testScores[name] as number));
    const t = meanStd(test);
    out.splitTestScores[name] = test;
    out.meanTestScore[name] = t.mean;
    out.stdTestScore[name] = t.std;
    out.rankTestScore[name] = rankScores(t.mean);
    if (withTrain && out.splitTrainScores && out.meanTrainScore && out.stdTrainScore) {
      const train = byCandidate.map((rs) => rs.map((r) => r.trainScores?.[name] as number));
      const tr = meanStd(train);
      out.splitTrainScores[name] = train;
      out.meanTrainScore[name] = tr.mean;
      out.stdTrainScore[name] = tr.std;
    }
  }
  return out;
}
