/** Limits the server enforces, and small in-memory rate limiters keyed by remote address. */
import type { IncomingMessage } from 'node:http';

export interface Limits {
  /** Largest WebSocket message accepted (ws maxPayload); bigger ones close the connection with 1009. */
  maxMessageBytes: number;
  /** Largest total of stored updates for one session; an update that would pass it is refused. */
  maxDocumentBytes: number;
  /** Open connections per device at once. */
  maxConnectionsPerDevice: number;
  /** Failed authentications per address within the window before that address is refused. */
  maxAuthFailures: number;
  authFailureWindowMs: number;
  /** Enrolment requests per address within the window. */
  maxEnrolRequests: number;
  enrolWindowMs: number;
  /** A socket that has not authenticated within this time is closed. */
  authTimeoutMs: number;
  /**
   * How long an update that cannot be judged yet is held: one that depends on structs the server does not have
   * yet, or that brings content for a document with no session yet (a provider may send a fresh local change
   * just before its sync step 2). It is checked again whenever the document changes, and refused after this.
   */
  maxHoldMs: number;
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
  maxConnectionsPerDevice: 8,
  maxAuthFailures: 5,
  authFailureWindowMs: 60_000,
  maxEnrolRequests: 10,
  enrolWindowMs: 60_000,
  authTimeoutMs: 15_000,
  maxHoldMs: 10_000,
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
