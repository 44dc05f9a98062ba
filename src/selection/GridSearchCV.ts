import { registerEstimator } from '../estimators/base/persistence.js';
import { BaseSearchCV, SEARCH_DEFAULTS, SEARCH_SPEC, type SearchOptions } from './BaseSearchCV.js';
import { type ParamGrid, parameterGrid, paramGridValidator } from './parameterGrid.js';

/** Options of GridSearchCV. */
export interface GridSearchCVOptions extends SearchOptions {
  /** Parameter name → values to try (names as `getParams` lists them, e.g. `'clf__alpha'`); or a list of grids. */
  paramGrid: ParamGrid;
}

/**
 * Exhaustive search over a parameter grid by cross-validation (scikit-learn's `GridSearchCV`): every combination
 * (in ParameterGrid order) is cross-validated, the best by mean test score (the first on ties) is refitted.
 * Fits run one after another (`nJobs` is reserved for the threads executor).
 * @example
 * const search = new GridSearchCV({ estimator: new DummyClassifier(), paramGrid: { strategy: ['prior', 'uniform'] }, cv: 3 });
 * search.fit(X, y).bestParams; // { strategy: 'prior' }
 */
export class GridSearchCV extends BaseSearchCV<GridSearchCVOptions> {
  static override readonly className: string = 'GridSearchCV';
  static override readonly spec = { ...SEARCH_SPEC, paramGrid: paramGridValidator };
  static override readonly defaults = { ...SEARCH_DEFAULTS, estimator: undefined, paramGrid: undefined };

  protected candidates(): Record<string, unknown>[] {
    return parameterGrid(this.params.paramGrid, 'GridSearchCV');
  }
}

registerEstimator(GridSearchCV);
