/**
 * Preprocessing on a stream and on mixed-type tables:
 *   npx tsx examples/preprocessing/streamingScaler.ts
 *
 * 1. StandardScaler.partialFit over chunks gives the same statistics as one fit over all rows (Chan et al.'s
 *    update, as scikit-learn's), so data that does not fit in memory can be scaled.
 * 2. A ColumnTransformer imputes and scales numeric columns, one-hot encodes a categorical one, and is saved
 *    and loaded as one estimator.
 */
import {
  ColumnTransformer,
  DenseMatrix,
  loadEstimator,
  OneHotEncoder,
  Pipeline,
  Random,
  SimpleImputer,
  StandardScaler,
} from '../../src/index.js';

const rng = new Random(3);
const rows = 200_000;
const cols = 4;
const all = new DenseMatrix(rows, cols);
for (let k = 0; k < all.data.length; k++) all.data[k] = 1000 + 50 * rng.normal() + (k % cols) * 7;

const whole = new StandardScaler().fit(all);
const stream = new StandardScaler();
const chunk = 16_384;
for (let start = 0; start < rows; start += chunk) {
  const n = Math.min(chunk, rows - start);
  stream.partialFit(new DenseMatrix(n, cols, all.data.subarray(start * cols, (start + n) * cols)));
}
const maxDiff = (a: Float64Array | null, b: Float64Array | null): number =>
  Math.max(...Array.from(a ?? [], (v, j) => Math.abs(v - (b?.[j] ?? NaN)) / Math.abs(b?.[j] ?? 1)));
console.log(`StandardScaler over ${rows} rows in chunks of ${chunk}: samples seen ${String(stream.nSamplesSeen)}`);
console.log(`  mean ${Array.from(stream.mean ?? [], (v) => v.toFixed(4)).join(', ')}`);
console.log(
  `  relative difference to one fit: mean ${maxDiff(stream.mean, whole.mean).toExponential(2)}, var ${maxDiff(stream.var, whole.var).toExponential(2)}`,
);

const table = {
  age: [34, null, 51, 29, 42, 38],
  income: [52_000, 61_000, null, 38_000, 75_000, 58_000],
  plan: ['basic', 'pro', 'pro', null, 'team', 'basic'],
};
const features = new ColumnTransformer({
  transformers: [
    [
      'num',
      new Pipeline({
        steps: [
          ['impute', new SimpleImputer({ strategy: 'median' })],
          ['scale', new StandardScaler()],
        ],
      }),
      ['age', 'income'],
    ],
    ['plan', new OneHotEncoder({ handleUnknown: 'ignore', sparseOutput: false }), ['plan']],
  ],
});
const X = features.fitTransform(table) as DenseMatrix;
console.log(`\nColumnTransformer output columns: ${features.getFeatureNamesOut().join(', ')}`);
for (const row of X.toArray()) console.log(`  ${row.map((v) => v.toFixed(3).padStart(7)).join(' ')}`);
const restored = loadEstimator(JSON.stringify(features.toJSON())) as ColumnTransformer;
const newRows = { age: [45], income: [null], plan: ['enterprise'] }; // an unseen plan encodes as zeros
console.log(
  `after save/load, a new row: ${(restored.transform(newRows) as DenseMatrix)
    .toArray()[0]
    ?.map((v) => v.toFixed(3))
    .join(', ')}`,
);
