import type { TextSlice } from '../io/planTextSlices.js';

/**
 * How an error names a line: `line 12` when the slice starts at the top of its file; inside a byte-range
 * shard the absolute line number is unknown without reading the earlier bytes, so it says
 * `line 12 of the shard starting at byte 4096`.
 */
export function lineLabel(slice: TextSlice, line: number): string {
  return slice.start === 0 ? `line ${line}` : `line ${line} of the shard starting at byte ${slice.start}`;
}
