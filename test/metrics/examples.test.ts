/**
 * Known answers, one per metric, on the small inputs of the functions' doc examples. Expected values were
 * computed with scikit-learn 1.2.1 (several are the examples of scikit-learn's own docstrings, e.g.
 * mean_squared_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) = 0.375).
 */
import { describe, expect, it } from 'vitest';
import {
  accuracyScore,
  auc,
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
  typeOfTarget,
} from '../../src/metrics/index.js';
import { captureWarnings } from '../../src/util/warnings.js';
import { expectClose } from './expectClose.js';

const yReg = [3, -0.5, 2, 7];
const pReg = [2.5, 0, 2, 8];

describe('classification metrics on small known examples', () => {
  it('accuracyScore counts exact matches', () => {
    expect(accuracyScore([0, 1, 2, 3], [0, 2, 1, 3])).toBe(0.5);
    expect(accuracyScore([0, 1, 2, 3], [0, 2, 1, 3], { normalize: false })).toBe(2);
  });
  it('balancedAccuracyScore averages per-class recall', () => {
    expect(balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1])).toBe(0.625);
  });
  it('precision, recall and F-scores of the positive class', () => {
    expect(precisionScore([0, 1, 1, 0], [0, 1, 0, 1])).toBe(0.5);
    expect(recallScore([0, 1, 1, 0], [0, 1, 0, 1])).toBe(0.5);
    expect(fbetaScore([0, 1, 1, 0], [0, 1, 0, 1], { beta: 2 })).toBe(0.5);
    expectClose(f1Score(['a', 'b', 'c', 'a'], ['a', 'c', 'c', 'a'], { average: 'macro' }), 0.5555555555555555);
  });
  it('precisionRecallFscoreSupport averages per label', () => {
    expectClose(precisionRecallFscoreSupport([0, 1, 1], [0, 1, 0], { average: 'macro' }), {
      precision: 0.75,
      recall: 0.75,
      fScore: 0.6666666666666666,
      support: null,
    });
    expect(precisionRecallFscoreSupport([0, 1, 1], [0, 1, 0])).toEqual({
      precision: [0.5, 1],
      recall: [1, 0.5],
      fScore: [0.6666666666666666, 0.6666666666666666],
      support: [1, 2],
    });
  });
  it('confusion matrices', () => {
    expect(confusionMatrix(['cat', 'ant', 'cat'], ['ant', 'ant', 'cat'])).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(multilabelConfusionMatrix([1, 0, 1], [1, 1, 0])).toEqual([
      [
        [1, 1],
        [1, 0],
      ],
      [
        [0, 1],
        [1, 1],
      ],
    ]);
  });
  it('agreement and correlation', () => {
    expect(cohenKappaScore([0, 1, 1, 0], [0, 1, 0, 0])).toBe(0.5);
    expectClose(matthewsCorrcoef([1, 1, 1, 0], [1, 0, 1, 1]), -0.3333333333333333);
  });
  it('classificationReport lays the table out as scikit-learn does', () => {
    expect(classificationReport(['a', 'b', 'b'], ['a', 'b', 'a'])).toBe(
      '              precision    recall  f1-score   support\n\n' +
        '           a       0.50      1.00      0.67         1\n' +
        '           b       1.00      0.50      0.67         2\n\n' +
        '    accuracy                           0.67         3\n' +
        '   macro avg       0.75      0.75      0.67         3\n' +
        'weighted avg       0.83      0.67      0.67         3\n',
    );
    const dict = classificationReport(['a', 'b', 'b'], ['a', 'b', 'a'], { outputDict: true });
    expectClose(dict.accuracy, 0.6666666666666666);
    expectClose(dict.a, { precision: 0.5, recall: 1, 'f1-score': 0.6666666666666666, support: 1 });
  });
});

describe('score-based metrics on small known examples', () => {
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];
  it('ROC curve and its area', () => {
    expectClose(rocCurve(y, s), {
      fpr: [0, 0, 0.5, 0.5, 1],
      tpr: [0, 0.5, 0.5, 1, 1],
      thresholds: [1.8, 0.8, 0.4, 0.35, 0.1],
    });
    expect(rocAucScore(y, s)).toBe(0.75);
    expect(auc([0, 0.5, 1], [0, 1, 1])).toBe(0.75);
  });
  it('precision-recall curve and average precision', () => {
    expectClose(precisionRecallCurve(y, s), {
      precision: [0.5, 0.6666666666666666, 0.5, 1, 1],
      recall: [1, 1, 0.5, 0.5, 0],
      thresholds: [0.1, 0.35, 0.4, 0.8],
    });
    expectClose(averagePrecisionScore(y, s), 0.8333333333333333);
  });
  it('probabilistic losses', () => {
    expectClose(brierScoreLoss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]), 0.03749999999999999);
    expectClose(
      logLoss(
        ['spam', 'ham', 'ham', 'spam'],
        [
          [0.1, 0.9],
          [0.9, 0.1],
          [0.8, 0.2],
          [0.35, 0.65],
        ],
      ),
      0.21616187468057912,
    );
    expectClose(hingeLoss([-1, 1, 1], [-2.18, 2.36, 0.09]), 0.30333333333333334);
  });
  it('top-k accuracy', () => {
    const scores = [
      [0.5, 0.2, 0.2],
      [0.3, 0.4, 0.2],
      [0.2, 0.4, 0.3],
      [0.7, 0.2, 0.1],
    ];
    expect(topKAccuracyScore([0, 1, 2, 2], scores)).toBe(0.75);
  });
});

describe('regression metrics on small known examples', () => {
  it('errors', () => {
    expect(meanSquaredError(yReg, pReg)).toBe(0.375);
    expectClose(rootMeanSquaredError(yReg, pReg), 0.6123724356957945);
    expect(meanAbsoluteError(yReg, pReg)).toBe(0.5);
    expect(medianAbsoluteError(yReg, pReg)).toBe(0.5);
    expectClose(meanAbsolutePercentageError(yReg, pReg), 0.3273809523809524);
    expect(maxError([3, 2, 7, 1], [4, 2, 7, 1])).toBe(1);
  });
  it('scores', () => {
    expectClose(r2Score(yReg, pReg), 0.9486081370449679);
    expectClose(explainedVarianceScore(yReg, pReg), 0.9571734475374732);
  });
  it('r2Score is NaN with an UndefinedMetricWarning for a single sample', () => {
    const { result, warnings } = captureWarnings(() => r2Score([1], [2]));
    expect(result).toBeNaN();
    expect(warnings).toEqual([
      { code: 'UndefinedMetricWarning', message: 'R^2 score is not well-defined with less than two samples.' },
    ]);
  });
});

describe('typeOfTarget', () => {
  it('names targets as scikit-learn does', () => {
    expect(typeOfTarget([1, -1, -1, 1])).toBe('binary');
    expect(typeOfTarget(['a', 'b', 'a'])).toBe('binary');
    expect(typeOfTarget([1, 0, 2])).toBe('multiclass');
    expect(typeOfTarget([0.1, 0.6])).toBe('continuous');
    expect(typeOfTarget([[1, 2]])).toBe('multilabel-indicator');
    expect(
      typeOfTarget([
        [0, 1],
        [1, 1],
      ]),
    ).toBe('multilabel-indicator');
    expect(
      typeOfTarget([
        [1, 2],
        [3, 1],
      ]),
    ).toBe('multiclass-multioutput');
    expect(
      typeOfTarget([
        [1.5, 2],
        [3, 1.6],
      ]),
    ).toBe('continuous-multioutput');
    expect(typeOfTarget([])).toBe('binary');
  });
});
