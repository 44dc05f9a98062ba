import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { bool, checkSpec, defined, str } from '../../optim/checks.js';
import { Callback, type Logs } from './Callback.js';

/** Options of `CSVLogger`. */
export interface CSVLoggerConfig {
  /** Default ','. */
  separator?: string;
  /** Append to an existing file (resuming training) instead of overwriting it. Default false. */
  append?: boolean;
}

/**
 * Writes one CSV row per epoch: "epoch" then the log keys in sorted order (Keras' CSVLogger). Each row is
 * appended as soon as the epoch ends, so an interrupted run keeps its history.
 */
export class CSVLogger extends Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | null = null;

  constructor(filename: string, config: CSVLoggerConfig = {}) {
    super();
    const c = { separator: ',', append: false, ...defined(config) };
    checkSpec('CSVLogger', { filename, ...c }, { filename: str, separator: str, append: bool });
    this.filename = filename;
    this.separator = c.separator;
    this.append = c.append;
  }

  override onTrainBegin(): void {
    this.keys = null;
    if (this.append && existsSync(this.filename)) {
      const header = readFileSync(this.filename, 'utf8').split('\n')[0];
      if (header) this.keys = header.split(this.separator).slice(1);
    } else {
      writeFileSync(this.filename, '');
    }
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort();
      appendFileSync(this.filename, ['epoch', ...this.keys].join(this.separator) + '\n');
    }
    const row = [String(epoch), ...this.keys.map((k) => (logs[k] === undefined ? '' : String(logs[k])))];
    appendFileSync(this.filename, row.join(this.separator) + '\n');
  }
}
