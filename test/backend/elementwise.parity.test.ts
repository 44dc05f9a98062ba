import { describe, it } from 'vitest';
import type { BinaryKernelName, UnaryKernelName } from '../../src/backend/kernels.js';
import { Tensor } from '../../src/tensor/Tensor.js';
import { Random } from '../../src/util/random.js';
import { expectIdentical, expectParity, ints, REF, SEED, uniform, WASM } from './parityHelpers.js';

/** Values every element-wise kernel must treat as the reference does. */
const SPECIALS = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1e-7,
  -1e-7,
  1e-40,
  -1e-40,
  20,
  -20,
  88,
  -88,
  100,
  -104,
  NaN,
  Infinity,
  -Infinity,
];

/** A random float32 tensor in [lo, hi) of `n` elements, followed by the special values. */
function withSpecials(rng: Random, n: number, lo: number, hi: number): Tensor {
  const data = new Float32Array(n + SPECIALS.length);
  for (let i = 0; i < n; i++) data[i] = lo + (hi - lo) * rng.uniform();
  data.set(SPECIALS, n);
  return new Tensor(data, [data.length]);
}

const UNARY: { name: UnaryKernelName; lo: number; hi: number }[] = [
  { name: 'Neg', lo: -10, hi: 10 },
  { name: 'Abs', lo: -10, hi: 10 },
  { name: 'Sign', lo: -10, hi: 10 },
  { name: 'Exp', lo: -100, hi: 90 },
  { name: 'Log', lo: 1e-6, hi: 1e6 },
  { name: 'Log1p', lo: -0.999, hi: 100 },
  { name: 'Sqrt', lo: 0, hi: 1e4 },
  { name: 'Square', lo: -100, hi: 100 },
  { name: 'Reciprocal', lo: -10, hi: 10 },
  { name: 'Tanh', lo: -12, hi: 12 },
  { name: 'Sigmoid', lo: -110, hi: 110 },
  { name: 'Relu', lo: -10, hi: 10 },
  { name: 'Softplus', lo: -110, hi: 110 },
  { name: 'Sin', lo: -100, hi: 100 },
  { name: 'Cos', lo: -100, hi: 100 },
];

const BINARY: BinaryKernelName[] = [
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
  'Maximum',
  'Minimum',
  'Equal',
  'NotEqual',
  'Less',
  'LessEqual',
  'Greater',
  'GreaterEqual',
];

/** Broadcast pairs: same shape, row, column, scalar, 3-D both ways, and lengths off the 4-lane grid. */
const BROADCASTS: [number[], number[]][] = [
  [[17], [17]],
  [
    [33, 65],
    [33, 65],
  ],
  [[6, 17], [17]],
  [
    [6, 17],
    [6, 1],
  ],
  [[3], []],
  [[], [5]],
  [
    [2, 1, 5],
    [3, 1],
  ],
  [
    [4, 3, 1, 7],
    [1, 3, 5, 1],
  ],
  [
    [1, 1],
    [3, 3],
  ],
  [[300, 513], [513]],
];

