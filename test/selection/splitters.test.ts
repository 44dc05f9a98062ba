import { describe, expect, it } from 'vitest';
import { ConfigError, ValueError, captureWarnings } from '../../src/index.js';
import { GroupKFold } from '../../src/selection/GroupKFold.js';
import { KFold } from '../../src/selection/KFold.js';
import { ShuffleSplit } from '../../src/selection/ShuffleSplit.js';
import type { Split } from '../../src/selection/Splitter.js';
import { StratifiedKFold } from '../../src/selection/StratifiedKFold.js';
import { StratifiedShuffleSplit } from '../../src/selection/StratifiedShuffleSplit.js';
import { TimeSeriesSplit } from '../../src/selection/TimeSeriesSplit.js';
import { Random } from '../../src/util/random.js';
import { loadGolden } from './golden.js';

interface GoldenSplit {
  train: number[];
  test: number[];
}
interface Golden {
  sklearn_version: string;
  kfold: { n: number; nSplits: number; splits: GoldenSplit[] }[];
  stratifiedKFold: { y: (number | string)[]; nSplits: number; splits: GoldenSplit[] }[];
  groupKFold: { groups: number[]; nSplits: number; splits: GoldenSplit[] }[];
  timeSeriesSplit: {
    n: number;
    nSplits: number;
    maxTrainSize: number | null;
    testSize: number | null;
    gap: number;
    splits: GoldenSplit[];
  }[];
}
const golden = loadGolden<Golden>('selection.json');

const plain = (splits: Split[]): GoldenSplit[] =>
  splits.map((s) => ({ train: Array.from(s.train), test: Array.from(s.test) }));

/** Every index is in exactly one of train/test within a split, and no index is in both. */
function expectDisjointCover(split: Split, n: number, cover = true): void {
  const seen = new Set<number>();
  for (const i of [...split.train, ...split.test]) {
    expect(i).toBeGreaterThanOrEqual(0);
    expect(i).toBeLessThan(n);
    expect(seen.has(i), `index ${i} appears twice (train/test leakage)`).toBe(false);
    seen.add(i);
  }
  if (cover) expect(seen.size).toBe(n);
}

/** The test folds partition 0..n-1. */
function expectTestPartition(splits: Split[], n: number): void {
  const all = splits.flatMap((s) => Array.from(s.test)).sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
  for (const s of splits) expectDisjointCover(s, n);
}

describe('KFold', () => {
  it(`matches scikit-learn ${golden.sklearn_version} without shuffling`, () => {
    for (const c of golden.kfold) expect(plain(new KFold({ nSplits: c.nSplits }).split(c.n))).toEqual(c.splits);
  });

  it('test folds partition the indices, with and without shuffling', () => {
    for (const shuffle of [false, true]) {
      const splits = new KFold({ nSplits: 4, shuffle, seed: shuffle ? 3 : null }).split(27);
      expectTestPartition(splits, 27);
      expect(splits.map((s) => s.test.length)).toEqual([7, 7, 7, 6]);
    }
  });

  it('shuffles reproducibly by seed', () => {
    const a = new KFold({ nSplits: 3, shuffle: true, seed: 1 }).split(12);
    expect(plain(new KFold({ nSplits: 3, shuffle: true, seed: 1 }).split(12))).toEqual(plain(a));
    expect(plain(new KFold({ nSplits: 3, shuffle: true, seed: 2 }).split(12))).not.toEqual(plain(a));
  });

  it('rejects a seed without shuffle and more folds than samples', () => {
    expect(() => new KFold({ seed: 1 })).toThrow(ConfigError);
    expect(() => new KFold({ seed: 1 })).toThrow(
      'KFold: "seed" has no effect when "shuffle" is false; leave seed null or set shuffle: true.',
    );
    expect(() => new KFold({ nSplits: 5 }).split(3)).toThrow(ValueError);
    expect(() => new KFold({ nSplits: 5 }).split(3)).toThrow(
      'KFold: cannot have nSplits = 5 greater than the number of samples n = 3.',
    );
    expect(() => new KFold({ nSplits: 1 })).toThrow(
      'KFold: "nSplits" must be an integer in [2, Infinity); received 1.',
    );
  });
});

