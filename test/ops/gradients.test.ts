import { afterAll, beforeAll, describe, it } from 'vitest';
import * as L from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { testBackends, useBackend } from '../helpers/backends.js';
import { gradCheck, leaf, randLeaf } from '../helpers/gradcheck.js';

/**
 * Finite-difference gradient checks in float64 for every differentiable op: broadcasting, reductions over
 * axes, conv2d with strides and both paddings, pooling, softmax, gather. Inputs are seeded and kept away
 * from kinks (|x| = 0, ties) where the derivative is not defined.
 */

type Case = [
  name: string,
  f: (...xs: Tensor[]) => Tensor,
  inputs: () => Tensor[],
  options?: Parameters<typeof gradCheck>[2],
];

/** Values in ±[0.2, 1.2] so no element sits at a kink of abs, relu and friends. */
function awayFromZero(shape: number[], seed: number): Tensor {
  const t = randLeaf(shape, seed, 0.2, 1.2);
  const d = t.data as Float64Array;
  for (let i = 0; i < d.length; i += 2) d[i] = -(d[i] as number);
  return t;
}

const positive = (shape: number[], seed: number): Tensor => randLeaf(shape, seed, 0.5, 2);

const unaryCases: Case[] = [
  ['neg', L.neg, () => [randLeaf([2, 3], 1)]],
  ['abs', L.abs, () => [awayFromZero([2, 3], 2)]],
  ['exp', L.exp, () => [randLeaf([2, 3], 3)]],
  ['log', L.log, () => [positive([2, 3], 4)]],
  ['log1p', L.log1p, () => [positive([2, 3], 5)]],
  ['sqrt', L.sqrt, () => [positive([2, 3], 6)]],
  ['square', L.square, () => [randLeaf([2, 3], 7)]],
  ['reciprocal', L.reciprocal, () => [positive([2, 3], 8)]],
  ['tanh', L.tanh, () => [randLeaf([2, 3], 9, -2, 2)]],
  ['sigmoid', L.sigmoid, () => [randLeaf([2, 3], 10, -4, 4)]],
  ['relu', L.relu, () => [awayFromZero([2, 3], 11)]],
  ['softplus', L.softplus, () => [randLeaf([2, 3], 12, -3, 3)]],
  ['sin', L.sin, () => [randLeaf([2, 3], 13, -3, 3)]],
  ['cos', L.cos, () => [randLeaf([2, 3], 14, -3, 3)]],
  ['leakyRelu', (x) => L.leakyRelu(x, 0.1), () => [awayFromZero([2, 3], 15)]],
  ['elu', (x) => L.elu(x, 0.7), () => [awayFromZero([2, 3], 16)]],
  ['clip', (x) => L.clip(x, -0.5, 0.5), () => [leaf([-0.9, -0.3, 0.1, 0.45, 0.7, -0.6], [2, 3])]],
];

const broadcastPairs: [string, number[], number[]][] = [
  ['same shape', [2, 3], [2, 3]],
  ['row vector', [2, 3], [3]],
  ['column against row', [2, 1, 3], [4, 1]],
  ['scalar', [], [2, 3]],
];

const binaryOps: [string, (a: Tensor, b: Tensor) => Tensor, (s: number[], seed: number) => Tensor][] = [
  ['add', L.add, randLeaf],
  ['sub', L.sub, randLeaf],
  ['mul', L.mul, randLeaf],
  ['div', L.div, positive],
  ['pow', L.pow, positive],
  ['maximum', L.maximum, randLeaf],
  ['minimum', L.minimum, randLeaf],
];

const binaryCases: Case[] = binaryOps.flatMap(([name, op, make]) =>
  broadcastPairs.map(([label, sa, sb], i): Case => [
    `${name} (${label})`,
    op,
    () => [make(sa, 20 + i), make(sb, 40 + i)],
  ]),
);

