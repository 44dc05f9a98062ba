import { describe, expect, it } from 'vitest';
import * as L from '../../src/index.js';

/** The fused ops equal the ops they replace, and reject bad operands with messages naming the op. */
describe('biasActivation and conv2dBiasActivation', () => {
  const x = L.tensor([1, -2, 3, -4, 0.5, 0.25], [3, 2]);
  const b = L.tensor([-1.5, 2]);

  it('biasActivation equals relu(add(x, bias)) and add(x, bias)', () => {
    expect([...L.biasActivation(x, b, 'relu').data]).toEqual([...L.relu(L.add(x, b)).data]);
    expect([...L.biasActivation(x, b, 'linear').data]).toEqual([...L.add(x, b).data]);
    expect([...L.biasActivation(x, null).data]).toEqual([...L.relu(x).data]);
  });

  it('conv2dBiasActivation equals biasActivation(conv2d(x, filter)) with strides and same padding', () => {
    const img = L.tensor(
      Array.from({ length: 2 * 5 * 4 * 3 }, (_, i) => Math.sin(i)),
      [2, 5, 4, 3],
    );
    const f = L.tensor(
      Array.from({ length: 3 * 2 * 3 * 4 }, (_, i) => Math.cos(i)),
      [3, 2, 3, 4],
    );
    const bias = L.tensor([0.1, -0.2, 0.3, -0.4]);
    const options = { strides: 2, padding: 'same' } as const;
    const want = L.biasActivation(L.conv2d(img, f, options), bias, 'relu');
    const got = L.conv2dBiasActivation(img, f, bias, 'relu', options);
    expect(got.shape).toEqual(want.shape);
    [...got.data].forEach((v, i) => expect(v).toBeCloseTo(want.data[i] as number, 5));
  });

  it('errors name the op, what was expected and what was received', () => {
    expect(() => L.biasActivation(x, L.tensor([1, 2, 3]))).toThrow(
      'biasActivation: expected bias of shape [2] (the output channels); received shape [3].',
    );
    expect(() => L.biasActivation(x, b, 'tanh' as never)).toThrow(
      'biasActivation: "activation" must be one of linear, relu; received "tanh".',
    );
    expect(() => L.biasActivation(L.tensor([1, 2], [2], 'int32'), null)).toThrow(
      /biasActivation: expected "x" to be float32/,
    );
    const img = L.zeros([1, 4, 4, 2]);
    const f = L.zeros([3, 3, 2, 5]);
    expect(() => L.conv2dBiasActivation(img, f, L.zeros([4]))).toThrow(
      'conv2dBiasActivation: expected bias of shape [5] (the output channels); received shape [4].',
    );
    expect(() => L.conv2dBiasActivation(img, L.zeros([3, 3, 3, 5]), null)).toThrow(
      /^conv2dBiasActivation: x has 2 channels/,
    );
  });
});
