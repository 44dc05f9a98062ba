import type { Source } from './source.js';

/** Yields the elements of `src` for which `predicate(element, index)` is true. */
export async function* filterSource<T>(
  src: Source<T>,
  predicate: (value: T, index: number) => boolean | Promise<boolean>,
): AsyncGenerator<T> {
  let i = 0;
  for await (const v of src) if (await predicate(v, i++)) yield v;
}
