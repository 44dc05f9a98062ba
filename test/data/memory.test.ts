import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTmpDir } from './tmpDir.js';

const run = promisify(execFile);
const tmp = useTmpDir();
const script = fileURLToPath(new URL('./fixtures/streamBigFile.ts', import.meta.url));

interface Figures {
  fileBytes: number;
  rows: number;
  rssBefore: number;
  peakRss: number;
  heapBefore: number;
  peakHeap: number;
}

/**
 * Streams a generated file in a child process whose V8 old space is capped at 48 MB: a reader that kept rows
 * (strings, objects) would run out of heap. Off-heap memory (buffers, typed arrays) is checked through the
 * growth of the resident set while reading, which must stay well below the file size.
 */
async function stream(format: 'libsvm' | 'csv', rows: number): Promise<Figures> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', '--max-old-space-size=48', script, format, String(rows), tmp(`big.${format}`)],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() as string) as Figures;
}

const MB = 1 << 20;

describe('memory stays bounded while streaming a file much larger than the buffers', () => {
  it('LIBSVM: a ~110 MB file read with 1 MiB chunks', { timeout: 60_000 }, async () => {
    const f = await stream('libsvm', 1_500_000);
    expect(f.rows).toBe(1_500_000);
    expect(f.fileBytes).toBeGreaterThan(100 * MB);
    expect(f.peakRss - f.rssBefore).toBeLessThan(Math.min(64 * MB, f.fileBytes / 2));
    expect(f.peakHeap - f.heapBefore).toBeLessThan(32 * MB);
  });

  it('CSV: a ~25 MB file through papaparse', { timeout: 60_000 }, async () => {
    const f = await stream('csv', 400_000);
    expect(f.rows).toBe(400_000);
    expect(f.fileBytes).toBeGreaterThan(20 * MB);
    expect(f.peakRss - f.rssBefore).toBeLessThan(48 * MB);
    expect(f.peakHeap - f.heapBefore).toBeLessThan(32 * MB);
  });
});
