import { ConfigError } from '../errors/errors.js';
import { Adagrad } from './Adagrad.js';
import { Adam } from './Adam.js';
import { AdamW } from './AdamW.js';
import { learningRateFromConfig, Optimizer, type OptimizerConfig } from './Optimizer.js';
import { RMSprop } from './RMSprop.js';
import type { SerializedObject } from './schedules/LearningRateSchedule.js';
import { SGD } from './SGD.js';

const classes: Record<string, new (config?: OptimizerConfig) => Optimizer> = { SGD, Adam, AdamW, RMSprop, Adagrad };
const aliases: Record<string, string> = {
  sgd: 'SGD',
  adam: 'Adam',
  adamw: 'AdamW',
  rmsprop: 'RMSprop',
  adagrad: 'Adagrad',
};

/**
 * Rebuilds an optimizer from `{ className, config }` (what `serialize()` returns); its state starts empty.
 * @throws ConfigError for an unknown class name.
 */
export function optimizerFromConfig(s: SerializedObject): Optimizer {
  const cls = classes[s.className];
  if (!cls) {
    throw new ConfigError(
      `optimizerFromConfig: unknown optimizer ${JSON.stringify(s.className)}; expected one of ${Object.keys(classes).join(', ')}.`,
      { className: s.className },
    );
  }
  const config = { ...s.config, learningRate: learningRateFromConfig(s.config['learningRate']) };
  return new cls(config as OptimizerConfig);
}

/**
 * Resolves what `compile({ optimizer })` accepts: an Optimizer (returned as is), a name with default options
 * ('sgd', 'adam', 'adamw', 'rmsprop', 'adagrad', case-insensitive), or a serialised optimizer.
 * @throws ConfigError for an unknown name.
 */
export function getOptimizer(identifier: Optimizer | string | SerializedObject): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  if (typeof identifier === 'string') {
    const name = aliases[identifier.toLowerCase()];
    if (!name) {
      throw new ConfigError(
        `getOptimizer: unknown optimizer ${JSON.stringify(identifier)}; expected one of ${Object.keys(aliases).join(', ')}, or an Optimizer instance.`,
        { optimizer: identifier },
      );
    }
    return optimizerFromConfig({ className: name, config: {} });
  }
  return optimizerFromConfig(identifier);
}