describe('StratifiedKFold', () => {
  it(`matches scikit-learn ${golden.sklearn_version}'s folds without shuffling (${golden.stratifiedKFold.length} cases)`, () => {
    for (const c of golden.stratifiedKFold) {
      const { result } = captureWarnings(() => new StratifiedKFold({ nSplits: c.nSplits }).split(c.y.length, c.y));
      expect(plain(result)).toEqual(c.splits);
    }
  });

  it('keeps every class count in every fold within one sample of its share', () => {
    const rng = new Random(11);
    for (let trial = 0; trial < 40; trial++) {
      const n = 20 + rng.int(80);
      const k = 2 + rng.int(5);
      const y = Array.from(
        { length: n },
        () => ['a', 'b', 'c', 'd'][Math.min(3, Math.floor(rng.uniform() ** 2 * 4))] as string,
      );
      const counts = new Map<string, number>();
      for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
      if ([...counts.values()].every((c) => c < k)) continue;
      for (const shuffle of [false, true]) {
        const { result: splits } = captureWarnings(() =>
          new StratifiedKFold({ nSplits: k, shuffle, seed: shuffle ? trial : null }).split(n, y),
        );
        expectTestPartition(splits, n);
        for (const s of splits) {
          for (const [cls, total] of counts) {
            const inFold = Array.from(s.test).filter((i) => y[i] === cls).length;
            expect(Math.abs(inFold - total / k)).toBeLessThan(1);
          }
        }
      }
    }
  });

  it('warns when a class is smaller than nSplits and fails when all are', () => {
    const y = [0, 0, 0, 0, 0, 1, 1];
    const { warnings } = captureWarnings(() => new StratifiedKFold({ nSplits: 3 }).split(7, y));
    expect(warnings.map((w) => w.message)).toEqual([
      'StratifiedKFold.split: the least populated class in y has only 2 members, which is less than nSplits = 3.',
    ]);
    expect(() => new StratifiedKFold({ nSplits: 3 }).split(4, [0, 0, 1, 1])).toThrow(
      'StratifiedKFold.split: nSplits = 3 cannot be greater than the number of members in each class.',
    );
    expect(() => new StratifiedKFold().split(3)).toThrow('StratifiedKFold.split: y is required to stratify the folds.');
    expect(() => new StratifiedKFold({ nSplits: 2 }).split(4, [0.5, 1.5, 0.5, 1.5])).toThrow(ValueError);
    expect(() => new StratifiedKFold({ nSplits: 2 }).split(5, [0, 1, 0, 1])).toThrow(
      'StratifiedKFold.split: X has 5 rows but y has 4 labels; they must match.',
    );
  });
});

describe('GroupKFold', () => {
  it(`matches scikit-learn ${golden.sklearn_version} (${golden.groupKFold.length} cases)`, () => {
    for (const c of golden.groupKFold) {
      expect(plain(new GroupKFold({ nSplits: c.nSplits }).split(c.groups.length, undefined, c.groups))).toEqual(
        c.splits,
      );
    }
  });

  it('never puts one group on both sides', () => {
    const groups = Array.from({ length: 60 }, (_, i) => `g${(i * 7) % 9}`);
    const splits = new GroupKFold({ nSplits: 4 }).split(60, undefined, groups);
    expectTestPartition(splits, 60);
    for (const s of splits) {
      const testGroups = new Set(Array.from(s.test, (i) => groups[i]));
      for (const i of s.train) expect(testGroups.has(groups[i])).toBe(false);
    }
  });

  it('requires groups, at least nSplits of them', () => {
    expect(() => new GroupKFold().split(4)).toThrow(
      'GroupKFold.split: "groups" is required (one group id per sample).',
    );
    expect(() => new GroupKFold({ nSplits: 3 }).split(4, undefined, [1, 1, 2, 2])).toThrow(
      'GroupKFold.split: cannot have nSplits = 3 greater than the number of groups (2).',
    );
  });
});

