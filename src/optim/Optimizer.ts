import { DTypeError, ShapeError } from '../errors/errors.js';
import { allocate } from '../tensor/dtype.js';
import { shapesEqual } from '../tensor/shape.js';
import { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { checkSpec, optional, range, defined } from './checks.js';
import { clipGradients } from './clipGradients.js';
import { LearningRateSchedule, type SerializedObject } from './schedules/LearningRateSchedule.js';
import { scheduleFromConfig } from './schedules/scheduleFromConfig.js';

/** Storage of a float parameter, its gradient and its optimizer state. */
export type FloatArray = Float32Array | Float64Array;

/** Per-parameter state arrays by slot name ("momentum", "velocity", …), each the parameter's size and dtype. */
export type Slots = Record<string, FloatArray>;

/** Options every optimizer takes (Keras' base optimizer arguments). */
export interface OptimizerConfig {
  /** A constant rate, or a schedule of the step count. Each optimizer has its own default. */
  learningRate?: number | LearningRateSchedule;
  /** Decoupled weight decay: before each update, `p ← p − p · weightDecay · lr` (Keras 3). Default none. */
  weightDecay?: number | null;
  /** Rescale each parameter's gradient so its L2 norm is at most this. */
  clipnorm?: number | null;
  /** Rescale all gradients together so their joint L2 norm is at most this. */
  globalClipnorm?: number | null;
  /** Clip every gradient element to [−clipvalue, clipvalue]. */
  clipvalue?: number | null;
}

/** One piece of optimizer state, for saving: which parameter (by position), which slot, its values. */
export interface SlotValue {
  param: number;
  slot: string;
  value: Tensor;
}

/** An initial value per slot name. */
export interface SlotSpec {
  name: string;
  init: number;
}

/**
 * Base of the optimizers: applies gradients to parameters in place (their `data` is overwritten; no graph is
 * recorded), in Keras' order: clip the gradients, decay the weights, run the algorithm's update, count the step.
 * State is kept per parameter tensor and created on its first update.
 *
 * Subclasses give `slotSpecs()` and `update()`; the update is a plain loop over the parameter's elements, so one
 * pass reads each array once (a fused kernel would be the wasm-side equivalent).
 */
export abstract class Optimizer {
  /** Updates applied so far; schedules are evaluated at this count. */
  iterations = 0;
  /** The rate or schedule; callbacks such as ReduceLROnPlateau may assign a new number. */
  learningRate: number | LearningRateSchedule;
  readonly weightDecay: number | null;
  readonly clipnorm: number | null;
  readonly globalClipnorm: number | null;
  readonly clipvalue: number | null;
  private readonly state = new Map<Tensor, Slots>();
  private readonly noDecay = new Set<Tensor>();

  protected constructor(config: OptimizerConfig, defaultLearningRate: number) {
    const c = {
      learningRate: defaultLearningRate,
      weightDecay: null,
      clipnorm: null,
      globalClipnorm: null,
      clipvalue: null,
      ...defined(config),
    };
    // Subclasses define className as a prototype getter, so it is readable here already.
    const where = (this as unknown as { className: string }).className;
    if (!(c.learningRate instanceof LearningRateSchedule)) {
      checkSpec(where, c, { learningRate: range(0, Infinity, '[)') });
    }
    checkSpec(where, c, {
      weightDecay: optional(range(0, Infinity, '[)')),
      clipnorm: optional(range(0, Infinity, '()')),
      globalClipnorm: optional(range(0, Infinity, '()')),
      clipvalue: optional(range(0, Infinity, '()')),
    });
    this.learningRate = c.learningRate;
    this.weightDecay = c.weightDecay ?? null;
    this.clipnorm = c.clipnorm ?? null;
    this.globalClipnorm = c.globalClipnorm ?? null;
    this.clipvalue = c.clipvalue ?? null;
  }

  /** The name saved in optimizer.json ("Adam", "SGD", …). */
  abstract get className(): string;

  /** The per-parameter state this optimizer keeps, with initial values. */
  protected abstract slotSpecs(): SlotSpec[];

  /**
   * Updates `p` in place from its gradient `g` and state `slots`.
   * @param lr the learning rate for this step.
   * @param t the 1-based step number (for bias corrections).
   */
  protected abstract update(p: FloatArray, g: FloatArray, slots: Slots, lr: number, t: number): void;

  /** The options specific to this optimizer (besides the shared ones). */
  protected abstract ownConfig(): Record<string, unknown>;

  /** The rate the next update will use. */
  currentLearningRate(): number {
    const lr = this.learningRate;
    return typeof lr === 'number' ? lr : lr.at(this.iterations);
  }

  /** Leaves these parameters out of weight decay (e.g. biases and normalisation scales). */
  excludeFromWeightDecay(params: Iterable<Tensor>): void {
    for (const p of params) this.noDecay.add(p);
  }

  /**
   * Applies one update from explicit gradients. Parameters whose gradient is null are skipped.
   * @throws ShapeError / DTypeError when a gradient does not match its parameter.
   */
  applyGradients(params: readonly Tensor[], grads: readonly (Tensor | null)[]): void {
    const ps: Tensor[] = [];
    const gs: FloatArray[] = [];
    params.forEach((p, i) => {
      const g = grads[i] ?? null;
      if (g === null) return;
      checkPair(this.className, p, g, i);
      ps.push(p);
      gs.push(g.data as FloatArray);
    });
    if (ps.length > 0) {
      const clipped = clipGradients(gs, this);
      const lr = this.currentLearningRate();
      const t = this.iterations + 1;
      ps.forEach((p, i) => {
        const data = p.data as FloatArray;
        if (this.weightDecay !== null && this.weightDecay > 0 && !this.noDecay.has(p)) {
          const k = 1 - this.weightDecay * lr;
          for (let j = 0; j < data.length; j++) data[j] = (data[j] as number) * k;
        }
        this.update(data, clipped[i] as FloatArray, this.slotsOf(p), lr, t);
      });
    }
    this.iterations++;
  }

  /** Applies one update from each parameter's `grad` (filled by `backward`). Does not reset the gradients. */
  step(params: readonly Tensor[]): void {
    this.applyGradients(
      params,
      params.map((p) => p.grad),
    );
  }

  /** Sets `grad` to null on each parameter. */
  zeroGrad(params: Iterable<Tensor>): void {
    for (const p of params) p.grad = null;
  }

  private slotsOf(p: Tensor): Slots {
    let slots = this.state.get(p);
    if (!slots) {
      slots = {};
      for (const { name, init } of this.slotSpecs()) {
        const a = allocate(p.dtype, p.size) as FloatArray;
        if (init !== 0) a.fill(init);
        slots[name] = a;
      }
      this.state.set(p, slots);
    }
    return slots;
  }

  /** Copies of the state of `params` (in their order), for saving; parameters never updated have none. */
  getSlots(params: readonly Tensor[]): SlotValue[] {
    const out: SlotValue[] = [];
    params.forEach((p, i) => {
      const slots = this.state.get(p);
      if (!slots) return;
      for (const [slot, data] of Object.entries(slots)) {
        out.push({ param: i, slot, value: new Tensor(data.slice(), p.shape) });
      }
    });
    return out;
  }

  /**
   * Restores state saved by `getSlots` onto `params` (the same parameters in the same order).
   * @throws ShapeError when a saved slot does not fit its parameter.
   */
  setSlots(params: readonly Tensor[], values: readonly SlotValue[]): void {
    for (const { param, slot, value } of values) {
      const p = params[param];
      if (!p || !shapesEqual(p.shape, value.shape)) {
        throw new ShapeError(
          `${this.className}: saved state "${slot}" of parameter ${param} has shape ${formatShape(value.shape)}, which does not match ${p ? formatShape(p.shape) : 'no parameter'}.`,
          { param, slot },
        );
      }
      const slots = this.slotsOf(p);
      const target = slots[slot];
      if (!target) throw new ShapeError(`${this.className}: unknown state slot "${slot}".`, { slot });
      target.set(value.data);
    }
  }

  /** All options, so `optimizerFromConfig` can rebuild an equal optimizer (state is saved separately). */
  getConfig(): Record<string, unknown> {
    const lr = this.learningRate;
    return {
      learningRate: typeof lr === 'number' ? lr : lr.serialize(),
      weightDecay: this.weightDecay,
      clipnorm: this.clipnorm,
      globalClipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
      ...this.ownConfig(),
    };
  }

  /** `{ className, config }`. */
  serialize(): SerializedObject {
    return { className: this.className, config: this.getConfig() };
  }
}

/** Turns a saved learning rate (a number or a serialised schedule) back into a value for the constructor. */
export function learningRateFromConfig(v: unknown): number | LearningRateSchedule | undefined {
  if (v === undefined || typeof v === 'number') return v;
  return scheduleFromConfig(v as SerializedObject);
}

function checkPair(where: string, p: Tensor, g: Tensor, i: number): void {
  if (p.dtype === 'int32') {
    throw new DTypeError(`${where}: parameter ${i} is int32; only float parameters can be optimized.`, { param: i });
  }
  if (g.dtype !== p.dtype) {
    throw new DTypeError(`${where}: the gradient of parameter ${i} is ${g.dtype} but the parameter is ${p.dtype}.`, {
      param: i,
    });
  }
  if (!shapesEqual(p.shape, g.shape)) {
    throw new ShapeError(
      `${where}: the gradient of parameter ${i} has shape ${formatShape(g.shape)} but the parameter has shape ${formatShape(p.shape)}.`,
      { param: i },
    );
  }
}
