/**
 * `npm run bench:data`: rows per second into Float32 batches for one generated file per format (CSV, LIBSVM,
 * Parquet; 10 float features + an integer label), beside the raw parser alone and beside DuckDB (when the
 * optional @duckdb/node-api is installed) reading the same file in the same run. Every measurement runs in its
 * own process (peak RSS is per case); the table shows the median of the repeats and ratios.
 *
 * Settings (flags or environment): --rows N / LSML_BENCH_ROWS (default 10,000,000), --repeats N /
 * LSML_BENCH_REPEATS (default 3), --dir PATH / LSML_BENCH_DIR (default <tmp>/lsml-bench-data; files are kept
 * for the next run unless --clean), --formats csv,libsvm,parquet / LSML_BENCH_FORMATS (default all), --json (one
 * JSON object), LSML_BENCH_DUCKDB_THREADS (default 1).
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { syntheticBatches, writeCsv, writeLibsvm, writeParquet } from '../../src/data/index.js';
import { hasDuckdb } from './runCase.js';

const exec = promisify(execFile);

function setting(flag: string, env: string, fallback: string): string {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : (process.env[env] ?? fallback);
}

const rows = Number(setting('--rows', 'LSML_BENCH_ROWS', '10000000'));
const repeats = Number(setting('--repeats', 'LSML_BENCH_REPEATS', '3'));
const dir = setting('--dir', 'LSML_BENCH_DIR', join(tmpdir(), 'lsml-bench-data'));
const formats = setting('--formats', 'LSML_BENCH_FORMATS', 'csv,libsvm,parquet').split(',');
const json = process.argv.includes('--json');
const clean = process.argv.includes('--clean');
const log = (s: string): void => {
  if (!json) console.log(s);
};

/** The benchmark data: 10 N(0, 1) features rounded to 4 decimals (like typical CSV exports), binary label. */
function data() {
  return syntheticBatches({ rows, cols: 10, seed: 1, batchSize: 8192 }).map((b) => {
    const x = b.x;
    for (let k = 0; k < x.length; k++) x[k] = Math.round((x[k] as number) * 1e4) / 1e4;
    return b;
  });
}

const files = {
  csv: join(dir, `bench-${rows}.csv`),
  libsvm: join(dir, `bench-${rows}.svm`),
  parquet: join(dir, `bench-${rows}.parquet`),
};

