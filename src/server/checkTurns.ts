/**
 * Takes turns at the server's work, so that a burst (a thousand tablets connecting at once, one connection's
 * thousands of updates) neither holds up the event loop (/api/health, other sockets) nor makes the others wait for
 * all of it (issue 12 §2, §10).
 *
 * Each key's jobs (a connection's messages, its update checks) run in the order they were given, one at a time.
 * Keys take turns, one job each. Jobs run in slices of about `sliceMs`; then the rest waits for the next turn of
 * the event loop, so that the sockets that are ready (a health check among them) are served between slices.
 *
 * One job per setImmediate callback: Node runs the promise reactions a callback starts before the next callback,
 * so what a job sets going (Hocuspocus applying the message it let through, sending the answer) runs inside the
 * job's slice and is counted in its time, instead of piling up after the slice. A slice is a batch of callbacks
 * queued together (callbacks queued while the batch runs wait for the next turn of the event loop); those that
 * find the slice used up do nothing, and the last one queues the next batch.
 *
 * A job given as `heavy` (loading a day-sized session: about 20 ms) only starts a slice: the slice ends before it
 * when another job already ran in it, so one turn holds at most one such job and a little more.
 *
 * Priorities: a job may be given a `priority` (0 first, the default; higher later). The next job is the next key's
 * in the most urgent level that has one, except that each slice starts with one job of the least urgent level
 * waiting, so that nothing waits for ever behind a flood. The sync server finishes what devices have begun (their
 * messages, session loads) before it starts on new handshakes: in a burst, devices are then done one after another
 * instead of all together at the end.
 *
 * `hurry()` (the server accepted a connection): the next slice is short (`hurrySliceMs`) and runs no heavy job.
 * Node (libuv 1.45 and later) accepts one connection per turn of the event loop, so a thousand tablets connecting at
 * once are accepted only as fast as the loop turns, and a monitor's new connection for /api/health waits behind
 * them all in the kernel's queue: while connections keep arriving, turns are kept short.
 */
export class CheckTurns {
  /** Per key (a connection), its waiting jobs in order. */
  private readonly jobs = new Map<unknown, Job[]>();
  /** Per priority level, the keys whose next job is of that level; Set order is whose turn comes next. */
  private readonly levels: Set<unknown>[] = [];
  /** The current slice's batch of setImmediate callbacks: callbacks of an ended batch do nothing. */
  private batch = 0;
  private batchOpen = false;
  /** Callbacks of the current batch not run yet. */
  private left = 0;
  /** When the current slice started (-1: not started), and whether a job ran in it. */
  private sliceStart = -1;
  private ranInSlice = false;
  /** Set after a heavy job: the slice is over whatever the clock says. */
  private sliceOver = false;
  /** hurry() was called since the last slice started; the current slice is a short one. */
  private hurried = false;
  private sliceHurried = false;
  /** When the last job ran. */
  private lastRun = -Infinity;

  constructor(
    private readonly sliceMs = 10,
    private readonly now: () => number = () => performance.now(),
    /** Callbacks queued per slice: at most this many jobs run in one turn of the event loop. */
    private readonly perSlice = 64,
    /** While connections arrive, a job runs only when none has for this long (so work is never starved). */
    private readonly hurryGapMs = 2,
  ) {}

  /** Connections are arriving: the next slice is short and runs no heavy job (see above). */
  hurry(): void {
    this.hurried = true;
  }

