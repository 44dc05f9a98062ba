import { ConfigError } from '../../errors/errors.js';
import { CosineDecay, type CosineDecayConfig } from './CosineDecay.js';
import { ExponentialDecay, type ExponentialDecayConfig } from './ExponentialDecay.js';
import { LinearWarmup } from './LinearWarmup.js';
import type { LearningRateSchedule, SerializedObject } from './LearningRateSchedule.js';
import { PiecewiseConstantDecay, type PiecewiseConstantDecayConfig } from './PiecewiseConstantDecay.js';
import { StepDecay, type StepDecayConfig } from './StepDecay.js';

/**
 * Rebuilds a schedule from its `{ className, config }` form (what `serialize()` returns).
 * @throws ConfigError for an unknown class name.
 */
export function scheduleFromConfig(s: SerializedObject): LearningRateSchedule {
  const c = s.config;
  switch (s.className) {
    case 'ExponentialDecay':
      return new ExponentialDecay(c as unknown as ExponentialDecayConfig);
    case 'StepDecay':
      return new StepDecay(c as unknown as StepDecayConfig);
    case 'CosineDecay':
      return new CosineDecay(c as unknown as CosineDecayConfig);
    case 'PiecewiseConstantDecay':
      return new PiecewiseConstantDecay(c as unknown as PiecewiseConstantDecayConfig);
    case 'LinearWarmup': {
      const after = c['after'];
      return new LinearWarmup({
        after: typeof after === 'number' ? after : scheduleFromConfig(after as SerializedObject),
        warmupSteps: c['warmupSteps'] as number,
        startLearningRate: c['startLearningRate'] as number,
      });
    }
    default:
      throw new ConfigError(
        `scheduleFromConfig: unknown schedule ${JSON.stringify(s.className)}; expected ExponentialDecay, StepDecay, CosineDecay, PiecewiseConstantDecay or LinearWarmup.`,
        { className: s.className },
      );
  }
}
