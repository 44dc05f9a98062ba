import { DataError } from '../../../errors/errors.js';
import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import { DenseMatrix } from '../../base/DenseMatrix.js';
import { decimalToDouble } from './decimalToDouble.js';

/** Options of `parseLibsvmData`. */
export interface ParseLibsvmOptions {
  /**
   * Number of columns; default the largest index seen (+1 when zero-based). Larger indices raise a DataError.
   */
  nFeatures?: number;
  /**
   * Whether feature indices start at 0. `'auto'` (default): 1-based unless an index 0 occurs (LIBSVM's
   * precomputed-kernel files start with `0:serial`), as scikit-learn's `load_svmlight_file`.
   */
  zeroBased?: boolean | 'auto';
}

/** A data set in LIBSVM / svmlight format. */
export interface LibsvmData {
  X: CsrMatrix;
  y: Float64Array;
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];

function growF64(a: Float64Array): Float64Array {
  const next = new Float64Array(a.length * 2);
  next.set(a);
  return next;
}

function growI32(a: Int32Array): Int32Array {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}

const SPACE = 32;
const TAB = 9;
const NL = 10;
const CR = 13;
const HASH = 35;
const COLON = 58;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR;
}

/** Cursor over the bytes of a LIBSVM data file (a class, so the hot fields are plain properties, not closure slots). */
class Reader {
  pos = 0;
  line = 0;
  readonly n: number;

  constructor(readonly bytes: Uint8Array) {
    this.n = bytes.length;
  }

  fail(what: string): never {
    const { bytes, n, pos } = this;
    let end = pos;
    while (end < n && bytes[end] !== NL) end++;
    let begin = pos;
    while (begin > 0 && bytes[begin - 1] !== NL) begin--;
    const text = new TextDecoder().decode(bytes.subarray(begin, Math.min(end, begin + 80)));
    throw new DataError(`parseLibsvmData: line ${this.line}: ${what}; the line reads "${text}".`, { line: this.line });
  }

  /** The number at pos, ending at a blank, ':' or the end of the line; advances pos. */
  readNumber(): number {
    const { bytes, n } = this;
    let pos = this.pos;
    const begin = pos;
    let neg = false;
    let c = bytes[pos] as number;
    if (c === 45 || c === 43) {
      neg = c === 45;
      pos++;
    }
    // significant digits: the first 15 in head, the next 4 in tail; value = (head·10^k + tail) · 10^exp
    let head = 0;
    let tail = 0;
    let nd = 0;
    let exp = 0;
    let any = false;
    let slow = false;
    while (pos < n && (c = bytes[pos] as number) >= 48 && c <= 57) {
      if (nd < 15) {
        head = head * 10 + (c - 48);
        if (head !== 0) nd++;
      } else if (nd < 19) {
        tail = tail * 10 + (c - 48);
        nd++;
      } else slow = true;
      any = true;
      pos++;
    }
    if (pos < n && bytes[pos] === 46) {
      pos++;
      while (pos < n && (c = bytes[pos] as number) >= 48 && c <= 57) {
        if (nd < 15) {
          head = head * 10 + (c - 48);
          if (head !== 0) nd++;
          exp--;
        } else if (nd < 19) {
          tail = tail * 10 + (c - 48);
          nd++;
          exp--;
        } else slow = true;
        any = true;
        pos++;
      }
    }
    if (!any) slow = true;
    if (pos < n && (bytes[pos] === 101 || bytes[pos] === 69)) {
      pos++;
      let eneg = false;
      if (bytes[pos] === 45 || bytes[pos] === 43) {
        eneg = bytes[pos] === 45;
        pos++;
      }
      let e = 0;
      let edigits = 0;
      while (pos < n && (c = bytes[pos] as number) >= 48 && c <= 57) {
        if (e < 100000) e = e * 10 + (c - 48);
        edigits++;
        pos++;
      }
      if (edigits === 0) slow = true;
      exp += eneg ? -e : e;
    }
    const next = pos < n ? (bytes[pos] as number) : NL;
    if (!(isBlank(next) || next === NL || next === COLON || next === HASH)) {
      // something unusual (inf, nan, 0x…): read the whole token and let parseFloat judge
      while (pos < n && !isBlank(bytes[pos] as number) && bytes[pos] !== NL && bytes[pos] !== COLON) pos++;
      slow = true;
    }
    if (!slow && exp >= -22 && exp <= 22) {
      let v: number;
      if (nd <= 15) {
        // Clinger's fast path: both factors exact, one rounding
        v = exp >= 0 ? head * (POW10[exp] as number) : head / (POW10[-exp] as number);
      } else {
        v = decimalToDouble(head, nd - 15, tail, exp);
      }
      if (!Number.isNaN(v)) {
        this.pos = pos;
        return neg ? -v : v;
      }
    }
    this.pos = pos;
    const token = new TextDecoder().decode(bytes.subarray(begin, pos));
    const v = Number(token);
    if (Number.isNaN(v) && !/^[+-]?nan$/i.test(token)) this.fail(`"${token}" is not a number`);
    return v;
  }
}

