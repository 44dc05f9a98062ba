import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Batch,
  type DenseBatch,
  type ShardSpec,
  batchesOf,
  planRowGroups,
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
import type { Dataset } from '../../src/data/index.js';
import { useTmpDir } from './tmpDir.js';

const tmp = useTmpDir();
const N = 1000;

/** Rows whose label is their id, so shards can be checked for overlap and coverage. */
function ids(from: number, to: number): DenseBatch {
  const rows = to - from;
  const x = Float32Array.from({ length: rows * 3 }, (_, k) => from + Math.floor(k / 3) + (k % 3) / 10);
  const y = Int32Array.from({ length: rows }, (_, i) => from + i);
  return { x, y, rows, cols: 3 };
}

async function labels(ds: Dataset<Batch>): Promise<number[]> {
  const out: number[] = [];
  for await (const b of ds) out.push(...Array.from(b.y!));
  return out;
}

/** Reads every shard of `count` and checks that together they hold each id exactly once. */
async function checkShards(read: (shard: ShardSpec) => Dataset<Batch>, count: number, n = N): Promise<number[]> {
  const parts = await Promise.all(Array.from({ length: count }, (_, index) => labels(read({ index, count }))));
  const all = parts.flat().sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
  // deterministic: the same shard again gives the same rows in the same order
  expect(await labels(read({ index: 0, count }))).toEqual(parts[0]);
  return parts.map((p) => p.length);
}

describe('sharding: disjoint, covering, deterministic', () => {
  it('text formats split a file set (plain + gzip) by byte range', async () => {
    const csv = [tmp('s1.csv'), tmp('s2.csv.gz'), tmp('s3.csv')];
    const svm = [tmp('s1.svm'), tmp('s2.svm.gz'), tmp('s3.svm')];
    const jsonl = [tmp('s1.jsonl'), tmp('s2.jsonl.gz'), tmp('s3.jsonl')];
    const cuts = [0, 400, 550, N];
    for (let f = 0; f < 3; f++) {
      const part = batchesOf(ids(cuts[f]!, cuts[f + 1]!), 128);
      await writeCsv(csv[f]!, part);
      await writeLibsvm(svm[f]!, part);
      await writeJsonl(jsonl[f]!, part);
    }
    for (const count of [1, 2, 3, 4, 7]) {
      await checkShards((shard) => readCsv(csv, { label: 'label', shard, batchSize: 50 }), count);
      await checkShards((shard) => readLibsvm(svm, { nFeatures: 3, shard, batchSize: 50 }), count);
      await checkShards((shard) => readJsonl(jsonl, { label: 'label', shard, batchSize: 50 }), count);
    }
  });

  it('byte-range shards of one plain file are balanced', async () => {
    const p = tmp('one.svm');
    await writeLibsvm(p, batchesOf(ids(0, N), 100));
    const sizes = await checkShards((shard) => readLibsvm(p, { nFeatures: 3, shard }), 4);
    for (const s of sizes) expect(Math.abs(s - N / 4)).toBeLessThan(N / 20);
  });

  it('every possible cut point: shards of tiny files with and without a final newline', async () => {
    const withNl = tmp('tiny.csv');
    const noNl = tmp('tiny-nonl.csv');
    const lines = ['a,label', ...Array.from({ length: 9 }, (_, i) => `${i * 11},${i}`)];
    writeFileSync(withNl, lines.join('\n') + '\n');
    writeFileSync(noNl, lines.join('\n'));
    for (const p of [withNl, noNl]) {
      for (let count = 1; count <= 40; count++) {
        await checkShards((shard) => readCsv(p, { label: 'label', shard }), count, 9);
      }
    }
  });

  it('Parquet splits by whole row groups across files', async () => {
    const a = tmp('p1.parquet');
    const b = tmp('p2.parquet');
    await writeParquet(a, batchesOf(ids(0, 600), 100), { rowGroupSize: 37 });
    await writeParquet(b, batchesOf(ids(600, N), 100), { rowGroupSize: 37 });
    for (const count of [1, 2, 3, 5, 30]) {
      await checkShards((shard) => readParquet([a, b], { label: 'label', shard, batchSize: 16 }), count);
    }
  });

  it('planRowGroups balances rows to within one row group', () => {
    const md = (groups: number[]) => ({ row_groups: groups.map((n) => ({ num_rows: BigInt(n) })) });
    const files = [
      { file: 'a', metadata: md([100, 100, 100]) },
      { file: 'b', metadata: md([100, 100, 100, 100]) },
    ] as unknown as Parameters<typeof planRowGroups>[0];
    const shards = [0, 1, 2].map((index) => planRowGroups(files, { index, count: 3 }));
    expect(shards.map((s) => s.length)).toEqual([3, 2, 2]);
    expect(shards[1]!.map((g) => `${g.file}${g.group}`)).toEqual(['b0', 'b1']);
  });

  it('Arrow splits by record batch (file and stream formats)', async () => {
    const f = tmp('a.arrow');
    const s = tmp('a.arrows');
    await writeArrow(f, batchesOf(ids(0, N), 64));
    await writeArrow(s, batchesOf(ids(0, N), 64));
    for (const count of [1, 2, 3, 6]) {
      await checkShards((shard) => readArrow(f, { label: 'label', shard }), count);
      await checkShards((shard) => readArrow(s, { label: 'label', shard }), count);
    }
    const g = tmp('b.arrow');
    await writeArrow(g, batchesOf(ids(0, 500), 64));
    await writeArrow(tmp('c.arrow'), batchesOf(ids(500, N), 64));
    await checkShards((shard) => readArrow([g, tmp('c.arrow')], { label: 'label', shard }), 3);
  });

  it('a shard spec out of range is rejected up front', () => {
    expect(() => readCsv('x.csv', { shard: { index: 2, count: 2 } })).toThrow(
      'readCsv: "shard" must be { index, count } with integers 0 <= index < count; received { index: 2, count: 2 }.',
    );
  });
});
