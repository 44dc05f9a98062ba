/**
 * `zeroDivision` choices. 'warn', 0 and 1 are covered against scikit-learn 1.2.1 by the golden tests; NaN is
 * newer (scikit-learn 1.3: ill-defined values are NaN and left out of averages), so its expected values here
 * are worked out by hand from the definitions.
 */
import { describe, expect, it } from 'vitest';
import { f1Score, precisionRecallFscoreSupport, precisionScore, recallScore } from '../../src/metrics/index.js';
import { captureWarnings } from '../../src/util/warnings.js';
import { expectClose } from './expectClose.js';

// Labels 0, 1, 2: label 0 tp=1 (P 1, R 1, F 1); label 1 tp=1 of 3 predicted (P 1/3, R 1, F 0.5);
// label 2 is never predicted (P undefined, R 0 of 2, F 0).
const yTrue = [0, 1, 2, 2];
const yPred = [0, 1, 1, 1];

describe('zeroDivision NaN', () => {
  it('marks ill-defined per-label values NaN; F is 0 when the label has true or predicted samples', () => {
    const { result, warnings } = captureWarnings(() =>
      precisionRecallFscoreSupport(yTrue, yPred, { zeroDivision: NaN }),
    );
    expectClose(result, {
      precision: [1, 1 / 3, NaN],
      recall: [1, 1, 0],
      fScore: [1, 0.5, 0],
      support: [1, 1, 2],
    });
    expect(warnings).toEqual([]);
  });

  it('leaves NaN entries out of macro and weighted averages', () => {
    expectClose(precisionRecallFscoreSupport(yTrue, yPred, { zeroDivision: NaN, average: 'macro' }), {
      precision: (1 + 1 / 3) / 2,
      recall: 2 / 3,
      fScore: 0.5,
      support: null,
    });
    // Weights are the supports 1, 1, 2; label 2's NaN precision drops out with its weight.
    expectClose(precisionRecallFscoreSupport(yTrue, yPred, { zeroDivision: NaN, average: 'weighted' }), {
      precision: (1 + 1 / 3) / 2,
      recall: 0.5,
      fScore: 0.375,
      support: null,
    });
  });

  it('is NaN when every value is undefined, and F is NaN for a label with neither true nor predicted samples', () => {
    expect(precisionScore([0, 0], [0, 0], { zeroDivision: NaN })).toBeNaN();
    expect(recallScore([0, 0], [1, 0], { zeroDivision: NaN })).toBeNaN();
    expect(f1Score([0, 1], [0, 1], { labels: [5], average: null, zeroDivision: NaN })).toEqual([NaN]);
    expect(f1Score([0, 1], [0, 1], { labels: [0, 5], average: 'macro', zeroDivision: NaN })).toBe(1);
  });

  it("gives the same numbers as 0 where defined, without the warnings of 'warn'", () => {
    const zero = precisionRecallFscoreSupport(yTrue, yPred, { zeroDivision: 0 });
    const { result: warned, warnings } = captureWarnings(() => precisionRecallFscoreSupport(yTrue, yPred));
    expect(warned).toEqual(zero);
    expect(warnings.map((w) => w.code)).toEqual(['UndefinedMetricWarning']);
    expect(warnings[0]?.message).toBe(
      'Precision and F-score are ill-defined and being set to 0.0 in labels with no predicted samples. ' +
        'Use `zeroDivision` parameter to control this behavior.',
    );
    expect(precisionRecallFscoreSupport(yTrue, yPred, { zeroDivision: 1 }).precision).toEqual([1, 1 / 3, 1]);
  });
});
