/**
 * Automatic layer names, as Keras: the first Dense is "dense", the next "dense_1", then "dense_2".
 * Counters are global to the process; `clearSession()` resets them (handy in tests and notebooks).
 */
const counters = new Map<string, number>();

/** Keras' snake case of a class name: "Conv2D" → "conv2d", "BatchNormalization" → "batch_normalization". */
export function toSnakeCase(name: string): string {
  return name
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The next unused name for `prefix`. */
export function uniqueName(prefix: string): string {
  const n = counters.get(prefix) ?? 0;
  counters.set(prefix, n + 1);
  return n === 0 ? prefix : `${prefix}_${n}`;
}

/** Resets the automatic name counters, so the next Dense is "dense" again. */
export function clearSession(): void {
  counters.clear();
}
