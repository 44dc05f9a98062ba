import { afterEach, describe, expect, it } from 'vitest';
import { Tensor, getBackend } from '../../src/index.js';
import { backward } from '../../src/autograd/backward.js';
import { add, div, maximum, minimum, mul, pow, sub } from '../../src/ops/binary.js';
import { sum } from '../../src/ops/reduce.js';

/**
 * Binary ops compute an input's gradient only when that input requires grad: a dropout mask, a label or a constant
 * costs no backward kernel. Counted by wrapping the active backend's kernels; gradients are checked by hand.
 */
const kernels = getBackend().kernels as unknown as Record<string, (...args: unknown[]) => unknown>;
const originals = { ...kernels };
let calls: string[] = [];
for (const name of Object.keys(originals)) {
  kernels[name] = (...args: unknown[]) => {
    calls.push(name);
    return (originals[name] as (...a: unknown[]) => unknown)(...args);
  };
}
afterEach(() => {
  calls = [];
});

const leaf = (values: number[]): Tensor => new Tensor(Float32Array.from(values), [values.length], true);
const constant = (values: number[]): Tensor => new Tensor(Float32Array.from(values), [values.length]);

/** Kernel calls made by backward of sum(op(a, b)), with a's gradient. */
function backwardCalls(op: (a: Tensor, b: Tensor) => Tensor, a: Tensor, b: Tensor): string[] {
  const out = sum(op(a, b));
  calls = [];
  backward(out);
  return calls;
}

describe('binary ops skip gradients nobody needs', () => {
  it('mul by a constant runs one Mul backward and gives d(a·m)/da = m', () => {
    const a = leaf([1, -2, 3]);
    const m = constant([2, 0, 2]);
    const made = backwardCalls(mul, a, m);
    expect(made.filter((k) => k === 'Mul')).toHaveLength(1);
    expect(Array.from(a.grad?.data ?? [])).toEqual([2, 0, 2]);
    expect(m.grad).toBeNull();
  });

  it('mul of two leaves still gives both gradients', () => {
    const a = leaf([1, -2, 3]);
    const b = leaf([4, 5, -6]);
    backward(sum(mul(a, b)));
    expect(Array.from(a.grad?.data ?? [])).toEqual([4, 5, -6]);
    expect(Array.from(b.grad?.data ?? [])).toEqual([1, -2, 3]);
  });

  it('a constant left operand gets no gradient work in sub, div and pow', () => {
    const c = constant([3, 4, 5]);
    const x = leaf([1, 2, 4]);
    // sub's left gradient is g itself (no kernel either way): only the right operand's −g runs.
    expect(backwardCalls(sub, c, x).filter((k) => k !== 'BroadcastTo')).toEqual(['Neg']);
    expect(Array.from(x.grad?.data ?? [])).toEqual([-1, -1, -1]);
    const y = leaf([1, 2, 4]);
    // One Div for −g·c/y²; the constant's g/y (a second Div) is skipped.
    expect(backwardCalls(div, c, y).filter((k) => k === 'Div')).toHaveLength(1);
    // d(c/y)/dy = −c/y²
    expect(Array.from(y.grad?.data ?? [])).toEqual([-3, -1, -5 / 16]);
    const e = leaf([1, 2, 3]);
    const made = backwardCalls(pow, constant([2, 2, 2]), e);
    expect(made).not.toContain('Pow'); // the base's gradient y·x^(y−1) is not computed
    // d(2^e)/de = 2^e · ln 2
    Array.from(e.grad?.data ?? []).forEach((g, i) => expect(g).toBeCloseTo(2 ** (i + 1) * Math.LN2, 5));
  });

  it('add, maximum and minimum with a constant only build the needed gradient', () => {
    const x = leaf([1, 5, 3]);
    // add's gradients are g itself: nothing but the broadcast of the loss seed runs.
    expect(backwardCalls(add, x, constant([1, 1, 1]))).toEqual(['BroadcastTo']);
    expect(Array.from(x.grad?.data ?? [])).toEqual([1, 1, 1]);
    const y = leaf([1, 5, 3]);
    const made = backwardCalls(minimum, y, constant([2, 2, 2]));
    expect(made.filter((k) => k === 'Sub')).toHaveLength(0); // no 1 − mask for the constant
    expect(Array.from(y.grad?.data ?? [])).toEqual([1, 0, 0]);
    const z = leaf([1, 5, 3]);
    backwardCalls(maximum, constant([2, 2, 2]), z);
    // ties go to the left operand; z wins only where z > 2
    expect(Array.from(z.grad?.data ?? [])).toEqual([0, 1, 1]);
  });
});
