import { ConfigError } from '../../errors/errors.js';
import { Tensor } from '../../tensor/Tensor.js';

/**
 * Per-example loss weights for targets `y` of a model's only output: the weight of each example's class (an
 * integer target, or the arg-max of a one-hot/probability row), times its sample weight when given.
 * @param outputCount the model's number of outputs (class weights need exactly one)
 * @returns `sampleWeight` (or null) unchanged when there are no class weights, else a float32 `[examples]` tensor
 * @throws ConfigError for class weights on a multi-output model
 */
export function exampleWeights(
  where: string,
  y: Tensor,
  classWeight: Record<number, number> | undefined,
  sampleWeight: Tensor | null | undefined,
  outputCount: number,
): Tensor | null {
  if (!classWeight) return sampleWeight ?? null;
  if (outputCount !== 1) throw new ConfigError(`${where}: classWeight is supported for single-output models only.`);
  const n = y.shape[0] as number;
  const width = y.rank > 1 ? y.size / n : 1;
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let cls: number;
    if (width === 1) cls = Math.round(y.data[i] as number);
    else {
      cls = 0;
      for (let k = 1; k < width; k++)
        if ((y.data[i * width + k] as number) > (y.data[i * width + cls] as number)) cls = k;
    }
    const cw = classWeight[cls];
    w[i] = (cw ?? 1) * (sampleWeight ? (sampleWeight.data[i] as number) : 1);
  }
  return new Tensor(w, [n]);
}
