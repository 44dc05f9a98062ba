/**
 * Bad input raises typed errors that name the function and the argument; the message text is pinned.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, DataError, DTypeError, ShapeError, ValueError } from '../../src/errors/errors.js';
import * as m from '../../src/metrics/index.js';

type ErrorClass = typeof ConfigError;
const p3 = [
  [0.2, 0.3, 0.5],
  [0.2, 0.3, 0.5],
  [0.2, 0.3, 0.5],
];

const cases: [string, () => unknown, ErrorClass, string][] = [
  [
    'unknown average',
    () => m.precisionScore([0, 1], [0, 1], { average: 'foo' as never }),
    ConfigError,
    'precisionScore: "average" must be one of binary, micro, macro, weighted, samples or null; received "foo".',
  ],
  [
    'length mismatch',
    () => m.accuracyScore([0, 1, 1], [0, 1]),
    ShapeError,
    'accuracyScore: "yPred" has 2 samples but "yTrue" has 3; they must have the same length.',
  ],
  [
    'NaN in regression targets',
    () => m.meanSquaredError([1, NaN], [1, 2]),
    DataError,
    'meanSquaredError: "yTrue" contains NaN at index 1; metrics need finite values (drop or impute missing values first).',
  ],
  [
    'NaN in labels',
    () => m.f1Score([0, 1, NaN], [0, 1, 1]),
    DataError,
    'f1Score: "yTrue" contains NaN at index 2; metrics need finite values (drop or impute missing values first).',
  ],
  [
    'Infinity in predictions',
    () => m.r2Score([1, 2], [1, -Infinity]),
    DataError,
    'r2Score: "yPred" contains -Infinity at index 1; metrics need finite values (drop or impute missing values first).',
  ],
  [
    'NaN in sample weights',
    () => m.accuracyScore([0, 1], [0, 1], { sampleWeight: [1, NaN] }),
    DataError,
    'accuracyScore: "sampleWeight" contains NaN at index 1; metrics need finite values (drop or impute missing values first).',
  ],
  [
    'probabilities that do not sum to 1',
    () =>
      m.logLoss(
        [0, 1],
        [
          [0.2, 0.7],
          [0.5, 0.5],
        ],
      ),
    ValueError,
    'logLoss: each row of "yPred" must sum to 1 (probabilities); row 0 sums to 0.8999999999999999.',
  ],
  [
    'probabilities outside [0, 1]',
    () => m.logLoss([0, 1], [0.2, 1.5]),
    ValueError,
    'logLoss: "yPred" must hold probabilities in [0, 1]; received 1.5 at index 1.',
  ],
  [
    'a true label missing from labels',
    () =>
      m.logLoss(
        [0, 1, 2],
        [
          [0.2, 0.8],
          [0.5, 0.5],
          [0.5, 0.5],
        ],
        { labels: [0, 1] },
      ),
    ValueError,
    'logLoss: "yTrue" contains 2 at index 2, which is not in "labels".',
  ],
  [
    'a single class in yTrue',
    () => m.rocAucScore([1, 1, 1], [0.1, 0.2, 0.3]),
    ValueError,
    'rocAucScore: only one class is present in "yTrue"; ROC AUC is not defined in that case.',
  ],
  [
    'multiclass scores that are not probabilities',
    () =>
      m.rocAucScore(
        [0, 1, 2],
        [
          [0.2, 0.3, 0.4],
          [0.3, 0.3, 0.4],
          [0.1, 0.1, 0.8],
        ],
        { multiClass: 'ovr' },
      ),
    ValueError,
    'rocAucScore: multiclass "yScore" must hold probabilities that sum to 1 over the classes; row 0 sums to 0.9.',
  ],
  [
    'multiclass ROC AUC without a strategy',
    () => m.rocAucScore([0, 1, 2], p3),
    ValueError,
    "rocAucScore: multiclass targets need \"multiClass\" 'ovr' or 'ovo'; received 'raise'.",
  ],
  [
    'sample weights with one-vs-one',
    () => m.rocAucScore([0, 1, 2], p3, { multiClass: 'ovo', sampleWeight: [1, 1, 1] }),
    ConfigError,
    'rocAucScore: "sampleWeight" is not supported with multiClass \'ovo\'.',
  ],
  [
    'an unknown zeroDivision',
    () => m.recallScore([0, 1], [0, 1], { zeroDivision: 2 }),
    ConfigError,
    'recallScore: "zeroDivision" must be one of warn, 0, 1 or NaN; received 2.',
  ],
  [
    "multiclass targets with average 'binary'",
    () => m.f1Score([0, 1, 2], [0, 1, 2]),
    ValueError,
    'f1Score: the target is multiclass but "average" is \'binary\'; choose another average: micro, macro, weighted or null.',
  ],
  [
    'a label that is not present as posLabel',
    () => m.precisionScore([0, 1], [0, 1], { posLabel: 5 }),
    ValueError,
    'precisionScore: "posLabel" is 5, which is not a valid label; it should be one of [0, 1].',
  ],
  [
    'string labels without posLabel on a curve',
    () => m.rocCurve(['a', 'b'], [0.1, 0.2]),
    ValueError,
    'rocCurve: "yTrue" takes values in {\'a\', \'b\'} and "posLabel" is not specified; either make yTrue take values ' +
      'in {0, 1} or {-1, 1} or pass posLabel explicitly.',
  ],
  [
    'sample weights of the wrong length',
    () => m.accuracyScore([0, 1], [0, 1], { sampleWeight: [1, 2, 3] }),
    ShapeError,
    'accuracyScore: "sampleWeight" has 3 entries but there are 2 samples; give one weight per sample.',
  ],
  [
    'mixed label types',
    () => m.accuracyScore([0, 'a'] as never, [0, 1]),
    DTypeError,
    'accuracyScore: "yTrue" mixes label types (number at index 0, string at index 1); use one type for all labels.',
  ],
  [
    'string against number labels',
    () => m.accuracyScore(['a', 'b'], [0, 1]),
    DTypeError,
    'accuracyScore: "yTrue" holds strings but "yPred" holds numbers; labels must be of one type.',
  ],
  [
    'labels of the wrong type',
    () => m.f1Score(['a', 'b'], ['a', 'b'], { labels: [1], average: 'macro' }),
    DTypeError,
    'f1Score: "labels" holds 1 (a number) but the targets hold strings; use labels of the targets\' type.',
  ],
  [
    'continuous targets in a classification metric',
    () => m.accuracyScore([0.5, 1.5], [0, 1]),
    ValueError,
    'accuracyScore: cannot mix continuous "yTrue" with binary "yPred"; both must be class labels (binary or ' +
      'multiclass) or both multi-label indicator matrices.',
  ],
  [
    'a ragged matrix',
    () =>
      m.accuracyScore(
        [[0, 1], [1]],
        [
          [0, 1],
          [1, 0],
        ],
      ),
    ShapeError,
    'accuracyScore: "yTrue" must be a rectangular matrix; row 0 has length 2 but row 1 has length 1.',
  ],
  [
    'a non-array',
    () => m.accuracyScore(5 as never, [1]),
    DTypeError,
    'accuracyScore: "yTrue" must be an array of labels or a matrix; received a number.',
  ],
  [
    'a different number of outputs',
    () =>
      m.r2Score(
        [
          [1, 2],
          [3, 4],
        ],
        [[1], [2]],
      ),
    ShapeError,
    'r2Score: "yTrue" has 2 outputs but "yPred" has 1; they must have the same number.',
  ],
  [
    'an unknown multioutput',
    () => m.meanAbsoluteError([1, 2], [1, 2], { multioutput: 'bogus' as never }),
    ConfigError,
    'meanAbsoluteError: "multioutput" must be raw_values, uniform_average or an array of output weights; received "bogus".',
  ],
  [
    'labels none of which is in yTrue',
    () => m.confusionMatrix([0, 1], [0, 1], { labels: [5] }),
    ValueError,
    'confusionMatrix: none of "labels" [5] occurs in "yTrue"; at least one must.',
  ],
  [
    'an unknown normalize',
    () => m.confusionMatrix([0, 1], [0, 1], { normalize: 'rows' as never }),
    ConfigError,
    'confusionMatrix: "normalize" must be one of true, pred, all or null; received "rows".',
  ],
  [
    'unknown kappa weights',
    () => m.cohenKappaScore([0, 1], [0, 1], { weights: 'cubic' as never }),
    ConfigError,
    'cohenKappaScore: "weights" must be one of null, linear or quadratic; received "cubic".',
  ],
  [
    'a probability above 1',
    () => m.brierScoreLoss([0, 1], [0.2, 1.2]),
    ValueError,
    'brierScoreLoss: "yProb" must hold probabilities in [0, 1]; received 1.2 at index 1.',
  ],
  [
    'empty input',
    () => m.meanAbsoluteError([], []),
    ValueError,
    'meanAbsoluteError: "yTrue" is empty; at least one sample is needed.',
  ],
  [
    'a negative beta',
    () => m.fbetaScore([0, 1], [0, 1], { beta: -1 }),
    ConfigError,
    'fbetaScore: "beta" must be a number in [0, Infinity]; received -1.',
  ],
  [
    'a missing beta',
    () => m.fbetaScore([0, 1], [0, 1], undefined as never),
    ConfigError,
    'fbetaScore: "beta" is required (a number ≥ 0; 1 gives the F1 score); received undefined.',
  ],
  [
    'k below 1',
    () => m.topKAccuracyScore([0, 1, 2], p3, { k: 0 }),
    ConfigError,
    'topKAccuracyScore: "k" must be an integer in [1, Infinity]; received 0.',
  ],
  [
    'a non-monotonic curve',
    () => m.auc([0, 1, 0.5], [0, 1, 1]),
    ValueError,
    'auc: "x" is neither increasing nor decreasing, so the area is not defined.',
  ],
  [
    'several outputs in maxError',
    () =>
      m.maxError(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ValueError,
    'maxError: several outputs are not supported; received 2 outputs.',
  ],
];

describe('bad input raises typed errors naming the argument', () => {
  it.each(cases)('%s', (_name, call, errorClass, message) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(errorClass);
    expect((error as Error).message).toBe(message);
  });

  it('carries a stable code and the offending fields', () => {
    try {
      m.f1Score([0, 1], [0, 1], { average: 'foo' as never });
      expect.fail('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).code).toBe('ERR_CONFIG');
      expect((e as ConfigError).details).toMatchObject({ fn: 'f1Score', option: 'average', value: 'foo' });
    }
    try {
      m.accuracyScore([0, 1, 1], [0, 1]);
      expect.fail('no error');
    } catch (e) {
      expect((e as ShapeError).code).toBe('ERR_SHAPE');
      expect((e as ShapeError).details).toMatchObject({ argument: 'yPred', expected: 3, received: 2 });
    }
  });
});
