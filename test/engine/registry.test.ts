import { describe, expect, it } from 'vitest';
import * as L from '../../src/index.js';

describe('backend registry', () => {
  it('starts with the wasm backend active where WebAssembly SIMD exists, the reference backend otherwise', () => {
    expect(L.listBackends()).toContain('reference');
    const simd = WebAssembly.validate(
      // (module (func (result v128) (v128.const i32x4 0 0 0 0))): validates only with SIMD support.
      new Uint8Array([
        0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
      ]),
    );
    expect(L.getBackend().name).toBe(simd ? 'wasm' : 'reference');
  });

  it('picks the highest-priority backend, until one is chosen by name', () => {
    const calls: string[] = [];
    const fast: L.Backend = {
      name: 'fast-test',
      kernels: {
        ...L.referenceBackend.kernels,
        Exp: (x) => {
          calls.push('Exp');
          return (L.referenceBackend.kernels.Exp as (t: L.Tensor) => L.Tensor)(x);
        },
      },
    };
    L.registerBackend(fast, 10);
    expect(L.getBackend().name).toBe('fast-test');
    L.exp(L.zeros([2]));
    expect(calls).toEqual(['Exp']);
    L.setBackend('reference');
    L.registerBackend({ ...fast, name: 'faster-test' }, 20);
    expect(L.getBackend().name).toBe('reference'); // an explicit choice sticks
    L.exp(L.zeros([2]));
    expect(calls).toEqual(['Exp']);
  });

  it('getKernel returns the active backend kernel by name', () => {
    L.setBackend('reference');
    expect(L.getKernel('MatMul')).toBe(L.referenceBackend.kernels.MatMul);
  });
});
