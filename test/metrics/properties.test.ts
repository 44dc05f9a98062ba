/**
 * Properties that hold for every input: metric bounds, inputs left untouched, invariance to the order of the
 * samples and to the names of the labels, and identities between metrics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accuracyScore,
  averagePrecisionScore,
  balancedAccuracyScore,
  brierScoreLoss,
  classificationReport,
  cohenKappaScore,
  confusionMatrix,
  explainedVarianceScore,
  f1Score,
  fbetaScore,
  hingeLoss,
  logLoss,
  matthewsCorrcoef,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  multilabelConfusionMatrix,
  precisionRecallCurve,
  precisionRecallFscoreSupport,
  precisionScore,
  r2Score,
  recallScore,
  rocAucScore,
  rocCurve,
  rootMeanSquaredError,
  topKAccuracyScore,
} from '../../src/metrics/index.js';
import { Random } from '../../src/util/random.js';
import { captureWarnings } from '../../src/util/warnings.js';
import { expectClose } from './expectClose.js';

const RUNS = { numRuns: 60, seed: 20240607 };
const quiet = <T>(fn: () => T): T => captureWarnings(fn).result;
const close = (a: number, b: number): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= Math.max(1e-12 * Math.abs(b), 1e-13);

/** Paired labels in 0..k-1, with optional positive weights. */
const labelPairs = fc.integer({ min: 1, max: 60 }).chain((n) =>
  fc.record({
    yTrue: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    yPred: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    weights: fc.option(fc.array(fc.double({ min: 0.01, max: 5, noNaN: true }), { minLength: n, maxLength: n })),
  }),
);

/** Binary labels with both classes present, and scores in [0, 1] with ties. */
const scoredBinary = fc.integer({ min: 2, max: 60 }).chain((n) =>
  fc.record({
    yTrue: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }).map((y) => [0, 1, ...y.slice(2)]),
    scores: fc.array(
      fc.integer({ min: 0, max: 20 }).map((v) => v / 20),
      { minLength: n, maxLength: n },
    ),
  }),
);

