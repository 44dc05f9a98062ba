/** A shape in which unknown dimensions (usually the batch) are null, as Keras' `None`. */
export type Shape = readonly (number | null)[];

/** `[null, 26, 26, 32]`. */
export function formatDims(shape: Shape): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}

/** Product of the known dimensions, or null when one is unknown. */
export function knownSize(shape: Shape): number | null {
  let n = 1;
  for (const d of shape) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

/** True when the shapes have the same rank and every pair of known dimensions agrees. */
export function shapesCompatible(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}
