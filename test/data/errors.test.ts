import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/index.js';
import {
  batchesOf,
  makeBlobs,
  readArrow,
  readCsv,
  readJsonl,
  readLibsvm,
  readParquet,
  writeParquet,
} from '../../src/data/index.js';
import type { Dataset } from '../../src/data/index.js';
import { planTextSlices } from '../../src/data/index.js';
import { lineChunks } from '../../src/data/io/lineChunks.js';
import { useTmpDir } from './tmpDir.js';

const tmp = useTmpDir();

/** Reads `ds` to the end and returns the DataError it raised (fails if it raised none or another kind). */
async function dataErrorOf(ds: Dataset<unknown>): Promise<DataError> {
  try {
    for await (const _ of ds) {
      // drain
    }
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).code).toBe('ERR_DATA');
    return e as DataError;
  }
  throw new Error('expected a DataError, but the dataset ended normally');
}

function file(name: string, text: string | Buffer): string {
  const p = tmp(name);
  writeFileSync(p, text);
  return p;
}

// Every test here must finish quickly: malformed input must fail, never hang.
const FAST = 10_000;

describe('malformed input raises DataError naming file and position', () => {
  it('CSV: ragged row', { timeout: FAST }, async () => {
    const p = file('ragged.csv', 'a,b,label\n1,2,0\n3,4\n5,6,1\n');
    const e = await dataErrorOf(readCsv(p, { label: 'label' }));
    expect(e.message).toBe(`${p}: line 3: expected 3 fields as in the header, found 2.`);
    expect(e.details).toMatchObject({ file: p, line: 3, expected: 3, found: 2 });
  });

  it(
    'CSV: non-numeric cell, unknown class, missing label, missing value with missing: error',
    { timeout: FAST },
    async () => {
      const p = file('bad.csv', 'a,b,label\n1,2,0\n3,abc,1\n');
      expect((await dataErrorOf(readCsv(p, { label: 'label' }))).message).toBe(
        `${p}: line 3, column 2 ("b"): expected a number, found "abc".`,
      );
      const q = file('classes.csv', 'a,label\n1,cat\n2,dog\n3,emu\n');
      expect((await dataErrorOf(readCsv(q, { label: 'label', labelClasses: ['cat', 'dog'] }))).message).toBe(
        `${q}: line 4, column 2 ("label"): unknown class "emu".`,
      );
      const r = file('nolabel.csv', 'a,label\n1,\n');
      expect((await dataErrorOf(readCsv(r, { label: 'label' }))).message).toBe(
        `${r}: line 2, column 2 ("label"): missing label "".`,
      );
      const s = file('missing.csv', 'a,b\n1,NA\n');
      expect((await dataErrorOf(readCsv(s, { missing: 'error' }))).message).toBe(
        `${s}: line 2, column 2 ("b"): missing value "NA".`,
      );
    },
  );

  it('CSV: a parser error (bad quoting) names file and line', { timeout: FAST }, async () => {
    const p = file('quote.csv', 'a,b\n1,2\n3,"4"x\n');
    const e = await dataErrorOf(readCsv(p));
    expect(e.message).toMatch(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 3: `));
  });

  it('LIBSVM: bad tokens and indices', { timeout: FAST }, async () => {
    const p = file('bad.svm', '1 1:0.5 2:1\n0 1:0.5 x:2\n');
    const e = await dataErrorOf(readLibsvm(p, { nFeatures: 4 }));
    expect(e.message).toBe(`${p}: line 2, column 9: expected index:value; found "x:2".`);
    expect(e.details).toMatchObject({ file: p, line: 2, column: 9, token: 'x:2' });
    const cases: [string, string][] = [
      ['1 3:1 2:1\n', 'line 1, column 7: indices must increase along a line; found "2:1".'],
      [
        '1 0:1\n',
        'line 1, column 3: index 0 in a 1-based file (pass zeroBased: true for 0-based indices); found "0:1".',
      ],
      ['1 9:1\n', 'line 1, column 3: index out of range: the data has 4 features; found "9:1".'],
      ['one 1:1\n', 'line 1, column 1: expected a numeric label; found "one".'],
      ['1 1:\n', 'line 1, column 3: expected index:value; found "1:".'],
      ['1 1:2.5.5\n', 'line 1, column 3: expected index:value; found "1:2.5.5".'],
      ['1,2 1:1\n', 'line 1, column 1: expected a numeric label; found "1,2".'],
    ];
    for (const [i, [text, msg]] of cases.entries()) {
      const q = file(`case${i}.svm`, text);
      expect((await dataErrorOf(readLibsvm(q, { nFeatures: 4 }))).message).toBe(`${q}: ${msg}`);
    }
  });

  it('JSONL: invalid JSON and wrong value types', { timeout: FAST }, async () => {
    const p = file('bad.jsonl', '{"a": 1, "label": 0}\n{"a": 2, "label": }\n');
    const e = await dataErrorOf(readJsonl(p, { label: 'label' }));
    expect(e.message.startsWith(`${p}: line 2`)).toBe(true);
    expect(e.message).toContain('invalid JSON (');
    expect(e.details).toMatchObject({ file: p, line: 2 });
    const q = file('str.jsonl', '{"a": 1}\n{"a": "x"}\n');
    expect((await dataErrorOf(readJsonl(q))).message).toBe(`${q}: line 2, key "a": expected a number, found "x".`);
  });

  it('Parquet: truncated file', { timeout: FAST }, async () => {
    const p = tmp('trunc.parquet');
    await writeParquet(p, batchesOf(makeBlobs({ nSamples: 500, seed: 1 }), 100));
    const size = readFileSync(p).length;
    truncateSync(p, Math.floor(size / 2));
    const e = await dataErrorOf(readParquet(p));
    expect(e.message).toMatch(/: not a readable Parquet file \(.*\); is it truncated\?$/);
    expect(e.message.startsWith(`${p}: `)).toBe(true);
    const empty = file('empty.parquet', '');
    expect((await dataErrorOf(readParquet(empty))).message.startsWith(`${empty}: not a readable Parquet file`)).toBe(
      true,
    );
  });

  it('Parquet: corrupted column data is reported with the row group', { timeout: FAST }, async () => {
    const p = tmp('corrupt.parquet');
    await writeParquet(p, batchesOf(makeBlobs({ nSamples: 400, seed: 2 }), 100), { rowGroupSize: 200 });
    const bytes = readFileSync(p);
    for (let i = 8; i < 200; i++) bytes[i] = 0xff; // page header and data of the first row group
    writeFileSync(p, bytes);
    const e = await dataErrorOf(readParquet(p));
    expect(e.message.startsWith(`${p}: row group 0 (rows 0–199) cannot be decoded: `)).toBe(true);
  });

  it('gzip: garbage after the magic bytes, and a truncated stream', { timeout: FAST }, async () => {
    const garbage = file(
      'garbage.csv.gz',
      Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('this is not deflate data at all')]),
    );
    const e = await dataErrorOf(readCsv(garbage));
    expect(e.message).toMatch(
      new RegExp(`^${garbage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid gzip data near compressed byte \\d+: `),
    );
    const full = gzipSync(Buffer.from('a,b\n' + '1,2\n'.repeat(50_000)));
    const cut = file('cut.csv.gz', full.subarray(0, Math.floor(full.length / 2)));
    const e2 = await dataErrorOf(readCsv(cut));
    expect(e2.message).toContain('invalid gzip data near compressed byte');
    expect(e2.message).toContain('unexpected end of file');
    const svm = file('cut.svm.gz', gzipSync(Buffer.from('1 1:1\n'.repeat(50_000))).subarray(0, 200));
    expect((await dataErrorOf(readLibsvm(svm, { nFeatures: 1 }))).message).toContain(`${svm}: invalid gzip data`);
  });

  it('Arrow: not an Arrow file', { timeout: FAST }, async () => {
    const p = file('bad.arrow', 'definitely not arrow');
    const e = await dataErrorOf(readArrow(p));
    expect(e.message.startsWith(`${p}: not a readable Arrow IPC file`)).toBe(true);
  });

  it('a missing file', { timeout: FAST }, async () => {
    const p = tmp('nope.csv');
    expect((await dataErrorOf(readCsv(p))).message).toBe(`${p}: no such file or directory.`);
  });

  it(
    'a line longer than the limit is an error, so a file without newlines cannot fill memory',
    { timeout: FAST },
    async () => {
      const p = file('oneline.txt', 'x'.repeat(5000));
      const slices = await planTextSlices([p]);
      const read = async (): Promise<void> => {
        for await (const _ of lineChunks(slices[0]!, { chunkSize: 256, maxLineBytes: 1000 })) {
          // drain
        }
      };
      await expect(read()).rejects.toThrow(
        `${p}: the line starting at byte 0 is longer than 1000 bytes; is this a text file?`,
      );
    },
  );
});
