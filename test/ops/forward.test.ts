import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as L from '../../src/index.js';
import { testBackends, useBackend } from '../helpers/backends.js';
import { expectTensor } from '../helpers/expectClose.js';

/** Known answers for every op's forward pass, computed by hand or from the definitions cited. */
describe.each(testBackends())('forward values on the %s backend', (backend) => {
  let restore: () => void;
  beforeAll(() => {
    restore = useBackend(backend);
  });
  afterAll(() => restore());

  describe('creation', () => {
    it('tensor infers shape from nesting and defaults to float32', () => {
      const t = L.tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      expect(t.dtype).toBe('float32');
      expect(t.shape).toEqual([2, 3]);
      expect(t.toArray()).toEqual([
        [1, 2, 3],
        [4, 5, 6],
      ]);
    });
    it('tensor takes a typed array with its dtype and copies it', () => {
      const src = new Float64Array([1, 2, 3, 4]);
      const t = L.tensor(src, [2, 2]);
      src[0] = 99;
      expect(t.dtype).toBe('float64');
      expect(t.toArray()).toEqual([
        [1, 2],
        [3, 4],
      ]);
    });
    it('scalar, zeros, ones, full, zerosLike, onesLike', () => {
      expect(L.scalar(3).shape).toEqual([]);
      expect(L.scalar(3).item()).toBe(3);
      expect(L.zeros([2, 2]).toFlatArray()).toEqual([0, 0, 0, 0]);
      expect(L.ones([3], 'int32').toFlatArray()).toEqual([1, 1, 1]);
      expect(L.full([2], 7, 'float64').toFlatArray()).toEqual([7, 7]);
      const f = L.full([2, 1], 2.5, 'float64');
      expect(L.zerosLike(f).dtype).toBe('float64');
      expect(L.onesLike(f).toFlatArray()).toEqual([1, 1]);
    });
    it('arange follows NumPy: [start, stop) by step, one argument is stop', () => {
      expect(L.arange(4).toFlatArray()).toEqual([0, 1, 2, 3]);
      expect(L.arange(1, 2, 0.25, 'float64').toFlatArray()).toEqual([1, 1.25, 1.5, 1.75]);
      expect(L.arange(5, 0, -2, 'int32').toFlatArray()).toEqual([5, 3, 1]);
      expect(L.arange(3, 3).size).toBe(0);
    });
    it('linspace includes both ends', () => {
      expect(L.linspace(0, 1, 5, 'float64').toFlatArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
      expect(L.linspace(2, 3, 1).toFlatArray()).toEqual([2]);
    });
    it('eye puts ones on the diagonal, rectangular too', () => {
      expect(L.eye(2).toArray()).toEqual([
        [1, 0],
        [0, 1],
      ]);
      expect(L.eye(2, 3).toArray()).toEqual([
        [1, 0, 0],
        [0, 1, 0],
      ]);
    });
    it('random tensors are reproducible by seed and have the requested moments', () => {
      const a = L.randomNormal([10000], { seed: 3, mean: 2, std: 0.5, dtype: 'float64' });
      const b = L.randomNormal([10000], { seed: 3, mean: 2, std: 0.5, dtype: 'float64' });
      expect(a.toFlatArray()).toEqual(b.toFlatArray());
      expect(L.mean(a).item()).toBeCloseTo(2, 1);
      expect(Math.sqrt(L.variance(a).item())).toBeCloseTo(0.5, 1);
      const u = L.randomUniform([10000], { seed: 4, min: -1, max: 3, dtype: 'float64' });
      expect(L.min(u).item()).toBeGreaterThanOrEqual(-1);
      expect(L.max(u).item()).toBeLessThan(3);
      expect(L.mean(u).item()).toBeCloseTo(1, 1);
      const ints = L.randomUniform([1000], { seed: 5, min: 0, max: 3, dtype: 'int32' });
      expect(new Set(ints.toFlatArray())).toEqual(new Set([0, 1, 2]));
      expect(L.randomNormal([5], { seed: 1 }).toFlatArray()).not.toEqual(
        L.randomNormal([5], { seed: 2 }).toFlatArray(),
      );
    });
  });

  describe('element-wise', () => {
    it('arithmetic broadcasts a row and a column', () => {
      const a = L.tensor([[1], [2]]);
      const b = L.tensor([10, 20, 30]);
      expectTensor(
        L.add(a, b),
        [
          [11, 21, 31],
          [12, 22, 32],
        ],
        { shape: [2, 3] },
      );
      expectTensor(L.sub(b, a), [
        [9, 19, 29],
        [8, 18, 28],
      ]);
      expectTensor(L.mul(a, b), [
        [10, 20, 30],
        [20, 40, 60],
      ]);
      expectTensor(L.div(b, a), [
        [10, 20, 30],
        [5, 10, 15],
      ]);
      expectTensor(L.pow(a, L.tensor([1, 2, 3])), [
        [1, 1, 1],
        [2, 4, 8],
      ]);
    });
    it('numbers act as scalars of the tensor dtype', () => {
      const t = L.tensor([1, 2], undefined, 'float64');
      expect(L.add(t, 0.5).dtype).toBe('float64');
      expectTensor(L.sub(1, t), [0, -1]);
    });
    it('integer division truncates toward zero', () => {
      const a = L.tensor([7, -7, 6], undefined, 'int32');
      expect(L.div(a, 2).toFlatArray()).toEqual([3, -3, 3]);
    });
    it('maximum, minimum', () => {
      expectTensor(L.maximum(L.tensor([1, 5, 3]), L.tensor([4, 2, 3])), [4, 5, 3]);
      expectTensor(L.minimum(L.tensor([1, 5, 3]), 2), [1, 2, 2]);
    });
    it('unary functions match their definitions', () => {
      const x = L.tensor([-2, -0.5, 0, 0.5, 2], undefined, 'float64');
      const v = [-2, -0.5, 0, 0.5, 2];
      const cases: [L.Tensor, (x: number) => number][] = [
        [L.neg(x), (t) => -t],
        [L.abs(x), Math.abs],
        [L.sign(x), Math.sign],
        [L.exp(x), Math.exp],
        [L.square(x), (t) => t * t],
        [L.tanh(x), Math.tanh],
        [L.sigmoid(x), (t) => 1 / (1 + Math.exp(-t))],
        [L.relu(x), (t) => Math.max(t, 0)],
        [L.softplus(x), (t) => Math.log(1 + Math.exp(t))],
        [L.leakyRelu(x), (t) => (t > 0 ? t : 0.2 * t)],
        [L.elu(x), (t) => (t > 0 ? t : Math.exp(t) - 1)],
        [L.clip(x, -1, 1), (t) => Math.min(1, Math.max(-1, t))],
        [L.sin(x), Math.sin],
        [L.cos(x), Math.cos],
      ];
      for (const [out, f] of cases) expectTensor(out, v.map(f), { rtol: 1e-12, atol: 1e-15 });
      const p = L.tensor([0.25, 1, 4], undefined, 'float64');
      expectTensor(L.log(p), [Math.log(0.25), 0, Math.log(4)], { rtol: 1e-12 });
      expectTensor(L.log1p(p), [Math.log1p(0.25), Math.log(2), Math.log(5)], { rtol: 1e-12 });
      expectTensor(L.sqrt(p), [0.5, 1, 2]);
      expectTensor(L.reciprocal(p), [4, 1, 0.25]);
    });
    it('sigmoid and softplus do not overflow at ±1000', () => {
      const x = L.tensor([-1000, 1000], undefined, 'float64');
      expectTensor(L.sigmoid(x), [0, 1]);
      expectTensor(L.softplus(x), [0, 1000]);
    });
    it('comparisons return int32 0/1 and broadcast', () => {
      const a = L.tensor([1, 2, 3]);
      const b = L.tensor([[2], [3]]);
      const lt = L.less(a, b);
      expect(lt.dtype).toBe('int32');
      expect(lt.toArray()).toEqual([
        [1, 0, 0],
        [1, 1, 0],
      ]);
      expect(L.equal(a, 2).toFlatArray()).toEqual([0, 1, 0]);
      expect(L.notEqual(a, 2).toFlatArray()).toEqual([1, 0, 1]);
      expect(L.lessEqual(a, 2).toFlatArray()).toEqual([1, 1, 0]);
      expect(L.greater(a, 2).toFlatArray()).toEqual([0, 0, 1]);
      expect(L.greaterEqual(a, 2).toFlatArray()).toEqual([0, 1, 1]);
    });
    it('where picks by condition with broadcasting', () => {
      const out = L.where(L.tensor([[1], [0]], undefined, 'int32'), L.tensor([1, 2, 3]), -1);
      expect(out.toArray()).toEqual([
        [1, 2, 3],
        [-1, -1, -1],
      ]);
    });
    it('cast truncates floats toward zero when converting to int32', () => {
      expect(L.cast(L.tensor([1.7, -1.7, 2.5]), 'int32').toFlatArray()).toEqual([1, -1, 2]);
      expect(L.cast(L.tensor([1, 2], undefined, 'int32'), 'float64').dtype).toBe('float64');
    });
  });

  describe('reductions', () => {
    const x = L.tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      undefined,
      'float64',
    );
    it('sum, mean, max, min, prod over all axes and over one axis', () => {
      expect(L.sum(x).item()).toBe(21);
      expectTensor(L.sum(x, 0), [5, 7, 9], { shape: [3] });
      expectTensor(L.sum(x, 1, { keepDims: true }), [[6], [15]], { shape: [2, 1] });
      expectTensor(L.mean(x, -1), [2, 5]);
      expectTensor(L.max(x, 0), [4, 5, 6]);
      expectTensor(L.min(x, 1), [1, 4]);
      expectTensor(L.prod(x, 1), [6, 120]);
      expect(L.sum(x, [0, 1]).shape).toEqual([]);
    });
    it('argmax/argmin return the first index on ties, flattened without an axis', () => {
      const t = L.tensor([
        [3, 1, 3],
        [0, 0, -1],
      ]);
      expect(L.argmax(t, 1).toFlatArray()).toEqual([0, 0]);
      expect(L.argmin(t, 1).toFlatArray()).toEqual([1, 2]);
      expect(L.argmax(t, 0).toFlatArray()).toEqual([0, 0, 0]);
      expect(L.argmax(t).item()).toBe(0);
      expect(L.argmin(t).item()).toBe(5);
      expect(L.argmax(t, 1).dtype).toBe('int32');
    });
    it('logSumExp is stable for large values and handles all −∞', () => {
      const big = L.tensor([1000, 1000], undefined, 'float64');
      expect(L.logSumExp(big).item()).toBeCloseTo(1000 + Math.log(2), 10);
      expect(L.logSumExp(L.tensor([-Infinity, -Infinity], undefined, 'float64')).item()).toBe(-Infinity);
      expectTensor(
        L.logSumExp(x, 1),
        [Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), 6 + Math.log(Math.exp(-2) + Math.exp(-1) + 1)],
        {
          rtol: 1e-12,
        },
      );
    });
    it('variance is the population variance by default, ddof adjusts the divisor', () => {
      expectTensor(L.variance(x, 1), [2 / 3, 2 / 3], { rtol: 1e-12 });
      expectTensor(L.variance(x, 1, { ddof: 1 }), [1, 1], { rtol: 1e-12 });
    });
    it('max propagates NaN like NumPy', () => {
      expect(L.max(L.tensor([1, NaN, 3])).item()).toBeNaN();
    });
  });

  describe('matmul', () => {
    it('multiplies matrices, with each transpose option', () => {
      const a = L.tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]);
      const b = L.tensor([
        [1, 0, 2],
        [0, 1, 3],
      ]);
      expectTensor(
        L.matmul(a, b),
        [
          [1, 2, 8],
          [3, 4, 18],
          [5, 6, 28],
        ],
        { shape: [3, 3] },
      );
      expectTensor(
        L.matmul(b, a),
        [
          [11, 14],
          [18, 22],
        ],
        { shape: [2, 2] },
      );
      expectTensor(L.matmul(a, a, { transposeA: true }), [
        [35, 44],
        [44, 56],
      ]);
      expectTensor(L.matmul(a, a, { transposeB: true }), [
        [5, 11, 17],
        [11, 25, 39],
        [17, 39, 61],
      ]);
      expectTensor(L.matmul(b, a, { transposeA: true, transposeB: true }), [
        [1, 3, 5],
        [2, 4, 6],
        [8, 18, 28],
      ]);
    });
    it('batches over leading axes and broadcasts them', () => {
      const a = L.reshape(L.arange(12), [2, 2, 3]);
      const b = L.eye(3);
      expectTensor(L.matmul(a, b), a.toArray(), { shape: [2, 2, 3] });
      const c = L.matmul(L.ones([3, 1, 2, 4]), L.ones([5, 4, 2]));
      expect(c.shape).toEqual([3, 5, 2, 2]);
      expect(L.sum(c).item()).toBe(3 * 5 * 2 * 2 * 4);
    });
  });

  describe('softmax', () => {
    it('rows sum to one and large logits do not overflow', () => {
      const s = L.softmax(
        L.tensor(
          [
            [1000, 1000, 0],
            [1, 2, 3],
          ],
          undefined,
          'float64',
        ),
      );
      expectTensor(L.sum(s, 1), [1, 1], { rtol: 1e-12 });
      expectTensor(L.slice(s, [0, 0], [1, 3]), [0.5, 0.5, 0], { atol: 1e-300 });
      const e = [1, 2, 3].map(Math.exp);
      const z = e.reduce((p, v) => p + v, 0);
      expectTensor(
        L.slice(s, [1, 0], [1, 3]),
        e.map((v) => v / z),
        { rtol: 1e-12 },
      );
    });
    it('logSoftmax equals log(softmax) and stays finite for large logits', () => {
      const x = L.tensor([[1000, 0, -1000]], undefined, 'float64');
      const ls = L.logSoftmax(x);
      expectTensor(ls, [0, -1000, -2000], { rtol: 1e-12 });
      const y = L.tensor(
        [
          [0.1, 0.2],
          [0.3, -0.4],
        ],
        undefined,
        'float64',
      );
      expectTensor(L.logSoftmax(y, 0), L.log(L.softmax(y, 0)).toFlatArray(), { rtol: 1e-12 });
    });
  });

  describe('conv2d and pooling', () => {
    // 1×3×3×1 image 1..9 and a 2×2 filter [[1, 0], [0, -1]]: each output is x[i][j] − x[i+1][j+1] = −4.
    const img = L.reshape(L.arange(1, 10), [1, 3, 3, 1]);
    const filt = L.reshape(L.tensor([1, 0, 0, -1]), [2, 2, 1, 1]);
    it('valid convolution, stride 1', () => {
      expectTensor(L.conv2d(img, filt), [-4, -4, -4, -4], { shape: [1, 2, 2, 1] });
    });
    it("'same' convolution pads bottom/right for an even kernel, as TensorFlow", () => {
      // Padding (0, 1, 0, 1): the last row/column see zeros below/right.
      expectTensor(L.conv2d(img, filt, { padding: 'same' }), [-4, -4, 3, -4, -4, 6, 7, 8, 9], { shape: [1, 3, 3, 1] });
    });
    it('stride 2 with same padding gives ceil(n / 2) outputs', () => {
      const out = L.conv2d(L.ones([1, 5, 5, 1]), L.ones([3, 3, 1, 1]), { strides: 2, padding: 'same' });
      expectTensor(out, [4, 6, 4, 6, 9, 6, 4, 6, 4], { shape: [1, 3, 3, 1] });
    });
    it('multiple channels sum over input channels per filter', () => {
      const x = L.reshape(L.tensor([1, 10, 2, 20]), [1, 1, 2, 2]);
      const w = L.reshape(L.tensor([1, 0, 1, 1]), [1, 1, 2, 2]); // out0 = c0 + c1, out1 = c1
      expectTensor(L.conv2d(x, w), [11, 10, 22, 20], { shape: [1, 1, 2, 2] });
    });
    it('dilation spreads the window', () => {
      const x = L.reshape(L.arange(1, 17), [1, 4, 4, 1]);
      const w = L.reshape(L.tensor([1, 1, 1, 1]), [2, 2, 1, 1]);
      expectTensor(L.conv2d(x, w, { dilations: 2 }), [
        1 + 3 + 9 + 11,
        2 + 4 + 10 + 12,
        5 + 7 + 13 + 15,
        6 + 8 + 14 + 16,
      ]);
    });
    it('max and average pooling, valid and same', () => {
      const x = L.reshape(L.arange(1, 17), [1, 4, 4, 1]);
      expectTensor(L.maxPool2d(x), [6, 8, 14, 16], { shape: [1, 2, 2, 1] });
      expectTensor(L.avgPool2d(x), [3.5, 5.5, 11.5, 13.5]);
      // 3×3 'same' with stride 2 on 4×4: pads (0, 1, 0, 1); the last window sees 2×2 real values.
      expectTensor(L.avgPool2d(x, { poolSize: 3, strides: 2, padding: 'same' }), [6, 7.5, 12, 13.5]);
      expectTensor(L.maxPool2d(L.neg(x), { poolSize: 3, strides: 2, padding: 'same' }), [-1, -3, -9, -11]);
    });
  });

  describe('shape ops', () => {
    const x = L.reshape(L.arange(6), [2, 3]);
    it('reshape infers -1; squeeze and expandDims add and remove unit axes', () => {
      expect(L.reshape(x, [-1, 2]).shape).toEqual([3, 2]);
      expect(L.expandDims(x, 1).shape).toEqual([2, 1, 3]);
      expect(L.squeeze(L.ones([1, 2, 1])).shape).toEqual([2]);
      expect(L.squeeze(L.ones([1, 2, 1]), 0).shape).toEqual([2, 1]);
      expect(L.flatten(L.ones([2, 3, 4])).shape).toEqual([2, 12]);
    });
    it('transpose reverses axes by default and permutes by perm', () => {
      expect(L.transpose(x).toArray()).toEqual([
        [0, 3],
        [1, 4],
        [2, 5],
      ]);
      const y = L.reshape(L.arange(24), [2, 3, 4]);
      const p = L.permute(y, [1, 2, 0]);
      expect(p.shape).toEqual([3, 4, 2]);
      expect(p.toArray()).toEqual([0, 1, 2].map((i) => [0, 1, 2, 3].map((j) => [0, 1].map((k) => k * 12 + i * 4 + j))));
    });
    it('slice takes blocks, with -1 to the end and negative begins', () => {
      expect(L.slice(x, [0, 1], [2, 2]).toArray()).toEqual([
        [1, 2],
        [4, 5],
      ]);
      expect(L.slice(x, [1]).toArray()).toEqual([[3, 4, 5]]);
      expect(L.slice(x, [0, -1], [-1, 1]).toArray()).toEqual([[2], [5]]);
    });
    it('concat, stack and split are inverse operations', () => {
      const c = L.concat([x, L.full([2, 1], 9)], 1);
      expect(c.toArray()).toEqual([
        [0, 1, 2, 9],
        [3, 4, 5, 9],
      ]);
      expect(L.stack([x, x]).shape).toEqual([2, 2, 3]);
      expect(L.stack([x, x], -1).shape).toEqual([2, 3, 2]);
      const parts = L.split(c, [3, 1], 1);
      expect(parts.map((p) => p.toArray())).toEqual([x.toArray(), [[9], [9]]]);
      expect(L.split(L.arange(6), 3).map((p) => p.toFlatArray())).toEqual([
        [0, 1],
        [2, 3],
        [4, 5],
      ]);
    });
    it('gather selects rows; scatterAdd adds them back', () => {
      expect(L.gather(x, [1, 1, 0]).toArray()).toEqual([
        [3, 4, 5],
        [3, 4, 5],
        [0, 1, 2],
      ]);
      expect(L.gather(x, [2, 0], 1).toArray()).toEqual([
        [2, 0],
        [5, 3],
      ]);
      expect(L.scatterAdd(L.ones([3, 2]), [1, 1, 0], 0, [3, 2]).toArray()).toEqual([
        [1, 1],
        [2, 2],
        [0, 0],
      ]);
    });
    it('pad adds constant borders', () => {
      expect(
        L.pad(
          L.tensor([[1]]),
          [
            [1, 0],
            [0, 2],
          ],
          5,
        ).toArray(),
      ).toEqual([
        [5, 5, 5],
        [1, 5, 5],
      ]);
    });
    it('broadcastTo repeats along unit and new axes', () => {
      expect(L.broadcastTo(L.tensor([[1], [2]]), [2, 2, 3]).toArray()).toEqual([
        [
          [1, 1, 1],
          [2, 2, 2],
        ],
        [
          [1, 1, 1],
          [2, 2, 2],
        ],
      ]);
    });
    it('oneHot encodes indices, out-of-range rows stay off', () => {
      expect(L.oneHot([0, 2, 5], 3).toArray()).toEqual([
        [1, 0, 0],
        [0, 0, 1],
        [0, 0, 0],
      ]);
      expect(
        L.oneHot(L.tensor([[1]], undefined, 'int32'), 2, { onValue: 5, offValue: -1, dtype: 'int32' }).toArray(),
      ).toEqual([[[-1, 5]]]);
    });
  });
});
