import { describe, expect, it } from 'vitest';
import { SGDClassifier } from '../../../src/estimators/linear/SGDClassifier.js';
import { SGDRegressor } from '../../../src/estimators/linear/SGDRegressor.js';
import { type StreamChunk, partialFitStream } from '../../../src/estimators/linear/partialFitStream.js';
import { CsrMatrix, DataError } from '../../../src/index.js';
import type { ProgressEvent } from '../../../src/util/progress.js';
import { binaryProblem, expectAllClose, regressionProblem } from './fixtures.js';

const { X, y } = binaryProblem();

/** Chunks shaped like the data layer's batches: a flat Float32Array with rows and cols, labels in a typed array. */
async function* denseBatches(size: number): AsyncGenerator<StreamChunk> {
  for (let start = 0; start < X.length; start += size) {
    const rows = X.slice(start, start + size);
    yield {
      x: Float32Array.from(rows.flat()),
      rows: rows.length,
      cols: 5,
      y: Float64Array.from(y.slice(start, start + size)),
    };
  }
}

describe('partialFitStream', () => {
  it('trains one epoch over a stream in order, as fit over the same rows does', async () => {
    const f32 = X.map((r) => Array.from(Float32Array.from(r)));
    const opts = { shuffle: false, maxIter: 1, tol: null, learningRate: 'constant', eta0: 0.01 } as const;
    const streamed = new SGDClassifier(opts);
    const events: ProgressEvent[] = [];
    const result = await partialFitStream(streamed, denseBatches(256), {
      classes: [0, 1],
      onProgress: (e) => events.push(e),
      totalRows: X.length,
    });
    const whole = new SGDClassifier(opts).fit(f32, y);
    // equal up to the rounding of folding the scale factor in after each chunk
    expectAllClose(streamed.coef.data, whole.coef.data, 1e-12, 1e-14);
    expect(result.rows).toBe(2000);
    expect(result.chunks).toBe(8);
    expect(events.at(-1)?.done).toBe(2000);
    expect(events.at(-1)?.total).toBe(2000);
  });

  it('reports progressive validation: each chunk is scored before the model learns from it', async () => {
    const clf = new SGDClassifier({ loss: 'log_loss', seed: 0 });
    const r = await partialFitStream(clf, denseBatches(200), { classes: [0, 1] });
    // chunks 2…10 are scored by models that never saw them: a fair, slightly pessimistic estimate
    expect(r.progressiveAccuracy).toBeGreaterThan(0.85);
    expect(r.progressiveAccuracy).toBeLessThanOrEqual(clf.score(X, y) + 0.02);
    expect(r.progressiveLoss).toBeGreaterThan(clf.meanLoss(X, y) - 0.05);
  });

  it('accepts sparse chunks and regressors, and rejects a chunk without labels', async () => {
    const reg = regressionProblem();
    async function* sparse(): AsyncGenerator<StreamChunk> {
      for (let s = 0; s < reg.X.length; s += 50)
        yield { x: CsrMatrix.fromDense(reg.X.slice(s, s + 50)), y: reg.y.slice(s, s + 50) };
    }
    const m = new SGDRegressor({ seed: 0 });
    const r = await partialFitStream(m, sparse());
    expect(r.rows).toBe(200);
    expect(Number.isFinite(r.progressiveLoss)).toBe(true);
    expect(Number.isNaN(r.progressiveAccuracy)).toBe(true);
    async function* unlabeled(): AsyncGenerator<StreamChunk> {
      yield { x: [[1, 2]] };
    }
    await expect(partialFitStream(new SGDRegressor(), unlabeled())).rejects.toThrow(DataError);
  });
});
