import type { Source } from './source.js';

/** Yields `fn(element, index)` for each element of `src`, awaiting promises in order. */
export async function* mapSource<T, U>(
  src: Source<T>,
  fn: (value: T, index: number) => U | Promise<U>,
): AsyncGenerator<U> {
  let i = 0;
  for await (const v of src) yield await fn(v, i++);
}
