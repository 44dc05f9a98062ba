import { stat } from 'node:fs/promises';
import type { ShardSpec } from './ShardSpec.js';
import { isGzip } from './isGzip.js';

/** The part of one text file a reader takes: the lines that start in bytes [start, end). */
export interface TextSlice {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  /** The file is gzip-compressed; such a file is never split (start 0, end Infinity). */
  readonly gzip: boolean;
  /** Size of the file on disk. */
  readonly size: number;
}

/**
 * Splits a set of text files among `shard.count` readers by byte range, without coordination: the files are
 * laid end to end, reader k takes bytes [k·T/n, (k+1)·T/n) of the total T, and a line belongs to the reader
 * whose range holds its first byte. Shards are therefore disjoint and cover every line. A gzip file cannot be
 * entered in the middle, so it goes whole to the shard whose range holds its first byte.
 */
export async function planTextSlices(files: readonly string[], shard?: ShardSpec): Promise<TextSlice[]> {
  const infos = await Promise.all(
    files.map(async (f) => ({ file: f, size: (await stat(f)).size, gzip: await isGzip(f) })),
  );
  const total = infos.reduce((s, i) => s + i.size, 0);
  const index = shard?.index ?? 0;
  const count = shard?.count ?? 1;
  const lo = Math.floor((index * total) / count);
  const hi = index === count - 1 ? total : Math.floor(((index + 1) * total) / count);
  const slices: TextSlice[] = [];
  let base = 0;
  for (const info of infos) {
    const fileLo = base;
    const fileHi = base + info.size;
    base = fileHi;
    if (info.size === 0) continue;
    if (info.gzip) {
      if (fileLo >= lo && fileLo < hi)
        slices.push({ file: info.file, start: 0, end: Infinity, gzip: true, size: info.size });
      continue;
    }
    const start = Math.max(fileLo, lo);
    const end = Math.min(fileHi, hi);
    if (start < end)
      slices.push({ file: info.file, start: start - fileLo, end: end - fileLo, gzip: false, size: info.size });
  }
  return slices;
}
