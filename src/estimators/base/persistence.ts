import { ConfigError } from '../../errors/errors.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { DenseMatrix } from './DenseMatrix.js';

/** The saved form of an estimator: plain JSON (`JSON.stringify` it), loaded back by `loadEstimator`. */
export interface EstimatorJSON {
  format: 'lsml-estimator';
  version: 1;
  /** The registered class name, e.g. `'StandardScaler'`. */
  className: string;
  /** Hyper-parameters, encoded (nested estimators saved whole). */
  params: unknown;
  /** Learned state, encoded; null when unfitted. */
  state: unknown;
}

/** What the registry needs of an estimator class. */
export interface LoadableClass {
  readonly className: string;
  fromJSON(json: EstimatorJSON): unknown;
}

/** Something that saves itself as an `EstimatorJSON` (every estimator). */
interface Saveable {
  toJSON(): EstimatorJSON;
}

const registry = new Map<string, LoadableClass>();

/**
 * Registers an estimator class under its `className`, so `loadEstimator` (and Pipelines, searches, … holding it)
 * can restore saved instances. Every estimator module calls this once, at load time.
 */
export function registerEstimator(cls: LoadableClass): void {
  registry.set(cls.className, cls);
}

/** Names of every registered estimator class, sorted. */
export function registeredEstimators(): string[] {
  return [...registry.keys()].sort();
}

/** True for a value that looks like saved estimator JSON. */
export function isEstimatorJSON(json: unknown): json is EstimatorJSON {
  return (
    json !== null &&
    typeof json === 'object' &&
    (json as EstimatorJSON).format === 'lsml-estimator' &&
    typeof (json as EstimatorJSON).className === 'string'
  );
}

/**
 * Restores an estimator saved with `toJSON()` (or its `JSON.stringify` text): same class, same hyper-parameters,
 * same learned state, so predictions are identical.
 * @throws ConfigError when the JSON is not a saved estimator or its class is not registered (import its module)
 */
export function loadEstimator(json: EstimatorJSON | string): unknown {
  const parsed: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  if (!isEstimatorJSON(parsed)) {
    throw new ConfigError('loadEstimator: expected saved estimator JSON with format "lsml-estimator" and a className.');
  }
  if (parsed.version !== 1) {
    throw new ConfigError(`loadEstimator: unsupported format version ${String(parsed.version)}; expected 1.`);
  }
  const cls = registry.get(parsed.className);
  if (cls === undefined) {
    throw new ConfigError(
      `loadEstimator: unknown estimator class "${parsed.className}"; import the module that defines it. Registered: ${registeredEstimators().join(', ') || '(none)'}.`,
      { className: parsed.className },
    );
  }
  return cls.fromJSON(parsed);
}

type TypedName = 'Float64Array' | 'Float32Array' | 'Int32Array' | 'Uint8Array' | 'Uint32Array';
const TYPED: Record<TypedName, new (values: ArrayLike<number>) => ArrayLike<number>> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint8Array,
  Uint32Array,
};

function encodeNumber(x: number): unknown {
  if (Number.isFinite(x)) return Object.is(x, -0) ? { $num: '-0' } : x;
  return { $num: String(x) };
}

function decodeNumber(tag: string): number {
  return tag === '-0' ? -0 : Number(tag);
}

function encodeTyped(a: ArrayLike<number> & { constructor: { name: string } }): unknown {
  const data: (number | string)[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    // non-finite values and -0 are written as strings inside typed arrays, keeping the array flat
    data[i] = Number.isFinite(x) && !Object.is(x, -0) ? x : Object.is(x, -0) ? '-0' : String(x);
  }
  return { $typed: a.constructor.name, data };
}

function isSaveable(v: object): v is Saveable {
  return (
    typeof (v as Partial<Saveable>).toJSON === 'function' &&
    typeof (v.constructor as Partial<LoadableClass>).className === 'string'
  );
}

