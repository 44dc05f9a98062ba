import { ConfigError } from '../errors/errors.js';
import { describeValue } from '../estimators/base/params.js';
import type { Random } from '../util/random.js';
import { warn } from '../util/warnings.js';
import { type Distribution, isDistribution, sampleDistribution } from './distributions.js';
import { parameterGrid } from './parameterGrid.js';

/** Where a hyper-parameter's values come from: a list (chosen uniformly) or a distribution. */
export type ParamSource = readonly unknown[] | Distribution;

/** One set of parameter sources, or several (each draw first picks one at random). */
export type ParamDistributions =
  Readonly<Record<string, ParamSource>> | readonly Readonly<Record<string, ParamSource>>[];

/** Validator of `paramDistributions` options. */
export const paramDistributionsValidator = {
  description: 'an object of parameter name → array of values or distribution, or an array of such objects',
  check: (v: unknown): boolean => {
    const ok = (d: unknown): boolean =>
      d !== null &&
      typeof d === 'object' &&
      !Array.isArray(d) &&
      Object.values(d).every((s) => (Array.isArray(s) && s.length > 0) || isDistribution(s));
    return Array.isArray(v) ? v.length > 0 && v.every(ok) : ok(v);
  },
};

/**
 * `nIter` random parameter settings (scikit-learn's `ParameterSampler`): when every source is a list, settings are
 * drawn without replacement from the full grid (fewer, with a warning, when the grid is smaller than nIter);
 * otherwise each draw picks a set of sources, then samples every parameter in sorted name order.
 * @throws ConfigError on a source that is neither a non-empty array nor a distribution
 */
export function parameterSampler(
  distributions: ParamDistributions,
  nIter: number,
  rng: Random,
): Record<string, unknown>[] {
  const sets = Array.isArray(distributions)
    ? (distributions as readonly Readonly<Record<string, ParamSource>>[])
    : [distributions as Readonly<Record<string, ParamSource>>];
  for (const set of sets) {
    for (const [name, src] of Object.entries(set)) {
      if (!(Array.isArray(src) && src.length > 0) && !isDistribution(src)) {
        throw new ConfigError(
          `RandomizedSearchCV: the source of "${name}" must be a non-empty array or a distribution (uniform, logUniform, randInt, normal); received ${describeValue(src)}.`,
          { option: name },
        );
      }
    }
  }
  const allLists = sets.every((set) => Object.values(set).every((s) => Array.isArray(s)));
  if (allLists) {
    const grid = parameterGrid(sets as readonly Readonly<Record<string, readonly unknown[]>>[], 'RandomizedSearchCV');
    let n = nIter;
    if (grid.length < nIter) {
      warn(
        'SearchSpaceWarning',
        `RandomizedSearchCV: the grid has only ${grid.length} settings, fewer than nIter = ${nIter}; running ${grid.length}. For exhaustive searches use GridSearchCV.`,
      );
      n = grid.length;
    }
    const order = rng.permutation(grid.length);
    return Array.from(order.subarray(0, n), (i) => grid[i] as Record<string, unknown>);
  }
  const out: Record<string, unknown>[] = [];
  for (let it = 0; it < nIter; it++) {
    const set = sets[rng.int(sets.length)] as Readonly<Record<string, ParamSource>>;
    const params: Record<string, unknown> = {};
    for (const name of Object.keys(set).sort()) {
      const src = set[name] as ParamSource;
      params[name] = isDistribution(src)
        ? sampleDistribution(src, rng)
        : (src as readonly unknown[])[rng.int(src.length)];
    }
    out.push(params);
  }
  return out;
}
