import { ConfigError } from '../../../errors/errors.js';
import { add, div, mul } from '../../../ops/binary.js';
import { concat } from '../../../ops/concat.js';
import { gather } from '../../../ops/gather.js';
import { checkSpec, defined, oneOf } from '../../../optim/checks.js';
import type { SerializedObject } from '../../../optim/schedules/LearningRateSchedule.js';
import type { Tensor } from '../../../tensor/Tensor.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single } from '../../engine/Layer.js';
import { type LayerClass, deserializeLayer, registerLayer } from '../../engine/registry.js';
import type { Shape } from '../../engine/shape.js';
import { RNNBase } from './RNNBase.js';

/** How the two directions are combined. */
export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave';

/** Options of `Bidirectional`. */
export interface BidirectionalConfig extends LayerArgs {
  /** The recurrent layer to run in both directions (a template: two copies are made from its config). */
  layer: RNNBase | SerializedObject;
  /** Default 'concat' (output size 2·units). */
  mergeMode?: MergeMode;
}

/**
 * Runs a recurrent layer forwards and a copy of it backwards over the sequence and merges the two outputs
 * (Schuster & Paliwal, 1997). With `returnSequences` the backward outputs are flipped back to time order first,
 * so step t of the result sees the whole sequence.
 * @throws ConfigError when `layer` is not a recurrent layer.
 * @example new Bidirectional({ layer: new LSTM({ units: 64, returnSequences: true }) })
 */
export class Bidirectional extends Layer {
  static override readonly className = 'Bidirectional';
  readonly mergeMode: MergeMode;
  readonly forwardLayer: RNNBase;
  readonly backwardLayer: RNNBase;
  private readonly template: SerializedObject;

  constructor(config: BidirectionalConfig) {
    super(config);
    const c = { mergeMode: 'concat', ...defined(config) };
    checkSpec(this.where, c, { mergeMode: oneOf('concat', 'sum', 'mul', 'ave') });
    this.mergeMode = c.mergeMode as MergeMode;
    const layer = c.layer instanceof Layer ? c.layer : deserializeLayer(c.layer);
    if (!(layer instanceof RNNBase)) {
      throw new ConfigError(
        `${this.where}: "layer" must be a recurrent layer (SimpleRNN, LSTM or GRU); received ${layer.where}.`,
        {
          layer: this.name,
        },
      );
    }
    this.template = layer.serialize();
    const cls = layer.constructor as unknown as LayerClass;
    const base = this.template.config;
    this.forwardLayer = cls.fromConfig({ ...base, name: `forward_${layer.name}` }) as RNNBase;
    this.backwardLayer = cls.fromConfig({
      ...base,
      name: `backward_${layer.name}`,
      goBackwards: !layer.goBackwards,
    }) as RNNBase;
    this.inputSpec = { ndim: 3, layout: '[batch, timesteps, features]' };
  }

  protected override subLayers(): readonly Layer[] {
    return [this.forwardLayer, this.backwardLayer];
  }

  override build(inputShape: Shape | Shape[]): void {
    this.forwardLayer.ensureBuilt(inputShape);
    this.backwardLayer.ensureBuilt(inputShape);
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], options: CallOptions = {}): Tensor {
    const x = single(inputs, this.where);
    const f = this.forwardLayer.apply(x, options);
    let b = this.backwardLayer.apply(x, options);
    if (this.backwardLayer.returnSequences) {
      const steps = b.shape[1] as number;
      b = gather(
        b,
        Array.from({ length: steps }, (_, i) => steps - 1 - i),
        1,
      );
    }
    switch (this.mergeMode) {
      case 'concat':
        return concat([f, b], -1);
      case 'sum':
        return add(f, b);
      case 'mul':
        return mul(f, b);
      default:
        return div(add(f, b), 2);
    }
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = this.forwardLayer.computeOutputShape(inputShape) as Shape;
    if (this.mergeMode !== 'concat') return s;
    const last = s[s.length - 1];
    return [...s.slice(0, -1), last === null || last === undefined ? null : 2 * last];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), layer: this.template, mergeMode: this.mergeMode };
  }
}

registerLayer(Bidirectional);
