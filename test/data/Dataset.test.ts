import { describe, expect, it } from 'vitest';
import { CsrMatrix, ShapeError, ValueError } from '../../src/index.js';
import {
  type DenseBatch,
  type SparseBatch,
  batchMatrix,
  batchToTensors,
  batchesOf,
  concatenate,
  fromArrays,
  fromGenerator,
  fromTensors,
  interleave,
  isSparseBatch,
} from '../../src/data/index.js';
import { tensor } from '../../src/index.js';
import { useTmpDir } from './tmpDir.js';

const range = (n: number) =>
  fromGenerator(function* () {
    for (let i = 0; i < n; i++) yield i;
  });

describe('Dataset', () => {
  it('is lazy and re-iterable: each pass restarts the source', async () => {
    let starts = 0;
    const ds = fromGenerator(function* () {
      starts++;
      yield* [1, 2, 3];
    });
    const mapped = ds.map((v) => v * 10);
    expect(starts).toBe(0);
    expect(await mapped.toArray()).toEqual([10, 20, 30]);
    expect(await mapped.toArray()).toEqual([10, 20, 30]);
    expect(starts).toBe(2);
  });

  it('map awaits async functions in order and passes the index', async () => {
    const out = await range(5)
      .map(async (v, i) => {
        await new Promise((r) => setTimeout(r, (5 - v) * 2));
        return `${v}:${i}`;
      })
      .toArray();
    expect(out).toEqual(['0:0', '1:1', '2:2', '3:3', '4:4']);
  });

  it('filter, take and skip compose', async () => {
    const ds = range(20)
      .filter((v) => v % 3 === 0)
      .skip(2)
      .take(3);
    expect(await ds.toArray()).toEqual([6, 9, 12]);
    expect(await range(3).take(0).toArray()).toEqual([]);
    expect(await range(3).skip(5).toArray()).toEqual([]);
  });

  it('take stops reading the source', async () => {
    let produced = 0;
    const ds = fromGenerator(function* () {
      for (;;) {
        produced++;
        yield produced;
      }
    });
    expect(await ds.take(4).toArray()).toEqual([1, 2, 3, 4]);
    expect(produced).toBeLessThanOrEqual(5);
  });

  it('repeat makes passes; repeat of an empty dataset ends', async () => {
    expect(await range(3).repeat(2).toArray()).toEqual([0, 1, 2, 0, 1, 2]);
    expect(await range(2).repeat().take(5).toArray()).toEqual([0, 1, 0, 1, 0]);
    expect(await range(0).repeat().toArray()).toEqual([]);
  });

  it('prefetch keeps order and reads ahead at most its size', async () => {
    let produced = 0;
    let consumed = 0;
    let maxAhead = 0;
    const ds = fromGenerator(async function* () {
      for (let i = 0; i < 50; i++) {
        produced++;
        maxAhead = Math.max(maxAhead, produced - consumed);
        yield i;
      }
    }).prefetch(3);
    const out: number[] = [];
    for await (const v of ds) {
      consumed++;
      out.push(v);
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(out).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(maxAhead).toBeGreaterThan(1);
    expect(maxAhead).toBeLessThanOrEqual(5);
  });

  it('prefetch surfaces errors of the source', async () => {
    const ds = fromGenerator(async function* () {
      yield 1;
      throw new Error('boom');
    }).prefetch(2);
    await expect(ds.toArray()).rejects.toThrow('boom');
  });

  it('shard splits deterministically into disjoint parts that cover the data', async () => {
    for (const count of [1, 2, 3, 7]) {
      const parts = await Promise.all(Array.from({ length: count }, (_, k) => range(23).shard(k, count).toArray()));
      const all = parts.flat().sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 23 }, (_, i) => i));
      expect(await range(23).shard(0, count).toArray()).toEqual(parts[0]);
    }
    expect(() => range(3).shard(3, 3)).toThrow('Dataset.shard: "index" must be in [0, 3); received 3.');
    expect(() => range(3).shard(0, 0)).toThrow(ValueError);
  });

  it('concatenate and interleave', async () => {
    const a = fromGenerator(() => [1, 2, 3]);
    const b = fromGenerator(() => [10, 20]);
    const c = fromGenerator(() => [100, 200, 300, 400]);
    expect(await a.concatenate(b).toArray()).toEqual([1, 2, 3, 10, 20]);
    expect(await concatenate([b, a]).toArray()).toEqual([10, 20, 1, 2, 3]);
    expect(await interleave([a, b, c]).toArray()).toEqual([1, 10, 100, 2, 20, 200, 3, 300, 400]);
    expect(await interleave([a, c], { blockLength: 2 }).toArray()).toEqual([1, 2, 100, 200, 3, 300, 400]);
  });

  it('batch makes dense batches from dense examples, with a short last batch unless dropped', async () => {
    const ds = fromArrays(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [0, 1, 0],
    );
    const batches = await ds.batch(2, { labelDtype: 'int32' }).toArray();
    expect(batches.map((b) => b.rows)).toEqual([2, 1]);
    expect(Array.from(batches[0]!.x)).toEqual([1, 2, 3, 4]);
    expect(batches[0]!.y).toBeInstanceOf(Int32Array);
    expect(Array.from(batches[1]!.y!)).toEqual([0]);
    expect((await ds.batch(2, { dropRemainder: true }).toArray()).length).toBe(1);
  });

  it('batch makes CSR batches from sparse examples and unbatch inverts it', async () => {
    const m = CsrMatrix.fromDense([
      [0, 1, 0],
      [2, 0, 3],
      [0, 0, 0],
    ]);
    const batches: SparseBatch[] = await fromArrays(m, [1, 2, 3]).batch(2).toArray();
    expect(batches.length).toBe(2);
    expect(isSparseBatch(batches[0]!)).toBe(true);
    expect(Array.from(batches[0]!.x.indptr)).toEqual([0, 1, 3]);
    expect(Array.from(batches[0]!.x.toDense())).toEqual([0, 1, 0, 2, 0, 3]);
    expect(batches[1]!.x.nnz).toBe(0);
    const back = await fromArrays(m, [1, 2, 3]).batch(2).unbatch().toArray();
    expect(back.map((e) => Array.from(e.x.indices))).toEqual([[1], [0, 2], []]);
    expect(back.map((e) => e.y)).toEqual([1, 2, 3]);
  });

  it('batch rejects examples of different lengths', async () => {
    const ds = fromGenerator(() => [{ x: new Float32Array(2) }, { x: new Float32Array(3) }]);
    await expect(ds.batch(2).toArray()).rejects.toThrow('batch: example 1 has 3 features; expected 2 as in example 0.');
    await expect(ds.batch(2).toArray()).rejects.toThrow(ShapeError);
  });

  it('batch of other elements gives arrays', async () => {
    expect(await range(5).batch(2).toArray()).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('fromTensors slices along the first axis', async () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const y = tensor([7, 8, 9]);
    const ex = await fromTensors(x, y).toArray();
    expect(ex.map((e) => Array.from(e.x))).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(ex.map((e) => e.y)).toEqual([7, 8, 9]);
    expect(() => fromTensors(x, tensor([1, 2]))).toThrow(
      'fromTensors: y must have shape [3] to match x [3, 2]; received [2].',
    );
  });

  it('fromArrays checks lengths', () => {
    expect(() => fromArrays([[1], [2]], [1])).toThrow('fromArrays: x has 2 rows but y has 1 targets.');
    expect(() => fromArrays([[1, 2], [3]])).toThrow('fromArrays: row 1 has 1 values; expected 2 as in row 0.');
  });

  it('batchesOf splits an in-memory batch into views', async () => {
    const data: DenseBatch = {
      x: Float32Array.from({ length: 10 }, (_, i) => i),
      y: new Int32Array(5),
      rows: 5,
      cols: 2,
    };
    const b = await batchesOf(data, 2).toArray();
    expect(b.map((v) => v.rows)).toEqual([2, 2, 1]);
    expect(Array.from(b[2]!.x)).toEqual([8, 9]);
  });

  it('batchMatrix and batchToTensors hand batches to estimators and networks without copying dense data', () => {
    const dense: DenseBatch = { x: Float32Array.of(1, 2, 3, 4, 5, 6), y: Int32Array.of(0, 1), rows: 2, cols: 3 };
    const m = batchMatrix(dense) as { rows: number; cols: number; data: Float32Array };
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(m.data).toBe(dense.x);
    const t = batchToTensors(dense);
    expect(t.x.shape).toEqual([2, 3]);
    expect(t.y?.dtype).toBe('int32');
    const csr = CsrMatrix.fromDense([[0, 2]]);
    expect(batchMatrix({ x: csr, rows: 1, cols: 2 })).toBe(csr);
    expect(batchToTensors({ x: csr, rows: 1, cols: 2 }).x.toArray()).toEqual([[0, 2]]);
  });

  describe('cache', () => {
    const tmp = useTmpDir();

    it('in memory: the source runs once', async () => {
      let starts = 0;
      const ds = fromGenerator(function* () {
        starts++;
        yield* [1, 2];
      }).cache();
      expect(await ds.toArray()).toEqual([1, 2]);
      expect(await ds.toArray()).toEqual([1, 2]);
      expect(starts).toBe(1);
    });

    it('to a file: later passes read the file, batches (dense and CSR) come back equal', async () => {
      let starts = 0;
      const path = tmp('cache.bin');
      const m = CsrMatrix.fromDense([
        [0, 1.5],
        [2, 0],
      ]);
      const source = fromGenerator(function* () {
        starts++;
        yield { x: Float32Array.of(1, 2), y: Float64Array.of(3), rows: 1, cols: 2 };
        yield { x: m, y: Int32Array.of(1, 0), rows: 2, cols: 2 };
      });
      const cached = source.cache(path);
      const first = await cached.toArray();
      const second = await cached.toArray();
      expect(starts).toBe(1);
      expect(second[0]).toEqual(first[0]);
      expect(second[1]!.x).toBeInstanceOf(CsrMatrix);
      expect(Array.from((second[1]!.x as CsrMatrix).toDense())).toEqual([0, 1.5, 2, 0]);
      expect(second[1]!.y).toBeInstanceOf(Int32Array);
    });

    it('a pass that stops early leaves no cache behind', async () => {
      let starts = 0;
      const path = tmp('partial.bin');
      const cached = fromGenerator(function* () {
        starts++;
        yield* [1, 2, 3];
      }).cache(path);
      expect(await cached.take(1).toArray()).toEqual([1]);
      expect(await cached.toArray()).toEqual([1, 2, 3]);
      expect(await cached.toArray()).toEqual([1, 2, 3]);
      expect(starts).toBe(2);
    });
  });
});
