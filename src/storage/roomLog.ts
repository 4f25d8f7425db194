/**
 * This device's log of transfers in the room (the room view, src/ui/facilitator/room/): what it sent and
 * received, to and from which tablet, when, and the Yjs state vector of the copy that crossed, so the room can
 * say which tablets are behind (src/sync/roomStatus.ts). Never in the session document: it is this device's
 * memory of the day, not the session's.
 *
 * A database of its own rather than a table of AppDb: the log is a convenience that can be lost (clearing it
 * loses nothing of the session), and it needs no version step of the device's main database.
 * A received transfer is written only after the merge it reports is committed to IndexedDB (the room view
 * awaits the session's save first), so the log never claims ideas the tablet does not have.
 */
import type { Dexie, EntityTable } from 'dexie';
import type { RoomTransfer, StateVector } from '../sync/roomStatus';
import { ReopeningDexie } from './reopeningDexie';

/**
 * One transfer as the room view reports it: the same fields as `TransferDone` (src/ui/facilitator/room/transfer.ts,
 * the contract with the camera steps), restated here because storage sits below the UI; the room view passes a
 * TransferDone straight in, so the compiler keeps the two the same.
 */
export interface LoggedTransfer {
  direction: 'sent' | 'received';
  way: 'camera' | 'share' | 'file';
  peerDeviceId?: string;
  peerName?: string;
  bytes: number;
  recordsAdded?: number;
  at: number;
}

export interface RoomLogEntry extends LoggedTransfer {
  id?: number;
  sessionId: string;
  /** The copy that crossed, as `Y.encodeStateVector` bytes (see RoomTransfer.stateVector). */
  stateVector?: Uint8Array;
}

/** The most rows kept per session: a day in a hall is tens of transfers; the oldest go first. */
export const MAX_LOG_ROWS = 500;

export class RoomLogDb extends ReopeningDexie {
  transfers!: EntityTable<RoomLogEntry, 'id'>;

  constructor(name = 'codesign-room', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({ transfers: '++id, sessionId' });
  }
}

let shared: RoomLogDb | null = null;

/** The browser's room log, opened once. */
export function roomLogDb(): RoomLogDb {
  shared ??= new RoomLogDb();
  return shared;
}

/** Adds one transfer; resolves once IndexedDB committed it. Keeps at most MAX_LOG_ROWS per session. */
export async function recordTransfer(
  db: RoomLogDb,
  sessionId: string,
  done: LoggedTransfer,
  stateVector?: Uint8Array,
): Promise<void> {
  await db.transaction('rw', db.transfers, async () => {
    const entry: RoomLogEntry = { ...done, sessionId };
    if (stateVector) entry.stateVector = stateVector;
    await db.transfers.add(entry);
    const keys = await db.transfers.where('sessionId').equals(sessionId).primaryKeys();
    const ids = keys.filter((k): k is number => typeof k === 'number').sort((a, b) => a - b);
    if (ids.length > MAX_LOG_ROWS) await db.transfers.bulkDelete(ids.slice(0, ids.length - MAX_LOG_ROWS));
  });
}

/**
 * The session's transfers in the order they happened on this device: by the log's own auto-increment id, never
 * by `at`. A tablet's clock may be put right in the middle of the day (the network corrects one an hour fast), and
 * then a hand-back received after a send can carry an earlier time than the send.
 */
export async function transfersOf(db: RoomLogDb, sessionId: string): Promise<RoomLogEntry[]> {
  const rows = await db.transfers.where('sessionId').equals(sessionId).toArray();
  return rows.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
}

/** A log row as the room's pure rules read it, with its state vector decoded by `decode` (Y.decodeStateVector). */
export function asRoomTransfer(
  entry: RoomLogEntry,
  decode: (bytes: Uint8Array) => StateVector,
): RoomTransfer {
  const out: RoomTransfer = { direction: entry.direction, at: entry.at };
  if (entry.peerDeviceId) out.peerDeviceId = entry.peerDeviceId;
  if (entry.stateVector) out.stateVector = decode(entry.stateVector);
  return out;
}
