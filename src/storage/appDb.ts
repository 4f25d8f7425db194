/**
 * The device's own small database (Dexie): which sessions it holds (a projection of the session documents
 * that can be rebuilt from them), who this device is, its settings, half-typed form drafts and PIN attempts.
 * Session content itself lives only in the session documents.
 */
import type { Dexie, EntityTable, Table } from 'dexie';
import { ReopeningDexie } from './reopeningDexie';

export interface SessionEntry {
  id: string;
  title: string;
  neighbourhood: string;
  date: string;
  venue: string;
  proposalCount: number;
  isEnded: boolean;
  isDemo: boolean;
  updatedAt: number;
}

export interface DeviceIdentity {
  key: 'self';
  id: string;
  name: string;
  createdAt: number;
}

export interface SettingEntry {
  key: string;
  value: string | number | boolean;
}

/** A half-typed form, kept so a reload or a flat battery loses nothing. Keyed by session, owner and form. */
export interface Draft {
  key: string;
  sessionId: string;
  values: Record<string, string>;
  updatedAt: number;
}

export interface PinAttempts {
  sessionId: string;
  failures: number;
  lastFailureAt: number;
}

/**
 * This device's signing key pair (src/storage/deviceKey.ts): the private key is a WebCrypto CryptoKey made
 * non-extractable, stored as such (IndexedDB keeps CryptoKeys without ever exposing their bytes).
 */
export interface DeviceKeyEntry {
  key: 'self';
  privateKey: CryptoKey;
  /** base64 of the compressed public key, as signed records carry it (src/domain/recordSigning.ts). */
  publicKey: string;
  createdAt: number;
}

/** This device's enrolment with the council sync server (the token is only ever sent in the sync auth message). */
export interface Enrolment {
  key: 'self';
  token: string;
  role: 'facilitator' | 'officer';
  deviceId: string;
  enrolledAt: number;
  /** The server it enrolled with: its origin, e.g. https://sync.council.example. */
  serverName: string;
}

/** Per session: the document's state vector at the last complete sync, to count what is new since. */
export interface SyncMark {
  sessionId: string;
  stateVector: Uint8Array;
  syncedAt: number;
}

/**
 * The resident's turn in progress on this device, per session: kept so that a reload or a crash mid-turn resumes
 * the same turn (the same participant, counted once) within the idle time, and never after it. Written when a
 * turn starts and as the resident moves on; deleted when the turn ends. Never in the session document.
 */
export interface LiveTurnMarker {
  sessionId: string;
  participantId: string;
  /** The turn's step (a TurnStep of src/ui/kiosk/turnSteps.ts). */
  step: string;
  /** The language the kiosk showed. */
  language: string;
  /** The idea open on the idea step, if any. */
  ideaId: string | null;
  /** When the resident last touched the screen (ms since the epoch). */
  lastActiveAt: number;
}

/** A language sound pack this tablet holds (its clips are in `soundClips`): see src/storage/soundPacks.ts. */
export interface SoundPackEntry {
  language: string;
  /** When the council recorded it (ISO 8601, '' if the file did not say). */
  recordedAt: string;
  /** When this tablet added it (ms since the epoch). */
  addedAt: number;
  fileName: string;
  clipCount: number;
}

/** One recorded prompt of a sound pack, played instead of a voice while `text` is still the screen's text. */
export interface SoundClipEntry {
  language: string;
  /** A prompt id (src/ui/speech/prompts.ts). */
  prompt: string;
  text: string;
  mimeType: string;
  durationMs: number;
  bytes: Uint8Array;
}

export class AppDb extends ReopeningDexie {
  sessions!: EntityTable<SessionEntry, 'id'>;
  device!: EntityTable<DeviceIdentity, 'key'>;
  settings!: EntityTable<SettingEntry, 'key'>;
  drafts!: EntityTable<Draft, 'key'>;
  pinAttempts!: EntityTable<PinAttempts, 'sessionId'>;
  enrolment!: EntityTable<Enrolment, 'key'>;
  syncMarks!: EntityTable<SyncMark, 'sessionId'>;
  liveTurns!: EntityTable<LiveTurnMarker, 'sessionId'>;
  soundPacks!: EntityTable<SoundPackEntry, 'language'>;
  soundClips!: Table<SoundClipEntry, [string, string]>;
  deviceKeys!: EntityTable<DeviceKeyEntry, 'key'>;

  constructor(name = 'codesign-app', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      sessions: 'id, neighbourhood, updatedAt',
      device: 'key',
      settings: 'key',
      drafts: 'key, sessionId',
      pinAttempts: 'sessionId',
    });
    this.version(2).stores({ enrolment: 'key', syncMarks: 'sessionId' });
    this.version(3).stores({ liveTurns: 'sessionId' });
    // Language sound packs (src/storage/soundPacks.ts): one row per language, its clips keyed by language and prompt.
    this.version(4).stores({ soundPacks: 'language', soundClips: '[language+prompt], language' });
    // The device's signing key pair (src/storage/deviceKey.ts).
    this.version(5).stores({ deviceKeys: 'key' });
  }
}

/** This device's identity, made once at first start: a random id and a name people can read. */
export async function deviceIdentity(db: AppDb, remembered?: DeviceIdentity): Promise<DeviceIdentity> {
  return db.transaction('rw', db.device, async () => {
    const existing = await db.device.get('self');
    if (existing) return existing;
    const id = crypto.randomUUID();
    const identity: DeviceIdentity = remembered ?? {
      key: 'self',
      id,
      name: `Tablet ${id.slice(0, 4)}`,
      createdAt: Date.now(),
    };
    await db.device.add(identity);
    return identity;
  });
}

export async function renameDevice(db: AppDb, name: string): Promise<void> {
  await db.device.update('self', { name });
}
