import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The data examples run to completion (small sizes) and print what they promise. */
describe('examples/data', () => {
  it('streamShuffledBatches: two epochs of shuffled batches, shards that add up', { timeout: 60_000 }, async () => {
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      'examples/data/streamShuffledBatches.ts',
      '20000',
    ]);
    expect(stdout).toContain('epoch 2: 79 batches');
    expect(stdout).toMatch(/shards: \d+ \+ \d+ = 20000 rows/);
  });

  it('mnistNearestMean and fileFormats', { timeout: 60_000 }, async () => {
    const mnist = await run(process.execPath, ['--import', 'tsx', 'examples/data/mnistNearestMean.ts']);
    const acc = Number(/accuracy ([\d.]+)%/.exec(mnist.stdout)?.[1]);
    expect(acc).toBeGreaterThan(75); // nearest class mean on MNIST is about 82%
    const formats = await run(process.execPath, ['--import', 'tsx', 'examples/data/fileFormats.ts']);
    expect(formats.stdout.match(/5000 rows × 12 columns/g)?.length).toBe(5);
  });
});
