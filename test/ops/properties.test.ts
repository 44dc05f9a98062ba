import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as L from '../../src/index.js';
import type { Tensor } from '../../src/index.js';

/** Property tests: broadcasting rules, shape-op round trips, and that no op mutates its inputs. */

const dim = fc.integer({ min: 1, max: 4 });
const shapeArb = fc.array(dim, { minLength: 0, maxLength: 4 });

/** A pair of shapes that broadcast: start from one shape and set some axes of the other to 1 or drop leading axes. */
const broadcastablePair = shapeArb.chain((out) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
      fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
      fc.integer({ min: 0, max: out.length }),
    )
    .map(([onesA, onesB, drop]) => ({
      out,
      a: out.map((d, i) => (onesA[i] ? 1 : d)).slice(drop),
      b: out.map((d, i) => (onesB[i] ? 1 : d)),
    })),
);

function filled(shape: number[], seed: number): Tensor {
  return L.randomUniform(shape, { seed, dtype: 'float64' });
}

/** Value of `t` at the output coordinate `coord`, reading it the way broadcasting does. */
function broadcastRead(t: Tensor, coord: number[]): number {
  const offset = coord.length - t.rank;
  let index = 0;
  t.shape.forEach((d, i) => {
    index += (d === 1 ? 0 : (coord[i + offset] as number)) * (t.strides[i] as number);
  });
  return t.data[index] as number;
}

function coordinates(shape: readonly number[]): number[][] {
  return shape.reduce<number[][]>((acc, d) => acc.flatMap((c) => Array.from({ length: d }, (_, i) => [...c, i])), [[]]);
}

