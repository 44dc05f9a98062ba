import type { Source } from './source.js';

/**
 * Yields the elements whose position `i` satisfies `i % count === index`. Shards 0..count-1 are disjoint and
 * together cover the data, with no coordination between the workers that read them.
 */
export async function* shardSource<T>(src: Source<T>, index: number, count: number): AsyncGenerator<T> {
  let i = 0;
  for await (const v of src) {
    if (i % count === index) yield v;
    i++;
  }
}
