import { ConfigError } from '../../errors/errors.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import type { Layer, LayerConfig } from './Layer.js';

/** What the registry needs of a layer class: its saved name and a way to rebuild it from its config. */
export interface LayerClass {
  readonly className: string;
  fromConfig(config: LayerConfig): Layer;
}

const classes = new Map<string, LayerClass>();

/**
 * Makes a layer class known to `deserializeLayer` (and so to `loadModel`) under its `className`. Every built-in
 * layer registers itself; register your own layers before loading models that use them.
 */
export function registerLayer(cls: LayerClass): void {
  classes.set(cls.className, cls);
}

/**
 * Rebuilds a layer from `{ className, config }`.
 * @throws ConfigError naming the unknown class and the known ones.
 */
export function deserializeLayer(s: SerializedObject): Layer {
  const cls = classes.get(s.className);
  if (!cls) {
    throw new ConfigError(
      `deserializeLayer: unknown layer class ${JSON.stringify(s.className)}; known: ${[...classes.keys()].sort().join(', ')}. Register custom layers with registerLayer().`,
      { className: s.className },
    );
  }
  return cls.fromConfig(s.config);
}
