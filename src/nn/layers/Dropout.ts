import { ShapeError } from '../../errors/errors.js';
import { mul } from '../../ops/binary.js';
import { checkSpec, defined, intRange, optional, range } from '../../optim/checks.js';
import type { Tensor } from '../../tensor/Tensor.js';
import type { Random } from '../../util/random.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single } from '../engine/Layer.js';
import { registerLayer } from '../engine/registry.js';
import { dropoutMask, layerRandom } from './dropoutMask.js';

/** Options of `Dropout`. */
export interface DropoutConfig extends LayerArgs {
  /** Fraction of inputs to drop during training, in [0, 1). */
  rate: number;
  /** Shape of the mask (batch axis included), null entries taking the input's size; size-1 axes share a draw. */
  noiseShape?: (number | null)[] | null;
  /** Seed of the masks; default drawn once from the global generator. */
  seed?: number | null;
}

/**
 * During training, zeroes a random `rate` of the inputs and scales the rest by 1 / (1 − rate); identity at
 * inference. Masks come from the layer's own seeded generator, so a seeded run is reproducible.
 * @example new Dropout({ rate: 0.5 })
 */
export class Dropout extends Layer {
  static override readonly className = 'Dropout';
  readonly rate: number;
  readonly noiseShape: readonly (number | null)[] | null;
  readonly seed: number | null;
  private readonly rng: Random;

  constructor(config: DropoutConfig) {
    super(config);
    const c = { noiseShape: null, seed: null, ...defined(config) };
    checkSpec(this.where, c, { rate: range(0, 1, '[)'), seed: optional(intRange(0, 2 ** 32 - 1)) });
    this.rate = c.rate;
    this.noiseShape = c.noiseShape === null ? null : [...c.noiseShape];
    this.seed = c.seed;
    this.rng = layerRandom(c.seed);
  }

  call(inputs: Tensor | Tensor[], { training = false }: CallOptions = {}): Tensor {
    const x = single(inputs, this.where);
    if (!training || this.rate === 0) return x;
    let shape: number[] = [...x.shape];
    if (this.noiseShape) {
      if (this.noiseShape.length !== x.rank) {
        throw new ShapeError(
          `${this.where}: "noiseShape" ${JSON.stringify(this.noiseShape)} has rank ${this.noiseShape.length} but the input has rank ${x.rank}.`,
          { layer: this.name },
        );
      }
      shape = this.noiseShape.map((d, i) => d ?? (x.shape[i] as number));
    }
    return mul(x, dropoutMask(this.rng, shape, this.rate, x.dtype));
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      rate: this.rate,
      noiseShape: this.noiseShape ? [...this.noiseShape] : null,
      seed: this.seed,
    };
  }
}

registerLayer(Dropout);
