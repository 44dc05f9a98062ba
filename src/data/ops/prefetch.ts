import { type Source, asyncIteratorOf } from './source.js';

/**
 * Keeps up to `size` requests to `src` in flight while the consumer works, so reading (I/O, decompression)
 * overlaps with training. Elements arrive in order; memory holds at most `size` extra elements.
 */
export async function* prefetchSource<T>(src: Source<T>, size: number): AsyncGenerator<T> {
  const it = asyncIteratorOf(src);
  const queue: Promise<IteratorResult<T>>[] = [];
  let done = false;
  try {
    for (;;) {
      while (!done && queue.length < size + 1) queue.push(it.next());
      const r = await (queue.shift() as Promise<IteratorResult<T>>);
      if (r.done) {
        done = true;
        return;
      }
      yield r.value;
    }
  } finally {
    // Requests still queued are dropped; keep their failures from surfacing as unhandled rejections.
    for (const p of queue) p.catch(() => undefined);
    if (!done) await it.return?.();
  }
}
