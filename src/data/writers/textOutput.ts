import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

/** A text file being written: `write` waits when the OS is behind, so memory stays bounded. */
export interface TextOutput {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens `path` for writing, gzip-compressed when the name ends in `.gz`. */
export function openTextOutput(path: string): TextOutput {
  const file = createWriteStream(path);
  let head: Writable = file;
  if (path.endsWith('.gz')) {
    const gz = createGzip();
    gz.pipe(file);
    head = gz;
  }
  let failure: unknown = null;
  file.on('error', (e) => (failure ??= e));
  head.on('error', (e) => (failure ??= e));
  return {
    async write(text: string): Promise<void> {
      if (failure !== null) throw failure;
      if (!head.write(text)) await once(head, 'drain');
    },
    async close(): Promise<void> {
      if (failure !== null) throw failure;
      const finished = once(file, 'close');
      head.end();
      await finished;
      if (failure !== null) throw failure;
    },
  };
}