async function generate(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const writers = { csv: writeCsv, libsvm: writeLibsvm, parquet: writeParquet } as const;
  for (const [format, path] of Object.entries(files) as [keyof typeof files, string][]) {
    if (existsSync(path) || !formats.includes(format)) continue;
    const t0 = performance.now();
    await writers[format](path + '.tmp', data());
    rmSync(path, { force: true });
    (await import('node:fs')).renameSync(path + '.tmp', path);
    log(
      `generated ${path} (${(statSync(path).size / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
}

/** Reads a file once so every case finds it in the page cache. */
async function warm(path: string): Promise<void> {
  for await (const _ of createReadStream(path, { highWaterMark: 1 << 22 })) {
    // discard
  }
}

interface Result {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
}

const runCase = fileURLToPath(new URL('./runCase.ts', import.meta.url));

async function measureOnce(name: string, file: string): Promise<Result> {
  const { stdout } = await exec(process.execPath, ['--import', 'tsx', runCase, name, file], { maxBuffer: 1 << 20 });
  const res = JSON.parse(stdout.trim().split('\n').pop() as string) as Result;
  if (res.rows !== rows) throw new Error(`${name}: read ${res.rows} rows, expected ${rows}`);
  return res;
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const duck = await hasDuckdb();
const plan: { format: keyof typeof files; name: string; role: 'raw' | 'lsml' | 'peer' }[] = [
  { format: 'csv', name: 'papaparse alone', role: 'raw' },
  { format: 'csv', name: 'csv-parse alone', role: 'peer' },
  { format: 'csv', name: 'papaparse + Number() per cell', role: 'peer' },
  { format: 'csv', name: 'lsml readCsv', role: 'lsml' },
  { format: 'csv', name: 'duckdb read_csv (chunks)', role: 'peer' },
  { format: 'libsvm', name: 'lsml tokenizer alone', role: 'raw' },
  { format: 'libsvm', name: 'lsml readLibsvm (CSR)', role: 'lsml' },
  { format: 'libsvm', name: 'lsml readLibsvm (dense)', role: 'lsml' },
  { format: 'parquet', name: 'hyparquet alone (decode)', role: 'raw' },
  { format: 'parquet', name: 'lsml readParquet', role: 'lsml' },
  { format: 'parquet', name: 'duckdb read_parquet (chunks)', role: 'peer' },
  { format: 'parquet', name: 'lsml readParquet engine duckdb', role: 'peer' },
];

await generate();
log(
  `\nrows ${rows.toLocaleString('en-US')} × 10 features, ${repeats} repeat(s) per case, one process per run; DuckDB ${duck ? `threads=${process.env.LSML_BENCH_DUCKDB_THREADS ?? '1'}` : 'not installed (skipped)'}\n`,
);
const results: {
  format: string;
  reader: string;
  role: string;
  rowsPerSec: number;
  rowsPerCpuSec: number;
  seconds: number[];
  peakRssMB: number;
  vsRaw: number;
}[] = [];
for (const format of (Object.keys(files) as (keyof typeof files)[]).filter((f) => formats.includes(f))) {
  await warm(files[format]);
  const cases = plan.filter((p) => p.format === format && (duck || !p.name.includes('duckdb')));
  // Repeats go round-robin over the cases, so a burst of load on the shared machine hits all of them alike.
  const runs = new Map<string, Result[]>(cases.map((c) => [c.name, []]));
  for (let r = 0; r < repeats; r++) {
    for (const c of cases) runs.get(c.name)!.push(await measureOnce(c.name, files[format]));
  }
  let raw = NaN;
  for (const c of cases) {
    const res = runs.get(c.name)!;
    const rowsPerCpuSec = rows / median(res.map((r) => r.cpuSeconds));
    if (c.role === 'raw') raw = rowsPerCpuSec;
    results.push({
      format,
      reader: c.name,
      role: c.role,
      rowsPerSec: rows / median(res.map((r) => r.seconds)),
      rowsPerCpuSec,
      seconds: res.map((r) => r.seconds),
      peakRssMB: Math.max(...res.map((r) => r.maxRssMB)),
      vsRaw: rowsPerCpuSec / raw,
    });
  }
}
if (clean) rmSync(dir, { recursive: true, force: true });
if (json) {
  console.log(JSON.stringify({ rows, repeats, results }));
} else {
  const head = ['format', 'reader', 'M rows/s wall', 'M rows/CPU-s', 'vs raw (CPU)', 'peak RSS MB', 'wall runs (s)'];
  const table = results.map((r) => [
    r.format,
    r.reader,
    (r.rowsPerSec / 1e6).toFixed(2),
    (r.rowsPerCpuSec / 1e6).toFixed(2),
    r.role === 'raw' ? '1.00' : r.vsRaw.toFixed(2),
    r.peakRssMB.toFixed(0),
    r.seconds.map((s) => s.toFixed(2)).join(' '),
  ]);
  const w = head.map((h, j) => Math.max(h.length, ...table.map((t) => (t[j] as string).length)));
  const line = (cells: string[]) => '| ' + cells.map((c, j) => c.padEnd(w[j] as number)).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|');
  for (const t of table) console.log(line(t));
  console.log(
    '\nmedians of the runs; "CPU-s" divides by the process CPU time (all its threads), which is steadier than',
  );
  console.log('wall time on a shared machine. Targets (one core): Parquet >= 3 M rows/s, CSV >= 1 M rows/s,');
  console.log('LIBSVM >= 1.5 M rows/s, peak RSS < 500 MB.');
}
