/**
 * Input forms: plain arrays, typed arrays, tensors, booleans, column vectors and nested typed arrays give the
 * same results.
 */
import { describe, expect, it } from 'vitest';
import {
  accuracyScore,
  confusionMatrix,
  f1Score,
  logLoss,
  meanSquaredError,
  r2Score,
  rocAucScore,
} from '../../src/metrics/index.js';
import { tensor } from '../../src/ops/creation.js';

const yTrue = [0, 1, 1, 0, 1, 1, 0];
const yPred = [0, 1, 0, 0, 1, 1, 1];
const scores = [0.1, 0.8, 0.4, 0.3, 0.9, 0.6, 0.7];

describe('metric inputs', () => {
  it('accepts typed arrays and tensors like plain arrays', () => {
    const f1 = f1Score(yTrue, yPred);
    expect(f1Score(Int32Array.from(yTrue), Float64Array.from(yPred))).toBe(f1);
    expect(f1Score(Uint8Array.from(yTrue), tensor(yPred))).toBe(f1);
    const auc = rocAucScore(yTrue, scores);
    expect(rocAucScore(Float32Array.from(yTrue), Float64Array.from(scores))).toBe(auc);
    expect(rocAucScore(tensor(yTrue), tensor(scores, undefined, 'float64'))).toBe(auc);
    expect(meanSquaredError(tensor(scores, undefined, 'float64'), Float64Array.from(yTrue))).toBe(
      meanSquaredError(scores, yTrue),
    );
  });

  it('reads booleans as 0 and 1', () => {
    expect(accuracyScore(yTrue.map(Boolean), yPred)).toBe(accuracyScore(yTrue, yPred));
    expect(f1Score(yTrue.map(Boolean), yPred.map(Boolean))).toBe(f1Score(yTrue, yPred));
  });

  it('treats an n × 1 matrix as a vector', () => {
    const column = (v: number[]): number[][] => v.map((x) => [x]);
    expect(confusionMatrix(column(yTrue), column(yPred))).toEqual(confusionMatrix(yTrue, yPred));
    expect(r2Score(column(scores), yTrue)).toBe(r2Score(scores, yTrue));
    expect(logLoss(yTrue, column(scores))).toBe(logLoss(yTrue, scores));
  });

  it('accepts matrices as arrays of typed arrays and as 2-D tensors', () => {
    const yt = [
      [1, 0, 1],
      [0, 1, 0],
      [1, 1, 0],
    ];
    const yp = [
      [1, 0, 0],
      [0, 1, 1],
      [1, 1, 0],
    ];
    const macro = f1Score(yt, yp, { average: 'macro' });
    expect(
      f1Score(
        yt.map((r) => Int32Array.from(r)),
        tensor(yp),
        { average: 'macro' },
      ),
    ).toBe(macro);
  });

  it('uses the float32 machine epsilon for Float32Array probabilities, as scikit-learn does', () => {
    const y = [0, 1];
    const p64 = logLoss(y, [0, 1]);
    const p32 = logLoss(y, Float32Array.from([0, 1]));
    expect(p64).toBeCloseTo(-Math.log(1 - 2 ** -52), 15);
    expect(p32).toBeCloseTo(-Math.log(1 - 2 ** -23), 12);
  });
});
