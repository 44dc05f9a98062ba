import { checkSpec, defined, range } from '../../optim/checks.js';
import type { TypedArray } from '../../tensor/dtype.js';
import { Initializer } from './Initializer.js';

/** Every value equals `value`. */
export class Constant extends Initializer {
  readonly value: number;

  /** @param config.value default 0. */
  constructor(config: { value?: number } = {}) {
    super(null);
    const c = { value: 0, ...defined(config) };
    checkSpec('Constant', c, { value: range(-Infinity, Infinity) });
    this.value = c.value;
  }

  get className(): string {
    return 'Constant';
  }

  protected fill(out: TypedArray): void {
    out.fill(this.value);
  }

  getConfig(): Record<string, unknown> {
    return { value: this.value };
  }
}

/** All zeros (the default for biases). */
export class Zeros extends Constant {
  constructor() {
    super({ value: 0 });
  }

  override get className(): string {
    return 'Zeros';
  }

  override getConfig(): Record<string, unknown> {
    return {};
  }
}

/** All ones (the default for normalisation scales). */
export class Ones extends Constant {
  constructor() {
    super({ value: 1 });
  }

  override get className(): string {
    return 'Ones';
  }

  override getConfig(): Record<string, unknown> {
    return {};
  }
}
