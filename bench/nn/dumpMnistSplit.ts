/**
 * Writes the MNIST example's train/test split (examples/mnist-cnn.ts, same seed) as raw little-endian files for
 * bench/nn/torchMnistAccuracy.py: <dir>/x.f32 (rows × 784 floats in [0, 1]) and <dir>/y.i32, rows in the order
 * of `loadMnist({ shuffle: true, seed })` (the first 8,000 train, the last 2,000 test).
 *
 * Run: npx tsx bench/nn/dumpMnistSplit.ts <dir> [seed=1]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMnist } from '../../src/data/datasets/loadMnist.js';

const dir = process.argv[2] ?? 'mnist-split';
const seed = Number(process.argv[3] ?? 1);
const { x, y } = await loadMnist({ shuffle: true, seed });
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'x.f32'), new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
writeFileSync(join(dir, 'y.i32'), new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
console.log(`wrote ${y.length} digits (split seed ${seed}) to ${dir}`);
