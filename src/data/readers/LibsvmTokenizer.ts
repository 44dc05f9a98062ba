import { DataError } from '../../errors/errors.js';
import { parseNumber, parsedEnd } from './parseNumber.js';

/** Receives the rows a `LibsvmTokenizer` reads. */
export interface LibsvmSink {
  /** One entry of the open row; `index` is already 0-based. */
  add(index: number, value: number): void;
  /** Closes the open row. */
  endRow(label: number): void;
  /** Drops the open row's entries (called before a DataError is thrown). */
  abandonRow(): void;
}

/** Settings of a `LibsvmTokenizer`. */
export interface LibsvmTokenizerOptions {
  /** Name used in errors. */
  file: string;
  /** Indices in the file start at 0 (default false: LIBSVM's 1-based indices). */
  zeroBased: boolean;
  /** Number of features; an index at or past it is an error (Infinity to accept any). */
  nFeatures: number;
  /** Turns a line number into the text errors show (shards do not know absolute line numbers). */
  lineLabel: (line: number) => string;
  /** Called the first time a `qid:` token is skipped. */
  onQid?: () => void;
}

const SP = 32;
const TAB = 9;
const NL = 10;
const CR = 13;
const HASH = 35;
const COLON = 58;
/** Exact powers of ten, 10^0 … 10^15. */
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * The LIBSVM / svmlight tokenizer: `label index:value index:value … [# comment]` per line, on raw bytes
 * (no string per line or per token). Indices must increase within a line; `qid:` tokens are skipped; blank
 * and comment lines are ignored. Tracks the maximum index seen (`maxIndex`, 0-based).
 */
export class LibsvmTokenizer {
  private readonly opts: LibsvmTokenizerOptions;
  private readonly offset: number;
  /** Lines consumed so far (1-based number of the last line). */
  line = 0;
  /** Largest 0-based feature index seen (-1 before any). */
  maxIndex = -1;
  private qidSeen = false;

  constructor(options: LibsvmTokenizerOptions) {
    this.opts = options;
    this.offset = options.zeroBased ? 0 : 1;
  }

  /**
   * Reads every line of `buf` (which must hold whole lines) into `sink`.
   * @throws DataError naming the file, the line, the byte column and the offending token.
   */
  parse(buf: Uint8Array, sink: LibsvmSink): void {
    const n = buf.length;
    const offset = this.offset;
    const nFeatures = this.opts.nFeatures;
    let maxIndex = this.maxIndex;
    let p = 0;
    while (p < n) {
      const lineStart = p;
      this.line++;
      let c = buf[p] as number;
      while ((c === SP || c === TAB) && p < n) c = buf[++p] as number;
      if (p >= n || c === NL || c === CR || c === HASH) {
        // blank or comment line
        while (p < n && buf[p] !== NL) p++;
        p++;
        continue;
      }
      const label = parseNumber(buf, p, n);
      if (parsedEnd === p || !isSep(buf, parsedEnd, n)) this.fail(buf, lineStart, p, 'expected a numeric label', sink);
      p = parsedEnd;
      let prev = -1;
      for (;;) {
        c = buf[p] as number;
        while ((c === SP || c === TAB) && p < n) c = buf[++p] as number;
        if (p >= n || c === NL || c === CR || c === HASH) break;
        const tokenStart = p;
        // index: digits up to ':'
        let idx = 0;
        let any = false;
        while (p < n) {
          c = buf[p] as number;
          if (c < 48 || c > 57) break;
          idx = idx * 10 + (c - 48);
          any = true;
          p++;
        }
        if (!any) {
          if (c === 113 /* q */ && buf[p + 1] === 105 && buf[p + 2] === 100 && buf[p + 3] === COLON) {
            p += 4;
            while (p < n && !isSepByte(buf[p] as number)) p++;
            if (!this.qidSeen) {
              this.qidSeen = true;
              this.opts.onQid?.();
            }
            continue;
          }
          this.fail(buf, lineStart, tokenStart, 'expected index:value', sink);
        }
        if (c !== COLON) this.fail(buf, lineStart, tokenStart, 'expected index:value', sink);
        p++;
        // Fast path for the usual plain decimals ([-]digits[.digits], at most 15 digits in all): the digits
        // form an exact integer, and one division by an exact power of ten rounds correctly. Anything else
        // (exponents, long mantissas, inf/nan) goes through parseNumber.
        let q = p;
        const neg = buf[q] === 45;
        if (neg) q++;
        const d0 = q;
        let m = 0;
        while (q < n) {
          const d = (buf[q] as number) - 48;
          if (d < 0 || d > 9) break;
          m = m * 10 + d;
          q++;
        }
        const intDigits = q - d0;
        let frac = 0;
        if (q < n && buf[q] === 46) {
          const f0 = ++q;
          while (q < n) {
            const d = (buf[q] as number) - 48;
            if (d < 0 || d > 9) break;
            m = m * 10 + d;
            q++;
          }
          frac = q - f0;
        }
        let value: number;
        if (intDigits + frac > 0 && intDigits + frac <= 15 && isSep(buf, q, n)) {
          value = frac > 0 ? m / (POW10[frac] as number) : m;
          if (neg) value = -value;
          p = q;
        } else {
          value = parseNumber(buf, p, n);
          if (parsedEnd === p || !isSep(buf, parsedEnd, n))
            this.fail(buf, lineStart, tokenStart, 'expected index:value', sink);
          p = parsedEnd;
        }
        const j = idx - offset;
        if (j < 0) {
          this.fail(
            buf,
            lineStart,
            tokenStart,
            'index 0 in a 1-based file (pass zeroBased: true for 0-based indices)',
            sink,
          );
        }
        if (j <= prev) this.fail(buf, lineStart, tokenStart, 'indices must increase along a line', sink);
        if (j >= nFeatures) {
          this.fail(buf, lineStart, tokenStart, `index out of range: the data has ${nFeatures} features`, sink);
        }
        prev = j;
        if (j > maxIndex) maxIndex = j;
        sink.add(j, value);
      }
      sink.endRow(label);
      while (p < n && buf[p] !== NL) p++; // rest of the line: '\r' or a comment
      p++;
    }
    this.maxIndex = maxIndex;
  }

  private fail(buf: Uint8Array, lineStart: number, at: number, what: string, sink: LibsvmSink): never {
    sink.abandonRow();
    let e = at;
    while (e < buf.length && !isSepByte(buf[e] as number)) e++;
    const token = Buffer.from(buf.buffer, buf.byteOffset + at, Math.min(e - at, 60)).toString('latin1');
    const column = at - lineStart + 1;
    throw new DataError(
      `${this.opts.file}: ${this.opts.lineLabel(this.line)}, column ${column}: ${what}; found ${JSON.stringify(token)}.`,
      { file: this.opts.file, line: this.line, column, token },
    );
  }
}

function isSepByte(c: number): boolean {
  return c === SP || c === TAB || c === NL || c === CR || c === HASH;
}

function isSep(buf: Uint8Array, p: number, n: number): boolean {
  return p >= n || isSepByte(buf[p] as number);
}
