import { type FileHandle, open } from 'node:fs/promises';

/** A byte range reader over a local file in the shape hyparquet wants (`byteLength`, `slice`), plus `close`. */
export interface FileAsyncBuffer {
  readonly byteLength: number;
  slice(start: number, end?: number): Promise<ArrayBuffer>;
  close(): Promise<void>;
}

/**
 * Opens `path` once and serves each `slice` with one positioned read (no stream per request), so decoding a
 * Parquet row group costs one system call per column chunk.
 */
export async function fileAsyncBuffer(path: string): Promise<FileAsyncBuffer> {
  const fh: FileHandle = await open(path, 'r');
  const { size } = await fh.stat();
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = Math.min(end ?? size, size);
      const length = Math.max(0, stop - start);
      const out = new ArrayBuffer(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await fh.read(new Uint8Array(out, done), 0, length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === length ? out : out.slice(0, done);
    },
    close: () => fh.close(),
  };
}