const reduceCases: Case[] = [
  ['sum (all)', (x) => L.sum(x), () => [randLeaf([2, 3, 4], 60)]],
  ['sum (axis 1)', (x) => L.sum(x, 1), () => [randLeaf([2, 3, 4], 61)]],
  ['sum (axes [0, 2], keepDims)', (x) => L.sum(x, [0, 2], { keepDims: true }), () => [randLeaf([2, 3, 4], 62)]],
  ['mean (axis -1)', (x) => L.mean(x, -1), () => [randLeaf([2, 3, 4], 63)]],
  ['max (axis 0)', (x) => L.max(x, 0), () => [randLeaf([3, 4], 64)]],
  ['max (all)', (x) => L.max(x), () => [randLeaf([3, 4], 65)]],
  ['min (axis 1, keepDims)', (x) => L.min(x, 1, { keepDims: true }), () => [randLeaf([3, 4], 66)]],
  ['prod (axis 1)', (x) => L.prod(x, 1), () => [randLeaf([3, 4], 67)]],
  ['prod (with one zero)', (x) => L.prod(x, 1), () => [leaf([0, 2, 3, 0.5, 0.25, -1], [2, 3])]],
  ['prod (with two zeros)', (x) => L.prod(x, 0), () => [leaf([0, 2, 0, 0.5, 0.25, -1], [3, 2])]],
  ['logSumExp (axis 1)', (x) => L.logSumExp(x, 1), () => [randLeaf([3, 4], 68, -3, 3)]],
  ['logSumExp (all, keepDims)', (x) => L.logSumExp(x, undefined, { keepDims: true }), () => [randLeaf([3, 4], 69)]],
  ['variance (axis 0)', (x) => L.variance(x, 0), () => [randLeaf([4, 3], 70)]],
  ['variance (all, ddof 1)', (x) => L.variance(x, undefined, { ddof: 1 }), () => [randLeaf([4, 3], 71)]],
];

const matmulCases: Case[] = [
  ['matmul', (a, b) => L.matmul(a, b), () => [randLeaf([3, 4], 80), randLeaf([4, 5], 81)]],
  [
    'matmul transposeA',
    (a, b) => L.matmul(a, b, { transposeA: true }),
    () => [randLeaf([4, 3], 82), randLeaf([4, 5], 83)],
  ],
  [
    'matmul transposeB',
    (a, b) => L.matmul(a, b, { transposeB: true }),
    () => [randLeaf([3, 4], 84), randLeaf([5, 4], 85)],
  ],
  [
    'matmul transposeA and transposeB',
    (a, b) => L.matmul(a, b, { transposeA: true, transposeB: true }),
    () => [randLeaf([4, 3], 86), randLeaf([5, 4], 87)],
  ],
  [
    'matmul batched with broadcast batch',
    (a, b) => L.matmul(a, b),
    () => [randLeaf([2, 3, 4], 88), randLeaf([4, 2], 89)],
  ],
  [
    'matmul batched, both broadcast, transposed',
    (a, b) => L.matmul(a, b, { transposeB: true }),
    () => [randLeaf([2, 1, 3, 4], 90), randLeaf([3, 2, 4], 91)],
  ],
];

const softmaxCases: Case[] = [
  ['softmax (last axis)', (x) => L.softmax(x), () => [randLeaf([3, 4], 100, -2, 2)]],
  ['softmax (axis 0)', (x) => L.softmax(x, 0), () => [randLeaf([3, 4], 101, -2, 2)]],
  ['logSoftmax (last axis)', (x) => L.logSoftmax(x), () => [randLeaf([3, 4], 102, -2, 2)]],
  ['logSoftmax (axis 1 of 3)', (x) => L.logSoftmax(x, 1), () => [randLeaf([2, 3, 2], 103, -2, 2)]],
];

const convCases: Case[] = [
  [
    'conv2d stride 1, valid',
    (x, f) => L.conv2d(x, f),
    () => [randLeaf([2, 5, 5, 2], 110), randLeaf([3, 3, 2, 3], 111)],
  ],
  [
    'conv2d stride 2, same',
    (x, f) => L.conv2d(x, f, { strides: 2, padding: 'same' }),
    () => [randLeaf([1, 6, 7, 2], 112), randLeaf([3, 3, 2, 2], 113)],
  ],
  [
    'conv2d stride 2, valid',
    (x, f) => L.conv2d(x, f, { strides: 2, padding: 'valid' }),
    () => [randLeaf([2, 7, 6, 1], 114), randLeaf([3, 2, 1, 2], 115)],
  ],
  [
    'conv2d stride 1, same, even kernel',
    (x, f) => L.conv2d(x, f, { padding: 'same' }),
    () => [randLeaf([1, 4, 5, 2], 116), randLeaf([2, 2, 2, 2], 117)],
  ],
  [
    'conv2d dilation 2',
    (x, f) => L.conv2d(x, f, { dilations: 2, padding: 'same' }),
    () => [randLeaf([1, 6, 6, 1], 118), randLeaf([3, 3, 1, 2], 119)],
  ],
  [
    'conv2d explicit padding, strides [2, 1]',
    (x, f) => L.conv2d(x, f, { strides: [2, 1], padding: [1, 0, 2, 1] }),
    () => [randLeaf([1, 5, 4, 2], 120), randLeaf([2, 3, 2, 2], 121)],
  ],
];

