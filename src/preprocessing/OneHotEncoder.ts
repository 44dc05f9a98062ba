import { ConfigError, DataError, ShapeError } from '../errors/errors.js';
import { BaseTransformer, type TransformerState } from '../estimators/base/BaseTransformer.js';
import { checkMatrix } from '../estimators/base/checkMatrix.js';
import { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { anyOf, bool, integer, nullable, oneOf, range, satisfies } from '../estimators/base/validators.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import { warn } from '../util/warnings.js';
import { type Category, categoryIndex, categoryText, readCategorical } from './categorical.js';
import { type CategoriesOption, categoriesValidator, fitCategories } from './categoriesOption.js';
import { defaultNames } from './featureNames.js';

/** Hyper-parameters of OneHotEncoder. */
export interface OneHotEncoderOptions {
  /** `'auto'` (default: the sorted values seen in fit, missing last) or one list of categories per feature. */
  categories?: CategoriesOption;
  /**
   * Drop one column per feature: null (default, keep all), `'first'`, `'if_binary'` (only for two-category
   * features), or one category per feature to drop.
   */
  drop?: null | 'first' | 'if_binary' | readonly Category[];
  /** Return a CsrMatrix (default true, scikit-learn's default) or a DenseMatrix. */
  sparseOutput?: boolean;
  /**
   * Unknown categories in transform: `'error'` (default), `'ignore'` (all-zero row block), or
   * `'infrequent_if_exist'` (the infrequent column when the feature has one, else zeros).
   */
  handleUnknown?: 'error' | 'ignore' | 'infrequent_if_exist';
  /** Categories seen fewer times (an integer count) or a smaller fraction (in (0, 1)) are grouped as infrequent. */
  minFrequency?: number | null;
  /** At most this many output columns per feature, the infrequent group included (the rarest are grouped). */
  maxCategories?: number | null;
}

interface OneHotEncoderState extends TransformerState {
  featureNamesIn: string[] | null;
  /** Per feature, whether its categories are numbers or strings (how missing prints). */
  kinds: ('number' | 'string')[];
  categories: Category[][];
  /** Per feature, indices of infrequent categories (null: none). */
  infrequentIndices: (number[] | null)[];
  /** Per feature, category index → output position before dropping (null: identity). */
  infrequentMapping: (number[] | null)[];
  /** Per feature, the output position dropped (null: none). */
  dropIndex: (number | null)[] | null;
  /** Output columns per feature. */
  nFeaturesOuts: number[];
}

/**
 * Encodes categorical features as one-hot columns (scikit-learn's `OneHotEncoder`, same column order, drop and
 * infrequent-category rules): for each feature, one 0/1 column per category, in sorted category order (missing
 * values, null or NaN, are a category of their own, last). Columns may hold numbers or strings; a table input
 * names the output columns `name_category`.
 */
export class OneHotEncoder extends BaseTransformer<OneHotEncoderOptions, OneHotEncoderState> {
  static override readonly className: string = 'OneHotEncoder';
  static override readonly spec = {
    categories: categoriesValidator,
    drop: nullable(
      anyOf(
        oneOf('first', 'if_binary'),
        satisfies('an array of one category per feature', (v) => Array.isArray(v)),
      ),
    ),
    sparseOutput: bool,
    handleUnknown: oneOf('error', 'ignore', 'infrequent_if_exist'),
    minFrequency: nullable(anyOf(integer(1, Infinity), range(0, 1, '()'))),
    maxCategories: nullable(integer(1, Infinity)),
  };
  static override readonly defaults = {
    categories: 'auto',
    drop: null,
    sparseOutput: true,
    handleUnknown: 'error',
    minFrequency: null,
    maxCategories: null,
  };

  /** Categories of each feature, in output order (scikit-learn's `categories_`). */
  get categories(): Category[][] {
    return this.fitted('categories').categories.map((c) => [...c]);
  }

  /** Infrequent categories of each feature (null where none). */
  get infrequentCategories(): (Category[] | null)[] {
    const s = this.fitted('infrequentCategories');
    return s.infrequentIndices.map((idx, j) =>
      idx ? idx.map((k) => (s.categories[j] as Category[])[k] as Category) : null,
    );
  }

  /** Per feature, the index into `categories` of the dropped category (null: none). */
  get dropIdx(): (number | null)[] | null {
    return this.fitted('dropIdx').dropIndex?.slice() ?? null;
  }

  private infrequentEnabled(): boolean {
    return this.params.minFrequency !== null || this.params.maxCategories !== null;
  }

  /**
   * Learns the categories of every column.
   * @throws DataError on bad cells or unknown values with given categories; ConfigError on bad drop/categories
   */
  fit(X: MatrixLike): this {
    const where = 'OneHotEncoder.fit';
    const data = readCategorical(X, where);
    const { categories, counts } = fitCategories(
      'OneHotEncoder',
      this.params.categories,
      data,
      this.params.handleUnknown === 'error',
    );
    const infrequentIndices: (number[] | null)[] = [];
    const infrequentMapping: (number[] | null)[] = [];
    for (let j = 0; j < categories.length; j++) {
      const idx = this.infrequentEnabled() ? this.identifyInfrequent(counts[j] as number[], data.rows) : null;
      infrequentIndices.push(idx);
      if (idx === null) {
        infrequentMapping.push(null);
        continue;
      }
      const n = (categories[j] as Category[]).length;
      const nFrequent = n - idx.length;
      const mapping = new Array<number>(n);
      let next = 0;
      for (let k = 0; k < n; k++) mapping[k] = idx.includes(k) ? nFrequent : next++;
      infrequentMapping.push(mapping);
    }
    const dropIndex = this.computeDrop(categories, infrequentIndices, infrequentMapping);
    const nFeaturesOuts = categories.map((c, j) => {
      const infrequent = infrequentIndices[j];
      return (
        c.length - (infrequent ? infrequent.length - 1 : 0) - (dropIndex?.[j] !== null && dropIndex !== null ? 1 : 0)
      );
    });
    this.state = {
      nFeaturesIn: data.columns.length,
      featureNamesIn: data.names,
      kinds: data.kinds,
      categories,
      infrequentIndices,
      infrequentMapping,
      dropIndex,
      nFeaturesOuts,
    };
    return this;
  }

  /** scikit-learn's `_identify_infrequent`. */
  private identifyInfrequent(counts: readonly number[], nSamples: number): number[] | null {
    const { minFrequency, maxCategories } = this.params;
    const infrequent = counts.map((c) =>
      minFrequency === null
        ? false
        : Number.isInteger(minFrequency) && minFrequency >= 1
          ? c < minFrequency
          : c < nSamples * minFrequency,
    );
    const nCurrent = counts.length - infrequent.filter(Boolean).length + 1;
    if (maxCategories !== null && maxCategories < nCurrent) {
      // argsort(kind='mergesort') is stable: among equal counts the earlier category is the rarer
      const order = counts.map((_, k) => k).sort((a, b) => (counts[a] as number) - (counts[b] as number) || a - b);
      const nSmallest = order.length - (maxCategories - 1);
      for (const k of order.slice(0, Math.max(0, nSmallest))) infrequent[k] = true;
    }
    const out = infrequent.flatMap((f, k) => (f ? [k] : []));
    return out.length > 0 ? out : null;
  }

  /** scikit-learn's `_compute_drop_idx`, with explicit categories mapped through the infrequent grouping. */
  private computeDrop(
    categories: Category[][],
    infrequentIndices: (number[] | null)[],
    mapping: (number[] | null)[],
  ): (number | null)[] | null {
    const drop = this.params.drop;
    if (drop === null) return null;
    if (drop === 'first') return categories.map(() => 0);
    if (drop === 'if_binary') {
      return categories.map((c, j) => {
        const infrequent = infrequentIndices[j];
        const nOut = c.length - (infrequent ? infrequent.length - 1 : 0);
        return nOut === 2 ? 0 : null;
      });
    }
    const list = drop as readonly Category[];
    if (list.length !== categories.length) {
      throw new ConfigError(
        `OneHotEncoder.fit: "drop" has ${list.length} entries; expected one per feature (${categories.length}).`,
      );
    }
    const missing: string[] = [];
    const out = list.map((value, j) => {
      const v = typeof value === 'number' && Number.isNaN(value) ? null : value;
      const k = (categories[j] as Category[]).indexOf(v);
      if (k < 0) {
        missing.push(`category ${categoryText(v)} of feature ${j}`);
        return null;
      }
      const infrequent = infrequentIndices[j];
      if (infrequent?.includes(k)) {
        throw new ConfigError(
          `OneHotEncoder.fit: cannot drop category ${categoryText(v)} of feature ${j} because it is infrequent.`,
        );
      }
      const m = mapping[j];
      return m ? (m[k] as number) : k;
    });
    if (missing.length > 0) {
      throw new ConfigError(`OneHotEncoder.fit: "drop" names categories not seen in fit: ${missing.join('; ')}.`);
    }
    return out;
  }

  /**
   * One-hot encodes X.
   * @throws DataError on a category not seen in fit (with handleUnknown 'error'); ShapeError on another width
   */
  transform(X: MatrixLike): DenseMatrix | CsrMatrix {
    const s = this.fitted('transform');
    const where = 'OneHotEncoder.transform';
    const data = readCategorical(X, where, s.nFeaturesIn);
    const { handleUnknown } = this.params;
    const offsets = [0];
    for (const n of s.nFeaturesOuts) offsets.push((offsets[offsets.length - 1] as number) + n);
    const width = offsets[offsets.length - 1] as number;
    const rows = data.rows;
    const position = new Int32Array(rows * s.nFeaturesIn).fill(-1);
    const unknownColumns: number[] = [];
    data.columns.forEach((col, j) => {
      const index = categoryIndex(s.categories[j] as Category[]);
      const infrequent = s.infrequentIndices[j];
      const mapping = s.infrequentMapping[j];
      const drop = s.dropIndex?.[j] ?? null;
      const unknown = new Set<Category>();
      for (let i = 0; i < rows; i++) {
        let k = index.get(col[i] as Category);
        let keep = true;
        if (k === undefined) {
          unknown.add(col[i] as Category);
          if (handleUnknown === 'infrequent_if_exist' && infrequent) k = infrequent[0] as number;
          else {
            keep = false;
            k = 0;
          }
        }
        if (mapping) k = mapping[k] as number;
        if (drop !== null) {
          if (k === drop) keep = false;
          else if (k > drop) k -= 1;
        }
        if (keep) position[i * s.nFeaturesIn + j] = (offsets[j] as number) + k;
      }
      if (unknown.size > 0) {
        if (handleUnknown === 'error') {
          throw new DataError(
            `${where}: found unknown categories [${[...unknown].map((c) => categoryText(c)).join(', ')}] in column ${j}; set handleUnknown: 'ignore' to encode them as zeros.`,
            { feature: j },
          );
        }
        unknownColumns.push(j);
      }
    });
    if (unknownColumns.length > 0 && s.dropIndex !== null) {
      warn(
        'UnknownCategoryWarning',
        `${where}: found unknown categories in columns [${unknownColumns.join(', ')}]; they are encoded as all zeros.`,
      );
    }
    if (this.params.sparseOutput) {
      const indptr = new Int32Array(rows + 1);
      const indices: number[] = [];
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < s.nFeaturesIn; j++) {
          const p = position[i * s.nFeaturesIn + j] as number;
          if (p >= 0) indices.push(p);
        }
        indptr[i + 1] = indices.length;
      }
      return new CsrMatrix(rows, width, indptr, Int32Array.from(indices), new Float64Array(indices.length).fill(1));
    }
    const out = new DenseMatrix(rows, width);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < s.nFeaturesIn; j++) {
        const p = position[i * s.nFeaturesIn + j] as number;
        if (p >= 0) out.data[i * width + p] = 1;
      }
    }
    return out;
  }

  /** Output categories of feature j before dropping: the frequent ones, then `'infrequent_sklearn'`. */
  private outputCategories(s: OneHotEncoderState, j: number): Category[] {
    const cats = s.categories[j] as Category[];
    const infrequent = s.infrequentIndices[j];
    if (!infrequent) return [...cats];
    return [...cats.filter((_, k) => !infrequent.includes(k)), 'infrequent_sklearn'];
  }

  /**
   * Maps one-hot rows back to categories (the largest column of each feature's block; all-zero blocks give the
   * dropped category, or null for unknowns under handleUnknown 'ignore').
   * @throws ShapeError on another width; DataError on all-zero blocks that cannot be inverted
   */
  override inverseTransform(X: MatrixLike): Category[][] {
    const s = this.fitted('inverseTransform');
    const where = 'OneHotEncoder.inverseTransform';
    const m = checkMatrix(X, { where, acceptSparse: true });
    const width = s.nFeaturesOuts.reduce((a, b) => a + b, 0);
    if (m.cols !== width) throw new ShapeError(`${where}: X has ${m.cols} columns; expected ${width}.`);
    const dense = m instanceof CsrMatrix ? new DenseMatrix(m.rows, m.cols, m.toDense()) : m;
    const out: Category[][] = Array.from({ length: dense.rows }, () => new Array<Category>(s.nFeaturesIn));
    let offset = 0;
    for (let j = 0; j < s.nFeaturesIn; j++) {
      const all = this.outputCategories(s, j);
      const drop = s.dropIndex?.[j] ?? null;
      const kept = drop === null ? all : all.filter((_, k) => k !== drop);
      const n = kept.length;
      for (let i = 0; i < dense.rows; i++) {
        const row = out[i] as Category[];
        if (n === 0) {
          row[j] = all[drop as number] as Category;
          continue;
        }
        let best = 0;
        let sum = 0;
        for (let k = 0; k < n; k++) {
          const v = dense.get(i, offset + k);
          sum += v;
          if (v > dense.get(i, offset + best)) best = k;
        }
        row[j] = kept[best] as Category;
        if (sum === 0) {
          const ignoring =
            this.params.handleUnknown === 'ignore' ||
            (this.params.handleUnknown === 'infrequent_if_exist' && !s.infrequentIndices[j]);
          if (drop !== null) row[j] = all[drop] as Category;
          else if (ignoring) row[j] = null;
          else {
            throw new DataError(
              `${where}: row ${i} has all zeros for feature ${j}, which cannot be inverted without drop or handleUnknown 'ignore'.`,
            );
          }
        }
      }
      offset += n;
    }
    return out;
  }

  /** `feature_category` for every output column (`feature_infrequent_sklearn` for the infrequent group). */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const s = this.fitted('getFeatureNamesOut');
    const names = defaultNames(s.nFeaturesIn, inputFeatures, s.featureNamesIn);
    const out: string[] = [];
    for (let j = 0; j < s.nFeaturesIn; j++) {
      const drop = s.dropIndex?.[j] ?? null;
      this.outputCategories(s, j).forEach((c, k) => {
        if (k !== drop) out.push(`${names[j] as string}_${categoryText(c, s.kinds[j])}`);
      });
    }
    return out;
  }
}

registerEstimator(OneHotEncoder);
