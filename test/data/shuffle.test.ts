import { describe, expect, it } from 'vitest';
import { type DenseBatch, batchesOf, fromGenerator, readCsv, writeCsv } from '../../src/data/index.js';
import { useTmpDir } from './tmpDir.js';

/**
 * Chi-square statistic of the 10 × 10 table (input decile, output decile) of a permutation of n elements.
 * Under a uniform random permutation every cell expects n/100.
 */
function decileChiSquare(order: ArrayLike<number>): number {
  const n = order.length;
  const counts = new Float64Array(100);
  for (let pos = 0; pos < n; pos++) {
    const input = order[pos] as number;
    counts[Math.floor((input * 10) / n) * 10 + Math.floor((pos * 10) / n)]++;
  }
  const e = n / 100;
  return counts.reduce((s, o) => s + ((o - e) * (o - e)) / e, 0);
}

/**
 * Chi-square quantile by the Wilson–Hilferty approximation (Wilson & Hilferty, 1931, PNAS 17:684):
 * k (1 − 2/(9k) + z √(2/(9k)))³. For k = 81 (a 10 × 10 table with fixed margins) and z = 3.0902 (p = 0.001)
 * this gives 126.1.
 */
function chiSquareQuantile(k: number, z: number): number {
  const a = 2 / (9 * k);
  return k * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** Wald–Wolfowitz runs test z-score of the sequence's values above/below the median. */
function runsZ(values: ArrayLike<number>): number {
  const n = values.length;
  const sorted = Array.from(values).sort((a, b) => a - b);
  const median = ((sorted[(n - 1) >> 1] as number) + (sorted[n >> 1] as number)) / 2;
  let n1 = 0;
  let n2 = 0;
  let runs = 0;
  let prev: boolean | null = null;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v === median) continue;
    const above = v > median;
    if (above) n1++;
    else n2++;
    if (above !== prev) runs++;
    prev = above;
  }
  const mean = (2 * n1 * n2) / (n1 + n2) + 1;
  const variance = (2 * n1 * n2 * (2 * n1 * n2 - n1 - n2)) / ((n1 + n2) ** 2 * (n1 + n2 - 1));
  return (runs - mean) / Math.sqrt(variance);
}

const CRITICAL = chiSquareQuantile(81, 3.0902);

function sortedBatch(n: number): DenseBatch {
  return {
    x: Float32Array.from({ length: n }, (_, i) => i),
    y: Float64Array.from({ length: n }, (_, i) => i),
    rows: n,
    cols: 1,
  };
}

describe('shuffle buffer quality', () => {
  const tmp = useTmpDir();

  it('the statistics themselves: a sorted sequence fails both tests', () => {
    const sorted = Float64Array.from({ length: 10_000 }, (_, i) => i);
    expect(decileChiSquare(sorted)).toBeGreaterThan(CRITICAL);
    expect(Math.abs(runsZ(sorted))).toBeGreaterThan(3.29);
    expect(CRITICAL).toBeCloseTo(126.1, 0);
  });

  it('shuffle (examples) with a 10,000 buffer gives a uniform-looking permutation of a sorted stream', async () => {
    const n = 10_000;
    const ds = fromGenerator(function* () {
      for (let i = 0; i < n; i++) yield i;
    });
    const order = Float64Array.from(await ds.shuffle(10_000, { seed: 7 }).toArray());
    expect(decileChiSquare(order)).toBeLessThan(CRITICAL);
    expect(Math.abs(runsZ(order))).toBeLessThan(3.29);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('shuffleRows on a sorted file read from disk passes the same tests', async () => {
    const path = tmp('sorted.csv');
    await writeCsv(path, batchesOf(sortedBatch(10_000), 1000));
    const labels: number[] = [];
    for await (const b of readCsv(path, { label: 'label', batchSize: 500 }).shuffleRows(10_000, { seed: 3 })) {
      labels.push(...Array.from(b.y!));
      // x and y stay together
      for (let i = 0; i < b.rows; i++) expect(b.x[i]).toBe(b.y![i]);
    }
    expect(labels.length).toBe(10_000);
    expect(decileChiSquare(labels)).toBeLessThan(CRITICAL);
    expect(Math.abs(runsZ(labels))).toBeLessThan(3.29);
  });

  it('a buffer much smaller than the sorted run fails the test (the test has power)', async () => {
    const order = Float64Array.from(
      await fromGenerator(function* () {
        for (let i = 0; i < 10_000; i++) yield i;
      })
        .shuffle(100, { seed: 7 })
        .toArray(),
    );
    expect(decileChiSquare(order)).toBeGreaterThan(10 * CRITICAL);
  });

  it('on a stream 10× the buffer, elements move about one buffer length (sd of displacement ≈ bufferSize)', async () => {
    const n = 100_000;
    const buffer = 10_000;
    const out: DenseBatch[] = await batchesOf(sortedBatch(n), 4096).shuffleRows(buffer, { seed: 11 }).toArray();
    let pos = 0;
    let sum = 0;
    let sq = 0;
    for (const b of out) {
      for (let i = 0; i < b.rows; i++, pos++) {
        const d = pos - (b.y![i] as number);
        sum += d;
        sq += d * d;
      }
    }
    const mean = sum / n;
    const sd = Math.sqrt(sq / n - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(0.1 * buffer);
    expect(sd).toBeGreaterThan(0.85 * buffer);
    expect(sd).toBeLessThan(1.15 * buffer);
  });

  it('is deterministic given the seed, differs across seeds, and reshuffles each pass', async () => {
    const ds = fromGenerator(function* () {
      for (let i = 0; i < 1000; i++) yield i;
    });
    const a = await ds.shuffle(1000, { seed: 1 }).toArray();
    const b = await ds.shuffle(1000, { seed: 1 }).toArray();
    const c = await ds.shuffle(1000, { seed: 2 }).toArray();
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const twice = ds.shuffle(1000, { seed: 1 });
    const p1 = await twice.toArray();
    const p2 = await twice.toArray();
    expect(p1).toEqual(a);
    expect(p2).not.toEqual(p1);
    const fixed = ds.shuffle(1000, { seed: 1, reshuffleEachIteration: false });
    expect(await fixed.toArray()).toEqual(await fixed.toArray());
  });

  it('shuffleRows rebatches to the requested size and keeps every row once', async () => {
    const out = await batchesOf(sortedBatch(1001), 100).shuffleRows(64, { seed: 5, batchSize: 256 }).toArray();
    expect(out.map((b) => b.rows)).toEqual([256, 256, 256, 233]);
    const ys = out.flatMap((b) => Array.from(b.y!)).sort((a, b) => a - b);
    expect(ys).toEqual(Array.from({ length: 1001 }, (_, i) => i));
  });
});
