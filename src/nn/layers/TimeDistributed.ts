import { reshape } from '../../ops/reshape.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single, singleShape } from '../engine/Layer.js';
import { deserializeLayer, registerLayer } from '../engine/registry.js';
import type { Shape } from '../engine/shape.js';

/** Options of `TimeDistributed`. */
export interface TimeDistributedConfig extends LayerArgs {
  /** The layer applied to every time step (the same weights at every step). */
  layer: Layer | SerializedObject;
}

/**
 * Applies a layer to every step of a sequence: [batch, steps, ...] → [batch, steps, ...layer output]. The steps
 * are folded into the batch, so the inner layer runs once on [batch·steps, ...].
 * @example new TimeDistributed({ layer: new Dense({ units: 8 }) })
 */
export class TimeDistributed extends Layer {
  static override readonly className = 'TimeDistributed';
  readonly layer: Layer;

  constructor(config: TimeDistributedConfig) {
    super(config);
    this.layer = config.layer instanceof Layer ? config.layer : deserializeLayer(config.layer);
    this.inputSpec = { minNdim: 3 };
  }

  protected override subLayers(): readonly Layer[] {
    return [this.layer];
  }

  private innerShape(s: Shape): Shape {
    const steps = s[1] ?? null;
    const batch = s[0] ?? null;
    return [batch === null || steps === null ? null : batch * steps, ...s.slice(2)];
  }

  override build(inputShape: Shape | Shape[]): void {
    this.layer.ensureBuilt(this.innerShape(singleShape(inputShape, this.where)));
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], options: CallOptions = {}): Tensor {
    const x = single(inputs, this.where);
    const [B, T] = x.shape as [number, number];
    const y = this.layer.apply(reshape(x, [B * T, ...x.shape.slice(2)]), options);
    return reshape(y, [B, T, ...y.shape.slice(1)]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(inputShape, this.where);
    const inner = this.layer.computeOutputShape([null, ...s.slice(2)]) as Shape;
    return [s[0] ?? null, s[1] ?? null, ...inner.slice(1)];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), layer: this.layer.serialize() };
  }
}

registerLayer(TimeDistributed);
