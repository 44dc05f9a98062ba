import { ConfigError } from '../../errors/errors.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import { Constant, Ones, Zeros } from './constant.js';
import { Initializer } from './Initializer.js';
import { Orthogonal } from './Orthogonal.js';
import { RandomNormal, RandomUniform, TruncatedNormal } from './random.js';
import {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  VarianceScaling,
} from './VarianceScaling.js';

type InitializerClass = new (config?: never) => Initializer;

const classes: Record<string, InitializerClass> = {
  Zeros,
  Ones,
  Constant,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
  GlorotUniform,
  GlorotNormal,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  Orthogonal,
};

/** Names accepted as strings: camelCase as in lsml, snake_case as in Keras. "uniform"/"normal" are Keras' aliases. */
const names: Record<string, string> = {
  zeros: 'Zeros',
  ones: 'Ones',
  constant: 'Constant',
  randomNormal: 'RandomNormal',
  normal: 'RandomNormal',
  randomUniform: 'RandomUniform',
  uniform: 'RandomUniform',
  truncatedNormal: 'TruncatedNormal',
  varianceScaling: 'VarianceScaling',
  glorotUniform: 'GlorotUniform',
  glorotNormal: 'GlorotNormal',
  heNormal: 'HeNormal',
  heUniform: 'HeUniform',
  lecunNormal: 'LecunNormal',
  lecunUniform: 'LecunUniform',
  orthogonal: 'Orthogonal',
};

const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** What layer options accept as an initializer. */
export type InitializerIdentifier = Initializer | string | SerializedObject;

/**
 * Resolves an initializer: an instance (returned as is), a name ('glorotUniform' or 'glorot_uniform', 'zeros', …)
 * or `{ className, config }`.
 * @throws ConfigError naming the unknown initializer and the known names.
 */
export function getInitializer(id: InitializerIdentifier, where = 'getInitializer'): Initializer {
  if (id instanceof Initializer) return id;
  const className = typeof id === 'string' ? names[camel(id)] : classes[id?.className] ? id.className : undefined;
  const cls = className === undefined ? undefined : classes[className];
  if (!cls) {
    throw new ConfigError(
      `${where}: unknown initializer ${JSON.stringify(typeof id === 'string' ? id : id?.className)}; expected one of ${Object.keys(names).join(', ')}.`,
      { initializer: id },
    );
  }
  const config = typeof id === 'string' ? {} : id.config;
  return new cls(config as never);
}
