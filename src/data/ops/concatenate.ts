import type { Source } from './source.js';

/** Yields all elements of each source in turn. */
export async function* concatenateSources<T>(sources: readonly Source<T>[]): AsyncGenerator<T> {
  for (const src of sources) yield* src;
}
