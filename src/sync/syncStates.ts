/**
 * Syncing one session with the council server, as named states and one status object. Kept apart from
 * councilSync.ts (which brings in the Hocuspocus provider) so screens can name states without loading it.
 */
import type { ContentProblem } from './errors';

export const SYNC_STATES = {
  /** This device has never completed a sync of this session. */
  neverSynced: 'neverSynced',
  /** Opening the connection to the council server (also while reconnecting after a drop). */
  connecting: 'connecting',
  /** Connected and accepted: exchanging changes with the server. */
  syncing: 'syncing',
  /** The server has everything this device has, and this device everything the server has. */
  synced: 'synced',
  /** Stopped or cannot go on: see the failure reason. */
  failed: 'failed',
  /** The device has no network; sync starts again by itself when the network is back. */
  offline: 'offline',
} as const;
export type SyncState = (typeof SYNC_STATES)[keyof typeof SYNC_STATES];

export const SYNC_FAILURES = {
  /** The device is online but cannot reach the council server; it keeps trying. */
  offline: 'offline',
  /** This device has no enrolment (no token). */
  notEnrolled: 'notEnrolled',
  /** The server refused the device: its token is wrong or it was revoked. */
  refused: 'refused',
  /** The server answered with an error, or refused for another reason (too many connections, ...). */
  serverError: 'serverError',
  /** The session has reached the server's size limit, or one change was too large to send. */
  tooLarge: 'tooLarge',
  /** The server's checks refused a change from this device (close 4422); nothing of it was stored there. */
  rejected: 'rejected',
  /** A facilitator's device asked for a session the council has not assigned to it (refused, 4403). */
  notAssigned: 'notAssigned',
  /** The session is the demo (councilScope.ts): it stays on this device, so nothing was sent. */
  demo: 'demo',
} as const;
export type SyncFailure = (typeof SYNC_FAILURES)[keyof typeof SYNC_FAILURES];

export interface SyncStatus {
  state: SyncState;
  /** Why, when state is failed; null otherwise. */
  failure: SyncFailure | null;
  /** 0..1: the phase reached (connected, accepted, server's changes in, ours acknowledged). */
  progress: number;
  /** Records this device sent that the server acknowledged, since this sync started. */
  sent: number;
  /** Records that arrived from the server since this sync started. */
  received: number;
  /** Records added or changed on this device that the server has not acknowledged yet. */
  toSend: number;
  /** When this device last completed a sync of this session (ms since epoch), if ever. */
  lastSyncedAt: number | null;
  /**
   * Why the server's latest content was refused by the trust check (src/sync/councilGate.ts): nothing of it was
   * merged into this device's copy. Empty when everything the server sent was admitted.
   */
  problems: readonly ContentProblem[];
  /**
   * While this device's changes go to the server in several parts (a session bigger than one message may be):
   * parts acknowledged so far and how many there are in this round. Null otherwise.
   */
  parts: { sent: number; count: number } | null;
}

export function initialStatus(lastSyncedAt: number | null): SyncStatus {
  return {
    state: lastSyncedAt === null ? SYNC_STATES.neverSynced : SYNC_STATES.synced,
    failure: null,
    progress: lastSyncedAt === null ? 0 : 1,
    sent: 0,
    received: 0,
    toSend: 0,
    lastSyncedAt,
    problems: [],
    parts: null,
  };
}

/** ws(s)://host/sync for a page or server origin such as https://council.example or http://127.0.0.1:8080. */
export function syncUrl(base: string): string {
  const url = new URL(base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol;
  url.pathname = '/sync';
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** The origin of a base address: what the enrolment remembers as the server's name. */
export function serverOrigin(base: string): string {
  return new URL(base).origin;
}

/** A sync that ended without completing: the failure reason, or 'stopped' when it was stopped. */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(readonly reason: SyncFailure | 'stopped') {
    super(`sync ${reason}`);
  }
}
