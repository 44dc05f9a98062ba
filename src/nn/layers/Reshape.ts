import { ConfigError, ShapeError } from '../../errors/errors.js';
import { reshape } from '../../ops/reshape.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single, singleShape } from '../engine/Layer.js';
import { registerLayer } from '../engine/registry.js';
import { type Shape, formatDims, knownSize } from '../engine/shape.js';

/** Options of `Reshape`. */
export interface ReshapeConfig extends LayerArgs {
  /** Shape of one example (batch axis excluded); one entry may be -1. */
  targetShape: number[];
}

/**
 * Reshapes each example to `targetShape`: [batch, ...] → [batch, ...targetShape].
 * @throws ConfigError for an invalid target; ShapeError when the sizes do not match.
 */
export class Reshape extends Layer {
  static override readonly className = 'Reshape';
  readonly targetShape: readonly number[];

  constructor(config: ReshapeConfig) {
    super(config);
    const t = config.targetShape;
    const valid =
      Array.isArray(t) &&
      t.every((d) => Number.isInteger(d) && (d >= 1 || d === -1)) &&
      t.filter((d) => d === -1).length <= 1;
    if (!valid) {
      throw new ConfigError(
        `${this.where}: "targetShape" must be an array of positive integers with at most one -1; received ${JSON.stringify(t)}.`,
        { layer: this.name },
      );
    }
    this.targetShape = [...t];
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions = {}): Tensor {
    const x = single(inputs, this.where);
    this.computeOutputShape(x.shape);
    return reshape(x, [x.shape[0] as number, ...this.targetShape]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(inputShape, this.where);
    const size = knownSize(s.slice(1));
    const known = this.targetShape.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
    const out = [...this.targetShape] as (number | null)[];
    const unknown = this.targetShape.indexOf(-1);
    if (size !== null) {
      if (unknown >= 0 ? size % known !== 0 : size !== known) {
        throw new ShapeError(
          `${this.where}: cannot reshape examples of shape ${formatDims(s.slice(1))} (${size} values) into ${formatDims(this.targetShape)}.`,
          { layer: this.name },
        );
      }
      if (unknown >= 0) out[unknown] = size / known;
    } else if (unknown >= 0) out[unknown] = null;
    return [s[0] ?? null, ...out];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), targetShape: [...this.targetShape] };
  }
}

registerLayer(Reshape);
