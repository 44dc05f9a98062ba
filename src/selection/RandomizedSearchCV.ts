import { registerEstimator } from '../estimators/base/persistence.js';
import { integer, seed } from '../estimators/base/validators.js';
import { randomFor } from '../util/random.js';
import { BaseSearchCV, SEARCH_DEFAULTS, SEARCH_SPEC, type SearchOptions } from './BaseSearchCV.js';
import { type ParamDistributions, paramDistributionsValidator, parameterSampler } from './parameterSampler.js';

/** Options of RandomizedSearchCV. */
export interface RandomizedSearchCVOptions extends SearchOptions {
  /** Parameter name → array of values (chosen uniformly) or distribution (`uniform`, `logUniform`, `randInt`, …). */
  paramDistributions: ParamDistributions;
  /** Number of settings sampled; default 10. */
  nIter?: number;
  /** Seed of the sampling. */
  seed?: number | null;
}

/**
 * Search over randomly sampled parameter settings by cross-validation (scikit-learn's `RandomizedSearchCV`):
 * `nIter` settings from `parameterSampler` (without replacement when every source is a list).
 */
export class RandomizedSearchCV extends BaseSearchCV<RandomizedSearchCVOptions> {
  static override readonly className: string = 'RandomizedSearchCV';
  static override readonly spec = {
    ...SEARCH_SPEC,
    paramDistributions: paramDistributionsValidator,
    nIter: integer(1, Infinity),
    seed,
  };
  static override readonly defaults = {
    ...SEARCH_DEFAULTS,
    estimator: undefined,
    paramDistributions: undefined,
    nIter: 10,
    seed: null,
  };

  protected candidates(): Record<string, unknown>[] {
    return parameterSampler(
      this.params.paramDistributions,
      this.params.nIter,
      randomFor(this.params.seed ?? undefined),
    );
  }
}

registerEstimator(RandomizedSearchCV);
