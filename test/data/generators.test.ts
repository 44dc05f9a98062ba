import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/index.js';
import {
  makeBlobs,
  makeCircles,
  makeClassification,
  makeMoons,
  makeRegression,
  syntheticBatches,
} from '../../src/data/index.js';

const count = (y: ArrayLike<number>, v: number) => Array.from(y).filter((t) => t === v).length;

describe('data generators (scikit-learn semantics, seeded)', () => {
  it('same seed, same data; another seed, other data', () => {
    for (const make of [
      (seed: number) => makeClassification({ seed }),
      (seed: number) => makeRegression({ seed, noise: 1 }),
      (seed: number) => makeBlobs({ seed }),
      (seed: number) => makeMoons({ seed, noise: 0.1 }),
      (seed: number) => makeCircles({ seed, noise: 0.1 }),
    ]) {
      const a = make(1);
      const b = make(1);
      const c = make(2);
      expect(a.x).toEqual(b.x);
      expect(a.y).toEqual(b.y);
      expect(a.x).not.toEqual(c.x);
    }
  });

  it('makeMoons without noise: points on the two half circles, floor(n/2) in class 0', () => {
    const d = makeMoons({ nSamples: 101, seed: 0 });
    expect([d.rows, d.cols]).toEqual([101, 2]);
    expect(count(d.y, 0)).toBe(50);
    for (let i = 0; i < d.rows; i++) {
      const x0 = d.x[2 * i]!;
      const x1 = d.x[2 * i + 1]!;
      // class 0: (cos t, sin t); class 1: (1 − cos t, 0.5 − sin t), t in [0, π]
      const r = d.y[i] === 0 ? Math.hypot(x0, x1) : Math.hypot(1 - x0, 0.5 - x1);
      expect(r).toBeCloseTo(1, 5);
      expect(d.y[i] === 0 ? x1 >= -1e-6 : x1 <= 0.5 + 1e-6).toBe(true);
    }
  });

  it('makeCircles without noise: radius 1 for class 0 and `factor` for class 1', () => {
    const d = makeCircles({ nSamples: 200, factor: 0.3, seed: 0 });
    for (let i = 0; i < d.rows; i++) {
      expect(Math.hypot(d.x[2 * i]!, d.x[2 * i + 1]!)).toBeCloseTo(d.y[i] === 0 ? 1 : 0.3, 5);
    }
    expect(count(d.y, 1)).toBe(100);
    expect(() => makeCircles({ factor: 1 })).toThrow(ValueError);
  });

  it('makeBlobs: samples split evenly, blob means near their centers', () => {
    const d = makeBlobs({
      nSamples: 3001,
      centers: [
        [0, 0],
        [10, 10],
        [-10, 5],
      ],
      clusterStd: 0.5,
      seed: 3,
    });
    expect([count(d.y, 0), count(d.y, 1), count(d.y, 2)]).toEqual([1001, 1000, 1000]);
    for (let c = 0; c < 3; c++) {
      let sx = 0;
      let sy = 0;
      let n = 0;
      for (let i = 0; i < d.rows; i++) {
        if (d.y[i] !== c) continue;
        sx += d.x[2 * i]!;
        sy += d.x[2 * i + 1]!;
        n++;
      }
      // standard error of a mean of 1000 draws with sd 0.5 is 0.016: 0.1 is > 6 standard errors
      expect(Math.abs(sx / n - d.centers[2 * c]!)).toBeLessThan(0.1);
      expect(Math.abs(sy / n - d.centers[2 * c + 1]!)).toBeLessThan(0.1);
    }
    expect(() => makeBlobs({ centers: 2, clusterStd: [1, 2, 3] })).toThrow(
      'makeBlobs: "clusterStd" has 3 entries; expected one per center (2).',
    );
  });

  it('makeRegression without noise: y = x·coef + bias exactly, nInformative non-zero coefficients', () => {
    const d = makeRegression({ nSamples: 50, nFeatures: 8, nInformative: 3, bias: 2.5, seed: 9 });
    expect(Array.from(d.coef).filter((c) => c !== 0).length).toBe(3);
    for (let i = 0; i < d.rows; i++) {
      let s = 2.5;
      for (let j = 0; j < 8; j++) s += d.x[i * 8 + j]! * d.coef[j]!;
      expect(d.y[i]).toBeCloseTo(s, 9);
    }
  });

  it('makeClassification: class weights, label flips and linear redundancy', () => {
    const d = makeClassification({
      nSamples: 1000,
      nFeatures: 5,
      nInformative: 2,
      nRedundant: 1,
      weights: [0.8, 0.2],
      flipY: 0,
      shuffle: false,
      seed: 4,
    });
    expect(count(d.y, 0)).toBe(800);
    // with n−1 weights the last class takes 1 − 0.9 = 0.0999…, so each of its clusters gets floor(49.99…) = 49
    // rows and the 2 left over go round-robin to clusters 0 and 1, as in scikit-learn: 901 rows of class 0
    expect(count(makeClassification({ nSamples: 1000, weights: [0.9], flipY: 0, seed: 4 }).y, 0)).toBe(901);
    // unshuffled: column 2 is a linear combination of columns 0 and 1 → fit it exactly by least squares
    const A = [0, 0, 0, 0];
    const b = [0, 0];
    for (let i = 0; i < d.rows; i++) {
      const u = d.x[i * 5]!;
      const v = d.x[i * 5 + 1]!;
      const w = d.x[i * 5 + 2]!;
      A[0] += u * u;
      A[1] += u * v;
      A[3] += v * v;
      b[0] += u * w;
      b[1] += v * w;
    }
    A[2] = A[1]!;
    const det = A[0]! * A[3]! - A[1]! * A[2]!;
    const c0 = (b[0]! * A[3]! - A[1]! * b[1]!) / det;
    const c1 = (A[0]! * b[1]! - A[2]! * b[0]!) / det;
    let maxErr = 0;
    for (let i = 0; i < d.rows; i++)
      maxErr = Math.max(maxErr, Math.abs(c0 * d.x[i * 5]! + c1 * d.x[i * 5 + 1]! - d.x[i * 5 + 2]!));
    expect(maxErr).toBeLessThan(1e-4); // float32 storage
    const flipped = makeClassification({ nSamples: 2000, flipY: 0.5, nClasses: 2, weights: [1, 0], seed: 1 });
    // half the labels are redrawn uniformly: about a quarter end up in class 1
    expect(count(flipped.y, 1) / 2000).toBeGreaterThan(0.2);
    expect(count(flipped.y, 1) / 2000).toBeLessThan(0.3);
    expect(() => makeClassification({ nFeatures: 3, nInformative: 2, nRedundant: 2 })).toThrow(
      'makeClassification: nInformative + nRedundant + nRepeated = 4 must be at most nFeatures = 3.',
    );
    expect(() => makeClassification({ nInformative: 1, nClasses: 3, nClustersPerClass: 1 })).toThrow(
      'makeClassification: nClasses · nClustersPerClass = 3 must be at most 2^nInformative = 2.',
    );
  });

  it('makeClassification separates classes better with a larger classSep', () => {
    // nearest-centroid accuracy on the informative features rises with the separation
    const acc = (classSep: number): number => {
      const d = makeClassification({
        nSamples: 2000,
        nFeatures: 2,
        nInformative: 2,
        nRedundant: 0,
        nClustersPerClass: 1,
        flipY: 0,
        classSep,
        seed: 5,
      });
      const mean = [0, 0, 0, 0];
      for (let i = 0; i < d.rows; i++) for (let j = 0; j < 2; j++) mean[d.y[i]! * 2 + j] += d.x[i * 2 + j]! / 1000;
      let ok = 0;
      for (let i = 0; i < d.rows; i++) {
        const dist = (c: number) => (d.x[i * 2]! - mean[c * 2]!) ** 2 + (d.x[i * 2 + 1]! - mean[c * 2 + 1]!) ** 2;
        if ((dist(0) < dist(1) ? 0 : 1) === d.y[i]) ok++;
      }
      return ok / d.rows;
    };
    expect(acc(3)).toBeGreaterThan(acc(0.3));
    expect(acc(3)).toBeGreaterThan(0.95);
  });

  it('syntheticBatches: same rows whatever the batch size, on every pass', async () => {
    const flat = async (batchSize: number) => {
      const xs: number[] = [];
      const ys: number[] = [];
      for await (const b of syntheticBatches({ rows: 1000, cols: 4, seed: 3, batchSize })) {
        xs.push(...b.x);
        ys.push(...b.y!);
      }
      return { xs, ys };
    };
    const a = await flat(64);
    const b = await flat(1000);
    expect(a).toEqual(b);
    expect(new Set(a.ys)).toEqual(new Set([0, 1]));
    const reg = await syntheticBatches({ rows: 10, task: 'regression', seed: 1 }).toArray();
    expect(reg[0]!.y).toBeInstanceOf(Float64Array);
  });
});
