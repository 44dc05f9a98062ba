import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DataError } from '../../errors/errors.js';
import type { TextSlice } from './planTextSlices.js';

/** A run of whole lines of a text file. */
export interface LineChunk {
  /** The bytes, starting at a line start and ending after a '\n' (the file's last line may lack it). */
  readonly buf: Buffer;
  /** Offset of `buf[0]` in the (decompressed) file. */
  readonly byte: number;
}

/** Options of `lineChunks`. */
export interface LineChunkOptions {
  /** Bytes read per step (default 1 MiB); memory stays near a few chunks whatever the file size. */
  chunkSize?: number;
  /** Longest line accepted (default 64 MiB); a longer one is a DataError, so a file without newlines cannot fill memory. */
  maxLineBytes?: number;
  /** Called with the number of file bytes (compressed bytes for gzip) read since the last call. */
  onBytes?: (bytes: number) => void;
}

const NL = 10;

/**
 * Streams the lines of `slice` (those starting in [start, end)) in line-aligned chunks. Gzip files are
 * decompressed on the fly; invalid or truncated gzip data raises a DataError naming the file and the
 * compressed byte where decompression failed.
 */
export async function* lineChunks(slice: TextSlice, options: LineChunkOptions = {}): AsyncGenerator<LineChunk> {
  const chunkSize = options.chunkSize ?? 1 << 20;
  const maxLine = options.maxLineBytes ?? 64 << 20;
  const readFrom = slice.gzip ? 0 : Math.max(0, slice.start - 1);
  let skipping = !slice.gzip && slice.start > 0; // drop the partial line that belongs to the previous shard
  const end = slice.gzip ? Infinity : slice.end;
  const file = createReadStream(slice.file, { start: readFrom, highWaterMark: chunkSize });
  let compressedRead = 0;
  const onBytes = options.onBytes;
  let raw: AsyncIterable<Buffer> = file;
  if (slice.gzip) {
    const gunzip = createGunzip({ chunkSize: Math.min(chunkSize, 1 << 20) });
    const count = async function* (src: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const c of src) {
        compressedRead += c.length;
        onBytes?.(c.length);
        yield c;
      }
    };
    pipeline(file, count, gunzip, () => undefined); // errors surface through the iteration below
    raw = gunzip;
  }
  let offset = readFrom; // decompressed offset of the next raw byte
  let carry: Buffer | null = null;
  let carryStart = 0;
  try {
    for await (const chunk of raw) {
      let buf = chunk;
      let bufStart = offset;
      offset += chunk.length;
      if (!slice.gzip) onBytes?.(chunk.length);
      if (skipping) {
        const nl = buf.indexOf(NL);
        if (nl < 0) continue;
        buf = buf.subarray(nl + 1);
        bufStart += nl + 1;
        skipping = false;
      }
      if (carry !== null) {
        buf = Buffer.concat([carry, buf]);
        bufStart = carryStart;
        carry = null;
      }
      if (bufStart >= end) return;
      const lastNl = buf.lastIndexOf(NL);
      if (lastNl < 0) {
        if (buf.length > maxLine) throw longLine(slice.file, bufStart, maxLine);
        carry = buf;
        carryStart = bufStart;
        continue;
      }
      const cut = lastNl + 1;
      if (bufStart + cut > end) {
        // The line holding byte end-1 is the last one that starts inside the slice.
        const nl = buf.indexOf(NL, end - bufStart - 1);
        yield { buf: buf.subarray(0, nl + 1), byte: bufStart };
        return;
      }
      yield { buf: buf.subarray(0, cut), byte: bufStart };
      if (cut < buf.length) {
        carry = buf.subarray(cut);
        carryStart = bufStart + cut;
      }
    }
  } catch (err) {
    if (err instanceof DataError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (slice.gzip && typeof e.code === 'string' && e.code.startsWith('Z_')) {
      throw new DataError(`${slice.file}: invalid gzip data near compressed byte ${compressedRead}: ${e.message}.`, {
        file: slice.file,
        byte: compressedRead,
        cause: e.code,
      });
    }
    throw err;
  } finally {
    file.destroy();
    if (raw !== file) (raw as unknown as { destroy(): void }).destroy();
  }
  if (carry !== null && carry.length > 0 && carryStart < end) yield { buf: carry, byte: carryStart };
}

function longLine(file: string, byte: number, max: number): DataError {
  return new DataError(`${file}: the line starting at byte ${byte} is longer than ${max} bytes; is this a text file?`, {
    file,
    byte,
  });
}