const regressionPairs = fc.integer({ min: 2, max: 60 }).chain((n) =>
  fc.record({
    yTrue: fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
    yPred: fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

function permute<T>(values: readonly T[], order: Int32Array): T[] {
  return Array.from(order, (i) => values[i] as T);
}

describe('metric bounds', () => {
  it('label metrics stay in their ranges', () => {
    fc.assert(
      fc.property(labelPairs, ({ yTrue, yPred, weights }) => {
        const sampleWeight = weights ?? undefined;
        const inUnit = (v: number): boolean => v >= 0 && v <= 1;
        expect(inUnit(accuracyScore(yTrue, yPred, { sampleWeight }))).toBe(true);
        expect(inUnit(quiet(() => balancedAccuracyScore(yTrue, yPred, { sampleWeight })))).toBe(true);
        for (const average of ['micro', 'macro', 'weighted'] as const) {
          expect(inUnit(quiet(() => precisionScore(yTrue, yPred, { average, sampleWeight })))).toBe(true);
          expect(inUnit(quiet(() => recallScore(yTrue, yPred, { average, sampleWeight })))).toBe(true);
          expect(inUnit(quiet(() => f1Score(yTrue, yPred, { average, sampleWeight })))).toBe(true);
        }
        const mcc = matthewsCorrcoef(yTrue, yPred, { sampleWeight });
        expect(mcc >= -1 - 1e-12 && mcc <= 1 + 1e-12).toBe(true);
        const kappa = cohenKappaScore(yTrue, yPred, { sampleWeight });
        expect(Number.isNaN(kappa) || kappa <= 1 + 1e-12).toBe(true);
      }),
      RUNS,
    );
  });

  it('score metrics stay in their ranges', () => {
    fc.assert(
      fc.property(scoredBinary, ({ yTrue, scores }) => {
        const auc = rocAucScore(yTrue, scores);
        expect(auc >= 0 && auc <= 1).toBe(true);
        const ap = averagePrecisionScore(yTrue, scores);
        expect(ap >= 0 && ap <= 1 + 1e-12).toBe(true);
        const brier = brierScoreLoss(yTrue, scores);
        expect(brier >= 0 && brier <= 1).toBe(true);
        expect(logLoss(yTrue, scores)).toBeGreaterThanOrEqual(0);
        expect(hingeLoss(yTrue, scores)).toBeGreaterThanOrEqual(0);
        const { fpr, tpr } = rocCurve(yTrue, scores);
        for (let i = 1; i < fpr.length; i++) {
          expect(fpr[i] as number).toBeGreaterThanOrEqual(fpr[i - 1] as number);
          expect(tpr[i] as number).toBeGreaterThanOrEqual(tpr[i - 1] as number);
        }
        const { recall } = precisionRecallCurve(yTrue, scores);
        for (let i = 1; i < recall.length; i++)
          expect(recall[i] as number).toBeLessThanOrEqual(recall[i - 1] as number);
      }),
      RUNS,
    );
  });

  it('regression errors are non-negative and ordered; R² and explained variance are at most 1', () => {
    fc.assert(
      fc.property(regressionPairs, ({ yTrue, yPred }) => {
        const mse = meanSquaredError(yTrue, yPred);
        const mae = meanAbsoluteError(yTrue, yPred);
        const max = maxError(yTrue, yPred);
        expect(mse).toBeGreaterThanOrEqual(0);
        expect(mae).toBeGreaterThanOrEqual(0);
        expect(medianAbsoluteError(yTrue, yPred)).toBeLessThanOrEqual(max);
        expect(mae).toBeLessThanOrEqual(max * (1 + 1e-12));
        expect(mae).toBeLessThanOrEqual(Math.sqrt(mse) * (1 + 1e-12)); // Jensen
        expect(meanAbsolutePercentageError(yTrue, yPred)).toBeGreaterThanOrEqual(0);
        expect(r2Score(yTrue, yPred)).toBeLessThanOrEqual(1);
        expect(explainedVarianceScore(yTrue, yPred)).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });
});

describe('inputs are not mutated', () => {
  it('leaves frozen arrays and options alone, and copies of typed arrays unchanged', () => {
    const yTrue = Object.freeze([0, 1, 2, 2, 1, 0, 2]);
    const yPred = Object.freeze([0, 2, 2, 2, 1, 1, 0]);
    const weights = Float64Array.from([1, 2, 0.5, 1, 3, 1, 2]);
    const weightsCopy = weights.slice();
    const options = Object.freeze({
      average: 'macro' as const,
      sampleWeight: weights,
      labels: Object.freeze([2, 0, 1]),
    });
    const probs = Object.freeze(
      [
        [0.7, 0.2, 0.1],
        [0.1, 0.3, 0.6],
        [0.2, 0.2, 0.6],
        [0.1, 0.1, 0.8],
        [0.3, 0.4, 0.3],
        [0.5, 0.4, 0.1],
        [0.3, 0.3, 0.4],
      ].map((r) => Object.freeze(r)),
    );
    const snapshot = JSON.stringify({ yTrue, yPred, probs, options });
    quiet(() => {
      precisionRecallFscoreSupport(yTrue, yPred, options);
      classificationReport(yTrue, yPred, { labels: options.labels, sampleWeight: weights });
      confusionMatrix(yTrue, yPred, { labels: options.labels, sampleWeight: weights, normalize: 'true' });
      multilabelConfusionMatrix(yTrue, yPred, { sampleWeight: weights });
      cohenKappaScore(yTrue, yPred, { weights: 'quadratic', sampleWeight: weights });
      matthewsCorrcoef(yTrue, yPred, { sampleWeight: weights });
      logLoss(yTrue, probs, { sampleWeight: weights });
      rocAucScore(yTrue, probs, { multiClass: 'ovr', average: 'weighted', sampleWeight: weights });
      rocAucScore(yTrue, probs, { multiClass: 'ovo' });
      topKAccuracyScore(yTrue, probs, { k: 2, sampleWeight: weights });
      hingeLoss(yTrue, probs, { sampleWeight: weights });
      const scores = Object.freeze([0.3, 0.9, 0.1, 0.9, 0.5, 0.2, 0.4]);
      const binary = Object.freeze([0, 1, 0, 1, 1, 0, 0]);
      rocCurve(binary, scores, { sampleWeight: weights });
      precisionRecallCurve(binary, scores, { sampleWeight: weights });
      averagePrecisionScore(binary, scores, { sampleWeight: weights });
      brierScoreLoss(binary, scores, { sampleWeight: weights });
      const y = Object.freeze([1.5, -2, 3, 0.25, 8, 1, 2]);
      medianAbsoluteError(y, scores, { sampleWeight: weights });
      r2Score(y, scores, { sampleWeight: weights });
      explainedVarianceScore(y, scores, { sampleWeight: weights });
      meanAbsolutePercentageError(y, scores, { sampleWeight: weights });
    });
    expect(JSON.stringify({ yTrue, yPred, probs, options })).toBe(snapshot);
    expect(weights).toEqual(weightsCopy);
  });
});

describe('invariance to the order of the samples', () => {
  it('label metrics do not depend on sample order', () => {
    fc.assert(
      fc.property(labelPairs, fc.integer(), ({ yTrue, yPred, weights }, seed) => {
        const order = new Random(seed).permutation(yTrue.length);
        const sw = weights ?? undefined;
        const pw = weights ? permute(weights, order) : undefined;
        const [pt, pp] = [permute(yTrue, order), permute(yPred, order)];
        expect(
          close(accuracyScore(pt, pp, { sampleWeight: pw }), accuracyScore(yTrue, yPred, { sampleWeight: sw })),
        ).toBe(true);
        const a = quiet(() => precisionRecallFscoreSupport(yTrue, yPred, { sampleWeight: sw }));
        const b = quiet(() => precisionRecallFscoreSupport(pt, pp, { sampleWeight: pw }));
        expectClose(b, a);
        const cmA = confusionMatrix(yTrue, yPred, { sampleWeight: sw });
        expectClose(confusionMatrix(pt, pp, { sampleWeight: pw }), cmA);
        expect(
          close(matthewsCorrcoef(pt, pp, { sampleWeight: pw }), matthewsCorrcoef(yTrue, yPred, { sampleWeight: sw })),
        ).toBe(true);
        const kA = cohenKappaScore(yTrue, yPred, { weights: 'linear', sampleWeight: sw });
        expect(close(cohenKappaScore(pt, pp, { weights: 'linear', sampleWeight: pw }), kA)).toBe(true);
      }),
      RUNS,
    );
  });

  it('score and regression metrics do not depend on sample order', () => {
    fc.assert(
      fc.property(scoredBinary, fc.integer(), ({ yTrue, scores }, seed) => {
        const order = new Random(seed).permutation(yTrue.length);
        const [pt, ps] = [permute(yTrue, order), permute(scores, order)];
        expect(close(rocAucScore(pt, ps), rocAucScore(yTrue, scores))).toBe(true);
        expect(close(averagePrecisionScore(pt, ps), averagePrecisionScore(yTrue, scores))).toBe(true);
        expect(close(logLoss(pt, ps), logLoss(yTrue, scores))).toBe(true);
        expect(close(brierScoreLoss(pt, ps), brierScoreLoss(yTrue, scores))).toBe(true);
        expectClose(rocCurve(pt, ps), rocCurve(yTrue, scores));
      }),
      RUNS,
    );
    fc.assert(
      fc.property(regressionPairs, fc.integer(), ({ yTrue, yPred }, seed) => {
        const order = new Random(seed).permutation(yTrue.length);
        const [pt, pp] = [permute(yTrue, order), permute(yPred, order)];
        expect(close(meanSquaredError(pt, pp), meanSquaredError(yTrue, yPred))).toBe(true);
        expect(close(r2Score(pt, pp), r2Score(yTrue, yPred))).toBe(true);
        expect(medianAbsoluteError(pt, pp)).toBe(medianAbsoluteError(yTrue, yPred));
        expect(maxError(pt, pp)).toBe(maxError(yTrue, yPred));
      }),
      RUNS,
    );
  });
});

describe('identities between metrics', () => {
  it('renaming labels in the same order changes nothing; F1 is F-beta with beta 1', () => {
    const names = ['ant', 'bee', 'cat', 'dog'];
    fc.assert(
      fc.property(labelPairs, ({ yTrue, yPred }) => {
        const [st, sp] = [yTrue.map((v) => names[v] as string), yPred.map((v) => names[v] as string)];
        expect(confusionMatrix(st, sp)).toEqual(confusionMatrix(yTrue, yPred));
        const f1 = quiet(() => f1Score(yTrue, yPred, { average: 'macro' }));
        expect(quiet(() => f1Score(st, sp, { average: 'macro' }))).toBe(f1);
        expect(quiet(() => fbetaScore(yTrue, yPred, { beta: 1, average: 'macro' }))).toBe(f1);
        // Micro-averaged precision over all labels is the accuracy.
        expect(
          close(
            quiet(() => precisionScore(yTrue, yPred, { average: 'micro' })),
            accuracyScore(yTrue, yPred),
          ),
        ).toBe(true);
        const cm = confusionMatrix(yTrue, yPred);
        expect(cm.flat().reduce((s, v) => s + v, 0)).toBe(yTrue.length);
      }),
      RUNS,
    );
  });

  it('RMSE is the root of MSE; top-1 accuracy is accuracy of the arg-max', () => {
    fc.assert(
      fc.property(regressionPairs, ({ yTrue, yPred }) => {
        expect(rootMeanSquaredError(yTrue, yPred)).toBe(Math.sqrt(meanSquaredError(yTrue, yPred)));
        expect(meanSquaredError(yTrue, yPred, { squared: false })).toBe(rootMeanSquaredError(yTrue, yPred));
      }),
      RUNS,
    );
    const probs = [
      [0.7, 0.2, 0.1],
      [0.1, 0.3, 0.6],
      [0.2, 0.5, 0.3],
      [0.1, 0.1, 0.8],
    ];
    const argmax = probs.map((r) => r.indexOf(Math.max(...r)));
    const y = [0, 2, 2, 1];
    expect(topKAccuracyScore(y, probs, { k: 1 })).toBe(accuracyScore(y, argmax));
  });
});
