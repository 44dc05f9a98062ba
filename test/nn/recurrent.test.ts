import { describe, expect, it } from 'vitest';
import { add, matmul, mul, noGrad, reshape, sigmoid, slice, stack, sub, tanh, Tensor, zeros } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';
import { gradCheck, randLeaf } from '../helpers/gradcheck.js';
import { expectTensor } from '../helpers/expectClose.js';

/**
 * The fused recurrent ops against slow step-by-step compositions of public ops (Keras' cell equations written
 * out), and their gradients with the recurrent-dropout mask and reversed time, which the layer harness does not
 * reach.
 */

/** Step t of xp [B, T, G] as [B, G]. */
function step(xp: Tensor, t: number): Tensor {
  const [B, , G] = xp.shape as [number, number, number];
  return reshape(slice(xp, [0, t, 0], [B, 1, G]), [B, G]);
}

function gates(z: Tensor, count: number, units: number): Tensor[] {
  const B = z.shape[0] as number;
  return Array.from({ length: count }, (_, k) => slice(z, [0, k * units], [B, units]));
}

/** LSTM by ops: i, f, c, o = σ, σ, tanh, σ of (xp_t + h·U); c ← f·c + i·g; h ← o·tanh(c). */
function lstmByOps(xp: Tensor, u: Tensor, units: number, backwards: boolean, mask: Tensor | null): Tensor[] {
  const [B, T] = xp.shape as [number, number];
  let h = zeros([B, units], xp.dtype);
  let c = zeros([B, units], xp.dtype);
  const outs: Tensor[] = [];
  for (let s = 0; s < T; s++) {
    const t = backwards ? T - 1 - s : s;
    const z = add(step(xp, t), matmul(mask ? mul(h, mask) : h, u));
    const [zi, zf, zc, zo] = gates(z, 4, units) as [Tensor, Tensor, Tensor, Tensor];
    c = add(mul(sigmoid(zf), c), mul(sigmoid(zi), tanh(zc)));
    h = mul(sigmoid(zo), tanh(c));
    outs.push(h);
  }
  return outs;
}

/** GRU (reset after) by ops: m = h·U + b; z, r = σ(x + m); ĥ = tanh(xh + r·mh); h ← z·h + (1 − z)·ĥ. */
function gruByOps(xp: Tensor, u: Tensor, b: Tensor, units: number, backwards: boolean, mask: Tensor | null): Tensor[] {
  const [B, T] = xp.shape as [number, number];
  let h = zeros([B, units], xp.dtype);
  const outs: Tensor[] = [];
  for (let s = 0; s < T; s++) {
    const t = backwards ? T - 1 - s : s;
    const [xz, xr, xh] = gates(step(xp, t), 3, units) as [Tensor, Tensor, Tensor];
    const [mz, mr, mh] = gates(add(matmul(mask ? mul(h, mask) : h, u), b), 3, units) as [Tensor, Tensor, Tensor];
    const z = sigmoid(add(xz, mz));
    const r = sigmoid(add(xr, mr));
    const hh = tanh(add(xh, mul(r, mh)));
    h = add(mul(z, h), mul(sub(1, z), hh));
    outs.push(h);
  }
  return outs;
}

function simpleByOps(xp: Tensor, u: Tensor, units: number, backwards: boolean): Tensor[] {
  const [B, T] = xp.shape as [number, number];
  let h = zeros([B, units], xp.dtype);
  const outs: Tensor[] = [];
  for (let s = 0; s < T; s++) {
    const t = backwards ? T - 1 - s : s;
    h = tanh(add(step(xp, t), matmul(h, u)));
    outs.push(h);
  }
  return outs;
}

const act = { name: 'tanh', f: Math.tanh, dy: (y: number) => 1 - y * y };
const sig = { name: 'sigmoid', f: (x: number) => 1 / (1 + Math.exp(-x)), dy: (y: number) => y * (1 - y) };
const mask = (B: number, U: number) =>
  new Tensor(
    Float64Array.from({ length: B * U }, (_, i) => (i % 3 === 1 ? 0 : 1.5)),
    [B, U],
  );

