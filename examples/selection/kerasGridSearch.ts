/**
 * A Keras-style network in scikit-learn-style model selection:
 *   npx tsx examples/selection/kerasGridSearch.ts
 *
 * It wraps a small Sequential model in a KerasClassifier, cross-validates it, grid-searches the hidden layer's
 * size (a builder parameter, `model__units`) and the learning rate with refit, draws a learning curve, measures
 * permutation importance, and saves and loads the tuned model. The builder is registered by name, so the saved
 * search restores ready to predict and to refit.
 */
import {
  Dense,
  Dropout,
  GridSearchCV,
  type KerasBuildParams,
  KerasClassifier,
  Random,
  Sequential,
  StandardScaler,
  crossValidate,
  learningCurve,
  loadEstimator,
  permutationImportance,
  registerKerasModel,
  trainTestSplit,
} from '../../src/index.js';

// A builder receives the data's shape (nFeaturesIn, nOutputs, …) and the wrapper's modelParams. It returns an
// uncompiled model here, so the wrapper compiles it with its optimizer / learningRate / loss options.
registerKerasModel('mlp', (p: KerasBuildParams) => {
  const units = (p.units as number | undefined) ?? 16;
  return new Sequential({
    layers: [
      new Dense({ units, activation: 'relu', inputShape: [p.nFeaturesIn] }),
      new Dropout({ rate: (p.dropout as number | undefined) ?? 0 }),
      new Dense({ units: p.nOutputs, activation: 'softmax' }),
    ],
  });
});

// Three classes in 4 features: two concentric rings and a blob, plus a noise feature.
const rng = new Random(42);
const X: number[][] = [];
const y: string[] = [];
for (let i = 0; i < 360; i++) {
  const cls = i % 3;
  const angle = rng.uniform() * 2 * Math.PI;
  const radius = [0.5, 2, 3.5][cls] as number;
  X.push([
    radius * Math.cos(angle) + 0.3 * rng.normal(),
    radius * Math.sin(angle) + 0.3 * rng.normal(),
    radius * radius * 0.2 + 0.5 * rng.normal(),
    rng.normal(),
  ]);
  y.push(['inner', 'middle', 'outer'][cls] as string);
}
const scaler = new StandardScaler().fit(X);
const Xs = scaler.transform(X);
const { XTrain, XTest, yTrain, yTest } = trainTestSplit(Xs, y, { testSize: 0.25, stratify: y, seed: 0 });

const clf = new KerasClassifier({ model: 'mlp', epochs: 20, batchSize: 32, learningRate: 0.01, seed: 0 });

let t = performance.now();
const cv = crossValidate(clf, XTrain, yTrain, { cv: 3, scoring: ['accuracy', 'neg_log_loss'] });
console.log(
  `crossValidate (3 folds, ${((performance.now() - t) / 1000).toFixed(1)} s): accuracy`,
  cv.testScores.accuracy?.map((s) => s.toFixed(3)).join(', '),
);

t = performance.now();
const search = new GridSearchCV({
  estimator: clf,
  paramGrid: { model__units: [2, 16], learningRate: [0.001, 0.01] },
  cv: 3,
  scoring: 'accuracy',
}).fit(XTrain, yTrain);
console.log(`GridSearchCV (${((performance.now() - t) / 1000).toFixed(1)} s): best`, search.bestParams);
search.cvResults.params.forEach((p, c) =>
  console.log(
    `  ${JSON.stringify(p)}  mean accuracy ${(search.cvResults.meanTestScore.score?.[c] as number).toFixed(3)}`,
  ),
);
console.log('held-out accuracy of the refitted best:', search.score(XTest, yTest).toFixed(3));

const lc = learningCurve(search.bestEstimator as KerasClassifier, XTrain, yTrain, { cv: 3, trainSizes: [0.2, 0.5, 1] });
lc.trainSizesAbs.forEach((n, i) => {
  const mean = (lc.testScores[i] as number[]).reduce((s, v) => s + v, 0) / 3;
  console.log(`learningCurve: ${n} training rows -> test accuracy ${mean.toFixed(3)}`);
});

const imp = permutationImportance(search, XTest, yTest, { nRepeats: 5, seed: 0 });
console.log(
  'permutationImportance (mean accuracy drop per feature):',
  Array.from(imp.importancesMean, (v) => v.toFixed(3)).join(', '),
);

const text = JSON.stringify(search.toJSON());
const loaded = loadEstimator(text) as GridSearchCV;
const before = Array.from(search.predict(XTest));
const same = Array.from(loaded.predict(XTest)).every((label, i) => label === before[i]);
console.log(`saved ${(text.length / 1024).toFixed(1)} KiB of JSON; loaded search predicts the same: ${same}`);
