import { describe, expect, it } from 'vitest';
import * as L from '../../src/index.js';

const f64 = (values: number[], requiresGrad = true): L.Tensor =>
  L.tensor(values, undefined, { dtype: 'float64', requiresGrad });

describe('backward', () => {
  it('fills grad of every leaf that requires grad, and only those', () => {
    const x = f64([1, 2, 3]);
    const c = f64([4, 5, 6], false);
    L.backward(L.sum(L.mul(x, c)));
    expect(x.grad?.toFlatArray()).toEqual([4, 5, 6]);
    expect(c.grad).toBeNull();
  });

  it('accumulates gradients across calls until zeroGrad', () => {
    const x = f64([1, 2]);
    L.backward(L.sum(L.square(x)));
    L.backward(L.sum(L.square(x)));
    expect(x.grad?.toFlatArray()).toEqual([4, 8]);
    L.zeroGrad([x]);
    expect(x.grad).toBeNull();
  });

  it('adds the contributions of a tensor used along several paths (diamond graph)', () => {
    const x = f64([3]);
    const y = L.mul(x, 2);
    const z = L.add(L.mul(y, y), y); // z = 4x² + 2x, dz/dx = 8x + 2
    L.backward(L.sum(z));
    expect(x.grad?.item()).toBe(26);
  });

  it('chainable methods build the same graph', () => {
    const x = f64([1, -2, 3]);
    x.mul(x).sum().backward();
    expect(x.grad?.toFlatArray()).toEqual([2, -4, 6]);
  });

  it('requires gradOutput for a non-scalar output and uses it when given', () => {
    const x = f64([1, 2]);
    const y = L.mul(x, 3);
    expect(() => L.backward(y)).toThrow(
      'backward: gradOutput is required for an output of shape [2]; only one-element outputs default to 1.',
    );
    L.backward(y, { gradOutput: L.tensor([1, 10], undefined, 'float64') });
    expect(x.grad?.toFlatArray()).toEqual([3, 30]);
  });

  it('refuses a tensor that does not require grad', () => {
    expect(() => L.backward(L.sum(f64([1], false)))).toThrow(L.GradError);
  });

  it('frees the graph after backward unless retainGraph is set', () => {
    const x = f64([2]);
    const y = L.sum(L.exp(x));
    L.backward(y);
    expect(() => L.backward(y)).toThrow(/already freed by an earlier backward\(\); pass \{ retainGraph: true \}/);
    const x2 = f64([2]);
    const y2 = L.sum(L.exp(x2));
    L.backward(y2, { retainGraph: true });
    L.backward(y2);
    expect(x2.grad?.item()).toBeCloseTo(2 * Math.exp(2), 12);
  });

  it('handles a 20,000-op chain without overflowing the stack', () => {
    const x = f64([1]);
    let y: L.Tensor = x;
    for (let i = 0; i < 20000; i++) y = L.add(y, 1e-4);
    L.backward(L.sum(y));
    expect(x.grad?.item()).toBe(1);
  });
});

describe('noGrad and detach', () => {
  it('noGrad records nothing', () => {
    const x = f64([1, 2]);
    const y = L.noGrad(() => L.mul(x, 2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradNode).toBeNull();
    expect(L.isGradEnabled()).toBe(true);
  });

  it('noGrad restores recording even when the function throws', () => {
    expect(() => L.noGrad(() => L.add(L.zeros([2]), L.zeros([3])))).toThrow(L.ShapeError);
    expect(L.isGradEnabled()).toBe(true);
  });

  it('detach cuts the gradient', () => {
    const x = f64([3]);
    const y = L.mul(L.detach(L.mul(x, x)), x); // treated as c·x with c = 9
    L.backward(L.sum(y));
    expect(x.grad?.item()).toBe(9);
  });
});

describe('grad helper', () => {
  it('returns the gradient of a scalar function with respect to each argument', () => {
    const [dx, dy] = L.grad((x, y) => L.sum(L.mul(L.square(x), y)))(f64([1, 2], false), f64([3, 4], false));
    expect(dx?.toFlatArray()).toEqual([6, 16]);
    expect(dy?.toFlatArray()).toEqual([1, 4]);
  });

  it('gives zeros for an argument the value does not depend on, and leaves arguments untouched', () => {
    const a = f64([1, 2], false);
    const b = f64([5], false);
    const [, db] = L.grad((x) => L.sum(x))(a, b);
    expect(db?.toFlatArray()).toEqual([0]);
    expect(a.grad).toBeNull();
    expect(a.requiresGrad).toBe(false);
  });

  it('valueAndGrad returns the value too', () => {
    const { value, grads } = L.valueAndGrad((x) => L.sum(L.exp(x)))(f64([0, 1], false));
    expect(value.item()).toBeCloseTo(1 + Math.E, 12);
    expect(grads[0]?.toFlatArray()).toEqual([1, Math.E]);
  });

  it('rejects a function with a non-scalar value', () => {
    expect(() => L.grad((x) => L.mul(x, 2))(f64([1, 2], false))).toThrow(
      'grad: the function must return a one-element tensor; it returned shape [2].',
    );
  });
});
