import { BaseTransformer, type TransformerState } from '../estimators/base/BaseTransformer.js';
import { checkDense } from '../estimators/base/checkMatrix.js';
import { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { anyOf, bool, integer, satisfies } from '../estimators/base/validators.js';
import { defaultNames } from './featureNames.js';

/** Hyper-parameters of PolynomialFeatures. */
export interface PolynomialFeaturesOptions {
  /** Highest degree (default 2), or [minDegree, maxDegree]: terms of degree below minDegree are left out. */
  degree?: number | readonly [number, number] | number[];
  /** Only products of distinct features (no x², x²y, …); default false. */
  interactionOnly?: boolean;
  /** Lead with a column of ones; default true. */
  includeBias?: boolean;
}

interface PolynomialFeaturesState extends TransformerState {
  /** Each output column as the feature indices multiplied (ascending; [] is the bias). */
  combinations: number[][];
}

function* combinationsWithReplacement(n: number, k: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (k === 0) {
    yield prefix;
    return;
  }
  for (let i = start; i < n; i++) yield* combinationsWithReplacement(n, k - 1, i, [...prefix, i]);
}

function* combinations(n: number, k: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (k === 0) {
    yield prefix;
    return;
  }
  for (let i = start; i < n; i++) yield* combinations(n, k - 1, i + 1, [...prefix, i]);
}

/**
 * Polynomial and interaction features (scikit-learn's `PolynomialFeatures`, same column order: the bias, then
 * degree by degree, each degree's terms in lexicographic order of feature indices, e.g. for [a, b] and degree 2:
 * 1, a, b, a², ab, b²). Dense input only.
 */
export class PolynomialFeatures extends BaseTransformer<PolynomialFeaturesOptions, PolynomialFeaturesState> {
  static override readonly className: string = 'PolynomialFeatures';
  static override readonly spec = {
    degree: anyOf(
      integer(0, Infinity),
      satisfies(
        'a pair [minDegree, maxDegree] of integers with 0 <= minDegree <= maxDegree',
        (v) => Array.isArray(v) && v.length === 2 && v.every((d) => Number.isInteger(d) && d >= 0) && v[0] <= v[1],
      ),
    ),
    interactionOnly: bool,
    includeBias: bool,
  };
  static override readonly defaults = { degree: 2, interactionOnly: false, includeBias: true };

  /** Number of output columns. */
  get nOutputFeatures(): number {
    return this.fitted('nOutputFeatures').combinations.length;
  }

  /** Exponent of every input feature in every output column ([output][input]). */
  get powers(): number[][] {
    const s = this.fitted('powers');
    return s.combinations.map((c) => {
      const p = new Array<number>(s.nFeaturesIn).fill(0);
      for (const j of c) p[j] = (p[j] as number) + 1;
      return p;
    });
  }

  /** Lists the output terms for X's width. */
  fit(X: MatrixLike): this {
    const m = checkDense(X, { where: 'PolynomialFeatures.fit' });
    const degree = this.params.degree;
    const [minDegree, maxDegree] = typeof degree === 'number' ? [0, degree] : (degree as [number, number]);
    const gen = this.params.interactionOnly ? combinations : combinationsWithReplacement;
    const terms: number[][] = this.params.includeBias ? [[]] : [];
    for (let d = Math.max(1, minDegree); d <= maxDegree; d++) for (const c of gen(m.cols, d)) terms.push(c);
    this.state = { nFeaturesIn: m.cols, combinations: terms };
    return this;
  }

  /**
   * The terms of every row. Each product is accumulated from the last factor to the first, as scikit-learn's
   * column-by-column recursion does, so values match bit for bit.
   */
  transform(X: MatrixLike): DenseMatrix {
    const s = this.fitted('transform');
    const m = checkDense(X, { where: 'PolynomialFeatures.transform', nFeatures: s.nFeaturesIn });
    const width = s.combinations.length;
    const out = new DenseMatrix(m.rows, width);
    for (let i = 0; i < m.rows; i++) {
      const base = i * m.cols;
      s.combinations.forEach((c, k) => {
        let v = 1;
        if (c.length > 0) {
          v = m.data[base + (c[c.length - 1] as number)] as number;
          for (let t = c.length - 2; t >= 0; t--) v *= m.data[base + (c[t] as number)] as number;
        }
        out.data[i * width + k] = v;
      });
    }
    return out;
  }

  /** Names like `1`, `x0`, `x0^2`, `x0 x1`. */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const names = defaultNames(this.fitted('getFeatureNamesOut').nFeaturesIn, inputFeatures);
    return this.powers.map((p) => {
      const parts = p.flatMap((e, j) =>
        e === 0 ? [] : [e === 1 ? (names[j] as string) : `${names[j] as string}^${e}`],
      );
      return parts.length === 0 ? '1' : parts.join(' ');
    });
  }
}

registerEstimator(PolynomialFeatures);
