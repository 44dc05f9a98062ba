import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { BUILTIN_DATASETS, builtinDataset } from '../../data/datasets/builtinDatasets.js';
import { FORMAT_EXTENSION, writeDataFile } from '../../data/writers/writeDataFile.js';
import { ConfigError } from '../../errors/errors.js';
import { createProgressBar, formatBytes } from '../progressBar.js';

/** Most columns a dense output format is written with (a sparse data set needs --features below it). */
const MAX_DENSE_COLUMNS = 65_536;

interface ExportOptions {
  format: string;
  out?: string;
  rows?: string;
  cols?: string;
  seed?: string;
  features?: string;
  json?: boolean;
}

function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`--${name} must be a non-negative integer; received ${JSON.stringify(value)}.`);
  return n;
}

/** `lsml datasets list | export NAME`: the data sets that ship with lsml, and writing one to a file. */
export function registerDatasets(program: Command): void {
  const cmd = program.command('datasets').description('list the built-in data sets, or export one to a file');
  cmd
    .command('list')
    .description('list the built-in data sets')
    .option('--json', 'print JSON instead of a table')
    .action((opts: { json?: boolean }) => {
      const rows = BUILTIN_DATASETS.map(({ name, description, task, rows: n, cols, sparse }) => ({
        name,
        task,
        rows: n,
        cols,
        sparse,
        description,
      }));
      if (opts.json) {
        console.log(JSON.stringify(rows));
        return;
      }
      const w = Math.max(...rows.map((r) => r.name.length));
      for (const r of rows) {
        const shape = `${r.rows.toLocaleString('en-US')} × ${r.cols.toLocaleString('en-US')}${r.sparse ? ' sparse' : ''}`;
        console.log(`${r.name.padEnd(w)}  ${r.task.padEnd(14)}  ${shape.padEnd(22)}  ${r.description}`);
      }
    });
  cmd
    .command('export <name>')
    .description('write a built-in data set to a file')
    .option('--format <format>', `output format: ${Object.keys(FORMAT_EXTENSION).join(', ')}`, 'csv')
    .option('--out <file>', 'output file (default NAME.EXT in the current directory; .gz compresses text formats)')
    .option('--rows <n>', 'rows, for generated data sets')
    .option('--cols <n>', 'features, for generated data sets')
    .option('--seed <n>', 'random seed (generators; shuffles mnist)')
    .option('--features <n>', 'hash buckets, for text data sets (spamAssassin)')
    .option('--json', 'print one JSON object instead of text')
    .action(async (name: string, opts: ExportOptions) => {
      const d = builtinDataset(name);
      if (!(opts.format in FORMAT_EXTENSION)) {
        throw new ConfigError(
          `--format must be one of ${Object.keys(FORMAT_EXTENSION).join(', ')}; received ${JSON.stringify(opts.format)}.`,
        );
      }
      const nFeatures = intOption('features', opts.features);
      const rows = intOption('rows', opts.rows);
      const cols = intOption('cols', opts.cols);
      const seed = intOption('seed', opts.seed);
      const width = d.sparse ? (nFeatures ?? d.cols) : (cols ?? d.cols);
      if (d.sparse && opts.format !== 'svm' && width > MAX_DENSE_COLUMNS) {
        throw new ConfigError(
          `${d.name} has ${width} sparse columns; the dense format ${opts.format} needs --features <= ${MAX_DENSE_COLUMNS} (or use --format svm).`,
        );
      }
      const out = opts.out ?? `${d.name}.${FORMAT_EXTENSION[opts.format as keyof typeof FORMAT_EXTENSION]}`;
      const total = rows ?? d.rows;
      const bar = createProgressBar();
      let done = 0;
      const batches = (await d.load({ rows, cols, seed, nFeatures })).map((b) => {
        done += b.rows;
        bar.update({ label: `writing ${out}`, done, total });
        return b;
      });
      const t0 = performance.now();
      let written: number;
      try {
        written = await writeDataFile(opts.format, out, batches);
      } finally {
        bar.stop();
      }
      const bytes = (await stat(out)).size;
      const seconds = (performance.now() - t0) / 1000;
      if (opts.json)
        console.log(JSON.stringify({ dataset: d.name, format: opts.format, file: out, rows: written, bytes, seconds }));
      else
        console.log(
          `wrote ${written.toLocaleString('en-US')} rows of ${d.name} to ${out} (${formatBytes(bytes)}, ${seconds.toFixed(1)} s)`,
        );
    });
}