describe(`element-wise kernels match the reference (float32, rel. error <= 1e-5; seed ${SEED})`, () => {
  const rng = new Random(SEED);

  it.each(UNARY)('$name on random values and special values', ({ name, lo, hi }) => {
    for (const n of [1, 3, 4, 17, 1000, 40_000]) {
      const x = withSpecials(rng, n, lo, hi);
      expectParity(WASM[name](x), REF[name](x), `${name} n=${n}`);
    }
  });

  it('LeakyRelu, Elu and Clip with their parameters', () => {
    for (const n of [3, 17, 1000, 40_000]) {
      const x = withSpecials(rng, n, -30, 30);
      for (const alpha of [0.2, 0.01, 1.5]) {
        expectParity(WASM.LeakyRelu(x, alpha), REF.LeakyRelu(x, alpha), `LeakyRelu alpha=${alpha}`);
        expectParity(WASM.Elu(x, alpha), REF.Elu(x, alpha), `Elu alpha=${alpha}`);
      }
      expectParity(WASM.Clip(x, -1, 2.5), REF.Clip(x, -1, 2.5), 'Clip');
      expectParity(WASM.Clip(x, 0, 0), REF.Clip(x, 0, 0), 'Clip to a point');
    }
  });

  it.each(BINARY)('%s over broadcast shapes', (name) => {
    for (const [sa, sb] of BROADCASTS) {
      // Pow needs a positive base for real results; negative bases still go through the special values below.
      const a = name === 'Pow' ? uniform(rng, sa, 0, 4) : uniform(rng, sa, -3, 3);
      const b = uniform(rng, sb, -3, 3);
      expectParity(WASM[name](a, b), REF[name](a, b), `${name} [${sa}] [${sb}]`);
      expectParity(WASM[name](b, a), REF[name](b, a), `${name} [${sb}] [${sa}]`);
    }
  });

  it.each(BINARY)('%s on every pair of special values, and on equal values', (name) => {
    const n = SPECIALS.length;
    const a = new Tensor(Float32Array.from(SPECIALS), [n, 1]);
    const b = new Tensor(Float32Array.from(SPECIALS), [1, n]);
    expectParity(WASM[name](a, b), REF[name](a, b), `${name} specials`);
    const x = uniform(rng, [50], -2, 2);
    expectParity(WASM[name](x, x), REF[name](x, x), `${name} x with itself`);
  });

  it('int32 and float64 inputs fall back to the reference kernels', () => {
    const i = ints(rng, [7, 5], 9);
    const j = ints(rng, [5], 9);
    expectIdentical(WASM.Add(i, j), REF.Add(i, j), 'Add int32');
    expectIdentical(
      WASM.Div(i, new Tensor(Int32Array.from([2]), [])),
      REF.Div(i, new Tensor(Int32Array.from([2]), [])),
      'Div int32',
    );
    const d = new Tensor(Float64Array.from([0.1, -2, 3.5]), [3]);
    expectIdentical(WASM.Exp(d), REF.Exp(d), 'Exp float64');
    expectIdentical(WASM.Mul(d, d), REF.Mul(d, d), 'Mul float64');
  });

  it('Where picks by a float32 or int32 condition, all three broadcasting', () => {
    const a = uniform(rng, [4, 1, 17]);
    const b = uniform(rng, [3, 1]);
    const condF = new Tensor(Float32Array.from([0, -0, 1, NaN, -2, 0.5]).subarray(0, 3), [3, 1]);
    const condI = ints(rng, [4, 3, 17], 2);
    expectIdentical(WASM.Where(condF, a, b), REF.Where(condF, a, b), 'Where float condition');
    expectIdentical(WASM.Where(condI, a, b), REF.Where(condI, a, b), 'Where int condition');
    const ia = ints(rng, [5, 6], 100);
    const ib = ints(rng, [6], 100);
    const c = uniform(rng, [5, 1]);
    expectIdentical(WASM.Where(c, ia, ib), REF.Where(c, ia, ib), 'Where on int32 values');
    const big = uniform(rng, [400, 400]);
    const bigCond = REF.Greater(big, new Tensor(Float32Array.from([0]), []));
    const other = uniform(rng, [400]);
    expectIdentical(WASM.Where(bigCond, big, other), REF.Where(bigCond, big, other), 'Where large (threads)');
  });

  it('Cast converts exactly as the reference does', () => {
    const x = withSpecials(rng, 200, -3e9, 3e9);
    for (const dtype of ['int32', 'float32', 'float64'] as const) {
      expectIdentical(WASM.Cast(x, dtype), REF.Cast(x, dtype), `Cast float32 → ${dtype}`);
    }
    const i = ints(rng, [40], 1000);
    expectIdentical(WASM.Cast(i, 'float32'), REF.Cast(i, 'float32'), 'Cast int32 → float32');
    const d = new Tensor(Float64Array.from([1e40, -1e-50, 0.1, 2 ** 31 + 0.5, -(2 ** 33), NaN]), [6]);
    expectIdentical(WASM.Cast(d, 'float32'), REF.Cast(d, 'float32'), 'Cast float64 → float32');
    expectIdentical(WASM.Cast(d, 'int32'), REF.Cast(d, 'int32'), 'Cast float64 → int32');
  });
});
