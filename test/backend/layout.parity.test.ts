import { describe, it } from 'vitest';
import { Random } from '../../src/util/random.js';
import { expectIdentical, ints, REF, SEED, uniform, WASM } from './parityHelpers.js';

/** Layout kernels move values, so they must agree bit for bit, for float32 and int32 alike. */
describe(`layout kernels copy exactly what the reference copies (seed ${SEED})`, () => {
  const rng = new Random(SEED);
  const tensors = () => [uniform(rng, [3, 5, 7, 9]), ints(rng, [3, 5, 7, 9], 1000)];

  it('Transpose under every kind of permutation', () => {
    for (const x of tensors()) {
      for (const perm of [
        [0, 1, 2, 3],
        [3, 2, 1, 0],
        [0, 2, 1, 3],
        [1, 0, 3, 2],
        [2, 3, 0, 1],
        [0, 1, 3, 2],
      ]) {
        expectIdentical(WASM.Transpose(x, perm), REF.Transpose(x, perm), `Transpose ${x.dtype} [${perm}]`);
      }
    }
    const big = uniform(rng, [300, 517]);
    expectIdentical(WASM.Transpose(big, [1, 0]), REF.Transpose(big, [1, 0]), 'Transpose 300×517');
  });

  it('BroadcastTo, Slice and Pad', () => {
    for (const x of tensors()) {
      const row = REF.Slice(x, [0, 0, 0, 0], [1, 5, 1, 9]);
      expectIdentical(WASM.BroadcastTo(row, [2, 3, 5, 4, 9]), REF.BroadcastTo(row, [2, 3, 5, 4, 9]), 'BroadcastTo');
      expectIdentical(WASM.Slice(x, [1, 2, 3, 4], [2, 3, 4, 5]), REF.Slice(x, [1, 2, 3, 4], [2, 3, 4, 5]), 'Slice');
      expectIdentical(
        WASM.Slice(x, [0, 4, 0, 8], [3, 1, 7, 1]),
        REF.Slice(x, [0, 4, 0, 8], [3, 1, 7, 1]),
        'Slice thin',
      );
      const pads: [number, number][] = [
        [1, 0],
        [0, 2],
        [3, 1],
        [0, 0],
      ];
      expectIdentical(WASM.Pad(x, pads, 0), REF.Pad(x, pads, 0), 'Pad 0');
      expectIdentical(WASM.Pad(x, pads, -2.5), REF.Pad(x, pads, -2.5), 'Pad -2.5');
    }
  });

  it('Concat, Gather, ScatterAdd and OneHot (reference kernels) are there too', () => {
    const a = uniform(rng, [2, 3]);
    const b = uniform(rng, [2, 5]);
    expectIdentical(WASM.Concat([a, b], 1), REF.Concat([a, b], 1), 'Concat');
    const idx = ints(rng, [4], 3);
    expectIdentical(WASM.Gather(a, idx, 1), REF.Gather(a, idx, 1), 'Gather');
    const upd = uniform(rng, [2, 4]);
    expectIdentical(WASM.ScatterAdd(upd, idx, 1, [2, 3]), REF.ScatterAdd(upd, idx, 1, [2, 3]), 'ScatterAdd');
    expectIdentical(WASM.OneHot(idx, 3, 1, 0, 'float32'), REF.OneHot(idx, 3, 1, 0, 'float32'), 'OneHot');
  });
});
