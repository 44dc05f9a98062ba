import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../../errors/errors.js';

/** A file or a list of files; a directory stands for the files directly inside it. */
export type PathInput = string | readonly string[];

/**
 * The files named by `input`, in order: directories expand to their (non-hidden) files sorted by name.
 * @throws DataError when a path does not exist.
 */
export async function expandPaths(input: PathInput): Promise<string[]> {
  const list = typeof input === 'string' ? [input] : [...input];
  const out: string[] = [];
  for (const p of list) {
    let info;
    try {
      info = await stat(p);
    } catch {
      throw new DataError(`${p}: no such file or directory.`, { file: p });
    }
    if (info.isDirectory()) {
      const names = (await readdir(p)).filter((n) => !n.startsWith('.')).sort();
      for (const n of names) if ((await stat(join(p, n))).isFile()) out.push(join(p, n));
    } else {
      out.push(p);
    }
  }
  return out;
}
