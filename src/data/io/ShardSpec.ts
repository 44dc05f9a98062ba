import { ValueError } from '../../errors/errors.js';

/** Which part of a file set a reader takes: shard `index` of `count` (0 <= index < count). */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/**
 * Throws unless `shard` is a valid spec.
 * @throws ValueError naming the reader.
 */
export function checkShard(shard: ShardSpec | undefined, where: string): void {
  if (shard === undefined) return;
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new ValueError(
      `${where}: "shard" must be { index, count } with integers 0 <= index < count; received { index: ${index}, count: ${count} }.`,
      { index, count },
    );
  }
}
