import { ConfigError, ShapeError } from '../errors/errors.js';
import { BaseEstimator } from '../estimators/base/BaseEstimator.js';
import { checkMatrix } from '../estimators/base/checkMatrix.js';
import { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import {
  type Cell,
  type MatrixLike,
  type Row,
  type Table,
  matrixKind,
  numRows,
} from '../estimators/base/matrixLike.js';
import { checkParam } from '../estimators/base/params.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { anyOf, bool, oneOf, range, satisfies } from '../estimators/base/validators.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import { readCategorical } from './categorical.js';
import { type Block, blockEntries, hstack } from './hstack.js';
import { type PartEstimator, checkPartNames, expandPartParams, isPart, routeParams } from './namedEstimators.js';
import { type ColumnSelector, resolveColumns, selectColumns, widthAndNames } from './selectColumns.js';

/** One part: a name, a transformer (or `'drop'` / `'passthrough'`), and the columns it takes. */
export type ColumnTransformerPart = readonly [string, PartEstimator | 'drop' | 'passthrough', ColumnSelector];

/** Hyper-parameters of ColumnTransformer. */
export interface ColumnTransformerOptions {
  /** The parts. Required. */
  transformers: readonly ColumnTransformerPart[];
  /** Columns no part selects: `'drop'` (default), `'passthrough'`, or a transformer. */
  remainder?: 'drop' | 'passthrough' | PartEstimator;
  /** When some output is sparse, return a CsrMatrix if the overall density is below this; default 0.3. */
  sparseThreshold?: number;
  /** Prefix output names with the part name (`num__age`); default true. */
  verboseFeatureNamesOut?: boolean;
}

interface FittedPart {
  name: string;
  part: PartEstimator | 'passthrough';
  columns: number[];
}

interface ColumnTransformerState {
  nFeaturesIn: number;
  featureNamesIn: string[] | null;
  parts: FittedPart[];
  sparseOutput: boolean;
}

const selectorOk = (c: unknown): boolean =>
  typeof c === 'number' ||
  typeof c === 'string' ||
  (Array.isArray(c) &&
    (c.every((v) => typeof v === 'number') ||
      c.every((v) => typeof v === 'string') ||
      c.every((v) => typeof v === 'boolean')));

const transformersValidator = satisfies(
  'an array of [name, transformer | "drop" | "passthrough", columns] triples',
  (v) =>
    Array.isArray(v) &&
    v.every(
      (t) =>
        Array.isArray(t) &&
        t.length === 3 &&
        typeof t[0] === 'string' &&
        (t[1] === 'drop' || t[1] === 'passthrough' || isPart(t[1])) &&
        selectorOk(t[2]),
    ),
);

/** X's columns as a block: the input's own numbers, or rows of cells when it holds strings. */
function passthroughBlock(X: MatrixLike, where: string): Block {
  const kind = matrixKind(X, where);
  const hasStrings =
    (kind === 'rows' &&
      (X as readonly Row[]).some((r) => Array.from(r as ArrayLike<unknown>).some((v) => typeof v === 'string'))) ||
    (kind === 'table' &&
      Object.values(X as Table).some((c) => Array.from(c as ArrayLike<unknown>).some((v) => typeof v === 'string')));
  if (!hasStrings) return checkMatrix(X, { where, acceptSparse: true, allowNaN: true });
  const cells = readCategorical(X, where);
  return Array.from({ length: cells.rows }, (_, i) => cells.columns.map((c) => c[i] as Cell));
}

function asBlock(out: unknown, name: string, where: string): Block {
  if (out instanceof DenseMatrix || out instanceof CsrMatrix || Array.isArray(out)) return out as Block;
  throw new ConfigError(`${where}: part "${name}" returned ${typeof out}; transformers must return a matrix or rows.`);
}

/**
 * Applies different transformers to different columns and puts the results side by side (scikit-learn's
 * `ColumnTransformer`): e.g. scale the numeric columns and one-hot encode the categorical ones. Columns are chosen
 * by index, by name (with a table input), or by boolean mask. Parts are cloned and fitted; the whole saves and
 * loads as one, and its parts' parameters are tunable as `name__param`.
 *
 * @example
 * const ct = new ColumnTransformer({
 *   transformers: [['num', new StandardScaler(), ['age', 'income']], ['cat', new OneHotEncoder(), ['city']]],
 *   remainder: 'drop',
 * });
 * ct.fitTransform({ age: [30, 40], income: [1, 2], city: ['a', 'b'] });
 */
export class ColumnTransformer extends BaseEstimator<ColumnTransformerOptions, ColumnTransformerState> {
  static override readonly className: string = 'ColumnTransformer';
  static override readonly spec = {
    transformers: transformersValidator,
    remainder: anyOf(oneOf('drop', 'passthrough'), satisfies('a transformer', isPart)),
    sparseThreshold: range(0, 1),
    verboseFeatureNamesOut: bool,
  };
  static override readonly defaults = {
    transformers: undefined,
    remainder: 'drop',
    sparseThreshold: 0.3,
    verboseFeatureNamesOut: true,
  };
  readonly estimatorType = 'transformer' as const;

  /** @throws ConfigError on bad part names or values */
  constructor(options: ColumnTransformerOptions) {
    super(options);
    this.checkParts();
  }

  private checkParts(): void {
    checkPartNames(
      'ColumnTransformer',
      'transformer',
      this.params.transformers.map((t) => t[0]),
      [...Object.keys(ColumnTransformer.spec), 'remainder'],
    );
  }

  /** Number of input columns seen in fit. */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeaturesIn;
  }

  /** The fitted parts by name (clones of the given transformers; `'remainder'` included when it has columns). */
  get namedTransformers(): Record<string, PartEstimator | 'passthrough'> {
    return Object.fromEntries(this.fitted('namedTransformers').parts.map((p) => [p.name, p.part]));
  }

  /** Whether transform returns a CsrMatrix (decided in fit from the density of the output). */
  get sparseOutput(): boolean {
    return this.fitted('sparseOutput').sparseOutput;
  }

  private partList(): [string, unknown][] {
    const list: [string, unknown][] = this.params.transformers.map((t) => [t[0], t[1]]);
    if (isPart(this.params.remainder)) list.push(['remainder', this.params.remainder]);
    return list;
  }

  /** Parameters, and with `deep` every part as `name` and its parameters as `name__param`. */
  override getParams(deep = true): Required<ColumnTransformerOptions> & Record<string, unknown> {
    const out: Record<string, unknown> = {
      transformers: this.params.transformers.map((t) => [t[0], t[1], Array.isArray(t[2]) ? [...t[2]] : t[2]]),
      remainder: this.params.remainder,
      sparseThreshold: this.params.sparseThreshold,
      verboseFeatureNamesOut: this.params.verboseFeatureNamesOut,
    };
    if (deep) {
      const parts = this.params.transformers.map((t) => [t[0], t[1]] as const);
      expandPartParams(parts, out);
      if (isPart(this.params.remainder)) {
        for (const [k, v] of Object.entries(this.params.remainder.getParams(true))) out[`remainder__${k}`] = v;
      }
    }
    return out as Required<ColumnTransformerOptions> & Record<string, unknown>;
  }

  /**
   * Sets own parameters, replaces a part (`name`), or sets a part's parameter (`name__param`).
   * @throws ConfigError on unknown names or invalid values
   */
  override setParams(params: Partial<ColumnTransformerOptions> & Record<string, unknown>): this {
    const own = Object.keys(ColumnTransformer.spec);
    const routed = routeParams(
      'ColumnTransformer',
      own,
      this.partList().map((p) => p[0]),
      params,
    );
    for (const [k, v] of Object.entries(routed.own)) {
      const value = v === undefined ? (ColumnTransformer.defaults as Record<string, unknown>)[k] : v;
      checkParam('ColumnTransformer', k, ColumnTransformer.spec[k as keyof typeof ColumnTransformer.spec], value);
      (this.params as unknown as Record<string, unknown>)[k] = value;
    }
    if (routed.replace.size > 0) {
      this.params.transformers = this.params.transformers.map(
        (t) => [t[0], routed.replace.has(t[0]) ? (routed.replace.get(t[0]) as PartEstimator) : t[1], t[2]] as const,
      );
      checkParam('ColumnTransformer', 'transformers', transformersValidator, this.params.transformers);
    }
    for (const [name, sub] of routed.nested) {
      const part =
        name === 'remainder' ? this.params.remainder : this.params.transformers.find((t) => t[0] === name)?.[1];
      if (!isPart(part))
        throw new ConfigError(`ColumnTransformer: cannot set parameters of "${name}": it is ${String(part)}.`);
      part.setParams(sub);
    }
    this.checkParts();
    return this;
  }

  /**
   * Fits a clone of every part on its columns.
   * @throws ConfigError on bad column selectors; whatever the parts throw
   */
  fit(X: MatrixLike, y?: unknown): this {
    this.fitTransform(X, y);
    return this;
  }

  /** Fits, and returns the stacked outputs of the training data. */
  fitTransform(X: MatrixLike, y?: unknown): Block {
    const where = 'ColumnTransformer.fit';
    const { width, names } = widthAndNames(X, where);
    const used = new Set<number>();
    const parts: FittedPart[] = [];
    for (const [name, est, selector] of this.params.transformers) {
      const columns = resolveColumns(selector, width, names, where, name);
      columns.forEach((j) => used.add(j));
      if (est === 'drop' || columns.length === 0) continue;
      parts.push({ name, part: est === 'passthrough' ? est : est.clone(), columns });
    }
    const rest = Array.from({ length: width }, (_, j) => j).filter((j) => !used.has(j));
    const remainder = this.params.remainder;
    if (remainder !== 'drop' && rest.length > 0) {
      parts.push({
        name: 'remainder',
        part: remainder === 'passthrough' ? remainder : remainder.clone(),
        columns: rest,
      });
    }
    const rows = numRows(X);
    const blocks = parts.map((p) => {
      const sub = selectColumns(X, p.columns, where);
      if (p.part === 'passthrough') return passthroughBlock(sub, where);
      const est = p.part;
      const out =
        typeof est.fitTransform === 'function'
          ? est.fitTransform(sub, y)
          : (est.fit(sub, y), (est.transform as (x: unknown) => unknown)(sub));
      return asBlock(out, p.name, where);
    });
    const anySparse = blocks.some((b) => b instanceof CsrMatrix);
    const totalWidth = blocks.reduce(
      (s, b) => s + (b instanceof CsrMatrix || b instanceof DenseMatrix ? b.cols : (b[0]?.length ?? 0)),
      0,
    );
    const density = rows * totalWidth === 0 ? 1 : blocks.reduce((s, b) => s + blockEntries(b), 0) / (rows * totalWidth);
    const sparseOutput = anySparse && density < this.params.sparseThreshold;
    this.state = { nFeaturesIn: width, featureNamesIn: names, parts, sparseOutput };
    return hstack(blocks, rows, sparseOutput);
  }

  /**
   * Transforms each part's columns with its fitted transformer and stacks the results.
   * @throws ShapeError when X has another width (or lacks a fitted column name)
   */
  transform(X: MatrixLike): Block {
    const s = this.fitted('transform');
    const where = 'ColumnTransformer.transform';
    const { width, names } = widthAndNames(X, where);
    let source = X;
    if (s.featureNamesIn !== null && names !== null) {
      const missing = s.featureNamesIn.filter((n) => !names.includes(n));
      if (missing.length > 0)
        throw new ShapeError(`${where}: X lacks the columns ${missing.map((n) => `"${n}"`).join(', ')} seen in fit.`);
      source = selectColumns(
        X,
        s.featureNamesIn.map((n) => names.indexOf(n)),
        where,
      );
    } else if (width !== s.nFeaturesIn) {
      throw new ShapeError(
        `${where}: X has ${width} features, but the estimator was fitted with ${s.nFeaturesIn} features.`,
        {
          received: width,
          expected: s.nFeaturesIn,
        },
      );
    }
    const blocks = s.parts.map((p) => {
      const sub = selectColumns(source, p.columns, where);
      if (p.part === 'passthrough') return passthroughBlock(sub, where);
      return asBlock((p.part.transform as (x: unknown) => unknown).call(p.part, sub), p.name, where);
    });
    return hstack(blocks, numRows(X), s.sparseOutput);
  }

  /** Output names: each part's names of its columns, prefixed `part__` (with verboseFeatureNamesOut). */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const s = this.fitted('getFeatureNamesOut');
    const input = inputFeatures ?? s.featureNamesIn ?? Array.from({ length: s.nFeaturesIn }, (_, j) => `x${j}`);
    const out: string[] = [];
    for (const p of s.parts) {
      const namesIn = p.columns.map((j) => input[j] as string);
      let names: string[];
      if (p.part === 'passthrough') names = namesIn;
      else if (typeof p.part.getFeatureNamesOut === 'function') names = p.part.getFeatureNamesOut(namesIn);
      else throw new ConfigError(`ColumnTransformer.getFeatureNamesOut: part "${p.name}" has no getFeatureNamesOut().`);
      out.push(...(this.params.verboseFeatureNamesOut ? names.map((n) => `${p.name}__${n}`) : names));
    }
    return out;
  }
}

registerEstimator(ColumnTransformer);
