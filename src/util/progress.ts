/**
 * One progress interface for all long work (training, reading a big file). The CLI renders it as a bar, the
 * lab as a chart; library code only calls it.
 */
export interface ProgressEvent {
  /** What is being done, e.g. "epoch 3/10" or "reading train.csv". */
  label: string;
  /** Units done so far. */
  done: number;
  /** Units in all, when known. */
  total?: number;
  /** Extra numbers to show beside the bar (loss, rows/s). */
  metrics?: Record<string, number>;
}

/** Receives progress events; return value ignored. */
export type ProgressCallback = (event: ProgressEvent) => void;
