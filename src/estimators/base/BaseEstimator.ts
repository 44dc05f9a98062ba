import { ConfigError, NotFittedError } from '../../errors/errors.js';
import { type Params, checkParam, resolveParams, unknownOptionError } from './params.js';
import { type EstimatorJSON, decodeValue, encodeValue, isEstimatorJSON, loadEstimator } from './persistence.js';
import type { Validator } from './validators.js';

/** What kind of estimator this is (scikit-learn's `_estimator_type`): model selection picks defaults from it. */
export type EstimatorType = 'classifier' | 'regressor' | 'transformer' | 'meta';

/** The static side every estimator class declares. */
export interface EstimatorStatics {
  /** Stable class name used in messages and saved files (survives minification, unlike `Function.name`). */
  readonly className: string;
  /** Constraint of every hyper-parameter (scikit-learn's `_parameter_constraints`). */
  readonly spec: Readonly<Record<string, Validator>>;
  /** Default of every hyper-parameter. */
  readonly defaults: Readonly<Record<string, unknown>>;
}

/** True for objects that follow the estimator contract (have `getParams`, `setParams`, `clone`, `fit`). */
export function isEstimator(x: unknown): x is BaseEstimator {
  return (
    x !== null &&
    typeof x === 'object' &&
    typeof (x as BaseEstimator).getParams === 'function' &&
    typeof (x as BaseEstimator).setParams === 'function' &&
    typeof (x as BaseEstimator).clone === 'function' &&
    typeof (x as BaseEstimator).fit === 'function'
  );
}

/** Deep copy of a hyper-parameter value: estimators become unfitted clones, arrays and plain objects are copied. */
export function cloneParam(v: unknown): unknown {
  if (isEstimator(v)) return v.clone();
  if (Array.isArray(v)) return v.map(cloneParam);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return (v as unknown as Float64Array).slice();
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneParam(x);
    return out;
  }
  return v;
}

/**
 * The estimator contract of lsml, scikit-learn's (`sklearn/base.py`):
 * - hyper-parameters come in one constructor options object, validated against the class's static `spec` table
 *   (unknown names and out-of-range values throw ConfigError naming them) and kept unchanged;
 * - `fit` learns, sets the learned state and returns `this`; reading learned attributes before throws
 *   NotFittedError naming the class;
 * - `getParams` / `setParams` (with `step__param` names for nested estimators), `clone` (unfitted copy);
 * - `toJSON` / `fromJSON` (or `loadEstimator`) save and restore with identical predictions.
 *
 * Subclasses declare `static override readonly className`, `spec` and `defaults`, implement `fit`, and keep their
 * learned state in `this.state` (plain data: numbers, strings, arrays, typed arrays, nested estimators).
 *
 * @typeParam O the options (hyper-parameters) object
 * @typeParam S the learned state
 */
export abstract class BaseEstimator<O extends object = object, S = unknown> {
  static readonly className: string = 'BaseEstimator';
  static readonly spec: Readonly<Record<string, Validator>> = {};
  static readonly defaults: Readonly<Record<string, unknown>> = {};

  /** The kind of estimator. */
  abstract readonly estimatorType: EstimatorType;

  /** Resolved hyper-parameters: every declared name, defaults filled in. Change them with `setParams`. */
  protected params: Params<O>;

  /** Learned state; undefined until `fit`. */
  protected state: S | undefined = undefined;

  /**
   * @param options hyper-parameters; omitted or undefined ones take the class defaults
   * @throws ConfigError on an unknown option or a value outside its declared constraint
   */
  constructor(options: O = {} as O) {
    const cls = this.constructor as unknown as EstimatorStatics;
    this.params = resolveParams(cls.className, cls.spec, cls.defaults, options as Record<string, unknown>) as Params<O>;
  }

  /** The class name used in messages and saved files. */
  get className(): string {
    return (this.constructor as unknown as EstimatorStatics).className;
  }

  /** True once `fit` has run. */
  get isFitted(): boolean {
    return this.state !== undefined;
  }

