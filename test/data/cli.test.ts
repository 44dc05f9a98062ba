import { existsSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerData } from '../../src/cli/commands/data.js';
import { registerDatasets } from '../../src/cli/commands/datasets.js';
import { createProgressBar, formatBytes } from '../../src/cli/progressBar.js';
import { readCsv, readLibsvm, readParquet } from '../../src/data/index.js';
import { ConfigError } from '../../src/index.js';
import { useTmpDir } from './tmpDir.js';

const tmp = useTmpDir();
let printed: string[] = [];

beforeEach(() => {
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    printed.push(args.join(' '));
  });
});
afterEach(() => vi.restoreAllMocks());

async function lsml(...args: string[]): Promise<string> {
  const program = new Command('lsml').exitOverride();
  registerDatasets(program);
  registerData(program);
  await program.parseAsync(args, { from: 'user' });
  return printed.join('\n');
}

describe('lsml datasets / data', () => {
  it('datasets list prints every data set, as a table or JSON', async () => {
    expect(await lsml('datasets', 'list')).toMatch(/^mnist\s+classification\s+10,000 × 784/);
    printed = [];
    const list = JSON.parse(await lsml('datasets', 'list', '--json')) as { name: string }[];
    expect(list.map((d) => d.name)).toContain('spamAssassin');
  });

  it('datasets export writes files that the readers read back', { timeout: 30_000 }, async () => {
    const csv = tmp('moons.csv');
    const out = JSON.parse(
      await lsml(
        'datasets',
        'export',
        'moons',
        '--format',
        'csv',
        '--rows',
        '300',
        '--seed',
        '1',
        '--out',
        csv,
        '--json',
      ),
    );
    expect(out).toMatchObject({ dataset: 'moons', format: 'csv', rows: 300, file: csv });
    expect((await readCsv(csv, { label: 'label' }).toArray()).reduce((s, b) => s + b.rows, 0)).toBe(300);

    const svm = tmp('spam.svm');
    await lsml('datasets', 'export', 'spamAssassin', '--format', 'svm', '--features', '4096', '--out', svm);
    expect(printed.at(-1)).toMatch(/^wrote 6,046 rows of spamAssassin to .*spam\.svm/);
    const batches = await readLibsvm(svm, { nFeatures: 4096 }).toArray();
    expect(batches.reduce((s, b) => s + b.rows, 0)).toBe(6046);

    const pq = tmp('reg.parquet');
    await lsml('datasets', 'export', 'regression', '--format', 'parquet', '--rows', '50', '--cols', '4', '--out', pq);
    const rows = await readParquet(pq, { label: 'label' }).toArray();
    expect(rows[0]!.cols).toBe(4);
  });

  it('datasets export refuses bad requests with a ConfigError', async () => {
    await expect(lsml('datasets', 'export', 'spamAssassin', '--format', 'csv')).rejects.toThrow(
      'spamAssassin has 262144 sparse columns; the dense format csv needs --features <= 65536 (or use --format svm).',
    );
    await expect(lsml('datasets', 'export', 'moons', '--format', 'xls')).rejects.toThrow(ConfigError);
    await expect(lsml('datasets', 'export', 'nope')).rejects.toThrow('Unknown data set "nope"');
    expect(existsSync('moons.xls')).toBe(false);
  });

  it('data inspect prints the schema and class balance, or JSON', async () => {
    const p = tmp('inspect.csv');
    writeFileSync(p, 'x,label\n1,a\n2,b\n,a\n');
    const text = await lsml('data', 'inspect', p);
    expect(text).toContain(`file     ${p} (csv, 19 B)`);
    expect(text).toContain('rows     3');
    expect(text).toContain('label    label: a: 2 (66.7%), b: 1 (33.3%)');
    expect(text).toMatch(/x\s+number\s+1\s+1\s+2\s+1.5\s+2/);
    printed = [];
    const json = JSON.parse(await lsml('data', 'inspect', p, '--json'));
    expect(json).toMatchObject({ rows: 3, missing: 1, classBalance: { a: 2, b: 1 } });
  });
});

describe('progress bar', () => {
  it('is silent when the stream is not a terminal', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    const chunks: string[] = [];
    (stream as unknown as PassThrough).on('data', (c: Buffer) => chunks.push(c.toString()));
    const bar = createProgressBar({ stream });
    bar.update({ label: 'x', done: 1, total: 2 });
    bar.stop();
    expect(chunks).toEqual([]);
  });

  it('draws label, percentage and counts when enabled', () => {
    const chunks: string[] = [];
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 120,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    });
    stream.on('data', (c: Buffer) => chunks.push(c.toString()));
    const bar = createProgressBar({ stream: stream as unknown as NodeJS.WriteStream, enabled: true, units: 'bytes' });
    bar.update({ label: 'reading', done: 512, total: 2048, metrics: { loss: 0.25 } });
    bar.update({ label: 'reading', done: 2048, total: 2048 });
    bar.stop();
    bar.stop();
    const out = chunks.join('');
    expect(out).toContain('reading');
    expect(out).toContain('100%');
    expect(out).toContain('2.0 KB/2.0 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12)).toBe('12 B');
  });
});
