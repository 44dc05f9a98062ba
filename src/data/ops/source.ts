/** Anything a dataset can read from: an async or a sync iterable. */
export type Source<T> = AsyncIterable<T> | Iterable<T>;

/** A function that starts a fresh pass over the data each time it is called. */
export type SourceFactory<T> = () => Source<T>;

/** The async iterator of `src`, whether `src` is sync or async. */
export function asyncIteratorOf<T>(src: Source<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in src) return src[Symbol.asyncIterator]();
  const it = src[Symbol.iterator]();
  return {
    next: () => Promise.resolve(it.next()),
    return: (value?: unknown) => Promise.resolve(it.return?.(value) ?? { done: true as const, value: undefined }),
  };
}
