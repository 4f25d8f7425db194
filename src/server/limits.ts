/** Limits the server enforces, and small in-memory rate limiters keyed by remote address. */
import type { IncomingMessage } from 'node:http';

export interface Limits {
  /**
   * Largest message accepted, except a document update or sync step 2 from a signed-in device; bigger ones close
   * the connection with 1009 ('message-too-large').
   */
  maxMessageBytes: number;
  /**
   * Largest total of stored updates for one session; an update that would pass it is refused. A document update
   * or sync step 2 from a signed-in device may be as large as this (a plain provider's first sync, or its sync
   * after a long offline spell, sends everything in one message): the server checks it in parts
   * (largeUpdates.ts).
   */
  maxDocumentBytes: number;
  /**
   * Bytes of messages over maxMessageBytes that the whole server may be receiving or checking at once. A device
   * whose large message would pass it is closed with 1013 ('server-busy') and tries again; messages of at most
   * maxMessageBytes never count against it. Bounds what hostile devices can make the server buffer.
   */
  maxLargeMessageBytesInFlight: number;
  /** A large update is checked and stored in parts of at most this many bytes, one part per turn (checkTurns.ts). */
  largeUpdatePartBytes: number;
  /** Open connections per device at once. */
  maxConnectionsPerDevice: number;
  /**
   * Distinct wrong device tokens from one address within the window before that address's wrong tokens are
   * answered "too many failed attempts" (HTTP 429). A valid token is always accepted, also from that address.
   */
  maxAuthFailures: number;
  authFailureWindowMs: number;
  /** Distinct wrong device tokens from all addresses together within the window, the same way. */
  maxGlobalAuthFailures: number;
  globalAuthFailureWindowMs: number;
  /**
   * Distinct wrong enrolment codes from one address within the window before that address's enrolments are
   * refused (HTTP 429) without checking the code: a code is short, so every check is a guess.
   */
  maxEnrolRequests: number;
  enrolWindowMs: number;
  /** Distinct wrong enrolment codes from all addresses together within the window before every enrolment pauses. */
  maxGlobalEnrolFailures: number;
  globalEnrolWindowMs: number;
  /** A socket that has not authenticated within this time is closed. */
  authTimeoutMs: number;
  /**
   * How long an update that cannot be judged yet is held: one that depends on structs the server does not have
   * yet, or that brings content for a document with no session yet (a provider may send a fresh local change
   * just before its sync step 2). It is checked again once the document has what it lacked, and refused after this.
   */
  maxHoldMs: number;
  /**
   * A session with this many archive rows since its last snapshot is compacted (compaction.ts) when the server
   * unloads it (nobody has it open), so the next load applies one snapshot instead of every row.
   */
  compactAfterRows: number;
  /**
   * A session with this many archive rows since its snapshot has them merged for its load on a thread of its own
   * (archiveJobs.ts `load`), once that thread is ready: merging a day's 3,000 rows takes about 40 ms, which on the
   * server's thread holds up /api/health and every device. Fewer rows are read and merged in a turn of the server's.
   */
  loadOffThreadRows: number;
  /**
   * Updates, and their bytes, one connection may have held at once; the one that would pass either is refused
   * ('too-many-held-updates') and the connection closed. Holding costs other devices nothing (validation.ts).
   */
  maxHeldUpdatesPerConnection: number;
  maxHeldBytesPerConnection: number;
  /**
   * Bytes of updates one connection may have waiting for their check (checks take turns, checkTurns.ts) or held;
   * past it an update is refused ('too-many-updates-waiting') and the connection closed, so a device sending
   * faster than the server checks cannot fill its memory.
   */
  maxWaitingBytesPerConnection: number;
  /** Largest JSON body of POST /api/enrol. */
  maxEnrolBodyBytes: number;
  /**
   * How often open connections are checked against revocations (the admin CLI writes them from another process);
   * every incoming message is also checked before it is applied.
   */
  revocationPollMs: number;
  /**
   * Behind a reverse proxy every connection comes from the proxy: when true, the per-address limits use the
   * last address in X-Forwarded-For (the one the proxy added). Only set it when a proxy always sets that header.
   */
  trustProxy: boolean;
}

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 2 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  maxLargeMessageBytesInFlight: 80 * 1024 * 1024,
  largeUpdatePartBytes: 512 * 1024,
  maxConnectionsPerDevice: 8,
  maxAuthFailures: 5,
  authFailureWindowMs: 60_000,
  maxGlobalAuthFailures: 200,
  globalAuthFailureWindowMs: 10 * 60_000,
  maxEnrolRequests: 10,
  enrolWindowMs: 60_000,
  maxGlobalEnrolFailures: 30,
  globalEnrolWindowMs: 15 * 60_000,
  authTimeoutMs: 15_000,
  maxHoldMs: 10_000,
  compactAfterRows: 1000,
  loadOffThreadRows: 200,
  maxHeldUpdatesPerConnection: 64,
  maxHeldBytesPerConnection: 4 * 1024 * 1024,
  maxWaitingBytesPerConnection: 16 * 1024 * 1024,
  maxEnrolBodyBytes: 4 * 1024,
  revocationPollMs: 1000,
  trustProxy: false,
};

