import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, DataError } from '../../src/index.js';
import { readCsv, readCsvRecords } from '../../src/data/index.js';
import { planTextSlices } from '../../src/data/io/planTextSlices.js';
import { csvSliceRecords } from '../../src/data/readers/csvSliceRecords.js';
import { plainDecimal } from '../../src/data/readers/plainDecimal.js';
import { useTmpDir } from './tmpDir.js';

const tmp = useTmpDir();

function file(name: string, text: string): string {
  const p = tmp(name);
  writeFileSync(p, text);
  return p;
}

/** The error `run` rejects with (fails when it resolves). */
async function errorOf(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

/** Every record of `path` with the line it starts on, read through the CSV driver in `chunkSize`-byte chunks. */
async function records(
  path: string,
  chunkSize: number,
  options: { comment?: string; maxLineBytes?: number } = {},
): Promise<[string[], number][]> {
  const [slice] = await planTextSlices([path]);
  const out: [string[], number][] = [];
  const chunks = { chunkSize, ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }) };
  const format = options.comment === undefined ? {} : { comment: options.comment };
  for await (const group of csvSliceRecords(slice!, format, false, (r, line) => [r, line] as const, chunks)) {
    for (const [r, line] of group) out.push([r, line]);
  }
  return out;
}

describe('plainDecimal (the cell conversion fast path)', () => {
  it('equals Number() bit for bit whenever it returns a number', () => {
    const spellings = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((v) => v.toFixed(4)),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v.toExponential(6)),
      fc.stringMatching(/^[-+]?[0-9]{0,18}(\.[0-9]{0,18})?([eE][-+]?[0-9]{0,4})?$/),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(spellings, (s) => {
        const v = plainDecimal(s);
        if (!Number.isNaN(v)) expect(Object.is(v, Number(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('takes the plain spellings of CSV exports and leaves the rest to Number()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 8 }), (v, d) => {
        const s = v.toFixed(d);
        expect(Object.is(plainDecimal(s), Number(s))).toBe(true); // at most 15 digits: always the fast path
      }),
      { numRuns: 2000 },
    );
    for (const s of ['0', '-0', '+7', '.5', '5.', '-1.25e-3', '1E5', '000123.4500']) {
      expect(Object.is(plainDecimal(s), Number(s))).toBe(true);
    }
    // Spellings the fast path declines (NaN) although Number() reads them: the caller's fallback handles them.
    for (const s of [' 1', '1 ', '0x10', 'Infinity', '1e400', '1234567890.123456', '1e23']) {
      expect(plainDecimal(s)).toBeNaN();
    }
    for (const s of ['', '-', '.', 'e5', '1e', '1e+', '1.2.3', '1,5', 'NA']) expect(plainDecimal(s)).toBeNaN();
  });
});

describe('CSV driver (papaparse over line chunks)', () => {
  /** RFC 4180 quoting: a field with a delimiter, quote or line break is quoted, quotes doubled. */
  const quoteField = (f: string): string => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  const field = fc.stringMatching(/^[a-z0-9 ,"\n]{0,6}$/).filter((f) => !f.startsWith('#'));

  it('gives every record and the line it starts on, whatever the chunk size (quoted newlines, CRLF, comments)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 40 }),
        async (rows, commentBefore, eol, chunkSize) => {
          let text = '';
          const lines: number[] = [];
          rows.forEach((r, i) => {
            if (commentBefore[i]) text += `# note, "with quotes${eol}`;
            lines.push(1 + text.split('\n').length - 1);
            text += r.map(quoteField).join(',') + eol;
          });
          const p = file('prop.csv', text);
          const got = await records(p, chunkSize, { comment: '#' });
          expect(got.map(([r]) => r)).toEqual(rows);
          expect(got.map(([, line]) => line)).toEqual(lines);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads comment lines, CRLF, a BOM and empty lines, and names the starting line of a record in errors', async () => {
    const p = file('mixed.csv', '\uFEFFa,b\r\n# note\r\n"x\r\ny",1\r\n\r\n2,3\r\n');
    expect(await readCsvRecords(p, { comment: '#' }).toArray()).toEqual([
      { a: 'x\r\ny', b: 1 },
      { a: 2, b: 3 },
    ]);
    const q = file('lines.csv', 'a,b\n# note\n"x\ny",1\n\n2,oops\n');
    const e = await errorOf(() => readCsvRecords(q, { comment: '#', types: { b: 'number' } }).toArray());
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe(`${q}: line 6, column 2 ("b"): expected a number, found "oops".`);
    const e2 = await errorOf(() => readCsv(q, { comment: '#' }).toArray());
    expect(e2.message).toBe(`${q}: line 3, column 1 ("a"): expected a number, found "x\\ny".`);
  });

  it('an unclosed quote is a DataError at the line where it opens, in linear time, within maxLineBytes', async () => {
    const body = 'a,b\n1,"open\n' + '2,3\n'.repeat(250_000); // 1 MB after the open quote, no closing quote
    const p = file('open.csv', body);
    const t0 = performance.now();
    const e = await errorOf(() => readCsv(p).toArray());
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe(`${p}: line 2: a quoted field is never closed.`);
    expect(performance.now() - t0).toBeLessThan(5000);
    const e2 = await errorOf(() => records(p, 1024, { maxLineBytes: 4096 }));
    expect(e2.message).toBe(
      `${p}: line 2: a record is still open after 4096 characters (is a closing quote missing?).`,
    );
  });

  it("turns quoting off with quote: '' and rejects unusable delimiters", async () => {
    const p = file('noquote.csv', 'a,b\n"1",2\n');
    expect(await readCsvRecords(p, { quote: '' }).toArray()).toEqual([{ a: '"1"', b: 2 }]);
    const e = await errorOf(() => readCsv(p, { delimiter: '' }).toArray());
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe(
      'CSV options: "delimiter" must be a non-empty string without quotes or line breaks; received "".',
    );
    const e2 = await errorOf(() => readCsv(p, { comment: ',' }).toArray());
    expect(e2).toBeInstanceOf(ConfigError);
  });

  it('readCsv converts other number spellings through Number() and keeps missing values', async () => {
    const p = file('spellings.csv', 'a,b,label\n0x10, 2 ,1e2\n.5,NA,-0\n1e400,,3\n');
    const got = await readCsv(p, { label: 'label' }).toArray();
    expect(Array.from(got[0]!.x)).toEqual([16, 2, 0.5, NaN, Infinity, NaN]);
    expect(Array.from(got[0]!.y!)).toEqual([100, -0, 3]);
    const q = file('na.csv', 'a,b\n-999,1.5\n2, NA \n');
    expect(await readCsvRecords(q, { naValues: ['-999', 'NA'] }).toArray()).toEqual([
      { a: null, b: 1.5 },
      { a: 2, b: null },
    ]);
  });
});
