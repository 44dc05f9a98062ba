/**
 * Model selection end to end, on a synthetic three-class problem:
 *   npx tsx examples/selection/modelSelection.ts
 *
 * It defines a small estimator of the lsml contract (a nearest-centroid classifier, ~40 lines), then uses the
 * model-selection tools on it exactly as on any built-in estimator: trainTestSplit, a Pipeline with a
 * ColumnTransformer, GridSearchCV over `step__param` names, crossValidate with several scorers, learningCurve,
 * permutationImportance, and save/load.
 */
import { BaseClassifier, type ClassifierState } from '../../src/estimators/base/BaseClassifier.js';
import { checkMatrix } from '../../src/estimators/base/checkMatrix.js';
import type { DenseMatrix } from '../../src/estimators/base/DenseMatrix.js';
import { type Label, type LabelsLike, encodeLabels } from '../../src/estimators/base/labels.js';
import type { MatrixLike } from '../../src/estimators/base/matrixLike.js';
import { loadEstimator, registerEstimator } from '../../src/estimators/base/persistence.js';
import { oneOf } from '../../src/estimators/base/validators.js';
import { ColumnTransformer } from '../../src/preprocessing/ColumnTransformer.js';
import { OneHotEncoder } from '../../src/preprocessing/OneHotEncoder.js';
import { Pipeline } from '../../src/preprocessing/Pipeline.js';
import { RobustScaler } from '../../src/preprocessing/RobustScaler.js';
import { StandardScaler } from '../../src/preprocessing/StandardScaler.js';
import { crossValidate } from '../../src/selection/crossValidate.js';
import { GridSearchCV } from '../../src/selection/GridSearchCV.js';
import { learningCurve } from '../../src/selection/learningCurve.js';
import { permutationImportance } from '../../src/selection/permutationImportance.js';
import { trainTestSplit } from '../../src/selection/trainTestSplit.js';
import { Random } from '../../src/util/random.js';

/** Predicts the class whose training mean is nearest (scikit-learn's NearestCentroid without shrinkage). */
class NearestCentroid extends BaseClassifier<
  { metric?: 'euclidean' | 'manhattan' },
  ClassifierState & { centroids: Float64Array }
> {
  static override readonly className: string = 'NearestCentroid';
  static override readonly spec = { metric: oneOf('euclidean', 'manhattan') };
  static override readonly defaults = { metric: 'euclidean' };

  fit(X: MatrixLike, y: LabelsLike): this {
    const m = checkMatrix(X, { where: 'NearestCentroid.fit' }) as DenseMatrix;
    const { classes, indices } = encodeLabels(y, 'NearestCentroid.fit', m.rows);
    const k = classes.length;
    const centroids = new Float64Array(k * m.cols);
    const counts = new Float64Array(k);
    for (let i = 0; i < m.rows; i++) {
      const c = indices[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let j = 0; j < m.cols; j++) centroids[c * m.cols + j] = (centroids[c * m.cols + j] as number) + m.get(i, j);
    }
    for (let c = 0; c < k; c++)
      for (let j = 0; j < m.cols; j++)
        centroids[c * m.cols + j] = (centroids[c * m.cols + j] as number) / (counts[c] as number);
    this.state = { classes, nFeaturesIn: m.cols, centroids };
    return this;
  }

  predict(X: MatrixLike): Label[] {
    const s = this.fitted('predict');
    const m = checkMatrix(X, { where: 'NearestCentroid.predict', nFeatures: s.nFeaturesIn }) as DenseMatrix;
    const dist = this.params.metric === 'manhattan' ? (d: number) => Math.abs(d) : (d: number) => d * d;
    return Array.from({ length: m.rows }, (_, i) => {
      let best = 0;
      let bestD = Infinity;
      s.classes.forEach((_, c) => {
        let d = 0;
        for (let j = 0; j < m.cols; j++) d += dist(m.get(i, j) - (s.centroids[c * m.cols + j] as number));
        if (d < bestD) [best, bestD] = [c, d];
      });
      return s.classes[best] as Label;
    });
  }
}
registerEstimator(NearestCentroid);