  /**
   * The hyper-parameters.
   * @param deep also list the parameters of nested estimators as `name__param`; default true
   * @returns a fresh object (changing it changes nothing)
   */
  getParams(deep = true): Params<O> & Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(this.params)) {
      out[name] = Array.isArray(value) ? [...value] : value;
      if (deep && isEstimator(value)) {
        for (const [sub, v] of Object.entries(value.getParams(true))) out[`${name}__${sub}`] = v;
      }
    }
    return out as Params<O> & Record<string, unknown>;
  }

  /**
   * Changes hyper-parameters; `name__param` sets `param` of the nested estimator held in `name`. The learned state
   * is kept until the next `fit`.
   * @returns this
   * @throws ConfigError on an unknown name or an invalid value (nothing is changed then)
   */
  setParams(params: Partial<O> & Record<string, unknown>): this {
    const cls = this.constructor as unknown as EstimatorStatics;
    const direct: Record<string, unknown> = {};
    const nested = new Map<string, Record<string, unknown>>();
    for (const [key, value] of Object.entries(params)) {
      const split = key.indexOf('__');
      if (split > 0) {
        const head = key.slice(0, split);
        if (!(head in cls.spec)) throw unknownOptionError(cls.className, head, Object.keys(cls.spec));
        const group = nested.get(head) ?? {};
        group[key.slice(split + 2)] = value;
        nested.set(head, group);
      } else {
        if (!(key in cls.spec)) throw unknownOptionError(cls.className, key, Object.keys(cls.spec));
        const v = value === undefined ? cls.defaults[key] : value;
        checkParam(cls.className, key, cls.spec[key] as Validator, v);
        direct[key] = v;
      }
    }
    Object.assign(this.params, direct);
    for (const [head, sub] of nested) {
      const target = (this.params as Record<string, unknown>)[head];
      if (!isEstimator(target)) {
        throw new ConfigError(
          `${cls.className}: cannot set ${Object.keys(sub)
            .map((k) => `"${head}__${k}"`)
            .join(', ')}: "${head}" does not hold an estimator.`,
          { estimator: cls.className, option: head },
        );
      }
      target.setParams(sub);
    }
    return this;
  }

  /** An unfitted copy with the same hyper-parameters (nested estimators cloned too). scikit-learn's `clone`. */
  clone(): this {
    const Ctor = this.constructor as new (options: Record<string, unknown>) => this;
    return new Ctor(cloneParam(this.getParams(false)) as Record<string, unknown>);
  }

  /** Learns from data; returns `this`. */
  abstract fit(X: unknown, y?: unknown, options?: unknown): this;

  /**
   * Cross-parameter checks that the per-parameter table cannot express (e.g. `strategy: 'constant'` needs
   * `constant`). `fit` calls it; the default does nothing.
   * @throws ConfigError
   */
  protected checkParams(): void {}

  /**
   * The learned state, or NotFittedError naming the class and the method that needed it.
   * @param method what was called, e.g. `'predict'`
   */
  protected fitted(method: string): S {
    if (this.state === undefined) {
      throw new NotFittedError(`${this.className}: this instance is not fitted yet; call fit() before ${method}.`, {
        estimator: this.className,
        method,
      });
    }
    return this.state;
  }

  /** The learned state for saving; override when the state holds something `encodeValue` cannot. */
  protected encodeState(state: S): unknown {
    return encodeValue(state, `${this.className} state`);
  }

  /** Inverse of `encodeState`. */
  protected decodeState(json: unknown): S {
    return decodeValue(json) as S;
  }

  /** The hyper-parameters for saving; override to drop what cannot be saved (e.g. a builder function). */
  protected encodeParams(params: Record<string, unknown>): unknown {
    return encodeValue(params, `${this.className} params`);
  }

  /**
   * The estimator as plain JSON: class name, hyper-parameters and learned state. `JSON.stringify` it to save;
   * `loadEstimator` or `<Class>.fromJSON` restores it with identical predictions.
   * @throws ConfigError when a hyper-parameter is a function (it cannot be saved)
   */
  toJSON(): EstimatorJSON {
    return {
      format: 'lsml-estimator',
      version: 1,
      className: this.className,
      params: this.encodeParams(this.getParams(false)),
      state: this.state === undefined ? null : this.encodeState(this.state),
    };
  }

  /**
   * Restores an estimator saved by `toJSON` (object or JSON text). Called on a subclass, checks that the saved
   * class is that one; called on `BaseEstimator`, restores whichever registered class was saved.
   * @throws ConfigError when the JSON is not a saved estimator or names another class
   */
  static fromJSON<T extends BaseEstimator>(
    this: abstract new (...args: never[]) => T,
    json: EstimatorJSON | string,
  ): T {
    const parsed: unknown = typeof json === 'string' ? JSON.parse(json) : json;
    const self = this as unknown as EstimatorStatics;
    if (!isEstimatorJSON(parsed)) {
      throw new ConfigError(`${self.className}.fromJSON: expected saved estimator JSON with format "lsml-estimator".`);
    }
    if ((this as unknown) === BaseEstimator) return loadEstimator(parsed) as T;
    if (parsed.className !== self.className) {
      throw new ConfigError(
        `${self.className}.fromJSON: the JSON holds a ${parsed.className}, not a ${self.className}; use loadEstimator to load any class.`,
        { expected: self.className, received: parsed.className },
      );
    }
    const Ctor = this as unknown as new (options: Record<string, unknown>) => T;
    const est = new Ctor(decodeValue(parsed.params) as Record<string, unknown>);
    if (parsed.state !== null && parsed.state !== undefined) {
      (est as unknown as { state: unknown }).state = (
        est as unknown as { decodeState(json: unknown): unknown }
      ).decodeState(parsed.state);
    }
    return est;
  }
}
