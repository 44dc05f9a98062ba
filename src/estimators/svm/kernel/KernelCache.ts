/**
 * A least-recently-used cache of kernel rows (columns of Q) bounded in memory, as LIBSVM's `Cache`: rows are
 * float32, a row holds a prefix of its entries (the active set), and when space runs out the least recently used
 * rows are dropped. With it, SMO trains on n = 50,000+ samples without an n × n matrix.
 */
export class KernelCache {
  private readonly l: number;
  private readonly rows: (Float32Array | null)[];
  /** Valid entries of each row (0 = not cached). */
  private readonly lens: Int32Array;
  /** Doubly linked LRU list over cached rows; node `l` is the sentinel (next = oldest, prev = newest). */
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  /** Floats still available (rows are charged their buffer's full length). */
  private free: number;
  /** Queued entry swaps (i < j pairs), applied by `flush`. */
  private pending = new Int32Array(64);
  private pendingCount = 0;
  /**
   * Buffers of evicted rows by size class (capacity = class × quantum), still charged to the budget, reused by
   * later rows of the same class: allocating a fresh typed array per cache miss costs more than computing a
   * short row.
   */
  private readonly pools: Float32Array[][];
  private readonly quantum: number;

  /**
   * @param l number of rows (variables)
   * @param bytes memory bound (row buffers, including pooled ones); at least two full rows always fit (LIBSVM's rule)
   */
  constructor(l: number, bytes: number) {
    this.l = l;
    this.rows = new Array<Float32Array | null>(l).fill(null);
    this.lens = new Int32Array(l);
    this.prev = new Int32Array(l + 1).fill(l);
    this.next = new Int32Array(l + 1).fill(l);
    this.quantum = Math.max(1, Math.ceil(l / 32));
    this.budget = Math.max(Math.floor(bytes / 4), 2 * (l + this.quantum));
    this.free = this.budget;
    this.pools = Array.from({ length: 34 }, () => []);
  }

  /** The memory bound in floats. */
  readonly budget: number;

  /** Floats held now (cached rows and pooled buffers); never above `budget`. */
  get used(): number {
    return this.budget - this.free;
  }

  /** Size class of a row of `len` entries. */
  private classOf(len: number): number {
    return Math.ceil(len / this.quantum);
  }

  /** Releases pooled buffers (largest classes first) until `need` floats are free; false when none are left. */
  private dropPooled(need: number): boolean {
    for (let c = this.pools.length - 1; c >= 0 && this.free < need; c--) {
      const pool = this.pools[c] as Float32Array[];
      while (pool.length > 0 && this.free < need) this.free += (pool.pop() as Float32Array).length;
    }
    return this.free >= need;
  }

  private unlink(h: number): void {
    const p = this.prev[h] as number;
    const n = this.next[h] as number;
    this.next[p] = n;
    this.prev[n] = p;
  }

  private linkNewest(h: number): void {
    const l = this.l;
    const last = this.prev[l] as number;
    this.next[h] = l;
    this.prev[h] = last;
    this.next[last] = h;
    this.prev[l] = h;
  }

  private evict(h: number): void {
    this.unlink(h);
    const buf = this.rows[h] as Float32Array;
    (this.pools[this.classOf(buf.length)] as Float32Array[]).push(buf);
    this.rows[h] = null;
    this.lens[h] = 0;
  }

  /** The storage of row `index` (valid after `request`). */
  row(index: number): Float32Array {
    return this.rows[index] as Float32Array;
  }

  /**
   * Makes row `index` hold `len` entries and marks it most recently used.
   * @returns how many leading entries are already computed; the caller fills `[start, len)`
   */
  request(index: number, len: number): number {
    if (this.pendingCount > 0) this.flush();
    const old = this.lens[index] as number;
    if (old > 0) this.unlink(index);
    let start = len;
    if (len > old) {
      const current = this.rows[index];
      if (current === null || current.length < len) {
        const c = this.classOf(len);
        const pool = this.pools[c] as Float32Array[];
        // make room: evict least recently used rows (into the pools) until a buffer of class c is pooled or the
        // budget allows a new one
        while (pool.length === 0 && this.free < c * this.quantum && !this.dropPooled(c * this.quantum)) {
          const oldest = this.next[this.l] as number;
          if (oldest === this.l) break;
          this.evict(oldest);
        }
        let buf = pool.pop();
        if (buf === undefined) {
          this.dropPooled(c * this.quantum);
          buf = new Float32Array(c * this.quantum);
          this.free -= buf.length;
        }
        if (current !== null) {
          if (old > 0) buf.set(current.subarray(0, old));
          (this.pools[this.classOf(current.length)] as Float32Array[]).push(current);
        }
        this.rows[index] = buf;
      }
      this.lens[index] = len;
      start = old;
    }
    this.linkNewest(index);
    return start;
  }

  /**
   * Swaps rows a and b and entries a and b within every cached row (rows too short to hold both are dropped).
   * Entry swaps are queued and applied row by row at the next `request` (or `flush`): a shrinking step swaps
   * thousands of pairs, and walking each row once keeps the work in cache instead of touching every row per swap.
   */
  swapIndex(a: number, b: number): void {
    if (a === b) return;
    const { lens, rows } = this;
    if ((lens[a] as number) > 0) this.unlink(a);
    if ((lens[b] as number) > 0) this.unlink(b);
    const ra = rows[a] as Float32Array | null;
    rows[a] = rows[b] as Float32Array | null;
    rows[b] = ra;
    const la = lens[a] as number;
    lens[a] = lens[b] as number;
    lens[b] = la;
    if ((lens[a] as number) > 0) this.linkNewest(a);
    if ((lens[b] as number) > 0) this.linkNewest(b);
    if (this.pendingCount * 2 === this.pending.length) {
      const grown = new Int32Array(Math.max(64, this.pending.length * 2));
      grown.set(this.pending);
      this.pending = grown;
    }
    this.pending[this.pendingCount * 2] = Math.min(a, b);
    this.pending[this.pendingCount * 2 + 1] = Math.max(a, b);
    this.pendingCount++;
  }

  /** Applies the queued entry swaps to every cached row, in order. */
  flush(): void {
    const count = this.pendingCount;
    if (count === 0) return;
    this.pendingCount = 0;
    const { lens, rows, pending } = this;
    for (let h = this.next[this.l] as number; h !== this.l;) {
      const following = this.next[h] as number;
      const len = lens[h] as number;
      const r = rows[h] as Float32Array;
      for (let q = 0; q < count; q++) {
        const i = pending[2 * q] as number;
        if (len <= i) continue;
        const j = pending[2 * q + 1] as number;
        if (len <= j) {
          this.evict(h);
          break;
        }
        const t = r[i] as number;
        r[i] = r[j] as number;
        r[j] = t;
      }
      h = following;
    }
  }
}
