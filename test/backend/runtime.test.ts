import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { initWasmBackend, wasmBackendInfo, wasmRouting } from '../../src/backend/wasm/index.js';
import { wasmMatMul } from '../../src/backend/wasm/matMul.js';
import { configuredThreads, WasmRuntime } from '../../src/backend/wasm/runtime.js';
import { unshareMemoryImport } from '../../src/backend/wasm/wasmModule.js';
import { Random } from '../../src/util/random.js';
import { abs, expectParity, REF, SEED, uniform, WASM } from './parityHelpers.js';

const probe = fileURLToPath(new URL('./fixtures/threadsProbe.ts', import.meta.url));

function runProbe(threads: number): { digest: string; threads: number; workersReady: number } {
  const started = Date.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', probe], {
    env: { ...process.env, LSML_THREADS: String(threads) },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.error).toBeUndefined();
  expect(child.status, child.stderr).toBe(0);
  expect(Date.now() - started).toBeLessThan(60_000);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string);
}

describe('the wasm runtime', () => {
  const saved = process.env.LSML_THREADS;
  afterEach(() => {
    if (saved === undefined) delete process.env.LSML_THREADS;
    else process.env.LSML_THREADS = saved;
  });

  it('reads LSML_THREADS and rejects values that are not positive integers', () => {
    process.env.LSML_THREADS = '3';
    expect(configuredThreads()).toBe(3);
    for (const bad of ['0', 'two', '1.5', '-2']) {
      process.env.LSML_THREADS = bad;
      expect(() => configuredThreads()).toThrow(
        `wasm backend: LSML_THREADS must be a positive integer; received ${JSON.stringify(bad)}.`,
      );
    }
  });

  it('starts its worker threads with the first large kernel, which then join later kernels', async () => {
    const rng = new Random(SEED);
    const a = uniform(rng, [256, 256]);
    const b = uniform(rng, [256, 256]);
    const info = wasmBackendInfo();
    expect(info.available).toBe(true);
    expect(info.threads).toBe(configuredThreads());
    const want = REF.MatMul(a, b, false, false);
    const scale = REF.MatMul(abs(a), abs(b), false, false);
    const deadline = Date.now() + 20_000;
    while (wasmBackendInfo().workersReady < info.threads - 1 && Date.now() < deadline) {
      expectParity(WASM.MatMul(a, b, false, false), want, 'MatMul while workers start', 1e-4, scale);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(wasmBackendInfo().workersReady).toBe(info.threads - 1);
    expectParity(WASM.MatMul(a, b, false, false), want, 'MatMul on every thread', 1e-4, scale);
  });

  it('runs without shared memory (a browser page that is not cross-origin isolated) on one thread', () => {
    const rt = new WasmRuntime({ shared: false });
    expect(rt.shared).toBe(false);
    expect(rt.threads).toBe(1);
    const rng = new Random(SEED);
    const a = uniform(rng, [70, 90]);
    const b = uniform(rng, [90, 33]);
    const got = wasmMatMul(rt, a, b, false, false);
    expectParity(
      got,
      REF.MatMul(a, b, false, false),
      'MatMul unshared',
      1e-4,
      REF.MatMul(abs(a), abs(b), false, false),
    );
  });

  it('hands element-wise work on tiny tensors to the reference kernels (a wasm call costs more)', () => {
    const saved = wasmRouting.minElements;
    wasmRouting.minElements = 256;
    try {
      const rng = new Random(SEED);
      const tiny = uniform(rng, [3, 5]);
      const row = uniform(rng, [1, 300]);
      expect(WASM.Exp(tiny)).toEqual(REF.Exp(tiny));
      expect(WASM.Add(tiny, tiny)).toEqual(REF.Add(tiny, tiny));
      // [3, 1] + [1, 300] broadcasts to 900 elements: wasm, within the element-wise tolerance.
      expectParity(
        WASM.Add(REF.Slice(tiny, [0, 0], [3, 1]), row),
        REF.Add(REF.Slice(tiny, [0, 0], [3, 1]), row),
        'Add',
      );
    } finally {
      wasmRouting.minElements = saved;
    }
  });

  it('compiles and instantiates asynchronously too, as a browser main thread must', async () => {
    const rt = await WasmRuntime.create({ shared: false });
    const rng = new Random(SEED);
    const a = uniform(rng, [9, 40]);
    const b = uniform(rng, [40, 21]);
    expectParity(
      wasmMatMul(rt, a, b, false, false),
      REF.MatMul(a, b, false, false),
      'MatMul async runtime',
      1e-4,
      REF.MatMul(abs(a), abs(b), false, false),
    );
    expect((await initWasmBackend()).available).toBe(true);
  });

  it('clears only the shared flag of the memory import when unsharing a module', () => {
    // A module importing env.memory as shared with limits 1..65536: the limits flag byte goes 0x03 → 0x01.
    const header = [0, 97, 115, 109, 1, 0, 0, 0];
    const importSection = [2, 18, 1, 3, 101, 110, 118, 6, 109, 101, 109, 111, 114, 121, 2, 3, 1, 128, 128, 4];
    const bytes = new Uint8Array([...header, ...importSection]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const unshared = unshareMemoryImport(bytes);
    expect([...unshared]).toEqual([...header, ...importSection.slice(0, 15), 1, ...importSection.slice(16)]);
    expect(WebAssembly.validate(unshared as Uint8Array<ArrayBuffer>)).toBe(true);
    expect([...bytes]).toEqual([...header, ...importSection]); // the input is not modified
  });

  it('gives bit-identical results on 1, 2 and 3 threads, and its process exits with workers alive', () => {
    const one = runProbe(1);
    const two = runProbe(2);
    const three = runProbe(3);
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(three.threads).toBe(3);
    expect(two.digest).toBe(one.digest);
    expect(three.digest).toBe(one.digest);
  });
});
