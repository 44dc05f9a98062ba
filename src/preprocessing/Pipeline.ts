import { ConfigError } from '../errors/errors.js';
import { BaseEstimator, type EstimatorType } from '../estimators/base/BaseEstimator.js';
import type { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { Label } from '../estimators/base/labels.js';
import { type MatrixLike, numRows } from '../estimators/base/matrixLike.js';
import { checkParam } from '../estimators/base/params.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { satisfies } from '../estimators/base/validators.js';
import { type PartEstimator, checkPartNames, expandPartParams, isPart, routeParams } from './namedEstimators.js';

/** One pipeline step: a name and an estimator, or `'passthrough'` / null for a step that does nothing. */
export type PipelineStep = readonly [string, PartEstimator | 'passthrough' | null];

/** Hyper-parameters of Pipeline. */
export interface PipelineOptions {
  /** The steps, in order: transformers, then a final estimator (or transformer). Required. */
  steps: readonly PipelineStep[];
}

interface PipelineState {
  /** Rows of the data fitted on (a marker that fit ran). */
  nSamplesFit: number;
}

const stepsValidator = satisfies(
  'a non-empty array of [name, estimator | "passthrough" | null] pairs',
  (v) =>
    Array.isArray(v) &&
    v.length > 0 &&
    v.every(
      (s) =>
        Array.isArray(s) &&
        s.length === 2 &&
        typeof s[0] === 'string' &&
        (s[1] === null || s[1] === 'passthrough' || isPart(s[1])),
    ),
);

/**
 * Chains transformers and a final estimator into one estimator (scikit-learn's `Pipeline`): `fit` fits each
 * step on the previous step's output; `predict`, `score`, `transform` … run the data through the fitted steps.
 * Parameters of steps are reachable as `step__param` (for GridSearchCV); the whole pipeline saves and loads as one.
 *
 * @example
 * const pipe = new Pipeline({ steps: [['scale', new StandardScaler()], ['clf', new DummyClassifier()]] });
 * pipe.fit(X, y).predict(X);
 * new GridSearchCV({ estimator: pipe, paramGrid: { clf__strategy: ['prior', 'uniform'] } });
 */
export class Pipeline extends BaseEstimator<PipelineOptions, PipelineState> {
  static override readonly className: string = 'Pipeline';
  static override readonly spec = { steps: stepsValidator };
  static override readonly defaults = { steps: undefined };

  /** @throws ConfigError on bad step names or an intermediate step without `transform` */
  constructor(options: PipelineOptions) {
    super(options);
    this.checkSteps();
  }

  private checkSteps(): void {
    const steps = this.params.steps;
    checkPartNames(
      'Pipeline',
      'step',
      steps.map((s) => s[0]),
      ['steps'],
    );
    steps.slice(0, -1).forEach(([name, est]) => {
      if (est !== null && est !== 'passthrough' && typeof est.transform !== 'function') {
        throw new ConfigError(
          `Pipeline: intermediate step "${name}" (${est.className ?? 'estimator'}) must be a transformer (have transform) or "passthrough".`,
          { step: name },
        );
      }
    });
  }

  /** The kind of the final step (a transformer when it is passthrough). */
  get estimatorType(): EstimatorType {
    const last = this.finalStep();
    return last === null ? 'transformer' : (last.estimatorType as EstimatorType);
  }

  /** The steps by name. */
  get namedSteps(): Record<string, PartEstimator | 'passthrough' | null> {
    return Object.fromEntries(this.params.steps.map(([n, e]) => [n, e]));
  }

  /**
   * The estimator of step `name`.
   * @throws ConfigError on an unknown name
   */
  step(name: string): PartEstimator | 'passthrough' | null {
    const found = this.params.steps.find((s) => s[0] === name);
    if (!found)
      throw new ConfigError(
        `Pipeline: no step named "${name}"; steps are ${this.params.steps.map((s) => `"${s[0]}"`).join(', ')}.`,
      );
    return found[1];
  }

  /**
   * Whether `method` works on this pipeline (scikit-learn's `available_if`): prediction methods need a final step
   * that has them; `transform` needs every step to transform.
   */
  hasMethod(method: string): boolean {
    if (method === 'transform' || method === 'fitTransform' || method === 'inverseTransform') {
      const need = method === 'inverseTransform' ? 'inverseTransform' : 'transform';
      return this.params.steps.every(([, e]) => e === null || e === 'passthrough' || typeof e[need] === 'function');
    }
    const last = this.finalStep();
    return last !== null && typeof (last as unknown as Record<string, unknown>)[method] === 'function';
  }

  private finalStep(): PartEstimator | null {
    const last = this.params.steps[this.params.steps.length - 1]?.[1];
    return last === undefined || last === null || last === 'passthrough' ? null : last;
  }

  /** Parameters: `steps`, and with `deep` every step as `name` and its parameters as `name__param`. */
  override getParams(deep = true): PipelineOptions & Record<string, unknown> {
    const out: Record<string, unknown> = { steps: this.params.steps.map((s) => [s[0], s[1]] as const) };
    if (deep) expandPartParams(this.params.steps, out);
    return out as PipelineOptions & Record<string, unknown>;
  }

  /**
   * Sets `steps`, replaces a step (`name`), or sets a step's parameter (`name__param`).
   * @throws ConfigError on unknown names or invalid values
   */
  override setParams(params: Partial<PipelineOptions> & Record<string, unknown>): this {
    const names = this.params.steps.map((s) => s[0]);
    const routed = routeParams('Pipeline', ['steps'], names, params);
    if ('steps' in routed.own) {
      checkParam('Pipeline', 'steps', stepsValidator, routed.own.steps);
      this.params.steps = routed.own.steps as PipelineStep[];
    }
    if (routed.replace.size > 0) {
      this.params.steps = this.params.steps.map(
        ([n, e]) => [n, routed.replace.has(n) ? (routed.replace.get(n) as PartEstimator) : e] as const,
      );
      checkParam('Pipeline', 'steps', stepsValidator, this.params.steps);
    }
    for (const [name, sub] of routed.nested) {
      const est = this.step(name);
      if (!isPart(est))
        throw new ConfigError(`Pipeline: cannot set parameters of step "${name}": it is ${String(est)}.`);
      est.setParams(sub);
    }
    this.checkSteps();
    return this;
  }

  /** Splits fit options `step__option` by step. */
  private stepFitOptions(options: Record<string, unknown>): Map<string, Record<string, unknown>> {
    const names = this.params.steps.map((s) => s[0]);
    const out = new Map<string, Record<string, unknown>>();
    for (const [key, value] of Object.entries(options)) {
      const split = key.indexOf('__');
      const head = split > 0 ? key.slice(0, split) : '';
      if (!names.includes(head)) {
        throw new ConfigError(
          `Pipeline.fit: option "${key}" must name its step as "step__option" (steps: ${names.map((n) => `"${n}"`).join(', ')}), e.g. "${names[names.length - 1]}__sampleWeight".`,
        );
      }
      const group = out.get(head) ?? {};
      group[key.slice(split + 2)] = value;
      out.set(head, group);
    }
    return out;
  }

  private static fitPart(
    est: PartEstimator,
    X: unknown,
    y: unknown,
    options: Record<string, unknown> | undefined,
  ): void {
    if (options === undefined) est.fit(X, y);
    else est.fit(X, y, options);
  }

  /** Fits the transformers in turn (each on the previous output) and returns the last step's input. */
  private fitTransformers(X: MatrixLike, y: unknown, options: Map<string, Record<string, unknown>>): unknown {
    let Xt: unknown = X;
    for (const [name, est] of this.params.steps.slice(0, -1)) {
      if (est === null || est === 'passthrough') continue;
      const opts = options.get(name);
      if (opts === undefined && typeof est.fitTransform === 'function') Xt = est.fitTransform(Xt, y);
      else {
        Pipeline.fitPart(est, Xt, y, opts);
        Xt = (est.transform as (X: unknown) => unknown).call(est, Xt);
      }
    }
    return Xt;
  }

  /**
   * Fits every step in order.
   * @param options per-step fit options as `step__option` (e.g. `{ clf__sampleWeight: w }`)
   * @throws ConfigError on an option not naming a step; whatever the steps throw
   */
  fit(X: MatrixLike, y?: unknown, options: Record<string, unknown> = {}): this {
    const byStep = this.stepFitOptions(options);
    const Xt = this.fitTransformers(X, y, byStep);
    const [lastName, last] = this.params.steps[this.params.steps.length - 1] as PipelineStep;
    if (last !== null && last !== 'passthrough') Pipeline.fitPart(last, Xt, y, byStep.get(lastName));
    this.state = { nSamplesFit: numRows(X) };
    return this;
  }

  /** Runs X through the fitted transformers (all steps, or all but the last). */
  private transformThrough(X: MatrixLike, method: string, includeLast: boolean): unknown {
    this.fitted(method);
    let Xt: unknown = X;
    const steps = includeLast ? this.params.steps : this.params.steps.slice(0, -1);
    for (const [name, est] of steps) {
      if (est === null || est === 'passthrough') continue;
      if (typeof est.transform !== 'function') {
        throw new ConfigError(
          `Pipeline.${method}: step "${name}" (${est.className ?? 'estimator'}) has no transform().`,
        );
      }
      Xt = est.transform(Xt);
    }
    return Xt;
  }

  private callFinal<T>(method: 'predict' | 'predictProba' | 'decisionFunction', X: MatrixLike): T {
    const Xt = this.transformThrough(X, method, false);
    const last = this.finalStep();
    const f = last?.[method];
    if (last === null || typeof f !== 'function') {
      throw new ConfigError(
        `Pipeline.${method}: the final step (${last?.className ?? 'passthrough'}) has no ${method}().`,
      );
    }
    return f.call(last, Xt) as T;
  }

  /** Predictions of the final step on the transformed X (labels for a classifier, a Float64Array for a regressor). */
  predict(X: MatrixLike): Label[] | Float64Array {
    return this.callFinal('predict', X);
  }

  /** Class probabilities of the final step on the transformed X. */
  predictProba(X: MatrixLike): DenseMatrix {
    return this.callFinal('predictProba', X);
  }

  /** Decision function of the final step on the transformed X. */
  decisionFunction(X: MatrixLike): DenseMatrix | Float64Array {
    return this.callFinal('decisionFunction', X);
  }

  /** The final step's `score` on the transformed X. */
  score(X: MatrixLike, y: unknown, options?: unknown): number {
    const Xt = this.transformThrough(X, 'score', false);
    const last = this.finalStep();
    if (last === null || typeof last.score !== 'function') {
      throw new ConfigError(`Pipeline.score: the final step (${last?.className ?? 'passthrough'}) has no score().`);
    }
    return options === undefined ? last.score(Xt, y) : last.score(Xt, y, options);
  }

  /** X through every step (the final one must be a transformer or passthrough). */
  transform(X: MatrixLike): unknown {
    return this.transformThrough(X, 'transform', true);
  }

  /** `fit(X, y)` then the transformed X. */
  fitTransform(X: MatrixLike, y?: unknown, options: Record<string, unknown> = {}): unknown {
    return this.fit(X, y, options).transform(X);
  }

  /** X back through every step's `inverseTransform`, last to first. */
  inverseTransform(X: unknown): unknown {
    this.fitted('inverseTransform');
    let Xt = X;
    for (const [name, est] of [...this.params.steps].reverse()) {
      if (est === null || est === 'passthrough') continue;
      if (typeof est.inverseTransform !== 'function') {
        throw new ConfigError(
          `Pipeline.inverseTransform: step "${name}" (${est.className ?? 'estimator'}) has no inverseTransform().`,
        );
      }
      Xt = est.inverseTransform(Xt);
    }
    return Xt;
  }

  /** Classes of the final classifier (undefined when the final step has none). */
  get classes(): Label[] | undefined {
    this.fitted('classes');
    const c = this.finalStep()?.classes;
    return Array.isArray(c) ? [...(c as Label[])] : undefined;
  }

  /** Output names after every transforming step. */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    this.fitted('getFeatureNamesOut');
    let names = inputFeatures;
    for (const [name, est] of this.params.steps) {
      if (est === null || est === 'passthrough') continue;
      if (typeof est.getFeatureNamesOut !== 'function') {
        throw new ConfigError(
          `Pipeline.getFeatureNamesOut: step "${name}" (${est.className ?? 'estimator'}) has no getFeatureNamesOut().`,
        );
      }
      names = est.getFeatureNamesOut(names);
    }
    return [...(names ?? [])];
  }
}

registerEstimator(Pipeline);
