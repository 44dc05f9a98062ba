/**
 * One measurement of the data benchmark, run in its own process so that its peak RSS is its own.
 * Usage: tsx bench/data/runCase.ts <case> <file> — prints one JSON line { rows, seconds, cpuSeconds, maxRssMB }.
 */
import { createReadStream } from 'node:fs';
import { Parser } from 'csv-parse';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet';
import Papa from 'papaparse';
import { readCsv, readLibsvm, readParquet } from '../../src/data/index.js';
import { lineChunks } from '../../src/data/io/lineChunks.js';
import { planTextSlices } from '../../src/data/io/planTextSlices.js';
import { LibsvmTokenizer } from '../../src/data/readers/LibsvmTokenizer.js';

const BATCH = 4096;

/** Every case: a name → a function that reads `file` once and returns the rows it saw. */
export const CASES: Record<string, (file: string) => Promise<number>> = {
  // CSV
  async 'papaparse alone'(file) {
    return papaStream(file, () => undefined);
  },
  async 'papaparse + Number() per cell'(file) {
    // The obvious conversion, for comparison with readCsv's plainDecimal fast path.
    const x = new Float32Array(BATCH * 11);
    let o = 0;
    return papaStream(file, (rows) => {
      for (const row of rows) {
        if (o + row.length > x.length) o = 0;
        for (const cell of row) x[o++] = Number(cell);
      }
    });
  },
  async 'csv-parse alone'(file) {
    let rows = 0;
    const parser = new Parser({ from_line: 2 });
    parser.on('data', () => void rows++);
    const ended = new Promise((resolve, reject) => parser.on('end', resolve).on('error', reject));
    parser.resume();
    const [slice] = await planTextSlices([file]);
    for await (const c of lineChunks(slice!))
      if (!parser.write(c.buf)) await new Promise((r) => parser.once('drain', r));
    parser.end();
    await ended;
    return rows;
  },
  async 'lsml readCsv'(file) {
    let rows = 0;
    for await (const b of readCsv(file, { label: 'label', batchSize: BATCH })) rows += b.rows;
    return rows;
  },
  async 'duckdb read_csv (chunks)'(file) {
    return duckdbChunks(`read_csv(${quote(file)}, header = true)`);
  },
  // LIBSVM
  async 'lsml tokenizer alone'(file) {
    let rows = 0;
    const tok = new LibsvmTokenizer({ file, zeroBased: false, nFeatures: Infinity, lineLabel: (l) => `line ${l}` });
    const sink = { add: () => undefined, endRow: () => void rows++, abandonRow: () => undefined };
    const [slice] = await planTextSlices([file]);
    for await (const c of lineChunks(slice!)) tok.parse(c.buf, sink);
    return rows;
  },
  async 'lsml readLibsvm (CSR)'(file) {
    let rows = 0;
    for await (const b of readLibsvm(file, { nFeatures: 10, batchSize: BATCH })) rows += b.rows;
    return rows;
  },
  async 'lsml readLibsvm (dense)'(file) {
    let rows = 0;
    for await (const b of readLibsvm(file, { nFeatures: 10, batchSize: BATCH, dense: true })) rows += b.rows;
    return rows;
  },
  // Parquet
  async 'hyparquet alone (decode)'(file) {
    const buf = await asyncBufferFromFile(file);
    const metadata = await parquetMetadataAsync(buf);
    let rows = 0;
    let start = 0;
    for (const rg of metadata.row_groups) {
      const end = start + Number(rg.num_rows);
      await parquetRead({ file: buf, metadata, rowStart: start, rowEnd: end, onChunk: () => undefined });
      rows += end - start;
      start = end;
    }
    return rows;
  },
  async 'lsml readParquet'(file) {
    let rows = 0;
    for await (const b of readParquet(file, { label: 'label', batchSize: BATCH })) rows += b.rows;
    return rows;
  },
  async 'duckdb read_parquet (chunks)'(file) {
    return duckdbChunks(`read_parquet(${quote(file)})`);
  },
  async 'lsml readParquet engine duckdb'(file) {
    let rows = 0;
    for await (const b of readParquet(file, { label: 'label', batchSize: BATCH, engine: 'duckdb' })) rows += b.rows;
    return rows;
  },
};

/**
 * papaparse as its documentation shows it for Node: a file stream, rows handed over per chunk (64 KiB of text),
 * fast mode chosen automatically (no quotes in the file). Returns the data rows (header excluded).
 */
async function papaStream(file: string, onRows: (rows: string[][]) => void): Promise<number> {
  let rows = 0;
  let header = true;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(createReadStream(file), {
      delimiter: ',',
      chunk: (res) => {
        let data = res.data;
        if (header) {
          data = data.slice(1);
          header = false;
        }
        rows += data.length;
        onRows(data);
      },
      complete: () => resolve(),
      error: reject,
    });
  });
  return rows;
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** DuckDB as a peer: stream the query result chunk by chunk (data stays in DuckDB's vectors). */
async function duckdbChunks(source: string): Promise<number> {
  const name = '@duckdb/node-api';
  const duckdb = (await import(name)) as {
    DuckDBInstance: {
      create(
        path: string,
        options?: Record<string, string>,
      ): Promise<{
        connect(): Promise<{ stream(sql: string): Promise<{ fetchChunk(): Promise<{ rowCount: number } | null> }> }>;
      }>;
    };
  };
  const threads = process.env.LSML_BENCH_DUCKDB_THREADS ?? '1';
  const db = await duckdb.DuckDBInstance.create(':memory:', { threads });
  const conn = await db.connect();
  const result = await conn.stream(`SELECT * FROM ${source}`);
  let rows = 0;
  for (let c = await result.fetchChunk(); c !== null && c.rowCount > 0; c = await result.fetchChunk())
    rows += c.rowCount;
  return rows;
}

/** True when the optional DuckDB package can be loaded. */
export async function hasDuckdb(): Promise<boolean> {
  try {
    const name = '@duckdb/node-api';
    await import(name);
    return true;
  } catch {
    return false;
  }
}

const [caseName, file] = process.argv.slice(2);
if (caseName !== undefined && file !== undefined && process.argv[1]?.includes('runCase')) {
  const run = CASES[caseName];
  if (run === undefined) throw new Error(`unknown case ${caseName}`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await run(file);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6; // all threads of the process (V8 GC helpers, DuckDB)
  console.log(JSON.stringify({ rows, seconds, cpuSeconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}
