import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { type DataFormat, detectFormat } from '../../data/inspect/detectFormat.js';
import { type InspectReport, inspectFile } from '../../data/inspect/inspectFile.js';
import { ConfigError } from '../../errors/errors.js';
import { createProgressBar, formatBytes } from '../progressBar.js';

/** Files larger than this get a progress bar (when stderr is a terminal). */
const BAR_BYTES = 8 << 20;

interface InspectCliOptions {
  label?: string;
  maxRows?: string;
  format?: string;
  json?: boolean;
}

/** The report as text lines: file, rows, class balance and a table of columns. */
export function formatInspectReport(r: InspectReport): string[] {
  const n = (v: number): string => v.toLocaleString('en-US');
  const num = (v: number | null): string => (v === null ? '' : String(Number(v.toPrecision(5))));
  const lines = [
    `file     ${r.file} (${r.format}${r.compressed ? ', gzip' : ''}, ${formatBytes(r.bytes)})`,
    `rows     ${n(r.rows)}${r.rowsEstimated ? ` (estimated from ${n(r.rowsRead)} rows read)` : ''}`,
    `missing  ${n(r.missing)} cells`,
  ];
  if (r.sparse) {
    const s = r.sparse;
    lines.push(
      `sparse   ${n(s.nFeatures)} features (indices ${s.minIndex}–${s.maxIndex}), ${n(s.nnz)} entries, density ${s.density.toPrecision(3)}`,
    );
  }
  if (r.label !== null) {
    if (r.classBalance === null) lines.push(`label    ${r.label} (more than 50 distinct values)`);
    else {
      const total = Object.values(r.classBalance).reduce((a, b) => a + b, 0);
      const parts = Object.entries(r.classBalance).map(
        ([k, v]) => `${k}: ${n(v)} (${((100 * v) / total).toFixed(1)}%)`,
      );
      lines.push(`label    ${r.label}: ${parts.join(', ')}`);
    }
  }
  const header = ['column', 'type', 'missing', 'min', 'max', 'mean', 'distinct'];
  const table = r.columns.map((c) => [
    c.name,
    c.type,
    n(c.missing),
    num(c.min),
    num(c.max),
    num(c.mean),
    c.distinct === null ? '>50' : String(c.distinct),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...table.map((row) => (row[j] as string).length)));
  lines.push(
    '',
    [header, ...table]
      .map((row) =>
        row
          .map((cell, j) => cell.padEnd(widths[j] as number))
          .join('  ')
          .trimEnd(),
      )
      .join('\n'),
  );
  return lines;
}

/** `lsml data inspect FILE`: schema, row count, class balance and missing values of a data file. */
export function registerData(program: Command): void {
  const cmd = program.command('data').description('look into data files');
  cmd
    .command('inspect <file>')
    .description(
      'schema, row count (estimate), class balance and missing values of a CSV/TSV, LIBSVM, JSONL, Parquet or Arrow file',
    )
    .option('--label <column>', 'target column (default: label, target, y or class)')
    .option('--max-rows <n>', 'stop after about N rows and estimate the row count')
    .option('--format <format>', 'csv, tsv, libsvm, jsonl, parquet or arrow (default: from the extension)')
    .option('--json', 'print one JSON object instead of text')
    .action(async (file: string, opts: InspectCliOptions) => {
      let maxRows: number | undefined;
      if (opts.maxRows !== undefined) {
        maxRows = Number(opts.maxRows);
        if (!Number.isInteger(maxRows) || maxRows < 1)
          throw new ConfigError(`--max-rows must be a positive integer; received ${JSON.stringify(opts.maxRows)}.`);
      }
      const format = (opts.format as DataFormat | undefined) ?? detectFormat(file);
      const big = (await stat(file)).size > BAR_BYTES;
      const units = format === 'parquet' || format === 'arrow' ? 'count' : 'bytes';
      const bar = createProgressBar({ enabled: big && !opts.json && process.stderr.isTTY === true, units });
      let report: InspectReport;
      try {
        report = await inspectFile(file, {
          label: opts.label,
          maxRows,
          format,
          onProgress: bar.update,
        });
      } finally {
        bar.stop();
      }
      if (opts.json) console.log(JSON.stringify(report));
      else console.log(formatInspectReport(report).join('\n'));
    });
}
