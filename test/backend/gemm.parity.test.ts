import { describe, it } from 'vitest';
import { Tensor } from '../../src/tensor/Tensor.js';
import { Random } from '../../src/util/random.js';
import { abs, expectIdentical, expectParity, REF, SEED, uniform, WASM } from './parityHelpers.js';

/** Sizes off the 4×8 tile grid on purpose. */
const SIZES = [1, 3, 17, 33, 65];
const TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

function operands(
  rng: Random,
  batchA: number[],
  batchB: number[],
  m: number,
  k: number,
  n: number,
  tA: boolean,
  tB: boolean,
) {
  const a = uniform(rng, [...batchA, ...(tA ? [k, m] : [m, k])]);
  const b = uniform(rng, [...batchB, ...(tB ? [n, k] : [k, n])]);
  return { a, b };
}

/** wasm MatMul against the reference, within 1e-4 of Σ|a||b| per element. */
function check(a: Tensor, b: Tensor, tA: boolean, tB: boolean, what: string): void {
  const want = REF.MatMul(a, b, tA, tB);
  const scale = REF.MatMul(abs(a), abs(b), tA, tB);
  expectParity(WASM.MatMul(a, b, tA, tB), want, what, 1e-4, scale);
}

describe(`MatMul matches the reference (error <= 1e-4 of Σ|a||b|; seed ${SEED})`, () => {
  const rng = new Random(SEED);

  it.each(TRANSPOSES)('every m, k, n in {1, 3, 17, 33, 65} with transposeA=%s, transposeB=%s', (tA, tB) => {
    for (const m of SIZES) {
      for (const k of SIZES) {
        for (const n of SIZES) {
          const { a, b } = operands(rng, [], [], m, k, n, tA, tB);
          check(a, b, tA, tB, `MatMul ${m}×${k}×${n} tA=${tA} tB=${tB}`);
        }
      }
    }
  });

  it.each(TRANSPOSES)('large problems run on every thread and across k blocks (tA=%s, tB=%s)', (tA, tB) => {
    for (const [m, k, n] of [
      [130, 300, 257],
      [67, 513, 129],
      [256, 256, 256],
    ] as const) {
      const { a, b } = operands(rng, [], [], m, k, n, tA, tB);
      check(a, b, tA, tB, `MatMul ${m}×${k}×${n} tA=${tA} tB=${tB}`);
    }
  });

  it('k = 4096 (the tolerance holds up to that depth)', () => {
    for (const [tA, tB] of TRANSPOSES) {
      const { a, b } = operands(rng, [], [], 33, 4096, 17, tA, tB);
      check(a, b, tA, tB, `MatMul 33×4096×17 tA=${tA} tB=${tB}`);
    }
  });

  it('batched, with broadcast batch axes on either side', () => {
    const cases: [number[], number[]][] = [
      [[2], [2]],
      [[2, 3], [3]],
      [[3], [2, 1]],
      [[1], [4]],
      [[5], []],
      [[], [5]],
      [
        [2, 1, 3],
        [4, 1],
      ],
    ];
    for (const [ba, bb] of cases) {
      for (const [tA, tB] of TRANSPOSES) {
        const { a, b } = operands(rng, ba, bb, 17, 33, 9, tA, tB);
        check(a, b, tA, tB, `MatMul batch [${ba}]·[${bb}] tA=${tA} tB=${tB}`);
      }
    }
  });

  it('many tiny matrices, and a batch that folds into one tall GEMM', () => {
    const { a, b } = operands(rng, [300], [300], 3, 2, 3, false, false);
    check(a, b, false, false, 'MatMul 300 × (3×2·2×3)');
    const x = uniform(rng, [32, 10, 64]);
    const w = uniform(rng, [64, 50]);
    check(x, w, false, false, 'MatMul [32,10,64]·[64,50]');
  });

  it('the product of every transpose pair that autograd uses agrees on one problem', () => {
    // matmul's backward multiplies the output gradient with each operand under every transpose combination.
    const a = uniform(rng, [37, 19]);
    const b = uniform(rng, [19, 23]);
    const g = uniform(rng, [37, 23]);
    check(g, b, false, true, 'dA = g·bᵀ');
    check(a, g, true, false, 'dB = aᵀ·g');
    check(b, g, false, true, 'b·gᵀ');
    check(b, g, true, true, 'bᵀ·gᵀ');
  });

  it('k = 0 gives zeros and float64 falls back to the reference', () => {
    const a = new Tensor(new Float32Array(0), [3, 0]);
    const b = new Tensor(new Float32Array(0), [0, 4]);
    expectIdentical(WASM.MatMul(a, b, false, false), REF.MatMul(a, b, false, false), 'MatMul k=0');
    const d = new Tensor(Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3]);
    expectIdentical(WASM.MatMul(d, d, false, true), REF.MatMul(d, d, false, true), 'MatMul float64');
  });
});