/**
 * Parses text in LIBSVM's data format (one sample a line: `label index:value index:value …`, indices ascending,
 * `#` comments, `qid:` tokens ignored) into a CSR matrix and a label vector. Numbers are read straight from the
 * bytes and rounded correctly: up to 15 significant digits by Clinger's fast path, up to 19 in double-double
 * arithmetic (decimalToDouble); longer or unusual ones go through `parseFloat`.
 * @param input the file's bytes (e.g. `readFileSync(path)`) or its text
 * @throws DataError naming the line on a malformed token, a non-ascending index or an index beyond `nFeatures`
 */
export function parseLibsvmData(input: Uint8Array | string, options: ParseLibsvmOptions = {}): LibsvmData {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const r = new Reader(bytes);
  const n = bytes.length;
  let labels: Float64Array = new Float64Array(1024);
  let indices: Int32Array = new Int32Array(4096);
  let values: Float64Array = new Float64Array(4096);
  let indptr: Int32Array = new Int32Array(1025);
  let rows = 0;
  let nnz = 0;
  let minIndex = Infinity;
  let maxIndex = -1;
  let pos = 0;
  while (pos < n) {
    r.line++;
    while (pos < n && isBlank(bytes[pos] as number)) pos++;
    if (pos >= n) break;
    let c = bytes[pos] as number;
    if (c === NL || c === HASH) {
      while (pos < n && bytes[pos] !== NL) pos++;
      pos++;
      continue;
    }
    r.pos = pos;
    if (rows === labels.length) labels = growF64(labels);
    labels[rows] = r.readNumber();
    pos = r.pos;
    let last = -1;
    for (;;) {
      while (pos < n && isBlank(bytes[pos] as number)) pos++;
      if (pos >= n) break;
      c = bytes[pos] as number;
      if (c === NL) break;
      if (c === HASH) {
        while (pos < n && bytes[pos] !== NL) pos++;
        break;
      }
      if (c === 113 /* q */ && bytes[pos + 1] === 105 /* i */ && bytes[pos + 2] === 100 /* d */) {
        while (pos < n && !isBlank(bytes[pos] as number) && bytes[pos] !== NL) pos++;
        continue;
      }
      let index = 0;
      let idigits = 0;
      while (pos < n && (c = bytes[pos] as number) >= 48 && c <= 57) {
        index = index * 10 + (c - 48);
        idigits++;
        pos++;
      }
      r.pos = pos;
      if (idigits === 0 || bytes[pos] !== COLON) r.fail('expected index:value');
      if (index <= last) r.fail(`index ${index} follows index ${last}; indices must be ascending`);
      last = index;
      r.pos = pos + 1;
      const v = r.readNumber();
      pos = r.pos;
      if (index < minIndex) minIndex = index;
      if (index > maxIndex) maxIndex = index;
      if (nnz === indices.length) {
        indices = growI32(indices);
        values = growF64(values);
      }
      indices[nnz] = index;
      values[nnz++] = v;
    }
    rows++;
    if (rows === indptr.length) indptr = growI32(indptr);
    indptr[rows] = nnz;
    pos++;
  }

  const zeroBased = options.zeroBased ?? 'auto';
  const shift = zeroBased === true || (zeroBased === 'auto' && minIndex === 0) ? 0 : 1;
  if (shift === 1 && minIndex === 0)
    throw new DataError('parseLibsvmData: index 0 found in a 1-based file; pass zeroBased: true.');
  const idx = indices.slice(0, nnz);
  if (shift === 1) for (let k = 0; k < nnz; k++) idx[k] = (idx[k] as number) - 1;
  const seen = maxIndex < 0 ? 0 : maxIndex + 1 - shift;
  const cols = options.nFeatures ?? seen;
  if (seen > cols) {
    throw new DataError(
      `parseLibsvmData: feature index ${maxIndex} is beyond nFeatures = ${cols}${shift === 1 ? ' (indices are 1-based)' : ''}.`,
      { maxIndex, nFeatures: cols },
    );
  }
  return {
    X: new CsrMatrix(rows, cols, indptr.slice(0, rows + 1), idx, values.slice(0, nnz)),
    y: labels.slice(0, rows),
  };
}

/** Shortest text that reads back as exactly `v` (JavaScript's own number formatting, which LIBSVM's strtod reads). */
function num(v: number): string {
  return String(v);
}

/**
 * Formats samples in LIBSVM's data format, zeros left out, indices 1-based (0-based with `zeroBased`).
 * @param X rows (dense or CSR)
 * @param y one label or target per row
 */
export function formatLibsvmData(
  X: DenseMatrix | CsrMatrix | readonly (readonly number[])[],
  y: ArrayLike<number>,
  options: { zeroBased?: boolean } = {},
): string {
  const shift = options.zeroBased === true ? 0 : 1;
  const M = Array.isArray(X) ? DenseMatrix.fromRows(X as number[][]) : (X as DenseMatrix | CsrMatrix);
  const parts: string[] = [];
  for (let i = 0; i < M.rows; i++) {
    let s = num(y[i] as number);
    if (M instanceof CsrMatrix) {
      for (let k = M.indptr[i] as number; k < (M.indptr[i + 1] as number); k++) {
        const v = M.values[k] as number;
        if (v !== 0) s += ` ${(M.indices[k] as number) + shift}:${num(v)}`;
      }
    } else {
      for (let j = 0; j < M.cols; j++) {
        const v = M.data[i * M.cols + j] as number;
        if (v !== 0) s += ` ${j + shift}:${num(v)}`;
      }
    }
    parts.push(s);
  }
  return parts.join('\n') + (parts.length > 0 ? '\n' : '');
}
