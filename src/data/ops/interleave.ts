import { type Source, asyncIteratorOf } from './source.js';

/**
 * Takes `blockLength` elements from each source in turn (round-robin) until all are exhausted; a source that
 * ends drops out of the cycle. Reading many shuffled files this way mixes them without loading any whole.
 */
export async function* interleaveSources<T>(sources: readonly Source<T>[], blockLength = 1): AsyncGenerator<T> {
  const active = sources.map((s) => asyncIteratorOf(s));
  try {
    while (active.length > 0) {
      for (let k = 0; k < active.length;) {
        const it = active[k] as AsyncIterator<T>;
        let ended = false;
        for (let b = 0; b < blockLength; b++) {
          const r = await it.next();
          if (r.done) {
            ended = true;
            break;
          }
          yield r.value;
        }
        if (ended) active.splice(k, 1);
        else k++;
      }
    }
  } finally {
    for (const it of active) await it.return?.();
  }
}
