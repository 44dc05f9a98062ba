import type { Random } from '../../util/random.js';
import type { Source } from './source.js';

/**
 * Shuffles a stream with a buffer of `bufferSize` elements (the tf.data algorithm): once the buffer is full,
 * each arriving element replaces a uniformly chosen one, which is emitted. At the end the buffer drains in
 * random order. With `bufferSize` at least the stream length this is a uniform random permutation; with a
 * smaller buffer an element moves on average about `bufferSize` places, so sorted data needs a buffer
 * comparable to the length of its sorted runs. Memory: `bufferSize` elements.
 */
export async function* shuffleBufferSource<T>(src: Source<T>, bufferSize: number, rng: Random): AsyncGenerator<T> {
  const buffer: T[] = [];
  for await (const v of src) {
    if (buffer.length < bufferSize) {
      buffer.push(v);
      continue;
    }
    const j = rng.int(bufferSize);
    const out = buffer[j] as T;
    buffer[j] = v;
    yield out;
  }
  while (buffer.length > 0) {
    const j = rng.int(buffer.length);
    const out = buffer[j] as T;
    buffer[j] = buffer[buffer.length - 1] as T;
    buffer.pop();
    yield out;
  }
}