describe('TimeSeriesSplit', () => {
  it(`matches scikit-learn ${golden.sklearn_version}`, () => {
    for (const c of golden.timeSeriesSplit) {
      const cv = new TimeSeriesSplit({
        nSplits: c.nSplits,
        maxTrainSize: c.maxTrainSize,
        testSize: c.testSize,
        gap: c.gap,
      });
      expect(plain(cv.split(c.n))).toEqual(c.splits);
    }
  });

  it('always trains on the past only', () => {
    for (const s of new TimeSeriesSplit({ nSplits: 4, gap: 2 }).split(40)) {
      expect(Math.max(...s.train)).toBeLessThan(Math.min(...s.test) - 2);
    }
  });

  it('rejects too many splits for the data', () => {
    expect(() => new TimeSeriesSplit({ nSplits: 5 }).split(5)).toThrow(
      'TimeSeriesSplit: cannot have nSplits + 1 = 6 folds with only 5 samples.',
    );
    expect(() => new TimeSeriesSplit({ nSplits: 3, testSize: 3, gap: 2 }).split(11)).toThrow(
      'TimeSeriesSplit: too many splits (3) for 11 samples with testSize = 3 and gap = 2.',
    );
  });
});

describe('ShuffleSplit and StratifiedShuffleSplit', () => {
  it('draw disjoint train and test sets of the requested sizes', () => {
    const splits = new ShuffleSplit({ nSplits: 6, testSize: 0.25, trainSize: 0.5, seed: 0 }).split(21);
    expect(splits).toHaveLength(6);
    for (const s of splits) {
      expect(s.test).toHaveLength(6); // ceil(0.25 · 21)
      expect(s.train).toHaveLength(10); // floor(0.5 · 21)
      expectDisjointCover(s, 21, false);
    }
    expect(new ShuffleSplit({ seed: 0 }).split(10)[0]?.test).toHaveLength(1); // default test size 0.1
  });

  it('stratified: each class in each set within one sample of its share', () => {
    const y = Array.from({ length: 97 }, (_, i) => (i % 10 < 6 ? 'a' : i % 10 < 9 ? 'b' : 'c'));
    const counts = {
      a: y.filter((v) => v === 'a').length,
      b: y.filter((v) => v === 'b').length,
      c: y.filter((v) => v === 'c').length,
    };
    for (const s of new StratifiedShuffleSplit({ nSplits: 10, testSize: 0.3, seed: 4 }).split(97, y)) {
      expectDisjointCover(s, 97);
      for (const [cls, total] of Object.entries(counts)) {
        const inTest = Array.from(s.test).filter((i) => y[i] === cls).length;
        expect(Math.abs(inTest - (total * s.test.length) / 97)).toBeLessThan(1);
      }
    }
  });

  it('stratified: rejects a singleton class', () => {
    expect(() =>
      new StratifiedShuffleSplit({ testSize: 2 }).split(
        5,
        [0, 0, 0, 1, 1].map((v, i) => (i === 4 ? 2 : v)),
      ),
    ).toThrow(
      'StratifiedShuffleSplit.split: the least populated class in y has only 1 member, which is too few; every class needs at least 2.',
    );
  });
});

describe('splitters save and load', () => {
  it('round-trips options through JSON', () => {
    const cv = new StratifiedKFold({ nSplits: 3, shuffle: true, seed: 9 });
    const back = StratifiedKFold.fromJSON(JSON.stringify(cv.toJSON()));
    expect(back.getParams()).toEqual(cv.getParams());
    expect(plain(back.split(12, [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]))).toEqual(
      plain(cv.split(12, [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2])),
    );
  });
});