describe('fused recurrent ops match a step-by-step composition of ops', () => {
  for (const backwards of [false, true]) {
    it(`lstmSequence equals the LSTM cell equations (goBackwards ${backwards}, with a recurrent mask)`, () => {
      const [B, T, U] = [3, 4, 2];
      const xp = randLeaf([B, T, 4 * U], 1, -2, 2);
      const u = randLeaf([U, 4 * U], 2);
      const m = mask(B, U);
      const expected = noGrad(() => stack(lstmByOps(xp, u, U, backwards, m), 1));
      const o = { units: U, goBackwards: backwards, recurrentMask: m, activation: act, recurrentActivation: sig };
      const seq = noGrad(() => nn.lstmSequence(xp, u, { ...o, returnSequences: true }));
      expectTensor(seq, Array.from(expected.data), { shape: [B, T, U], rtol: 1e-12, atol: 1e-14 });
      const last = noGrad(() => nn.lstmSequence(xp, u, { ...o, returnSequences: false }));
      expectTensor(last, Array.from(slice(expected, [0, T - 1, 0], [B, 1, U]).data), {
        shape: [B, U],
        rtol: 1e-12,
        atol: 1e-14,
      });
    });

    it(`gruSequence equals the GRU (reset after) equations (goBackwards ${backwards}, with a recurrent mask)`, () => {
      const [B, T, U] = [2, 5, 3];
      const xp = randLeaf([B, T, 3 * U], 3, -2, 2);
      const u = randLeaf([U, 3 * U], 4);
      const b = randLeaf([3 * U], 5);
      const m = mask(B, U);
      const expected = noGrad(() => stack(gruByOps(xp, u, b, U, backwards, m), 1));
      const seq = noGrad(() =>
        nn.gruSequence(xp, u, b, {
          units: U,
          goBackwards: backwards,
          recurrentMask: m,
          activation: act,
          recurrentActivation: sig,
          returnSequences: true,
        }),
      );
      expectTensor(seq, Array.from(expected.data), { shape: [B, T, U], rtol: 1e-12, atol: 1e-14 });
    });

    it(`simpleRnnSequence equals h ← tanh(xp + h·U) (goBackwards ${backwards})`, () => {
      const [B, T, U] = [2, 3, 4];
      const xp = randLeaf([B, T, U], 6, -2, 2);
      const u = randLeaf([U, U], 7);
      const expected = noGrad(() => stack(simpleByOps(xp, u, U, backwards), 1));
      const seq = noGrad(() =>
        nn.simpleRnnSequence(xp, u, {
          units: U,
          goBackwards: backwards,
          recurrentMask: null,
          activation: act,
          returnSequences: true,
        }),
      );
      expectTensor(seq, Array.from(expected.data), { shape: [B, T, U], rtol: 1e-12, atol: 1e-14 });
    });
  }
});

