import type { Source } from './source.js';

/** Yields the elements of `src` after the first `count`. */
export async function* skipSource<T>(src: Source<T>, count: number): AsyncGenerator<T> {
  let i = 0;
  for await (const v of src) {
    if (i++ >= count) yield v;
  }
}