// Three classes around different centres; "income" is on a large scale, "noise" carries no signal, "region"
// is categorical and weakly informative.
const rng = new Random(7);
const n = 300;
const label: string[] = [];
const data = { height: [] as number[], income: [] as number[], noise: [] as number[], region: [] as string[] };
for (let i = 0; i < n; i++) {
  const c = i % 3;
  label.push(['small', 'medium', 'large'][c] as string);
  data.height.push(150 + 12 * c + 6 * rng.normal());
  data.income.push(30000 + 9000 * c + 12000 * rng.normal());
  data.noise.push(rng.normal());
  data.region.push(rng.uniform() < 0.5 + 0.15 * (c - 1) ? 'north' : 'south');
}

const { XTrain, XTest, yTrain, yTest } = trainTestSplit(data, label, { testSize: 0.25, stratify: label, seed: 1 });

const pipeline = new Pipeline({
  steps: [
    [
      'features',
      new ColumnTransformer({
        transformers: [
          ['num', new StandardScaler(), ['height', 'income', 'noise']],
          ['cat', new OneHotEncoder({ drop: 'if_binary', sparseOutput: false }), ['region']],
        ],
      }),
    ],
    ['clf', new NearestCentroid()],
  ],
});

// Tune the scaler (a whole step replaced by name) and the metric (a step parameter).
const search = new GridSearchCV({
  estimator: pipeline,
  paramGrid: { features__num: [new StandardScaler(), new RobustScaler()], clf__metric: ['euclidean', 'manhattan'] },
  cv: 5,
  scoring: 'accuracy',
}).fit(XTrain, yTrain);
console.log('grid search (5-fold stratified CV, accuracy):');
search.cvResults.params.forEach((p, i) => {
  const scaler = (p.features__num as { className: string }).className;
  const mean = search.cvResults.meanTestScore.score?.[i] as number;
  const std = search.cvResults.stdTestScore.score?.[i] as number;
  console.log(
    `  ${scaler.padEnd(15)} ${String(p.clf__metric).padEnd(10)} ${mean.toFixed(3)} ± ${std.toFixed(3)}  rank ${search.cvResults.rankTestScore.score?.[i]}`,
  );
});
console.log(
  `best: ${JSON.stringify({ ...search.bestParams, features__num: (search.bestParams.features__num as { className: string }).className })}`,
);
console.log(`held-out accuracy of the refitted best pipeline: ${search.score(XTest, yTest).toFixed(3)}`);

const cv = crossValidate(search.bestEstimator, XTrain, yTrain, {
  cv: 5,
  scoring: ['accuracy', 'f1_macro', 'balanced_accuracy'],
  returnTrainScore: true,
});
const mean = (v: number[] | undefined): string => ((v ?? []).reduce((a, b) => a + b, 0) / (v?.length ?? 1)).toFixed(3);
console.log(
  `cross-validated: accuracy ${mean(cv.testScores.accuracy)}, f1_macro ${mean(cv.testScores.f1_macro)} (train accuracy ${mean(cv.trainScores?.accuracy)})`,
);

const curve = learningCurve(search.bestEstimator, XTrain, yTrain, { cv: 5, scoring: 'accuracy' });
console.log('learning curve (train size: test accuracy):');
curve.trainSizesAbs.forEach((size, k) => console.log(`  ${String(size).padStart(4)}: ${mean(curve.testScores[k])}`));

const importance = permutationImportance(search.bestEstimator, XTest, yTest, {
  scoring: 'accuracy',
  nRepeats: 20,
  seed: 0,
});
console.log('permutation importance on the test set (accuracy drop):');
Object.keys(data).forEach((name, j) =>
  console.log(
    `  ${name.padEnd(7)} ${(importance.importancesMean[j] as number).toFixed(3)} ± ${(importance.importancesStd[j] as number).toFixed(3)}`,
  ),
);

const best = search.bestEstimator as Pipeline;
const saved = JSON.stringify(best.toJSON());
const restored = loadEstimator(saved) as Pipeline;
const same = JSON.stringify(restored.predict(XTest)) === JSON.stringify(best.predict(XTest));
console.log(`saved the best pipeline as ${saved.length} bytes of JSON; predictions after loading identical: ${same}`);
