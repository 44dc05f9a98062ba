import { createReadStream, existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import { DataError } from '../../errors/errors.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import type { Labels } from '../Batch.js';
import type { SourceFactory } from './source.js';

/** How a sparse batch is stored: `CsrMatrix` is a class, which v8 serialization turns into a plain object. */
interface StoredCsr {
  __lsmlCsr: 1;
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array | Float64Array;
  y?: Labels;
}

function encode(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && (value as { x?: unknown }).x instanceof CsrMatrix) {
    const b = value as { x: CsrMatrix; y?: Labels };
    const stored: StoredCsr = {
      __lsmlCsr: 1,
      rows: b.x.rows,
      cols: b.x.cols,
      indptr: b.x.indptr,
      indices: b.x.indices,
      values: b.x.values,
    };
    if (b.y !== undefined) stored.y = b.y;
    return stored;
  }
  return value;
}

function decode(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && (value as StoredCsr).__lsmlCsr === 1) {
    const s = value as StoredCsr;
    const x = new CsrMatrix(s.rows, s.cols, s.indptr, s.indices, s.values);
    return s.y === undefined ? { x, rows: s.rows, cols: s.cols } : { x, y: s.y, rows: s.rows, cols: s.cols };
  }
  return value;
}

/**
 * Caches a dataset in a local file: the first complete pass streams the elements to `path` (length-prefixed
 * v8 serialization) while passing them on; later passes read the file instead of recomputing. A pass that
 * stops early or fails leaves no cache behind. Elements must be structured-cloneable (typed arrays, plain
 * objects, batches).
 */
export function cacheToFile<T>(factory: SourceFactory<T>, path: string): SourceFactory<T> {
  return () => (existsSync(path) ? readCache<T>(path) : writeThrough(factory, path));
}

async function* writeThrough<T>(factory: SourceFactory<T>, path: string): AsyncGenerator<T> {
  const tmp = `${path}.partial-${process.pid}-${Math.floor(Math.random() * 1e9)}`;
  const fh = await open(tmp, 'w');
  let complete = false;
  try {
    const header = Buffer.alloc(4);
    for await (const v of factory()) {
      const body = serialize(encode(v));
      header.writeUInt32LE(body.length, 0);
      await fh.write(header);
      await fh.write(body);
      yield v;
    }
    complete = true;
  } finally {
    await fh.close();
    if (complete) await rename(tmp, path);
    else await rm(tmp, { force: true });
  }
}

async function* readCache<T>(path: string): AsyncGenerator<T> {
  let carry = Buffer.alloc(0);
  let offset = 0; // file offset of carry[0]
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let pos = 0;
    while (buf.length - pos >= 4) {
      const len = buf.readUInt32LE(pos);
      if (buf.length - pos - 4 < len) break;
      yield decode(deserialize(buf.subarray(pos + 4, pos + 4 + len))) as T;
      pos += 4 + len;
    }
    offset += pos;
    buf = buf.subarray(pos);
    carry = Buffer.from(buf);
  }
  if (carry.length > 0) {
    throw new DataError(`cache ${path}: truncated record at byte ${offset}; delete the file to rebuild the cache.`, {
      file: path,
      byte: offset,
    });
  }
}
