import type { SourceFactory } from './source.js';

/**
 * Yields `count` passes over the data (forever when `count` is Infinity). Each pass calls `factory` again, so a
 * shuffled dataset reshuffles on every pass. An empty pass ends the repetition, so an empty source never spins.
 */
export async function* repeatSource<T>(factory: SourceFactory<T>, count: number): AsyncGenerator<T> {
  for (let pass = 0; pass < count; pass++) {
    let any = false;
    for await (const v of factory()) {
      any = true;
      yield v;
    }
    if (!any) return;
  }
}
