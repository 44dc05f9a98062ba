/** A serialised object: its class name and the options its constructor takes. */
export interface SerializedObject {
  className: string;
  config: Record<string, unknown>;
}

/**
 * A learning rate that depends on the optimizer step (the number of updates already applied, starting at 0),
 * as Keras' `LearningRateSchedule`. Schedules are pure: the same step always gives the same rate.
 */
export abstract class LearningRateSchedule {
  /** The rate to use for the update made at `step` (0 for the first update). */
  abstract at(step: number): number;

  /** The options the constructor takes, so `scheduleFromConfig` can rebuild this schedule. */
  abstract getConfig(): Record<string, unknown>;

  /** The class name stored in saved files. */
  abstract get className(): string;

  /** `{ className, config }`, the form saved in optimizer.json. */
  serialize(): SerializedObject {
    return { className: this.className, config: this.getConfig() };
  }
}
