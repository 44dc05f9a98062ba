import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Batch,
  type DenseBatch,
  type SparseBatch,
  batchesOf,
  makeClassification,
  readArrow,
  readCsv,
  readCsvRecords,
  readJsonl,
  readJsonlRecords,
  readLibsvm,
  readParquet,
  writeArrow,
  writeCsv,
  writeJsonl,
  writeLibsvm,
  writeParquet,
} from '../../src/data/index.js';
import type { Dataset } from '../../src/data/index.js';
import { useTmpDir } from './tmpDir.js';

const tmp = useTmpDir();

/** 257 rows (odd, so batches come out partial), 6 features with a NaN and exact zeros, Int32 labels 0..2. */
function sample(): DenseBatch & { y: Int32Array } {
  const d = makeClassification({ nSamples: 257, nFeatures: 6, nInformative: 3, nRedundant: 1, nClasses: 3, seed: 42 });
  const x = d.x.slice();
  x[5] = 0;
  x[13] = 0;
  return { x, y: d.y as Int32Array, rows: d.rows, cols: d.cols };
}

async function collect(ds: Dataset<Batch>): Promise<{ x: Float32Array; y: number[]; batches: number[]; cols: number }> {
  const xs: number[] = [];
  const y: number[] = [];
  const batches: number[] = [];
  let cols = 0;
  for await (const b of ds) {
    cols = b.cols;
    batches.push(b.rows);
    if (b.x instanceof Float32Array) xs.push(...b.x);
    else xs.push(...b.x.toDense());
    if (b.y) y.push(...b.y);
  }
  return { x: Float32Array.from(xs), y, batches, cols };
}