/** The address the per-address limits count against. */
export function remoteAddress(req: IncomingMessage, trustProxy: boolean): string {
  const direct = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return direct;
  const header = req.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const last = value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .pop();
  return last ?? direct;
}

/**
 * Counts events per key in a fixed window. `blocked(key)` is true once `max` events happened in the window;
 * the key is let through again when the window that started with its first event is over.
 */
export class WindowCounter {
  private readonly hits = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private entry(key: string): { count: number; since: number } | undefined {
    const e = this.hits.get(key);
    if (e && this.now() - e.since >= this.windowMs) {
      this.hits.delete(key);
      return undefined;
    }
    return e;
  }

  blocked(key: string): boolean {
    return (this.entry(key)?.count ?? 0) >= this.max;
  }

  /** Seconds until the key is let through again (0 when it is not blocked). */
  retryAfterSeconds(key: string): number {
    const e = this.entry(key);
    if (!e || e.count < this.max) return 0;
    return Math.max(1, Math.ceil((e.since + this.windowMs - this.now()) / 1000));
  }

  hit(key: string): void {
    const e = this.entry(key);
    if (e) e.count += 1;
    else this.hits.set(key, { count: 1, since: this.now() });
    if (this.hits.size > 10_000) this.sweep();
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(): void {
    for (const key of [...this.hits.keys()]) this.entry(key);
  }
}

/** Where one address stands: throttled by its own failures or by everyone's, and for how long. */
export interface Throttle {
  by: 'address' | 'global';
  retryAfterSeconds: number;
}

interface Failures {
  since: number;
  /** Hashes of the distinct wrong credentials seen in the window (at most the budget: beyond it, it is full). */
  seen: Set<string>;
}

/**
 * Failed credentials (device tokens, or enrolment codes), per address and over all addresses, in fixed windows.
 * Each distinct wrong credential counts once per window: a misconfigured tablet that retries its one wrong or
 * revoked token all day is one failure, and never throttles the tablets that share its address; someone guessing
 * sends a new value each time, and every one counts. Only hashes of credentials are kept.
 */
export class FailureLimiter {
  private readonly addresses = new Map<string, Failures>();
  private everyone: Failures | undefined;

