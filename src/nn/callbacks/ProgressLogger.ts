import { Callback, type Logs } from './Callback.js';

/** Where progress is written: process.stdout, or anything with `write` (and `isTTY` for the live bar). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const BAR = 30;

function formatLogs(logs: Logs): string {
  const keys = Object.keys(logs).sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : 0));
  return keys.map((k) => ` - ${k}: ${formatNumber(logs[k] as number)}`).join('');
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(4);
}

function formatDuration(ms: number): string {
  if (ms >= 3600e3)
    return `${Math.floor(ms / 3600e3)}:${String(Math.floor((ms % 3600e3) / 60e3)).padStart(2, '0')}:${String(Math.floor((ms % 60e3) / 1e3)).padStart(2, '0')}`;
  if (ms >= 60e3) return `${Math.floor(ms / 60e3)}:${String(Math.floor((ms % 60e3) / 1e3)).padStart(2, '0')}`;
  return `${Math.round(ms / 1e3)}s`;
}

/**
 * Keras-style progress output. verbose 1 on a terminal: a live bar per epoch
 * (`120/250 [=============>................] - ETA: 3s - loss: 0.3012 - accuracy: 0.9100`), kept as the epoch's
 * final line. verbose 2, or output that is not a terminal: one plain line per epoch.
 */
export class ProgressLogger extends Callback {
  readonly verbose: number;
  private readonly stream: ProgressStream;
  private epochStart = 0;
  private lastRender = 0;
  private batches = 0;

  /** @param stream default process.stdout. */
  constructor(verbose = 1, stream?: ProgressStream) {
    super();
    this.verbose = verbose;
    this.stream = stream ??
      (globalThis as { process?: { stdout: ProgressStream } }).process?.stdout ?? { write: () => 0 };
  }

  private get live(): boolean {
    return this.verbose === 1 && this.stream.isTTY === true;
  }

  private epochLabel(epoch: number): string {
    return `Epoch ${epoch + 1}/${this.params.epochs}`;
  }

  override onEpochBegin(epoch: number): void {
    this.epochStart = performance.now();
    this.lastRender = 0;
    this.batches = 0;
    if (this.live) this.stream.write(`${this.epochLabel(epoch)}\n`);
  }

  override onBatchEnd(batch: number, logs: Logs): void {
    this.batches = batch + 1;
    if (!this.live) return;
    const now = performance.now();
    if (now - this.lastRender < 100) return;
    this.lastRender = now;
    this.stream.write(`\r\x1b[K${this.bar(batch + 1, now)}${formatLogs(logs)}`);
  }

  private bar(done: number, now: number): string {
    const total = this.params.steps;
    const elapsed = now - this.epochStart;
    if (total === null) return `${done}/Unknown ${formatDuration(elapsed)}`;
    const filled = Math.min(BAR, Math.floor((BAR * done) / total));
    const arrow = done < total ? '>' : '=';
    const bar = `[${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? arrow : ''}${'.'.repeat(BAR - filled)}]`;
    const width = String(total).length;
    const eta = done < total ? ` - ETA: ${formatDuration((elapsed / done) * (total - done))}` : '';
    return `${String(done).padStart(width)}/${total} ${bar}${eta}`;
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    if (this.verbose === 0) return;
    const elapsed = performance.now() - this.epochStart;
    const perStep = this.batches > 0 ? `${Math.round(elapsed / this.batches)}ms/step` : '';
    const timing = ` ${formatDuration(elapsed)} ${perStep}`;
    if (this.live) {
      const steps = this.params.steps ?? this.batches;
      const saved = this.params.steps;
      this.params = { ...this.params, steps };
      this.stream.write(`\r\x1b[K${this.bar(steps, performance.now())}${timing}${formatLogs(logs)}\n`);
      this.params = { ...this.params, steps: saved };
    } else {
      this.stream.write(`${this.epochLabel(epoch)} -${timing}${formatLogs(logs)}\n`);
    }
  }
}
