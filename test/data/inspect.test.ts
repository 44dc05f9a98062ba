import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/index.js';
import {
  batchesOf,
  detectFormat,
  inspectFile,
  makeBlobs,
  writeArrow,
  writeLibsvm,
  writeParquet,
} from '../../src/data/index.js';
import { useTmpDir } from './tmpDir.js';

const tmp = useTmpDir();

describe('inspectFile', () => {
  it('CSV: schema, missing values, class balance', async () => {
    const p = tmp('small.csv');
    writeFileSync(p, 'a,b,name,label\n1,2,x,0\nNA,3,y,1\n2,,z,1\n4,5,,1\n');
    const r = await inspectFile(p);
    expect(r).toMatchObject({ format: 'csv', rows: 4, rowsEstimated: false, label: 'label', missing: 3 });
    expect(r.classBalance).toEqual({ 0: 1, 1: 3 });
    expect(r.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['a', 'number', 1],
      ['b', 'number', 1],
      ['name', 'string', 1],
      ['label', 'number', 0],
    ]);
    expect(r.columns[0]).toMatchObject({ min: 1, max: 4, mean: 7 / 3, distinct: 3 });
  });

  it('estimates the row count when told to stop early', async () => {
    const p = tmp('long.csv');
    writeFileSync(p, 'v,label\n' + Array.from({ length: 100_000 }, (_, i) => `${i % 97},${i % 3}`).join('\n') + '\n');
    const r = await inspectFile(p, { maxRows: 5000 });
    expect(r.rowsEstimated).toBe(true);
    expect(r.rowsRead).toBeLessThan(100_000);
    expect(Math.abs(r.rows - 100_000) / 100_000).toBeLessThan(0.05);
    const full = await inspectFile(p);
    expect(full.rows).toBe(100_000);
    expect(full.classBalance).toEqual({ 0: 33_334, 1: 33_333, 2: 33_333 });
  });

  it('LIBSVM, JSONL, Parquet and Arrow', async () => {
    const data = makeBlobs({ nSamples: 300, centers: 3, seed: 1 });
    const svm = tmp('i.svm');
    await writeLibsvm(svm, batchesOf(data, 64));
    const r = await inspectFile(svm);
    expect(r.rows).toBe(300);
    expect(r.classBalance).toEqual({ 0: 100, 1: 100, 2: 100 });
    expect(r.sparse).toMatchObject({ minIndex: 1, maxIndex: 2, nFeatures: 2, nnz: 600, density: 1 });

    const jl = tmp('i.jsonl');
    writeFileSync(jl, '{"a": 1, "y": "cat"}\n{"a": null, "y": "dog"}\n{"y": "cat", "extra": true}\n');
    const j = await inspectFile(jl);
    expect(j.label).toBe('y');
    expect(j.classBalance).toEqual({ cat: 2, dog: 1 });
    expect(j.columns.find((c) => c.name === 'a')).toMatchObject({ missing: 2, count: 1 });
    expect(j.columns.find((c) => c.name === 'extra')).toMatchObject({ missing: 2, type: 'boolean' });

    const pq = tmp('i.parquet');
    await writeParquet(pq, batchesOf(data, 64), { rowGroupSize: 128 });
    const q = await inspectFile(pq, { maxRows: 100 });
    expect(q).toMatchObject({ rows: 300, rowsRead: 128, rowsEstimated: false, label: 'label' });
    expect(q.columns.map((c) => c.name)).toEqual(['f0', 'f1', 'label']);

    const ar = tmp('i.arrow');
    await writeArrow(ar, batchesOf(data, 64));
    const a = await inspectFile(ar);
    expect(a.rows).toBe(300);
    expect(a.classBalance).toEqual({ 0: 100, 1: 100, 2: 100 });
  });

  it('detects formats from extensions, .gz included', () => {
    expect(detectFormat('a/b.CSV.gz')).toBe('csv');
    expect(detectFormat('x.libsvm')).toBe('libsvm');
    expect(detectFormat('x.feather')).toBe('arrow');
    expect(() => detectFormat('x.xlsx')).toThrow(ConfigError);
  });
});
