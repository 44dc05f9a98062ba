import { ConfigError } from '../../errors/errors.js';
import { warn } from '../../util/warnings.js';
import type { Logs } from './Callback.js';

/** Whether a monitored value should go down ('min'), up ('max'), or be guessed from its name ('auto'). */
export type MonitorMode = 'auto' | 'min' | 'max';

/** 'auto' means 'max' for accuracy-, AUC-, precision- and recall-like names, else 'min' (Keras' rule). */
export function resolveMode(where: string, mode: MonitorMode, monitor: string): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  if (mode !== 'auto') {
    throw new ConfigError(`${where}: "mode" must be one of "auto", "min", "max"; received ${JSON.stringify(mode)}.`, {
      mode,
    });
  }
  return /acc|auc|precision|recall/i.test(monitor) ? 'max' : 'min';
}

/** True when `current` beats `best` by more than `minDelta` in the direction of `mode`. */
export function improves(current: number, best: number, mode: 'min' | 'max', minDelta: number): boolean {
  return mode === 'min' ? current < best - minDelta : current > best + minDelta;
}

/** The monitored value from `logs`, or undefined with a warning naming the available keys. */
export function monitored(where: string, logs: Logs, monitor: string): number | undefined {
  const v = logs[monitor];
  if (v === undefined) {
    warn(
      'MissingMonitor',
      `${where}: "${monitor}" is not in the logs (available: ${Object.keys(logs).join(', ') || 'none'}); pass validation data or monitor another key.`,
      { monitor },
    );
  }
  return v;
}
