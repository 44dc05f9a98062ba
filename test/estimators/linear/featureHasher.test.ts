import { describe, expect, it } from 'vitest';
import { FeatureHasher } from '../../../src/estimators/hashing/FeatureHasher.js';
import { murmurhash3String } from '../../../src/estimators/hashing/murmurhash3.js';
import { loadEstimator } from '../../../src/estimators/base/persistence.js';
import { SGDClassifier } from '../../../src/estimators/linear/SGDClassifier.js';
import { ConfigError, DataError } from '../../../src/index.js';

function parts(X: { indptr: Int32Array; indices: Int32Array; values: Float32Array | Float64Array }): number[][] {
  return [Array.from(X.indptr), Array.from(X.indices), Array.from(X.values)];
}

describe('murmurhash3String', () => {
  it('matches MurmurHash3_x86_32 as scikit-learn computes it (signed, UTF-8 bytes)', () => {
    // sklearn.utils.murmurhash3_32(key, seed) with scikit-learn 1.2.1
    const known: [string, number, number][] = [
      ['', 0, 142593372],
      ['a', 1009084850, -1293573533],
      ['ab', -1681926305, -684913081],
      ['abc', -1277324294, 1313807976],
      ['abcd', 1139631978, -396302900],
      ['hello', 613153351, -488910111],
      ['The quick brown fox jumps over the lazy dog', 776992547, 880582914],
      ['naïve café', 1734666806, -1533585548],
      ['日本語', -1515949417, -976822600],
      ['color=red', -1599434706, 1965181683],
    ];
    for (const [key, seed0, seed42] of known) {
      expect(murmurhash3String(key)).toBe(seed0);
      expect(murmurhash3String(key, 42)).toBe(seed42);
    }
    // SMHasher's published check value for this key and seed (unsigned)
    expect(murmurhash3String('Hello, world!', 1234) >>> 0).toBe(4210478515);
  });
});

describe('FeatureHasher', () => {
  it("gives scikit-learn's matrices for dicts, strings and pairs", () => {
    // FeatureHasher(n_features=16).transform([{'dog': 1, 'cat': 2, 'elephant': 4}, {'dog': 2, 'run': 5, 'color': 'red'}])
    expect(
      parts(
        new FeatureHasher({ nFeatures: 16 }).transform([
          { dog: 1, cat: 2, elephant: 4 },
          { dog: 2, run: 5, color: 'red' },
        ]),
      ),
    ).toEqual([
      [0, 3, 6],
      [5, 7, 14, 2, 5, 8],
      [-1, 2, -4, -1, -2, -5],
    ]);
    // FeatureHasher(n_features=8, input_type='string'): repeats add up, colliding opposite signs cancel and vanish
    expect(
      parts(
        new FeatureHasher({ nFeatures: 8, inputType: 'string' }).transform([
          ['a', 'b', 'a', 'c', 'd', 'e', 'f', 'g', 'h'],
          ['x'],
        ]),
      ),
    ).toEqual([
      [0, 5, 6],
      [1, 2, 3, 5, 7, 3],
      [-1, 1, 2, -2, 1, 1],
    ]);
    // FeatureHasher(n_features=8, input_type='pair', alternate_sign=False): zero values are dropped
    const pairs: [string, number][][] = [
      [
        ['a', 1.5],
        ['b', -2],
        ['a', 0.5],
      ],
      [
        ['zz', 0],
        ['q', 3],
      ],
    ];
    expect(
      parts(new FeatureHasher({ nFeatures: 8, inputType: 'pair', alternateSign: false }).transform(pairs)),
    ).toEqual([
      [0, 2, 3],
      [2, 5, 0],
      [2, -2, 3],
    ]);
  });

  it('is stateless: transform works without fit, and it saves and loads', () => {
    const h = new FeatureHasher({ nFeatures: 32, inputType: 'string' });
    const X = h.transform([['x', 'y']]);
    expect(X.cols).toBe(32);
    const copy = loadEstimator(JSON.stringify(h.toJSON())) as FeatureHasher;
    expect(parts(copy.transform([['x', 'y']]))).toEqual(parts(X));
    expect(h.fit().fitTransform([['x', 'y']]).nnz).toBe(X.nnz);
  });

  it('feeds hashed text straight into a sparse classifier', () => {
    const docs = ['good great fine', 'great good', 'bad awful', 'awful poor bad', 'fine good', 'poor bad'];
    const labels = [1, 1, 0, 0, 1, 0];
    const X = new FeatureHasher({ nFeatures: 2 ** 18, inputType: 'string' }).transform(docs.map((d) => d.split(' ')));
    const clf = new SGDClassifier({ seed: 0, loss: 'log_loss' }).fit(X, labels);
    expect(clf.predict(X)).toEqual(labels);
  });

  it('rejects bad values and options with typed errors', () => {
    const h = new FeatureHasher();
    expect(() => h.transform([{ a: NaN }])).toThrow(DataError);
    expect(() => h.transform([{ a: NaN }])).toThrow(
      'FeatureHasher.transform: feature "a" of row 0 has value NaN; values must be finite numbers or strings.',
    );
    expect(() => new FeatureHasher({ inputType: 'string' }).transform(['abc' as never])).toThrow(/single string/);
    expect(() => new FeatureHasher({ nFeatures: 0 })).toThrow(ConfigError);
  });
});
