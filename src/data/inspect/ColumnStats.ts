/** Summary of one column as `inspectFile` reports it. */
export interface ColumnSummary {
  name: string;
  /** 'number', 'string', 'boolean', 'mixed' (several kinds) or 'empty' (only missing values). */
  type: 'number' | 'string' | 'boolean' | 'mixed' | 'empty';
  /** Values present. */
  count: number;
  /** Missing values (empty, NA-like strings, null). */
  missing: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Distinct values, or null when more than `DISTINCT_CAP`. */
  distinct: number | null;
}

/** Distinct values tracked per column before giving up (a column with few is likely categorical). */
export const DISTINCT_CAP = 50;

/** Accumulates a `ColumnSummary` one value at a time, in constant memory. */
export class ColumnStats {
  readonly name: string;
  private readonly kinds = new Set<'number' | 'string' | 'boolean'>();
  count = 0;
  missing = 0;
  private min = Infinity;
  private max = -Infinity;
  private sum = 0;
  private numbers = 0;
  /** Value → occurrences, while at most DISTINCT_CAP values have been seen. */
  values: Map<string, number> | null = new Map();

  constructor(name: string) {
    this.name = name;
  }

  /** Adds a missing value. */
  addMissing(): void {
    this.missing++;
  }

  /** Adds a present value: a number, a boolean or a string (kept as text). */
  add(v: number | string | boolean): void {
    this.count++;
    if (typeof v === 'number') {
      this.kinds.add('number');
      if (v === v) {
        if (v < this.min) this.min = v;
        if (v > this.max) this.max = v;
        this.sum += v;
        this.numbers++;
      }
    } else {
      this.kinds.add(typeof v === 'boolean' ? 'boolean' : 'string');
    }
    if (this.values !== null) {
      const k = String(v);
      this.values.set(k, (this.values.get(k) ?? 0) + 1);
      if (this.values.size > DISTINCT_CAP) this.values = null;
    }
  }

  /** The summary so far. */
  summary(): ColumnSummary {
    const type = this.kinds.size === 0 ? 'empty' : this.kinds.size > 1 ? 'mixed' : ([...this.kinds][0] as 'number');
    return {
      name: this.name,
      type,
      count: this.count,
      missing: this.missing,
      min: this.numbers > 0 ? this.min : null,
      max: this.numbers > 0 ? this.max : null,
      mean: this.numbers > 0 ? this.sum / this.numbers : null,
      distinct: this.values === null ? null : this.values.size,
    };
  }
}
