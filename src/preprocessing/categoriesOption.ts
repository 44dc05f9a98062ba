import { ConfigError, DataError } from '../errors/errors.js';
import { satisfies } from '../estimators/base/validators.js';
import {
  type Category,
  type CategoricalColumns,
  categoryText,
  compareCategories,
  uniqueCategories,
} from './categorical.js';

/** Categories per feature: learned (`'auto'`) or given, one list per input column. */
export type CategoriesOption = 'auto' | readonly (readonly Category[])[];

/** Validator of the `categories` option of the encoders. */
export const categoriesValidator = satisfies(
  '"auto" or an array with one array of categories (numbers, strings, null) per feature',
  (v) =>
    v === 'auto' ||
    (Array.isArray(v) &&
      v.every((c) => Array.isArray(c) && c.every((x) => x === null || typeof x === 'string' || typeof x === 'number'))),
);

/**
 * The categories of every column: learned (sorted, missing last) or taken from the option, with scikit-learn's
 * checks (numeric categories must be given sorted; with `checkUnknown`, every training value must be listed).
 * Also returns the per-category counts of the training data.
 * @throws ConfigError when the option lists another number of features or unsorted numeric categories;
 *   DataError on unknown training values
 */
export function fitCategories(
  className: string,
  option: CategoriesOption,
  data: CategoricalColumns,
  checkUnknown: boolean,
): { categories: Category[][]; counts: number[][] } {
  const where = `${className}.fit`;
  if (option !== 'auto' && option.length !== data.columns.length) {
    throw new ConfigError(
      `${where}: "categories" has ${option.length} lists but X has ${data.columns.length} features; give one list per feature.`,
    );
  }
  const categories: Category[][] = [];
  const counts: number[][] = [];
  data.columns.forEach((col, j) => {
    if (option === 'auto') {
      const u = uniqueCategories(col);
      categories.push(u.categories);
      counts.push(u.counts);
      return;
    }
    const given = (option[j] as readonly Category[]).map((c) => (typeof c === 'number' && Number.isNaN(c) ? null : c));
    if (given.every((c) => c === null || typeof c === 'number')) {
      const sorted = [...given].sort(compareCategories);
      if (sorted.some((c, i) => c !== given[i])) {
        throw new ConfigError(
          `${where}: the categories of feature ${j} are numbers and must be given sorted (missing last).`,
          {
            feature: j,
          },
        );
      }
    }
    const index = new Map(given.map((c, i) => [c, i]));
    const n = new Array<number>(given.length).fill(0);
    const unknown = new Set<Category>();
    for (const v of col) {
      const k = index.get(v);
      if (k === undefined) unknown.add(v);
      else n[k] = (n[k] as number) + 1;
    }
    if (checkUnknown && unknown.size > 0) {
      throw new DataError(
        `${where}: found unknown categories [${[...unknown].map((c) => categoryText(c)).join(', ')}] in column ${j} during fit; add them to "categories".`,
        { feature: j },
      );
    }
    categories.push(given);
    counts.push(n);
  });
  return { categories, counts };
}
