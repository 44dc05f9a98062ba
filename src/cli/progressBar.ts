import cliProgress from 'cli-progress';
import type { ProgressCallback, ProgressEvent } from '../util/progress.js';

/** A terminal rendering of progress events: pass `update` wherever a `ProgressCallback` is taken. */
export interface ProgressBar {
  /** Renders one event (starts the bar on the first). */
  readonly update: ProgressCallback;
  /** Finishes the bar and leaves the line. Safe to call more than once. */
  stop(): void;
}

/** Options of `createProgressBar`. */
export interface ProgressBarOptions {
  /** Where to draw (default process.stderr, so piped stdout stays clean). */
  stream?: NodeJS.WriteStream;
  /** Draw at all (default: only when `stream` is a terminal). */
  enabled?: boolean;
  /** How to print `done` and `total`: 'bytes' as KB/MB/GB, 'count' as plain numbers (default). */
  units?: 'bytes' | 'count';
}

/** 1536 → "1.5 KB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

/**
 * A progress bar drawn with `cli-progress` that renders lsml `ProgressEvent`s: label, bar, percentage,
 * done/total, ETA and any metrics. Silent (a no-op) when the stream is not a terminal, so CI logs and pipes
 * are not flooded.
 */
export function createProgressBar(options: ProgressBarOptions = {}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const enabled = options.enabled ?? stream.isTTY === true;
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const fmt = options.units === 'bytes' ? formatBytes : (n: number) => n.toLocaleString('en-US');
  let bar: cliProgress.SingleBar | null = null;
  let stopped = false;
  const payload = (e: ProgressEvent): Record<string, string> => ({
    label: e.label,
    doneText: fmt(e.done),
    totalText: e.total === undefined ? '?' : fmt(e.total),
    metrics: Object.entries(e.metrics ?? {})
      .map(([k, v]) => ` | ${k} ${Number.isInteger(v) ? v : v.toPrecision(4)}`)
      .join(''),
  });
  return {
    update(e: ProgressEvent): void {
      if (stopped) return;
      if (bar === null) {
        const known = e.total !== undefined;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: known
              ? '{label} [{bar}] {percentage}% | {doneText}/{totalText} | ETA {eta_formatted}{metrics}'
              : '{label} | {doneText}{metrics}',
            hideCursor: true,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(e.total ?? 0, e.done, payload(e));
        return;
      }
      if (e.total !== undefined) bar.setTotal(e.total);
      bar.update(e.done, payload(e));
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}