const poolCases: Case[] = [
  ['maxPool2d 2x2 stride 2, valid', (x) => L.maxPool2d(x), () => [randLeaf([2, 4, 5, 2], 130)]],
  [
    'maxPool2d 3x3 stride 2, same',
    (x) => L.maxPool2d(x, { poolSize: 3, strides: 2, padding: 'same' }),
    () => [randLeaf([1, 5, 6, 2], 131)],
  ],
  [
    'maxPool2d 2x2 stride 1 (overlapping)',
    (x) => L.maxPool2d(x, { poolSize: 2, strides: 1 }),
    () => [randLeaf([1, 4, 4, 1], 132)],
  ],
  ['avgPool2d 2x2 stride 2, valid', (x) => L.avgPool2d(x), () => [randLeaf([2, 4, 5, 2], 133)]],
  [
    'avgPool2d 3x3 stride 2, same',
    (x) => L.avgPool2d(x, { poolSize: 3, strides: 2, padding: 'same' }),
    () => [randLeaf([1, 5, 6, 2], 134)],
  ],
  [
    'avgPool2d 2x3 stride 1, same',
    (x) => L.avgPool2d(x, { poolSize: [2, 3], strides: 1, padding: 'same' }),
    () => [randLeaf([1, 3, 4, 1], 135)],
  ],
];

const shapeCases: Case[] = [
  ['reshape', (x) => L.reshape(x, [3, -1]), () => [randLeaf([2, 3, 2], 140)]],
  ['flatten', (x) => L.flatten(x), () => [randLeaf([2, 3, 2], 141)]],
  ['squeeze', (x) => L.squeeze(x), () => [randLeaf([2, 1, 3], 142)]],
  ['expandDims', (x) => L.expandDims(x, -1), () => [randLeaf([2, 3], 143)]],
  ['transpose (matrix)', (x) => L.transpose(x), () => [randLeaf([2, 3], 144)]],
  ['transpose / permute (rank 3)', (x) => L.permute(x, [2, 0, 1]), () => [randLeaf([2, 3, 4], 145)]],
  ['slice', (x) => L.slice(x, [1, 0, 1], [1, -1, 2]), () => [randLeaf([2, 3, 4], 146)]],
  ['concat (axis 1)', (a, b) => L.concat([a, b], 1), () => [randLeaf([2, 3], 147), randLeaf([2, 2], 148)]],
  ['stack (axis 1)', (a, b) => L.stack([a, b], 1), () => [randLeaf([2, 3], 149), randLeaf([2, 3], 150)]],
  ['split (uneven sizes)', (x) => L.mul(L.split(x, [1, -1], 1)[1] as Tensor, 2), () => [randLeaf([2, 4], 151)]],
  [
    'pad',
    (x) =>
      L.pad(
        x,
        [
          [1, 0],
          [2, 1],
        ],
        3,
      ),
    () => [randLeaf([2, 3], 152)],
  ],
  ['broadcastTo', (x) => L.broadcastTo(x, [4, 2, 3]), () => [randLeaf([2, 1], 153)]],
  ['gather (axis 0, repeated indices)', (x) => L.gather(x, [2, 0, 2, 1]), () => [randLeaf([3, 4], 154)]],
  [
    'gather (axis 1, 2-D indices)',
    (x) =>
      L.gather(
        x,
        L.tensor(
          [
            [0, 3],
            [3, 3],
          ],
          undefined,
          'int32',
        ),
        1,
      ),
    () => [randLeaf([2, 4, 2], 155)],
  ],
  ['scatterAdd', (u) => L.scatterAdd(u, [1, 1, 0], 0, [3, 2]), () => [randLeaf([3, 2], 156)]],
  [
    'where (broadcast condition)',
    (a, b) => L.where(L.tensor([1, 0, 1], undefined, 'int32'), a, b),
    () => [randLeaf([2, 3], 157), randLeaf([3], 158)],
  ],
  [
    'cast round trip',
    (x) => L.cast(L.cast(x, 'float32'), 'float64'),
    () => [randLeaf([2, 3], 159)],
    { h: 1e-2, rtol: 1e-3 },
  ],
];