describe('broadcasting', () => {
  it('the result shape is the element-wise max, and each element reads both inputs at the broadcast position', () => {
    fc.assert(
      fc.property(broadcastablePair, fc.integer(), ({ a, b }, seed) => {
        const x = filled(a, seed);
        const y = filled(b, seed + 1);
        const z = L.add(x, y);
        const rank = Math.max(a.length, b.length);
        const expected = Array.from({ length: rank }, (_, i) =>
          Math.max(a[a.length - rank + i] ?? 1, b[b.length - rank + i] ?? 1),
        );
        expect([...z.shape]).toEqual(expected);
        coordinates(z.shape).forEach((c, flat) => {
          expect(z.data[flat]).toBe(broadcastRead(x, c) + broadcastRead(y, c));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('is symmetric: a + b equals b + a and a * b equals b * a', () => {
    fc.assert(
      fc.property(broadcastablePair, fc.integer(), ({ a, b }, seed) => {
        const x = filled(a, seed);
        const y = filled(b, seed + 1);
        expect(L.add(x, y).toFlatArray()).toEqual(L.add(y, x).toFlatArray());
        expect(L.mul(x, y).toFlatArray()).toEqual(L.mul(y, x).toFlatArray());
      }),
      { numRuns: 100 },
    );
  });

  it('rejects shapes with a mismatched axis where neither side is 1', () => {
    fc.assert(
      fc.property(
        shapeArb.filter((s) => s.length > 0),
        fc.nat(),
        (s, k) => {
          const axis = k % s.length;
          const other = [...s];
          other[axis] = (s[axis] as number) + 1;
          if ((s[axis] as number) === 1) return; // 1 broadcasts against anything
          expect(() => L.add(L.zeros(s), L.zeros(other))).toThrow(L.ShapeError);
        },
      ),
    );
  });
});

describe('shape-op round trips', () => {
  it('reshape to any factorisation and back is the identity', () => {
    fc.assert(
      fc.property(shapeArb, fc.integer(), (s, seed) => {
        const x = filled(s, seed);
        const flat = L.reshape(x, [-1]);
        expect(L.reshape(flat, s).toFlatArray()).toEqual(x.toFlatArray());
      }),
    );
  });

  it('transposing by a permutation and then by its inverse is the identity', () => {
    fc.assert(
      fc.property(
        shapeArb.chain((s) =>
          fc.tuple(fc.constant(s), fc.shuffledSubarray([...s.keys()], { minLength: s.length, maxLength: s.length })),
        ),
        fc.integer(),
        ([s, perm], seed) => {
          const x = filled(s, seed);
          const inverse = perm.map((_, i) => perm.indexOf(i));
          const y = L.transpose(x, perm);
          expect([...y.shape]).toEqual(perm.map((p) => s[p]));
          expect(L.transpose(y, inverse).toFlatArray()).toEqual(x.toFlatArray());
        },
      ),
    );
  });

  it('split followed by concat is the identity', () => {
    fc.assert(
      fc.property(
        shapeArb.filter((s) => s.length > 0),
        fc.nat(),
        fc.integer(),
        (s, k, seed) => {
          const axis = k % s.length;
          const x = filled(s, seed);
          const parts = L.split(x, s[axis] as number, axis);
          expect(L.concat(parts, axis).toFlatArray()).toEqual(x.toFlatArray());
        },
      ),
    );
  });

  it('pad followed by slice recovers the input', () => {
    fc.assert(
      fc.property(shapeArb, fc.integer(), (s, seed) => {
        const x = filled(s, seed);
        const paddings = s.map((_, i) => [i % 2, (i + 1) % 3] as [number, number]);
        const p = L.pad(x, paddings);
        expect(
          L.slice(
            p,
            paddings.map((q) => q[0]),
            s,
          ).toFlatArray(),
        ).toEqual(x.toFlatArray());
      }),
    );
  });
});

describe('inputs are never mutated', () => {
  const a = (): Tensor => L.randomUniform([2, 3], { seed: 1, dtype: 'float64', min: 0.5, max: 2, requiresGrad: true });
  const b = (): Tensor => L.randomUniform([3], { seed: 2, dtype: 'float64', min: 0.5, max: 2, requiresGrad: true });
  const img = (): Tensor => L.randomUniform([1, 4, 4, 2], { seed: 3, dtype: 'float64', requiresGrad: true });
  const cases: [string, () => Tensor[], (...xs: Tensor[]) => Tensor][] = [
    ['add', () => [a(), b()], L.add],
    ['div', () => [a(), b()], L.div],
    ['pow', () => [a(), b()], L.pow],
    ['maximum', () => [a(), b()], L.maximum],
    ['exp', () => [a()], L.exp],
    ['clip', () => [a()], (x) => L.clip(x, 0.7, 1)],
    ['sum', () => [a()], (x) => L.sum(x, 1)],
    ['prod', () => [a()], (x) => L.prod(x, 0)],
    ['logSumExp', () => [a()], (x) => L.logSumExp(x, 1)],
    ['variance', () => [a()], (x) => L.variance(x)],
    ['matmul', () => [a(), a()], (x, y) => L.matmul(x, y, { transposeB: true })],
    ['softmax', () => [a()], (x) => L.softmax(x)],
    ['logSoftmax', () => [a()], (x) => L.logSoftmax(x, 0)],
    [
      'conv2d',
      () => [img(), L.randomUniform([2, 2, 2, 3], { seed: 4, dtype: 'float64', requiresGrad: true })],
      (x, w) => L.conv2d(x, w, { padding: 'same' }),
    ],
    ['maxPool2d', () => [img()], (x) => L.maxPool2d(x)],
    ['avgPool2d', () => [img()], (x) => L.avgPool2d(x, { padding: 'same', poolSize: 3 })],
    ['reshape', () => [a()], (x) => L.reshape(x, [3, 2])],
    ['transpose', () => [a()], (x) => L.transpose(x)],
    ['slice', () => [a()], (x) => L.slice(x, [0, 1], [2, 2])],
    ['concat', () => [a(), a()], (x, y) => L.concat([x, y], 1)],
    ['gather', () => [a()], (x) => L.gather(x, [1, 1, 0])],
    [
      'pad',
      () => [a()],
      (x) =>
        L.pad(x, [
          [1, 1],
          [0, 2],
        ]),
    ],
    ['where', () => [a(), b()], (x, y) => L.where(L.greater(x, 1), x, y)],
  ];
  for (const [name, inputs, f] of cases) {
    it(`${name} leaves its inputs' values unchanged, forward and backward`, () => {
      const xs = inputs();
      const before = xs.map((x) => x.toFlatArray());
      const out = f(...xs);
      L.backward(L.sum(out));
      xs.forEach((x, i) => expect(x.toFlatArray()).toEqual(before[i]));
    });
  }
});
