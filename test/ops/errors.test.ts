import { describe, expect, it } from 'vitest';
import * as L from '../../src/index.js';

/** Bad input gets a typed error with a stable code and a message naming the op and the offending shapes or values. */

function thrown(fn: () => unknown): L.LsmlError {
  try {
    fn();
  } catch (e) {
    if (e instanceof L.LsmlError) return e;
    throw new Error(`expected an LsmlError, got ${String(e)}`);
  }
  throw new Error('expected an error, none was thrown');
}

describe('shape errors', () => {
  it('element-wise ops name both shapes and the clashing axis', () => {
    const e = thrown(() => L.add(L.zeros([2, 3]), L.zeros([4])));
    expect(e).toBeInstanceOf(L.ShapeError);
    expect(e.code).toBe('ERR_SHAPE');
    expect(e.message).toBe(
      'add: shapes [2, 3] and [4] cannot be broadcast together (dimension -1 is 3 vs 4; each pair must be equal or one of them 1).',
    );
    expect(e.details).toMatchObject({ op: 'add', shapeA: [2, 3], shapeB: [4] });
  });
  it('matmul names both shapes when inner dimensions differ', () => {
    expect(thrown(() => L.matmul(L.zeros([2, 3]), L.zeros([4, 5]))).message).toBe(
      'matmul: inner dimensions differ: a [2, 3] has 3 columns, b [4, 5] has 4 rows.',
    );
    expect(thrown(() => L.matmul(L.zeros([3]), L.zeros([3, 1]))).message).toBe(
      'matmul: expected tensors of rank >= 2; received shapes [3] and [3, 1]. Reshape a vector to [n, 1] or [1, n].',
    );
  });
  it('reshape names the sizes', () => {
    expect(thrown(() => L.reshape(L.zeros([2, 3]), [4, 2])).message).toBe(
      'reshape: cannot reshape shape [2, 3] (6 elements) into [4, 2] (8 elements).',
    );
  });
  it('conv2d names the channel counts and shapes', () => {
    const e = thrown(() => L.conv2d(L.zeros([1, 5, 5, 3]), L.zeros([3, 3, 4, 8])));
    expect(e).toBeInstanceOf(L.ShapeError);
    expect(e.message).toBe(
      'conv2d: x has 3 channels (shape [1, 5, 5, 3]) but the filter expects 4 (shape [3, 3, 4, 8]).',
    );
    expect(thrown(() => L.conv2d(L.zeros([5, 5, 3]), L.zeros([3, 3, 3, 8]))).message).toBe(
      'conv2d: expected x of rank 4 [batch, height, width, channels]; received shape [5, 5, 3].',
    );
    expect(thrown(() => L.maxPool2d(L.zeros([1, 2, 2, 1]), { poolSize: 3 })).message).toBe(
      "maxPool2d: a 3x3 window does not fit input [1, 2, 2, 1] with padding [0,0,0,0]; use padding 'same' or a smaller window.",
    );
  });
  it('concat names the tensor that does not fit', () => {
    expect(thrown(() => L.concat([L.zeros([2, 3]), L.zeros([3, 3])], 1)).message).toBe(
      'concat: xs[1] has shape [3, 3], which does not match xs[0] [2, 3] outside axis 1.',
    );
  });
  it('tensor rejects ragged nesting and values that do not fill the shape', () => {
    expect(thrown(() => L.tensor([[1, 2], [3]])).message).toBe(
      'tensor: ragged nested array: the element at [1] has shape [1], expected [2] like its first sibling.',
    );
    expect(thrown(() => L.tensor([1, 2, 3], [2, 2])).message).toBe(
      'tensor: 3 values cannot fill shape [2, 2] (4 elements).',
    );
  });
});

describe('dtype errors', () => {
  it('mixing dtypes is an error, never a silent conversion', () => {
    const e = thrown(() => L.add(L.zeros([2], 'float32'), L.zeros([2], 'float64')));
    expect(e).toBeInstanceOf(L.DTypeError);
    expect(e.code).toBe('ERR_DTYPE');
    expect(e.message).toBe('add: dtypes differ: a is float32, b is float64; convert one with cast() so both match.');
  });
  it('float-only ops reject int32 with advice', () => {
    expect(thrown(() => L.exp(L.zeros([2], 'int32'))).message).toBe(
      'exp: expected "x" to be float32 or float64, received int32; convert it with cast(x, \'float32\').',
    );
  });
  it('gather requires int32 indices', () => {
    expect(thrown(() => L.gather(L.zeros([3]), L.zeros([2]))).message).toBe(
      "gather: indices must be int32; received float32. Convert with cast(indices, 'int32').",
    );
  });
  it('unknown dtypes are named', () => {
    expect(thrown(() => L.zeros([2], 'float16' as L.DType)).message).toBe(
      'full: unknown dtype "float16"; expected one of float32, float64, int32.',
    );
  });
  it('only float tensors can require grad', () => {
    expect(thrown(() => L.zeros([2], { dtype: 'int32', requiresGrad: true })).message).toBe(
      'full: only float tensors can require grad; received dtype int32.',
    );
  });
});

describe('value errors', () => {
  it('out-of-range indices and axes', () => {
    const e = thrown(() => L.gather(L.zeros([3, 2]), [0, 3]));
    expect(e).toBeInstanceOf(L.ValueError);
    expect(e.message).toBe('gather: index 3 (at position 1) is out of range [0, 3) for axis 0.');
    expect(thrown(() => L.sum(L.zeros([2, 3]), 2)).message).toBe(
      'sum: axis 2 is out of range for a tensor of rank 2; expected an integer in [-2, 1].',
    );
  });
  it('bad option values', () => {
    expect(thrown(() => L.clip(L.zeros([2]), 1, 0)).message).toBe('clip: "min" (1) must not exceed "max" (0).');
    expect(
      thrown(() => L.conv2d(L.zeros([1, 3, 3, 1]), L.zeros([1, 1, 1, 1]), { padding: 'full' as L.Padding })).message,
    ).toBe('conv2d: "padding" must be \'same\', \'valid\' or [top, bottom, left, right]; received "full".');
    expect(thrown(() => L.transpose(L.zeros([2, 3]), [0, 0])).message).toBe(
      'transpose: perm [0,0] is not a permutation of the 2 axes of shape [2, 3].',
    );
  });
});

describe('backend errors', () => {
  it('a missing kernel names kernel and backend', () => {
    L.registerBackend({ name: 'partial', kernels: {} }, -1);
    L.setBackend('partial');
    try {
      const e = thrown(() => L.exp(L.zeros([2])));
      expect(e).toBeInstanceOf(L.KernelNotFoundError);
      expect(e.code).toBe('ERR_KERNEL_NOT_FOUND');
      expect(e.message).toBe('Kernel "Exp" is not registered for backend "partial".');
    } finally {
      L.setBackend('reference');
    }
  });
  it('an unknown backend lists the registered ones', () => {
    expect(thrown(() => L.setBackend('gpu')).message).toMatch(
      /^setBackend: no backend named "gpu"; registered: reference/,
    );
  });
});