/**
 * Encodes a value for JSON without loss: typed arrays keep their type, NaN/±Infinity/-0 survive, estimators,
 * DenseMatrix and CsrMatrix are saved whole, Maps keep their entries.
 * @param path where the value sits, for the error message
 * @throws ConfigError on a function or another value JSON cannot hold
 */
export function encodeValue(v: unknown, path = 'value'): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v === undefined) return { $undefined: true };
  if (typeof v === 'number') return encodeNumber(v);
  if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') {
    throw new ConfigError(
      `Cannot save ${path}: it is a ${typeof v}, which JSON cannot hold; use a named alternative.`,
      {
        path,
      },
    );
  }
  if (Array.isArray(v)) return v.map((x, i) => encodeValue(x, `${path}[${i}]`));
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const name = v.constructor.name as TypedName;
    if (!(name in TYPED)) throw new ConfigError(`Cannot save ${path}: ${name} is not supported.`, { path });
    return encodeTyped(v as unknown as Float64Array);
  }
  if (v instanceof DenseMatrix) return { $dense: { rows: v.rows, cols: v.cols, data: encodeTyped(v.data) } };
  if (v instanceof CsrMatrix) {
    return {
      $csr: {
        rows: v.rows,
        cols: v.cols,
        indptr: encodeTyped(v.indptr),
        indices: encodeTyped(v.indices),
        values: encodeTyped(v.values),
      },
    };
  }
  if (v instanceof Map) {
    return {
      $map: [...v.entries()].map(([k, x], i) => [
        encodeValue(k, `${path} key ${i}`),
        encodeValue(x, `${path}.get(${String(k)})`),
      ]),
    };
  }
  if (isSaveable(v)) return { $estimator: v.toJSON() };
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new ConfigError(
      `Cannot save ${path}: an instance of ${(v as object).constructor?.name ?? 'an unknown class'} is not serialisable.`,
      { path },
    );
  }
  const out: Record<string, unknown> = {};
  let tagged = false;
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) tagged = true;
    out[k] = encodeValue(x, `${path}.${k}`);
  }
  return tagged ? { $object: out } : out;
}

function decodeTyped(tag: { $typed: string; data: (number | string)[] }): ArrayLike<number> {
  const Ctor = TYPED[tag.$typed as TypedName];
  if (Ctor === undefined) throw new ConfigError(`Cannot load a ${tag.$typed}: unsupported typed array.`);
  return new Ctor(tag.data.map((x) => (typeof x === 'string' ? decodeNumber(x) : x)));
}

/** Inverse of `encodeValue`. Saved estimators are restored through the registry. */
export function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 || (keys.length === 2 && '$typed' in o)) {
    if ('$num' in o) return decodeNumber(o.$num as string);
    if ('$undefined' in o) return undefined;
    if ('$typed' in o) return decodeTyped(o as { $typed: string; data: (number | string)[] });
    if ('$dense' in o) {
      const d = o.$dense as { rows: number; cols: number; data: { $typed: string; data: (number | string)[] } };
      return new DenseMatrix(d.rows, d.cols, decodeTyped(d.data) as Float64Array);
    }
    if ('$csr' in o) {
      const c = o.$csr as Record<string, unknown>;
      return new CsrMatrix(
        c.rows as number,
        c.cols as number,
        decodeTyped(c.indptr as { $typed: string; data: number[] }) as Int32Array,
        decodeTyped(c.indices as { $typed: string; data: number[] }) as Int32Array,
        decodeTyped(c.values as { $typed: string; data: number[] }) as Float64Array,
      );
    }
    if ('$map' in o) return new Map((o.$map as [unknown, unknown][]).map(([k, x]) => [decodeValue(k), decodeValue(x)]));
    if ('$estimator' in o) return loadEstimator(o.$estimator as EstimatorJSON);
    if ('$object' in o) return decodePlain(o.$object as Record<string, unknown>);
  }
  return decodePlain(o);
}

function decodePlain(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = decodeValue(x);
  return out;
}