  constructor(
    private readonly perAddress: number,
    private readonly windowMs: number,
    private readonly global: number,
    private readonly globalWindowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private current(entry: Failures | undefined, windowMs: number): Failures | undefined {
    return entry && this.now() - entry.since < windowMs ? entry : undefined;
  }

  private wait(entry: Failures, windowMs: number): number {
    return Math.max(1, Math.ceil((entry.since + windowMs - this.now()) / 1000));
  }

  private over(entry: Failures | undefined, budget: number, windowMs: number): Throttle | null {
    const e = this.current(entry, windowMs);
    return e && e.seen.size >= budget ? { by: 'address', retryAfterSeconds: this.wait(e, windowMs) } : null;
  }

  private globalThrottle(): Throttle | null {
    const t = this.over(this.everyone, this.global, this.globalWindowMs);
    return t && { ...t, by: 'global' };
  }

  /** Null when failures from `remote` may still be answered one by one; else who throttles it and how long. */
  throttled(remote: string): Throttle | null {
    return this.over(this.addresses.get(remote), this.perAddress, this.windowMs) ?? this.globalThrottle();
  }

  /**
   * Counts a wrong credential (give its hash) from `remote`. Returns the throttle this failure started, if it
   * spent a budget (so the caller logs that once; the global one first), else null.
   */
  fail(remote: string, credentialHash: string): Throttle | null {
    const addressBefore = this.over(this.addresses.get(remote), this.perAddress, this.windowMs);
    const globalBefore = this.globalThrottle();
    const now = this.now();
    let mine = this.current(this.addresses.get(remote), this.windowMs);
    if (!mine) {
      mine = { since: now, seen: new Set() };
      if (this.addresses.size >= 10_000) this.sweep();
      this.addresses.set(remote, mine);
    }
    if (mine.seen.size < this.perAddress) mine.seen.add(credentialHash);
    let all = this.current(this.everyone, this.globalWindowMs);
    if (!all) all = this.everyone = { since: now, seen: new Set() };
    if (all.seen.size < this.global) all.seen.add(credentialHash);
    const globalAfter = this.globalThrottle();
    if (globalAfter && !globalBefore) return globalAfter;
    const addressAfter = this.over(mine, this.perAddress, this.windowMs);
    return addressAfter && !addressBefore ? addressAfter : null;
  }

  /**
   * Forgets addresses whose window is over; if that is not enough (failures from very many addresses at once),
   * forgets the oldest tenth too, so memory and the cost of sweeping stay bounded. An address forgotten early gets
   * a few more tries; the global budget still holds.
   */
  private sweep(): void {
    for (const [key, entry] of this.addresses) {
      if (!this.current(entry, this.windowMs)) this.addresses.delete(key);
    }
    let excess = this.addresses.size >= 10_000 ? 1_000 : 0;
    for (const key of this.addresses.keys()) {
      if (excess-- <= 0) break;
      this.addresses.delete(key);
    }
  }
}

/** The outcome of checking a credential: what it opens, or why it was refused. */
export type Checked<T> = { ok: T } | { ok: null; throttle: Throttle | null; started: Throttle | null };

/**
 * Checks a credential that is cheap to look up and too long to guess (a device token: a hash and one indexed
 * lookup) BEFORE looking at any limit, so a valid one is accepted from a throttled address too, and every
 * credential takes the same path whatever the address did. Only a failure is counted; whether the caller answers
 * it "unauthorized" or "too many failed attempts" depends on the address and never on the credential.
 */
export function checkCredential<T>(
  limiter: FailureLimiter,
  remote: string,
  credentialHash: string,
  lookup: () => T | null,
): Checked<T> {
  const found = lookup();
  if (found !== null) return { ok: found };
  // Told to wait only once the budget was spent before this failure: the one that spends it is answered as usual.
  const throttle = limiter.throttled(remote);
  const started = limiter.fail(remote, credentialHash);
  return { ok: null, throttle, started };
}

/**
 * One budget of wrong device tokens per server, shared by the sync sign-in and GET /api/sessions (both take a
 * token), keyed by the server's store.
 */
const tokenLimiters = new WeakMap<object, FailureLimiter>();
export function tokenFailures(server: object, limits: Limits): FailureLimiter {
  let limiter = tokenLimiters.get(server);
  if (!limiter) {
    limiter = new FailureLimiter(
      limits.maxAuthFailures,
      limits.authFailureWindowMs,
      limits.maxGlobalAuthFailures,
      limits.globalAuthFailureWindowMs,
    );
    tokenLimiters.set(server, limiter);
  }
  return limiter;
}
