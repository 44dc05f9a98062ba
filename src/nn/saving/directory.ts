import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataError } from '../../errors/errors.js';

/** Files lsml writes in a model directory; a directory holding anything else is never replaced. */
export const MODEL_FILES: readonly string[] = [
  'model.json',
  'weights.bin',
  'weights.json',
  'optimizer.json',
  'optimizer.bin',
];

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function writeDurable(path: string, content: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync(); // the data is on disk before the rename makes it visible
  } finally {
    await handle.close();
  }
}

/**
 * Writes a model directory atomically: every file goes to a fresh temporary directory beside `dir`, which is then
 * renamed into place (the previous version is moved aside first and removed after). A reader sees the old complete
 * directory or the new complete one, never a mix; a crash leaves at most a stray `.tmp-…` directory.
 * @throws DataError when `dir` exists and holds files that are not part of an lsml model (it is never replaced).
 */
export async function writeDirectoryAtomic(dir: string, files: Record<string, Uint8Array | string>): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  if (await exists(dir)) {
    const foreign = (await readdir(dir)).filter((f) => !MODEL_FILES.includes(f));
    if (foreign.length > 0) {
      throw new DataError(
        `save: ${JSON.stringify(dir)} exists and holds files that are not part of a saved model (${foreign.slice(0, 5).join(', ')}); choose another path.`,
        { path: dir },
      );
    }
  }
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = `${dir}.tmp-${tag}`;
  await mkdir(tmp);
  try {
    for (const [name, content] of Object.entries(files)) await writeDurable(`${tmp}/${name}`, content);
    if (await exists(dir)) {
      const old = `${dir}.old-${tag}`;
      await rename(dir, old);
      await rename(tmp, dir);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, dir);
    }
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Reads one file of a model directory.
 * @throws DataError naming the missing file.
 */
export async function readModelFile(dir: string, name: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(`${dir}/${name}`));
  } catch (e) {
    throw new DataError(
      `load: cannot read ${JSON.stringify(`${dir}/${name}`)} (${(e as Error).message}); is ${JSON.stringify(dir)} a saved lsml model directory?`,
      {
        path: dir,
        file: name,
      },
    );
  }
}

/** True when the model directory holds `name`. */
export async function hasModelFile(dir: string, name: string): Promise<boolean> {
  return exists(`${dir}/${name}`);
}
