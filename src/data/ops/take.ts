import type { Source } from './source.js';

/** Yields the first `count` elements of `src` and stops reading it. */
export async function* takeSource<T>(src: Source<T>, count: number): AsyncGenerator<T> {
  if (count <= 0) return;
  let i = 0;
  for await (const v of src) {
    yield v;
    if (++i >= count) return;
  }
}
