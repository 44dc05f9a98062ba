import { describe, it } from 'vitest';
import { Tensor } from '../../src/tensor/Tensor.js';
import { Random } from '../../src/util/random.js';
import {
  abs,
  convGeometry,
  expectIdentical,
  expectParity,
  type PadMode,
  poolGeometry,
  REF,
  SEED,
  uniform,
  WASM,
} from './parityHelpers.js';

interface ConvCase {
  x: [number, number, number, number];
  k: [number, number];
  f: number;
  strides: [number, number];
  dilations: [number, number];
  padding: PadMode;
}

/** Channel counts 1, 3, 4, 8 (vector and scalar packing paths), odd images, stride 2, dilation, both paddings. */
const CONVS: ConvCase[] = [
  { x: [2, 7, 9, 1], k: [3, 3], f: 5, strides: [1, 1], dilations: [1, 1], padding: 'valid' },
  { x: [2, 7, 9, 1], k: [3, 3], f: 8, strides: [1, 1], dilations: [1, 1], padding: 'same' },
  { x: [1, 11, 10, 3], k: [3, 3], f: 17, strides: [2, 2], dilations: [1, 1], padding: 'same' },
  { x: [3, 9, 9, 4], k: [3, 3], f: 8, strides: [2, 2], dilations: [1, 1], padding: 'valid' },
  { x: [2, 8, 8, 8], k: [5, 5], f: 16, strides: [1, 1], dilations: [1, 1], padding: 'same' },
  { x: [2, 13, 12, 8], k: [2, 3], f: 3, strides: [1, 2], dilations: [1, 1], padding: 'same' },
  { x: [1, 12, 12, 4], k: [3, 3], f: 4, strides: [1, 1], dilations: [2, 2], padding: 'same' },
  { x: [2, 6, 6, 5], k: [1, 1], f: 7, strides: [1, 1], dilations: [1, 1], padding: 'valid' },
  { x: [1, 5, 5, 2], k: [3, 3], f: 3, strides: [1, 1], dilations: [1, 1], padding: [3, 0, 1, 4] },
  // MNIST-CNN-like layer, large enough to run on every thread.
  { x: [8, 13, 13, 32], k: [3, 3], f: 64, strides: [1, 1], dilations: [1, 1], padding: 'valid' },
];

const label = (c: ConvCase): string =>
  `x [${c.x}] ${c.k[0]}×${c.k[1]}→${c.f} stride ${c.strides} dilation ${c.dilations} ${JSON.stringify(c.padding)}`;

describe(`convolution kernels match the reference (error <= 1e-4 of Σ|x||w|; seed ${SEED})`, () => {
  const rng = new Random(SEED);

  it.each(CONVS.map((c) => [label(c), c] as const))('Conv2D and both gradients: %s', (_, c) => {
    const x = uniform(rng, c.x);
    const filter = uniform(rng, [c.k[0], c.k[1], c.x[3], c.f]);
    const g = convGeometry(c.x, c.k, c.strides, c.dilations, c.padding);
    const y = REF.Conv2D(x, filter, g);
    expectParity(WASM.Conv2D(x, filter, g), y, 'Conv2D', 1e-4, REF.Conv2D(abs(x), abs(filter), g));
    const dy = uniform(rng, y.shape);
    expectParity(
      WASM.Conv2DBackpropInput(dy, filter, x.shape, g),
      REF.Conv2DBackpropInput(dy, filter, x.shape, g),
      'Conv2DBackpropInput',
      1e-4,
      REF.Conv2DBackpropInput(abs(dy), abs(filter), x.shape, g),
    );
    expectParity(
      WASM.Conv2DBackpropFilter(x, dy, filter.shape, g),
      REF.Conv2DBackpropFilter(x, dy, filter.shape, g),
      'Conv2DBackpropFilter',
      1e-4,
      REF.Conv2DBackpropFilter(abs(x), abs(dy), filter.shape, g),
    );
  });

  it('float64 convolutions fall back to the reference', () => {
    const x = new Tensor(
      Float64Array.from({ length: 2 * 5 * 5 * 2 }, (_, i) => Math.sin(i)),
      [2, 5, 5, 2],
    );
    const f = new Tensor(
      Float64Array.from({ length: 3 * 3 * 2 * 3 }, (_, i) => Math.cos(i)),
      [3, 3, 2, 3],
    );
    const g = convGeometry(x.shape, [3, 3], [1, 1], [1, 1], 'same');
    expectIdentical(WASM.Conv2D(x, f, g), REF.Conv2D(x, f, g), 'Conv2D float64');
  });
});

