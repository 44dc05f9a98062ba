import { describe, expect, it } from 'vitest';
import * as L from '../../src/index.js';

describe('Tensor', () => {
  it('stores shape, dtype, size, rank and row-major strides', () => {
    const t = L.zeros([2, 3, 4], 'float64');
    expect(t.shape).toEqual([2, 3, 4]);
    expect(t.dtype).toBe('float64');
    expect(t.size).toBe(24);
    expect(t.rank).toBe(3);
    expect(t.strides).toEqual([12, 4, 1]);
    expect(t.data).toBeInstanceOf(Float64Array);
    expect(Object.isFrozen(t.shape)).toBe(true);
  });

  it('converts to nested arrays and back', () => {
    const values = [[[1, 2]], [[3, 4]]];
    expect(L.tensor(values).toArray()).toEqual(values);
    expect(L.scalar(5).toArray()).toBe(5);
    expect(L.zeros([0, 3]).toArray()).toEqual([]);
  });

  it('item() needs exactly one element', () => {
    expect(L.tensor([[7]]).item()).toBe(7);
    expect(() => L.zeros([2]).item()).toThrow('item: expected a tensor with one element, received shape [2].');
  });

  it('clone copies storage', () => {
    const a = L.tensor([1, 2]);
    const b = a.clone();
    (b.data as Float32Array)[0] = 9;
    expect(a.toFlatArray()).toEqual([1, 2]);
  });

  it('the constructor checks that storage fills the shape', () => {
    expect(() => new L.Tensor(new Float32Array(3), [2, 2])).toThrow(
      'Tensor: storage holds 3 elements but shape [2, 2] needs 4.',
    );
  });
});

describe('Random', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = new L.Random(42);
    const b = new L.Random(42);
    const c = new L.Random(43);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const r = new L.Random(1);
    const n = 100000;
    const xs = Array.from({ length: n }, () => r.uniform());
    const mean = xs.reduce((s, v) => s + v, 0) / n;
    const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01); // standard error ≈ 0.0009
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('permutation contains every index once; int stays in range', () => {
    const r = new L.Random(3);
    expect([...r.permutation(50)].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    for (let i = 0; i < 1000; i++) {
      const k = r.int(7);
      expect(k >= 0 && k < 7 && Number.isInteger(k)).toBe(true);
    }
  });
});

describe('CsrMatrix', () => {
  it('round-trips dense rows and counts non-zeros', () => {
    const rows = [
      [0, 1.5, 0],
      [2, 0, 3],
    ];
    const m = L.CsrMatrix.fromDense(rows);
    expect(m.nnz).toBe(3);
    expect([...m.indptr]).toEqual([0, 1, 3]);
    expect([...m.indices]).toEqual([1, 0, 2]);
    expect([...m.toDense()]).toEqual(rows.flat());
  });

  it('rejects column indices outside the matrix', () => {
    expect(() => new L.CsrMatrix(1, 2, Int32Array.from([0, 1]), Int32Array.from([2]), Float64Array.from([1]))).toThrow(
      'CsrMatrix: column index 2 at position 0 is outside [0, 2).',
    );
  });
});

describe('shape helpers', () => {
  it('broadcastShapes follows NumPy rules', () => {
    expect(L.broadcastShapes([2, 1, 3], [4, 1], 'op')).toEqual([2, 4, 3]);
    expect(L.broadcastShapes([], [5], 'op')).toEqual([5]);
    expect(() => L.broadcastShapes([2], [3], 'op')).toThrow(L.ShapeError);
  });
  it('normalizeAxes sorts, resolves negatives and rejects repeats', () => {
    expect(L.normalizeAxes([-1, 0], 3, 'op')).toEqual([0, 2]);
    expect(() => L.normalizeAxes([1, -1], 2, 'op')).toThrow('op: repeated axis in [1,-1].');
  });
});
