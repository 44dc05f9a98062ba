import { ConfigError, DataError, ShapeError } from '../errors/errors.js';
import { BaseTransformer, type TransformerState } from '../estimators/base/BaseTransformer.js';
import { checkMatrix } from '../estimators/base/checkMatrix.js';
import { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { nullable, oneOf, satisfies } from '../estimators/base/validators.js';
import { type Category, categoryIndex, categoryText, readCategorical } from './categorical.js';
import { type CategoriesOption, categoriesValidator, fitCategories } from './categoriesOption.js';
import { defaultNames } from './featureNames.js';

/** Hyper-parameters of OrdinalEncoder. */
export interface OrdinalEncoderOptions {
  /** `'auto'` (default: sorted values seen in fit, missing last) or one list of categories per feature. */
  categories?: CategoriesOption;
  /** Unknown categories in transform: `'error'` (default) or `'use_encoded_value'` (then `unknownValue`). */
  handleUnknown?: 'error' | 'use_encoded_value';
  /** Code of unknown categories with `'use_encoded_value'`: an integer outside [0, nCategories) or NaN. */
  unknownValue?: number | null;
  /** Code of missing values (null/NaN); default NaN. */
  encodedMissingValue?: number;
}

interface OrdinalEncoderState extends TransformerState {
  featureNamesIn: string[] | null;
  /** Per feature, numbers or strings: only numeric columns treat missing (NaN) as missing, as scikit-learn. */
  kinds: ('number' | 'string')[];
  categories: Category[][];
}

const integerOrNaN = satisfies(
  'an integer or NaN',
  (v) => typeof v === 'number' && (Number.isInteger(v) || Number.isNaN(v)),
);

/**
 * Encodes categorical features as integer codes 0 … k−1 in sorted category order (scikit-learn's
 * `OrdinalEncoder`). In numeric columns, missing values (NaN, null) encode as `encodedMissingValue` (NaN by
 * default); in string columns null is an ordinary category sorted last (scikit-learn treats None so).
 */
export class OrdinalEncoder extends BaseTransformer<OrdinalEncoderOptions, OrdinalEncoderState> {
  static override readonly className: string = 'OrdinalEncoder';
  static override readonly spec = {
    categories: categoriesValidator,
    handleUnknown: oneOf('error', 'use_encoded_value'),
    unknownValue: nullable(integerOrNaN),
    encodedMissingValue: integerOrNaN,
  };
  static override readonly defaults = {
    categories: 'auto',
    handleUnknown: 'error',
    unknownValue: null,
    encodedMissingValue: NaN,
  };

  /** Categories of each feature; a category's code is its index. */
  get categories(): Category[][] {
    return this.fitted('categories').categories.map((c) => [...c]);
  }

  protected override checkParams(): void {
    const { handleUnknown, unknownValue } = this.params;
    if (handleUnknown === 'use_encoded_value' && unknownValue === null) {
      throw new ConfigError(
        'OrdinalEncoder: "unknownValue" must be an integer or NaN when handleUnknown is "use_encoded_value".',
      );
    }
    if (handleUnknown === 'error' && unknownValue !== null) {
      throw new ConfigError(
        'OrdinalEncoder: "unknownValue" may only be set when handleUnknown is "use_encoded_value".',
      );
    }
  }

  /**
   * Learns the categories of every column.
   * @throws ConfigError when unknownValue or encodedMissingValue collides with a category code
   */
  fit(X: MatrixLike): this {
    this.checkParams();
    const data = readCategorical(X, 'OrdinalEncoder.fit');
    const { categories } = fitCategories(
      'OrdinalEncoder',
      this.params.categories,
      data,
      this.params.handleUnknown === 'error',
    );
    const { unknownValue, encodedMissingValue } = this.params;
    categories.forEach((c, j) => {
      if (
        this.params.handleUnknown === 'use_encoded_value' &&
        typeof unknownValue === 'number' &&
        unknownValue >= 0 &&
        unknownValue < c.length
      ) {
        throw new ConfigError(
          `OrdinalEncoder.fit: unknownValue ${unknownValue} is already the code of a category of feature ${j}.`,
        );
      }
      if (
        data.kinds[j] === 'number' &&
        c.includes(null) &&
        encodedMissingValue >= 0 &&
        encodedMissingValue < c.length
      ) {
        throw new ConfigError(
          `OrdinalEncoder.fit: encodedMissingValue ${encodedMissingValue} is already the code of a category of feature ${j}.`,
        );
      }
    });
    this.state = { nFeaturesIn: data.columns.length, featureNamesIn: data.names, kinds: data.kinds, categories };
    return this;
  }

  /**
   * Integer codes of X (float64 DenseMatrix).
   * @throws DataError on an unknown category with handleUnknown 'error'; ShapeError on another width
   */
  transform(X: MatrixLike): DenseMatrix {
    const s = this.fitted('transform');
    const where = 'OrdinalEncoder.transform';
    const data = readCategorical(X, where, s.nFeaturesIn);
    const out = new DenseMatrix(data.rows, s.nFeaturesIn);
    data.columns.forEach((col, j) => {
      const index = categoryIndex(s.categories[j] as Category[]);
      const unknown = new Set<Category>();
      col.forEach((v, i) => {
        const k = index.get(v);
        let code: number;
        if (k === undefined) {
          unknown.add(v);
          code = this.params.unknownValue ?? NaN;
        } else code = v === null && s.kinds[j] === 'number' ? this.params.encodedMissingValue : k;
        out.data[i * s.nFeaturesIn + j] = code;
      });
      if (unknown.size > 0 && this.params.handleUnknown === 'error') {
        throw new DataError(
          `${where}: found unknown categories [${[...unknown].map((c) => categoryText(c)).join(', ')}] in column ${j}; set handleUnknown: 'use_encoded_value'.`,
          { feature: j },
        );
      }
    });
    return out;
  }

  /** Categories of the codes (null for unknownValue and for codes of missing values). */
  override inverseTransform(X: MatrixLike): Category[][] {
    const s = this.fitted('inverseTransform');
    const where = 'OrdinalEncoder.inverseTransform';
    const m = checkMatrix(X, { where, allowNaN: true });
    if (m.cols !== s.nFeaturesIn) throw new ShapeError(`${where}: X has ${m.cols} columns; expected ${s.nFeaturesIn}.`);
    const out: Category[][] = [];
    for (let i = 0; i < m.rows; i++) {
      const row: Category[] = [];
      for (let j = 0; j < s.nFeaturesIn; j++) {
        const v = (m as DenseMatrix).get(i, j);
        const cats = s.categories[j] as Category[];
        const isMissingCode =
          Object.is(v, this.params.encodedMissingValue) ||
          (Number.isNaN(v) && Number.isNaN(this.params.encodedMissingValue));
        if (isMissingCode && cats.includes(null) && s.kinds[j] === 'number') row.push(null);
        else if (
          this.params.handleUnknown === 'use_encoded_value' &&
          (Object.is(v, this.params.unknownValue) || (Number.isNaN(v) && Number.isNaN(this.params.unknownValue ?? 0)))
        )
          row.push(null);
        else {
          const c = cats[Math.trunc(v)];
          if (c === undefined)
            throw new DataError(`${where}: code ${v} at row ${i}, column ${j} is not a category code of feature ${j}.`);
          row.push(c);
        }
      }
      out.push(row);
    }
    return out;
  }

  /** The input names (a one-to-one transformer). */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const s = this.fitted('getFeatureNamesOut');
    return defaultNames(s.nFeaturesIn, inputFeatures, s.featureNamesIn);
  }
}

registerEstimator(OrdinalEncoder);