const compositeCases: Case[] = [
  [
    'two-layer network with cross-entropy',
    (x, w1, b1, w2) => {
      const h = L.relu(L.add(L.matmul(x, w1), b1));
      const logp = L.logSoftmax(L.matmul(h, w2));
      const picked = L.gather(L.reshape(logp, [-1]), [0 * 3 + 2, 1 * 3 + 0, 2 * 3 + 1, 3 * 3 + 2]);
      return L.neg(L.mean(picked));
    },
    () => [randLeaf([4, 5], 170), randLeaf([5, 6], 171), randLeaf([6], 172), randLeaf([6, 3], 173)],
  ],
  ['tensor used twice (gradients accumulate)', (x) => L.mul(L.tanh(x), L.exp(x)), () => [randLeaf([3], 174)]],
];

const fusedCases: Case[] = [
  [
    'biasActivation relu over the last axis (Dense shape)',
    (x, b) => L.biasActivation(x, b, 'relu'),
    () => [awayFromZero([3, 4], 180), randLeaf([4], 181, -0.05, 0.05)],
  ],
  [
    'biasActivation relu on NHWC (Conv2D shape)',
    (x, b) => L.biasActivation(x, b, 'relu'),
    () => [awayFromZero([2, 2, 3, 5], 182), randLeaf([5], 183, -0.05, 0.05)],
  ],
  [
    'biasActivation linear',
    (x, b) => L.biasActivation(x, b, 'linear'),
    () => [randLeaf([2, 3, 4], 184), randLeaf([4], 185)],
  ],
  ['biasActivation relu without a bias', (x) => L.biasActivation(x, null, 'relu'), () => [awayFromZero([3, 4], 186)]],
  [
    'conv2dBiasActivation relu, stride 1, valid',
    (x, f, b) => L.conv2dBiasActivation(x, f, b, 'relu'),
    () => [randLeaf([2, 5, 5, 2], 187), randLeaf([3, 3, 2, 3], 188), randLeaf([3], 189, -0.05, 0.05)],
  ],
  [
    'conv2dBiasActivation linear, stride 2, same',
    (x, f, b) => L.conv2dBiasActivation(x, f, b, 'linear', { strides: 2, padding: 'same' }),
    () => [randLeaf([1, 5, 4, 2], 190), randLeaf([3, 2, 2, 3], 191), randLeaf([3], 192)],
  ],
  [
    'conv2dBiasActivation relu without a bias',
    (x, f) => L.conv2dBiasActivation(x, f, null, 'relu'),
    () => [randLeaf([1, 4, 4, 2], 193), randLeaf([2, 2, 2, 3], 194)],
  ],
];

const allCases: [string, Case[]][] = [
  ['fused bias + activation', fusedCases],
  ['element-wise unary', unaryCases],
  ['element-wise binary with broadcasting', binaryCases],
  ['reductions', reduceCases],
  ['matmul', matmulCases],
  ['softmax', softmaxCases],
  ['conv2d', convCases],
  ['pooling', poolCases],
  ['shape ops', shapeCases],
  ['composites', compositeCases],
];

describe.each(testBackends())('gradient checks on the %s backend', (backend) => {
  let restore: () => void;
  beforeAll(() => {
    restore = useBackend(backend);
  });
  afterAll(() => restore());

  for (const [group, cases] of allCases) {
    describe(group, () => {
      for (const [name, f, inputs, options] of cases) {
        it(`${name}: autograd matches central differences`, () => gradCheck(f, inputs(), options));
      }
    });
  }
});
