import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, DataError } from '../../src/index.js';
import { fromGenerator } from '../../src/data/index.js';

const mod = fileURLToPath(new URL('./fixtures/square.mjs', import.meta.url));
const numbers = (n: number) =>
  fromGenerator(function* () {
    for (let i = 0; i < n; i++) yield i;
  });

describe('Dataset.mapInWorkers', () => {
  it('runs the function on several worker threads and keeps the order', { timeout: 20_000 }, async () => {
    const out = await numbers(200)
      .mapInWorkers<{ value: number; thread: number }>({ module: mod, exportName: 'square', workers: 2 })
      .toArray();
    expect(out.map((o) => o.value)).toEqual(Array.from({ length: 200 }, (_, i) => i * i));
    expect(new Set(out.map((o) => o.thread)).size).toBe(2);
    const slow = await numbers(50)
      .mapInWorkers<number>({ module: new URL(`file://${mod}`), exportName: 'slowIdentity', workers: 3 })
      .toArray();
    expect(slow).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('reports a throwing function as a DataError naming the element', { timeout: 20_000 }, async () => {
    const run = numbers(10).mapInWorkers({ module: mod, exportName: 'fail' }).toArray();
    await expect(run).rejects.toThrow(DataError);
    await expect(numbers(10).mapInWorkers({ module: mod, exportName: 'fail' }).toArray()).rejects.toThrow(
      'element 3 failed: cannot handle 3',
    );
  });

  it('reports a missing export or module as a ConfigError', { timeout: 20_000 }, async () => {
    await expect(numbers(3).mapInWorkers({ module: mod, exportName: 'notAFunction' }).toArray()).rejects.toThrow(
      ConfigError,
    );
    await expect(numbers(3).mapInWorkers({ module: mod, exportName: 'notAFunction' }).toArray()).rejects.toThrow(
      'export "notAFunction" is not a function',
    );
    await expect(numbers(3).mapInWorkers({ module: '/no/such/module.mjs', exportName: 'f' }).toArray()).rejects.toThrow(
      'cannot load module',
    );
  });

  it('stops its workers when the consumer stops early', { timeout: 20_000 }, async () => {
    const out = await numbers(1_000_000)
      .mapInWorkers<{ value: number }>({ module: mod, exportName: 'square' })
      .take(5)
      .toArray();
    expect(out.map((o) => o.value)).toEqual([0, 1, 4, 9, 16]);
  });
});
