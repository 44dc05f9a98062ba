import { ConfigError, DataError } from '../errors/errors.js';
import { BaseTransformer, type TransformerState } from '../estimators/base/BaseTransformer.js';
import { checkDense } from '../estimators/base/checkMatrix.js';
import { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import { type MatrixLike, type Row, type Table, matrixKind } from '../estimators/base/matrixLike.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { medianSorted } from '../estimators/base/quantile.js';
import { anyOf, bool, nullable, oneOf, range, string } from '../estimators/base/validators.js';
import { warn } from '../util/warnings.js';
import { type Category, type CategoricalColumns, compareCategories, readCategorical } from './categorical.js';
import { columnSums } from './columnMoments.js';
import { defaultNames } from './featureNames.js';

/** Hyper-parameters of SimpleImputer. */
export interface SimpleImputerOptions {
  /** The placeholder of a missing value: NaN (default; null cells count too), a number, or a string. */
  missingValues?: number | string | null;
  /** `'mean'` (default), `'median'`, `'most_frequent'` (ties: the smallest) or `'constant'` (fillValue). */
  strategy?: 'mean' | 'median' | 'most_frequent' | 'constant';
  /** The value used by `'constant'`; default null: 0 for numeric data, `'missing_value'` for strings. */
  fillValue?: number | string | null;
  /** Keep features with no observed value (imputed with 0) instead of dropping them; default false. */
  keepEmptyFeatures?: boolean;
  /** Append one 0/1 column per feature that had missing values in fit (scikit-learn's MissingIndicator); default false. */
  addIndicator?: boolean;
}

interface SimpleImputerState extends TransformerState {
  featureNamesIn: string[] | null;
  /** Per feature, the fill value (null: no observed value, the feature is dropped). */
  statistics: Category[];
  /** Whether fit saw strings (the output is then rows of cells). */
  textual: boolean;
  /** Features that had missing values in fit (the indicator columns). */
  indicatorFeatures: number[];
}

/** Output of SimpleImputer: a DenseMatrix for numeric data, rows of cells when there are strings. */
export type ImputerOutput = DenseMatrix | Category[][];

/**
 * Replaces missing values column by column with a statistic of the observed ones (scikit-learn's `SimpleImputer`):
 * the mean, the median, the most frequent value, or a constant. Features without any observed value are dropped
 * (with a warning) unless `keepEmptyFeatures`. Numeric data gives a DenseMatrix; data with string columns
 * (`most_frequent` and `constant` only) gives rows of cells. Dense input only.
 */
export class SimpleImputer extends BaseTransformer<SimpleImputerOptions, SimpleImputerState, ImputerOutput> {
  static override readonly className: string = 'SimpleImputer';
  static override readonly spec = {
    missingValues: nullable(anyOf(range(-Infinity, Infinity), oneOf(NaN), string)),
    strategy: oneOf('mean', 'median', 'most_frequent', 'constant'),
    fillValue: nullable(anyOf(range(-Infinity, Infinity), string)),
    keepEmptyFeatures: bool,
    addIndicator: bool,
  };
  static override readonly defaults = {
    missingValues: NaN,
    strategy: 'mean',
    fillValue: null,
    keepEmptyFeatures: false,
    addIndicator: false,
  };

  /** Per feature, the value imputed (null where no value was observed). */
  get statistics(): Category[] {
    return [...this.fitted('statistics').statistics];
  }

  /** True when `v` is the missing placeholder. */
  private isMissing(v: Category | number): boolean {
    const mv = this.params.missingValues;
    if (mv === null || (typeof mv === 'number' && Number.isNaN(mv))) {
      return v === null || (typeof v === 'number' && Number.isNaN(v));
    }
    return v === mv;
  }

  /** Reads X as numeric (fast path) or as categorical cells when it holds strings. */
  private read(
    X: MatrixLike,
    where: string,
    nFeatures?: number,
  ): { numeric: DenseMatrix | null; cells: CategoricalColumns | null } {
    const kind = matrixKind(X, where);
    const hasStrings =
      (kind === 'rows' &&
        (X as readonly Row[]).some((r) => Array.from(r as ArrayLike<unknown>).some((v) => typeof v === 'string'))) ||
      (kind === 'table' &&
        Object.values(X as Table).some((c) => Array.from(c as ArrayLike<unknown>).some((v) => typeof v === 'string')));
    if (hasStrings || typeof this.params.missingValues === 'string') {
      return { numeric: null, cells: readCategorical(X, where, nFeatures) };
    }
    return { numeric: checkDense(X, { where, allowNaN: true, nFeatures }), cells: null };
  }

  /**
   * Computes the fill value of every column.
   * @throws ConfigError when mean/median meet a string column; DataError on bad cells
   */
  fit(X: MatrixLike): this {
    const where = 'SimpleImputer.fit';
    const { strategy, keepEmptyFeatures } = this.params;
    const { numeric, cells } = this.read(X, where);
    const columns: Category[][] = numeric
      ? Array.from({ length: numeric.cols }, (_, j) => Array.from(numeric.column(j)))
      : (cells as CategoricalColumns).columns;
    const kinds = numeric ? columns.map(() => 'number' as const) : (cells as CategoricalColumns).kinds;
    const fill = this.params.fillValue ?? (kinds.some((k) => k === 'string') ? 'missing_value' : 0);
    const missingMask = columns.map((col) => col.map((v) => this.isMissing(v)));
    let statistics: Category[];
    if (strategy === 'constant') statistics = columns.map(() => fill);
    else if (strategy === 'mean' || strategy === 'median') {
      const textCol = kinds.indexOf('string');
      if (textCol >= 0) {
        throw new ConfigError(
          `${where}: strategy "${strategy}" needs numeric data, but column ${textCol} holds strings; use "most_frequent" or "constant".`,
        );
      }
      if (strategy === 'mean' && numeric) {
        // np.ma.mean: the filled sum (NumPy's order) over the count of observed values
        const sums = columnSums(numeric.rows, numeric.cols, (i, j) =>
          (missingMask[j] as boolean[])[i] ? 0 : numeric.get(i, j),
        );
        statistics = columns.map((_, j) => {
          const count = (missingMask[j] as boolean[]).filter((m) => !m).length;
          return count === 0 ? (keepEmptyFeatures ? 0 : null) : (sums[j] as number) / count;
        });
      } else {
        statistics = columns.map((col, j) => {
          const observed = col.filter((_, i) => !(missingMask[j] as boolean[])[i]) as number[];
          if (observed.length === 0) return keepEmptyFeatures ? 0 : null;
          if (strategy === 'median') return medianSorted(Float64Array.from(observed).sort());
          return observed.reduce((a, b) => a + b, 0) / observed.length;
        });
      }
    } else {
      statistics = columns.map((col, j) => {
        const counts = new Map<Category, number>();
        col.forEach((v, i) => {
          if (!(missingMask[j] as boolean[])[i]) counts.set(v, (counts.get(v) ?? 0) + 1);
        });
        if (counts.size === 0) return keepEmptyFeatures ? 0 : null;
        let best: Category = null;
        let bestCount = -1;
        for (const [v, c] of counts) {
          if (c > bestCount || (c === bestCount && compareCategories(v, best) < 0)) {
            best = v;
            bestCount = c;
          }
        }
        return best;
      });
    }
    const indicatorFeatures = missingMask.flatMap((m, j) => (m.some(Boolean) ? [j] : []));
    const empty = statistics.flatMap((v, j) => (v === null ? [j] : []));
    if (empty.length > 0) {
      warn(
        'EmptyFeatureWarning',
        `${where}: features [${empty.join(', ')}] have no observed value; transform drops them (set keepEmptyFeatures: true to keep them).`,
      );
    }
    this.state = {
      nFeaturesIn: columns.length,
      featureNamesIn: cells?.names ?? null,
      statistics,
      textual: numeric === null,
      indicatorFeatures,
    };
    return this;
  }

  /**
   * Fills the missing values of X (dropping features without a statistic) and appends the indicator columns.
   * @throws ShapeError on another width; DataError when addIndicator meets missing values in a feature that had
   *   none in fit
   */
  transform(X: MatrixLike): ImputerOutput {
    const s = this.fitted('transform');
    const where = 'SimpleImputer.transform';
    const { numeric, cells } = this.read(X, where, s.nFeaturesIn);
    const rows = numeric ? numeric.rows : (cells as CategoricalColumns).rows;
    const columns: Category[][] = numeric
      ? Array.from({ length: numeric.cols }, (_, j) => Array.from(numeric.column(j)))
      : (cells as CategoricalColumns).columns;
    const keep = this.keptFeatures(s);
    const indicator: number[][] = [];
    if (this.params.addIndicator) {
      const newMissing = columns.flatMap((col, j) =>
        !s.indicatorFeatures.includes(j) && col.some((v) => this.isMissing(v)) ? [j] : [],
      );
      if (newMissing.length > 0) {
        throw new DataError(
          `${where}: features [${newMissing.join(', ')}] have missing values in transform but had none in fit, so they have no indicator column.`,
        );
      }
      for (const j of s.indicatorFeatures)
        indicator.push((columns[j] as Category[]).map((v) => (this.isMissing(v) ? 1 : 0)));
    }
    const filled = keep.map((j) =>
      (columns[j] as Category[]).map((v) => (this.isMissing(v) ? (s.statistics[j] as Category) : v)),
    );
    const width = filled.length + indicator.length;
    if (!s.textual && numeric) {
      const out = new DenseMatrix(rows, width);
      for (let i = 0; i < rows; i++) {
        filled.forEach((col, k) => (out.data[i * width + k] = col[i] as number));
        indicator.forEach((col, k) => (out.data[i * width + filled.length + k] = col[i] as number));
      }
      return out;
    }
    return Array.from({ length: rows }, (_, i) => [
      ...filled.map((c) => c[i] as Category),
      ...indicator.map((c) => c[i] as number),
    ]);
  }

  /** Indices of the input features kept in the output. */
  private keptFeatures(s: SimpleImputerState): number[] {
    if (this.params.strategy === 'constant' || this.params.keepEmptyFeatures) return s.statistics.map((_, j) => j);
    return s.statistics.flatMap((v, j) => (v === null ? [] : [j]));
  }

  /** Names of the kept features, then `missingindicator_<name>` for each indicator column. */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const s = this.fitted('getFeatureNamesOut');
    const names = defaultNames(s.nFeaturesIn, inputFeatures, s.featureNamesIn);
    const kept = this.keptFeatures(s).map((j) => names[j] as string);
    const ind = this.params.addIndicator
      ? s.indicatorFeatures.map((j) => `missingindicator_${names[j] as string}`)
      : [];
    return [...kept, ...ind];
  }
}

registerEstimator(SimpleImputer);
