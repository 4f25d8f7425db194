/**
 * Takes turns at the server's update checks, so that one connection's burst neither holds up the event loop (the
 * health endpoint, other sockets) nor makes other connections' updates wait for all of it.
 *
 * Each connection's jobs run in the order they were given, one at a time (each job is a check and its apply,
 * synchronous: updateQueue.ts). Connections take turns, one job each. Jobs run in slices of about `sliceMs`; after
 * each slice the rest waits for the next turn of the event loop (setImmediate runs after the I/O of that turn), so
 * /api/health and other sockets are served between slices whatever a device sends.
 */
export class CheckTurns {
  /** Per key (a connection), its waiting jobs; Map order is whose turn comes next. */
  private readonly waiting = new Map<object, (() => void)[]>();
  private scheduled = false;

  constructor(
    private readonly sliceMs = 10,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `job` after the jobs `key` gave before it; resolves with what it returns (rejects with what it throws). */
  run<T>(key: object, job: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const queued = this.waiting.get(key);
      const wrapped = (): void => {
        try {
          resolve(job());
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      };
      if (queued) queued.push(wrapped);
      else this.waiting.set(key, [wrapped]);
      this.schedule();
    });
  }

  /** Jobs waiting now (all keys). */
  get size(): number {
    let n = 0;
    for (const jobs of this.waiting.values()) n += jobs.length;
    return n;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.slice());
  }

  private slice(): void {
    this.scheduled = false;
    const start = this.now();
    while (this.waiting.size > 0 && this.now() - start < this.sliceMs) {
      const [key, jobs] = this.waiting.entries().next().value as [object, (() => void)[]];
      const job = jobs.shift()!;
      // To the back of the line: the next key's turn comes first.
      this.waiting.delete(key);
      if (jobs.length > 0) this.waiting.set(key, jobs);
      job();
    }
    if (this.waiting.size > 0) this.schedule();
  }
}