describe('fused recurrent ops: gradients with a recurrent-dropout mask', () => {
  for (const [backwards, sequences] of [
    [false, true],
    [true, false],
  ] as const) {
    it(`lstmSequence (goBackwards ${backwards}, returnSequences ${sequences})`, () => {
      const [B, T, U] = [2, 3, 2];
      const m = mask(B, U);
      gradCheck(
        (xp, u) =>
          nn.lstmSequence(xp, u, {
            units: U,
            goBackwards: backwards,
            returnSequences: sequences,
            recurrentMask: m,
            activation: act,
            recurrentActivation: sig,
          }),
        [randLeaf([B, T, 4 * U], 8, -1.5, 1.5), randLeaf([U, 4 * U], 9)],
      );
    });
    it(`gruSequence (goBackwards ${backwards}, returnSequences ${sequences})`, () => {
      const [B, T, U] = [2, 3, 2];
      const m = mask(B, U);
      gradCheck(
        (xp, u, b) =>
          nn.gruSequence(xp, u, b, {
            units: U,
            goBackwards: backwards,
            returnSequences: sequences,
            recurrentMask: m,
            activation: act,
            recurrentActivation: sig,
          }),
        [randLeaf([B, T, 3 * U], 10, -1.5, 1.5), randLeaf([U, 3 * U], 11), randLeaf([3 * U], 12)],
      );
    });
    it(`simpleRnnSequence (goBackwards ${backwards}, returnSequences ${sequences})`, () => {
      const [B, T, U] = [2, 3, 3];
      const m = mask(B, U);
      gradCheck(
        (xp, u) =>
          nn.simpleRnnSequence(xp, u, {
            units: U,
            goBackwards: backwards,
            returnSequences: sequences,
            recurrentMask: m,
            activation: act,
          }),
        [randLeaf([B, T, U], 13, -1.5, 1.5), randLeaf([U, U], 14)],
      );
    });
  }
});

describe('recurrent layers', () => {
  it('LSTM starts the forget-gate bias at 1 (unitForgetBias) and the rest at 0', () => {
    const l = new nn.LSTM({ units: 2 });
    l.apply(zeros([1, 2, 3]));
    expect(Array.from(l.bias!.value.data)).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
  });

  it('the recurrent kernel starts orthogonal (Uᵀ-rows orthonormal)', () => {
    const l = new nn.SimpleRNN({ units: 4, dtype: 'float64' });
    l.apply(zeros([1, 2, 3], 'float64'));
    const u = l.recurrentKernel!.value;
    expectTensor(matmul(u, u, { transposeB: true }), [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], { atol: 1e-12 });
  });

  it('dropout and recurrentDropout act only in training, reproducibly for a fixed seed', () => {
    const make = () => new nn.LSTM({ units: 3, dropout: 0.5, recurrentDropout: 0.5, seed: 7, returnSequences: true });
    const x = randLeaf([2, 4, 3], 15);
    const a = make();
    const b = make();
    const inference = a.apply(x);
    b.apply(x);
    b.setWeights(a.getWeights());
    const ta = a.apply(x, { training: true });
    const tb = b.apply(x, { training: true });
    expect(Array.from(ta.data)).toEqual(Array.from(tb.data));
    expect(Array.from(ta.data)).not.toEqual(Array.from(inference.data));
    expect(Array.from(a.apply(x).data)).toEqual(Array.from(inference.data));
  });

  it('stacks: LSTM(returnSequences) → LSTM → Dense builds and predicts', () => {
    const model = new nn.Sequential({
      layers: [
        new nn.Embedding({ inputDim: 10, outputDim: 4, inputShape: [5] }),
        new nn.LSTM({ units: 6, returnSequences: true }),
        new nn.LSTM({ units: 5 }),
        new nn.Dense({ units: 2 }),
      ],
    });
    const ids = new Tensor(
      Int32Array.from({ length: 15 }, (_, i) => i % 10),
      [3, 5],
    );
    expect([...(model.predict(ids) as Tensor).shape]).toEqual([3, 2]);
  });

  it('GRU rejects resetAfter: false, which is not implemented', () => {
    expect(() => new nn.GRU({ units: 2, resetAfter: false, name: 'g0' })).toThrow(
      'GRU "g0": only "resetAfter": true (Keras\' default) is supported; received false.',
    );
  });

  it('recurrent layers reject activations the fused loop does not implement', () => {
    expect(() => new nn.LSTM({ units: 2, activation: 'softmax', name: 'l0' })).toThrow(
      'LSTM "l0": "activation" must be one of "tanh", "sigmoid", "relu", "linear", "hardSigmoid" for a recurrent layer; received "softmax".',
    );
  });
});