  /** Runs `job` after the jobs `key` gave before it; resolves with what it returns (rejects with what it throws). */
  run<T>(key: unknown, job: () => T, options: TurnOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const wrapped: Job = {
        heavy: options.heavy === true,
        priority: options.priority ?? 0,
        run: () => {
          try {
            resolve(job());
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        },
      };
      const queued = this.jobs.get(key);
      if (queued && options.first === true) {
        this.levels[queued[0]!.priority]!.delete(key);
        queued.unshift(wrapped);
        this.line(wrapped.priority).add(key);
      } else if (queued) queued.push(wrapped);
      else {
        this.jobs.set(key, [wrapped]);
        this.line(wrapped.priority).add(key);
      }
      this.schedule();
    });
  }

  /** A turn of its own for `key`'s next step: resolves (in order with `key`'s other jobs) when it comes. */
  turn(key: unknown, options: TurnOptions = {}): Promise<void> {
    return this.run(key, () => undefined, options);
  }

  /** Jobs waiting now (all keys). */
  get size(): number {
    let n = 0;
    for (const jobs of this.jobs.values()) n += jobs.length;
    return n;
  }

  private line(priority: number): Set<unknown> {
    while (this.levels.length <= priority) this.levels.push(new Set());
    return this.levels[priority]!;
  }

  /** The key whose job is next: the least urgent level's first in a slice, else the most urgent level's. */
  private nextKey(): unknown {
    const waiting = this.levels.filter((l) => l.size > 0);
    const level = this.ranInSlice ? waiting[0] : waiting.at(-1);
    return level === undefined ? NOBODY : level.values().next().value;
  }

  private schedule(): void {
    if (this.batchOpen) return;
    this.batchOpen = true;
    this.batch += 1;
    this.left = this.perSlice;
    this.sliceStart = -1;
    this.ranInSlice = false;
    this.sliceOver = false;
    for (let i = 0; i < this.perSlice; i++) setImmediate(this.step, this.batch);
  }

  /** The slice is over: what waits goes on in the next turn of the event loop (queued from a callback: the next). */
  private endSlice(): void {
    this.batchOpen = false;
    if (this.jobs.size > 0) this.schedule();
  }

  private readonly step = (batch: number): void => {
    if (batch !== this.batch || !this.batchOpen) return;
    this.left -= 1;
    if (this.sliceStart < 0) {
      this.sliceStart = this.now();
      this.sliceHurried = this.hurried;
      this.hurried = false;
    }
    const now = this.now();
    const used = this.sliceHurried
      ? this.ranInSlice || now - this.lastRun < this.hurryGapMs
      : this.sliceOver || now - this.sliceStart >= this.sliceMs;
    const key = used ? NOBODY : this.nextKey();
    const jobs = key === NOBODY ? undefined : this.jobs.get(key);
    if (!jobs || (jobs[0]!.heavy && (this.ranInSlice || this.sliceHurried))) {
      // Nothing more in this slice (nothing waits, the time is used, or a heavy job waits for a slice of its own).
      this.endSlice();
      return;
    }
    const job = jobs.shift()!;
    // To the back of the line (of its next job's level): the next key's turn comes first.
    this.levels[job.priority]!.delete(key);
    if (jobs.length > 0) this.line(jobs[0]!.priority).add(key);
    else this.jobs.delete(key);
    this.ranInSlice = true;
    this.lastRun = now;
    job.run();
    // A heavy job is a slice of its own.
    if (job.heavy) this.sliceOver = true;
    if (this.left === 0) this.endSlice();
  };
}

export interface TurnOptions {
  /** About 20 ms of work: only at the start of a slice, and alone in it. */
  heavy?: boolean;
  /** 0 (the default) first; higher numbers later. */
  priority?: number;
  /**
   * Before the key's other waiting jobs: a further step of the job whose turn it is (the check of the message that
   * just had its turn goes before the connection's next message).
   */
  first?: boolean;
}

/** The same turns, every job given `first` (see TurnOptions): for the steps of a job that already has its turn. */
export class NextInLine extends CheckTurns {
  constructor(private readonly turns: CheckTurns) {
    super();
  }

  override run<T>(key: unknown, job: () => T, options: TurnOptions = {}): Promise<T> {
    return this.turns.run(key, job, { ...options, first: true });
  }
}

interface Job {
  heavy: boolean;
  priority: number;
  run: () => void;
}

const NOBODY = Symbol('nobody');
