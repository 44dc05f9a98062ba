import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFloat32 } from '../../src/data/index.js';
import { LibsvmTokenizer } from '../../src/data/readers/LibsvmTokenizer.js';
import { parseNumber, parsedEnd } from '../../src/data/readers/parseNumber.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('parseNumber (the LIBSVM fast path) agrees with Number()', () => {
  it('on decimal and exponent spellings of any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        for (const s of [String(v), v.toExponential(), v.toPrecision(7), v.toFixed(Math.min(20, 3))]) {
          const b = bytes(s);
          expect(Object.is(parseNumber(b, 0, b.length), Number(s))).toBe(true);
          expect(parsedEnd).toBe(b.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('on digit strings with many significant digits (the slow path)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?[0-9]{1,25}(\.[0-9]{1,25})?(e[+-]?[0-9]{1,3})?$/), (s) => {
        const b = bytes(s);
        expect(Object.is(parseNumber(b, 0, b.length), Number(s))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('stops at separators and reports where; rejects non-numbers', () => {
    const b = bytes('12.5:7 nan inf -Infinity x 1e');
    expect(parseNumber(b, 0, b.length)).toBe(12.5);
    expect(parsedEnd).toBe(4);
    expect(parseNumber(b, 7, b.length)).toBeNaN();
    expect(parsedEnd).toBe(10);
    expect(parseNumber(b, 11, b.length)).toBe(Infinity);
    expect(parseNumber(b, 15, b.length)).toBe(-Infinity);
    expect(parseNumber(b, 25, b.length)).toBeNaN();
    expect(parsedEnd).toBe(25); // nothing consumed: not a number
    expect(parseNumber(b, 27, b.length)).toBeNaN(); // "1e" has no exponent digits
  });
});

describe('formatFloat32', () => {
  it('writes the shortest text that reads back as the same float32', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (v) => {
        const s = formatFloat32(v);
        expect(Object.is(Math.fround(Number(s)), v)).toBe(true);
        expect(
          s.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length,
        ).toBeLessThanOrEqual(9);
      }),
      { numRuns: 5000 },
    );
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(0.5)).toBe('0.5');
    expect(formatFloat32(3)).toBe('3');
    expect(formatFloat32(Math.fround(1e-7))).toBe('1e-7');
    expect(formatFloat32(-0)).toBe('-0');
  });
});

describe('LibsvmTokenizer values', () => {
  it('match Number() on any spelling (fast path and fallback)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
            fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((v) => v.toFixed(6)),
            fc.stringMatching(/^-?[0-9]{1,18}(\.[0-9]{0,18})?$/),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        (values) => {
          const line = '1 ' + values.map((v, i) => `${i + 1}:${v}`).join(' ') + '\n';
          const got: number[] = [];
          const tok = new LibsvmTokenizer({
            file: 'f',
            zeroBased: false,
            nFeatures: Infinity,
            lineLabel: (l) => `line ${l}`,
          });
          tok.parse(Buffer.from(line), {
            add: (_i, v) => got.push(v),
            endRow: () => undefined,
            abandonRow: () => undefined,
          });
          expect(got).toEqual(values.map(Number));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