describe('readers round-trip with their writers', () => {
  const data = sample();
  const source = batchesOf(data, 64);

  it('CSV: values bit-exact, labels, batch sizes', async () => {
    const path = tmp('rt.csv');
    expect(await writeCsv(path, source)).toBe(257);
    const got = await collect(readCsv(path, { label: 'label', labelDtype: 'int32', batchSize: 100 }));
    expect(got.x).toEqual(data.x);
    expect(got.y).toEqual(Array.from(data.y));
    expect(got.batches).toEqual([100, 100, 57]);
  });

  it('TSV and gzip-compressed CSV are recognised without options', async () => {
    await writeCsv(tmp('rt.tsv'), source, { delimiter: '\t' });
    await writeCsv(tmp('rt.csv.gz'), source);
    for (const p of [tmp('rt.tsv'), tmp('rt.csv.gz')]) {
      const got = await collect(readCsv(p, { label: 'label' }));
      expect(got.x).toEqual(data.x);
      expect(got.y).toEqual(Array.from(data.y));
    }
  });

  it('CSV: NaN is written as an empty field and read back as missing', async () => {
    const x = Float32Array.of(1, NaN, 3, 4);
    const path = tmp('nan.csv');
    await writeCsv(path, [{ x, rows: 2, cols: 2 }]);
    const got = await collect(readCsv(path));
    expect(Array.from(got.x)).toEqual([1, NaN, 3, 4]);
    const filled = await collect(readCsv(path, { missing: -1 }));
    expect(Array.from(filled.x)).toEqual([1, -1, 3, 4]);
  });

  it('LIBSVM: sparse, dense, 0-based, and with the feature count found by a scan', async () => {
    const path = tmp('rt.svm');
    await writeLibsvm(path, source);
    const sparse = await collect(readLibsvm(path, { nFeatures: 6 }));
    expect(sparse.x).toEqual(data.x);
    expect(sparse.y).toEqual(Array.from(data.y));
    const dense = await collect(readLibsvm(path, { nFeatures: 6, dense: true }));
    expect(dense.x).toEqual(data.x);
    const scanned = await collect(readLibsvm(path));
    expect(scanned.cols).toBe(6);
    const zpath = tmp('rt0.svm.gz');
    await writeLibsvm(zpath, source, { zeroBased: true });
    const zero = await collect(readLibsvm(zpath, { nFeatures: 6, zeroBased: true }));
    expect(zero.x).toEqual(data.x);
  });

  it('LIBSVM: CSR batches keep only non-zeros, in increasing index order', async () => {
    const path = tmp('rt2.svm');
    await writeLibsvm(path, source);
    const [first] = (await readLibsvm(path, { nFeatures: 6, batchSize: 4 }).take(1).toArray()) as SparseBatch[];
    expect(first!.x.nnz).toBe(24 - 2); // two zeros planted in the first rows
    for (let i = 0; i < 4; i++) {
      const idx = Array.from(first!.x.indices.subarray(first!.x.indptr[i], first!.x.indptr[i + 1]));
      expect(idx).toEqual([...idx].sort((a, b) => a - b));
    }
  });

  it('JSONL: one key per feature, or one array key', async () => {
    const path = tmp('rt.jsonl');
    await writeJsonl(path, source);
    const got = await collect(readJsonl(path, { label: 'label' }));
    expect(got.x).toEqual(data.x);
    expect(got.y).toEqual(Array.from(data.y));
    const apath = tmp('rt-array.jsonl.gz');
    await writeJsonl(apath, source, { arrayKey: 'x', labelName: 'y' });
    const arr = await collect(readJsonl(apath, { label: 'y' }));
    expect(arr.x).toEqual(data.x);
    expect(arr.cols).toBe(6);
    const first = (await readJsonlRecords(apath).take(1).toArray())[0] as { x: number[]; y: number };
    expect(first.x.length).toBe(6);
    expect(first.y).toBe(data.y[0]);
  });

  it('Parquet: several row groups, labels keep their values', async () => {
    const path = tmp('rt.parquet');
    await writeParquet(path, source, { rowGroupSize: 50 });
    const got = await collect(readParquet(path, { label: 'label', batchSize: 64 }));
    expect(got.x).toEqual(data.x);
    expect(got.y).toEqual(Array.from(data.y));
    expect(got.batches).toEqual([50, 50, 50, 50, 50, 7]);
    const sel = await collect(readParquet(path, { features: ['f2', 'f0'] }));
    expect(sel.cols).toBe(2);
    expect(sel.x[0]).toBe(data.x[2]);
    expect(sel.x[1]).toBe(data.x[0]);
  });

  it('Parquet through the optional DuckDB engine gives the same batches', async () => {
    const path = tmp('rt-duck.parquet');
    await writeParquet(path, source, { rowGroupSize: 100 });
    let duck;
    try {
      duck = await collect(readParquet(path, { label: 'label', engine: 'duckdb' }));
    } catch (e) {
      // Without the optional package the engine must fail with a clear ConfigError, nothing else.
      expect((e as Error).message).toContain("engine 'duckdb' needs the optional package @duckdb/node-api");
      return;
    }
    expect(duck.x).toEqual(data.x);
    expect(duck.y).toEqual(Array.from(data.y));
  });

  it('Arrow IPC: file and stream formats', async () => {
    for (const name of ['rt.arrow', 'rt.arrows']) {
      const path = tmp(name);
      await writeArrow(path, source);
      const got = await collect(readArrow(path, { label: 'label' }));
      expect(got.x).toEqual(data.x);
      expect(got.y).toEqual(Array.from(data.y));
      expect(got.batches).toEqual([64, 64, 64, 64, 1]);
    }
  });

  it('CSV: quoted fields, column selection by name and position, class names, CRLF line ends', async () => {
    const path = tmp('quoted.csv');
    writeFileSync(
      path,
      'id,"note, with comma",a,b,species\r\n1,"said ""hi""",0.5,2,setosa\r\n2,"two\nlines",1.5,NA,virginica\r\n',
    );
    const got = await collect(
      readCsv(path, { features: ['b', 2], label: 'species', labelClasses: ['setosa', 'versicolor', 'virginica'] }),
    );
    expect(Array.from(got.x)).toEqual([2, 0.5, NaN, 1.5]);
    expect(got.y).toEqual([0, 2]);
    const ignored = await collect(
      readCsv(path, { ignore: ['id', 'note, with comma'], label: 'species', labelClasses: ['setosa', 'virginica'] }),
    );
    expect(ignored.cols).toBe(2);
    const records = await readCsvRecords(path, { types: { id: 'string' } }).toArray();
    expect(records).toEqual([
      { id: '1', 'note, with comma': 'said "hi"', a: 0.5, b: 2, species: 'setosa' },
      { id: '2', 'note, with comma': 'two\nlines', a: 1.5, b: null, species: 'virginica' },
    ]);
  });

  it('CSV without a header uses positions and given names', async () => {
    const path = tmp('nohead.csv');
    writeFileSync(path, '1,2,0\n3,4,1\n');
    const got = await collect(readCsv(path, { header: false, label: 2 }));
    expect(Array.from(got.x)).toEqual([1, 2, 3, 4]);
    expect(got.y).toEqual([0, 1]);
    const named = await collect(
      readCsv(path, { header: false, columnNames: ['a', 'b', 'y'], label: 'y', features: ['b'] }),
    );
    expect(Array.from(named.x)).toEqual([2, 4]);
  });

  it('readers accept a file list and a directory', async () => {
    const a = tmp('part-a.svm');
    const b = tmp('part-b.svm');
    await writeLibsvm(a, batchesOf(data, 64).take(2));
    await writeLibsvm(b, batchesOf(data, 64).skip(2));
    const got = await collect(readLibsvm([a, b], { nFeatures: 6 }));
    expect(got.x).toEqual(data.x);
  });
});
