/**
 * One data set through every file format lsml streams: write it as CSV (gzip), LIBSVM, JSONL, Parquet and
 * Arrow, read each back as batches, shard the Parquet file by row group, and inspect a file.
 * Run: npx tsx examples/data/fileFormats.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Batch,
  type Dataset,
  batchesOf,
  inspectFile,
  makeClassification,
  readArrow,
  readCsv,
  readJsonl,
  readLibsvm,
  readParquet,
  writeArrow,
  writeCsv,
  writeJsonl,
  writeLibsvm,
  writeParquet,
} from '../../src/data/index.js';

const dir = mkdtempSync(join(tmpdir(), 'lsml-example-'));
const at = (name: string) => join(dir, name);
const data = makeClassification({ nSamples: 5000, nFeatures: 12, nInformative: 4, nClasses: 3, seed: 7 });
const batches = batchesOf(data, 512);

async function summary(name: string, ds: Dataset<Batch>): Promise<void> {
  let rows = 0;
  let n = 0;
  let cols = 0;
  for await (const b of ds) {
    rows += b.rows;
    cols = b.cols;
    n++;
  }
  console.log(`${name.padEnd(26)} ${rows} rows × ${cols} columns in ${n} batches`);
}

try {
  await writeCsv(at('d.csv.gz'), batches);
  await writeLibsvm(at('d.svm'), batches);
  await writeJsonl(at('d.jsonl'), batches);
  await writeParquet(at('d.parquet'), batches, { rowGroupSize: 1000 });
  await writeArrow(at('d.arrow'), batches);

  await summary('CSV (gzip)', readCsv(at('d.csv.gz'), { label: 'label' }));
  await summary('LIBSVM (CSR batches)', readLibsvm(at('d.svm'), { nFeatures: 12 }));
  await summary('JSONL', readJsonl(at('d.jsonl'), { label: 'label' }));
  await summary('Parquet', readParquet(at('d.parquet'), { label: 'label' }));
  await summary('Arrow IPC', readArrow(at('d.arrow'), { label: 'label' }));
  for (let index = 0; index < 3; index++) {
    await summary(
      `Parquet shard ${index}/3`,
      readParquet(at('d.parquet'), { label: 'label', shard: { index, count: 3 } }),
    );
  }

  const report = await inspectFile(at('d.parquet'));
  console.log(`inspect: ${report.rows} rows, label "${report.label}", classes ${JSON.stringify(report.classBalance)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