interface PoolCase {
  x: [number, number, number, number];
  pool: [number, number];
  strides: [number, number];
  padding: PadMode;
}

/** Channels 1, 3, 4, 6, 17 (tail lanes), overlapping and disjoint windows, both paddings. */
const POOLS: PoolCase[] = [
  { x: [2, 8, 8, 4], pool: [2, 2], strides: [2, 2], padding: 'valid' },
  { x: [2, 9, 7, 3], pool: [2, 2], strides: [2, 2], padding: 'same' },
  { x: [1, 9, 9, 6], pool: [3, 3], strides: [2, 2], padding: 'same' },
  { x: [3, 7, 8, 17], pool: [3, 3], strides: [1, 1], padding: 'same' },
  { x: [2, 6, 11, 1], pool: [2, 3], strides: [1, 2], padding: 'valid' },
  { x: [1, 4, 4, 4], pool: [2, 2], strides: [2, 2], padding: [0, 3, 3, 0] },
  { x: [16, 26, 26, 32], pool: [2, 2], strides: [2, 2], padding: 'valid' },
];

const poolLabel = (c: PoolCase): string => `x [${c.x}] pool ${c.pool} stride ${c.strides} ${JSON.stringify(c.padding)}`;

describe(`pooling kernels match the reference (seed ${SEED})`, () => {
  const rng = new Random(SEED);

  it.each(POOLS.map((c) => [poolLabel(c), c] as const))('max and average pooling, forward and backward: %s', (_, c) => {
    const x = uniform(rng, c.x);
    const g = poolGeometry(c.x, c.pool, c.strides, c.padding);
    const y = REF.MaxPool2D(x, g);
    expectIdentical(WASM.MaxPool2D(x, g), y, 'MaxPool2D');
    const dy = uniform(rng, y.shape);
    expectParity(
      WASM.MaxPool2DGrad(x, dy, g),
      REF.MaxPool2DGrad(x, dy, g),
      'MaxPool2DGrad',
      1e-5,
      REF.MaxPool2DGrad(x, abs(dy), g),
    );
    expectParity(WASM.AvgPool2D(x, g), REF.AvgPool2D(x, g), 'AvgPool2D', 1e-5, REF.AvgPool2D(abs(x), g));
    expectParity(
      WASM.AvgPool2DGrad(dy, x.shape, g),
      REF.AvgPool2DGrad(dy, x.shape, g),
      'AvgPool2DGrad',
      1e-5,
      REF.AvgPool2DGrad(abs(dy), x.shape, g),
    );
  });

  it('max pooling routes each gradient to the first maximum when values tie', () => {
    // Small integers make ties in most windows; the reference scans rows then columns and keeps the first.
    const x = new Tensor(
      Float32Array.from({ length: 2 * 6 * 6 * 5 }, () => rng.int(3)),
      [2, 6, 6, 5],
    );
    for (const c of [
      { pool: [2, 2], strides: [2, 2] },
      { pool: [3, 3], strides: [1, 1] },
    ] as const) {
      const g = poolGeometry(x.shape, [...c.pool], [...c.strides], 'same');
      const dy = uniform(rng, REF.MaxPool2D(x, g).shape);
      expectIdentical(WASM.MaxPool2D(x, g), REF.MaxPool2D(x, g), 'MaxPool2D ties');
      expectIdentical(WASM.MaxPool2DGrad(x, dy, g), REF.MaxPool2DGrad(x, dy, g), 'MaxPool2DGrad ties');
    }
  });

  it('NaN in a window: max pooling keeps the reference rule (a first NaN wins, a later one is skipped)', () => {
    const x = new Tensor(Float32Array.from([NaN, 1, 2, 3, 4, NaN, 6, 7, 8, 9, 10, 11, 12, 13, 14, NaN]), [1, 4, 4, 1]);
    const g = poolGeometry(x.shape, [2, 2], [2, 2], 'valid');
    expectIdentical(WASM.MaxPool2D(x, g), REF.MaxPool2D(x, g), 'MaxPool2D NaN');
  });
});
