/**
 * Generate a CSV file, then stream it back in shuffled Float32 batches with bounded memory: the file is read
 * in 1 MiB chunks, rows pass through a 10,000-row shuffle buffer, and batches are prefetched while the
 * consumer works. Then two "workers" split the file by byte range without talking to each other.
 * Run: npx tsx examples/data/streamShuffledBatches.ts [rows]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv, syntheticBatches, writeCsv } from '../../src/index.js';

const rows = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'lsml-example-'));
const file = join(dir, 'train.csv');

try {
  // 1. Write a file of any size: rows are generated and written batch by batch.
  await writeCsv(file, syntheticBatches({ rows, cols: 8, nClasses: 3, seed: 1 }));
  console.log(`wrote ${rows.toLocaleString('en-US')} rows to ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB)`);

  // 2. Stream it: shuffled rows, batches of 256, two batches read ahead. Each pass reshuffles.
  const train = readCsv(file, { label: 'label', labelDtype: 'int32', batchSize: 1024 })
    .shuffleRows(10_000, { seed: 42, batchSize: 256 })
    .prefetch(2);
  for (let epoch = 1; epoch <= 2; epoch++) {
    const counts = [0, 0, 0];
    let batches = 0;
    let firstLabels = '';
    for await (const { y, rows: n } of train) {
      if (batches === 0) firstLabels = Array.from(y!.subarray(0, 12)).join('');
      for (let i = 0; i < n; i++) counts[y![i] as number]! += 1;
      batches++;
    }
    console.log(
      `epoch ${epoch}: ${batches} batches, rows per class ${counts.join(' / ')}, first labels ${firstLabels}…`,
    );
  }

  // 3. Two workers split the file by byte range: disjoint shards that together hold every row.
  const shardRows = await Promise.all(
    [0, 1].map(async (index) => {
      let n = 0;
      for await (const b of readCsv(file, { label: 'label', shard: { index, count: 2 } })) n += b.rows;
      return n;
    }),
  );
  console.log(`shards: ${shardRows.join(' + ')} = ${shardRows[0]! + shardRows[1]!} rows`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
