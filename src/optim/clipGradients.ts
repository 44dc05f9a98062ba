/** Storage of a float gradient. */
type FloatArray = Float32Array | Float64Array;

/** Which clipping to apply; the first set option wins, in Keras' order: clipnorm, globalClipnorm, clipvalue. */
export interface ClipOptions {
  clipnorm: number | null;
  globalClipnorm: number | null;
  clipvalue: number | null;
}

function l2(a: FloatArray): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (a[i] as number);
  return Math.sqrt(s);
}

function scaled(a: FloatArray, k: number): FloatArray {
  const out = a.slice();
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * k;
  return out;
}

/**
 * Returns clipped copies of the gradients (the inputs are not modified; unclipped ones are returned as is).
 * clipnorm: g · c / max(‖g‖, c) per gradient; globalClipnorm: every g · c / max(‖all‖, c); clipvalue: clamp.
 */
export function clipGradients(grads: readonly FloatArray[], options: ClipOptions): FloatArray[] {
  const { clipnorm, globalClipnorm, clipvalue } = options;
  if (clipnorm !== null) {
    return grads.map((g) => {
      const n = l2(g);
      return n > clipnorm ? scaled(g, clipnorm / n) : g;
    });
  }
  if (globalClipnorm !== null) {
    const total = Math.sqrt(grads.reduce((s, g) => s + l2(g) ** 2, 0));
    return total > globalClipnorm ? grads.map((g) => scaled(g, globalClipnorm / total)) : [...grads];
  }
  if (clipvalue !== null) {
    return grads.map((g) => {
      const out = g.slice();
      for (let i = 0; i < out.length; i++) out[i] = Math.min(clipvalue, Math.max(-clipvalue, out[i] as number));
      return out;
    });
  }
  return [...grads];
}
