/**
 * Storage health: ask the browser to keep our data (Safari deletes it after 7 days otherwise), report free
 * space to the facilitator, and name the two ways storage fails so the UI can say so instead of losing data.
 */
export const STORAGE_STATES = {
  /** IndexedDB works and the browser promised to keep the data. */
  persistent: 'persistent',
  /** IndexedDB works but the browser may clear it under pressure. */
  bestEffort: 'bestEffort',
  /** Looks like a private window: everything goes when it closes. */
  privateWindow: 'privateWindow',
  /** No IndexedDB at all: nothing can be saved. */
  unavailable: 'unavailable',
} as const;
export type StorageState = (typeof STORAGE_STATES)[keyof typeof STORAGE_STATES];

export interface StorageReport {
  state: StorageState;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** Chromium gives private windows a quota of about 100 MB whatever the disk; real profiles get far more. */
const PRIVATE_WINDOW_QUOTA_BYTES = 120 * 1024 * 1024;

export async function checkStorage(nav: Navigator = navigator): Promise<StorageReport> {
  if (typeof indexedDB === 'undefined') return { state: 'unavailable', usageBytes: null, quotaBytes: null };
  let isPersisted = false;
  let usageBytes: number | null = null;
  let quotaBytes: number | null = null;
  try {
    isPersisted = (await nav.storage?.persisted?.()) ?? false;
    if (!isPersisted) isPersisted = (await nav.storage?.persist?.()) ?? false;
    const estimate = await nav.storage?.estimate?.();
    usageBytes = estimate?.usage ?? null;
    quotaBytes = estimate?.quota ?? null;
  } catch {
    // Some browsers refuse these calls in private windows; the quota check below still applies.
  }
  const state: StorageState =
    quotaBytes !== null && quotaBytes < PRIVATE_WINDOW_QUOTA_BYTES
      ? 'privateWindow'
      : isPersisted
        ? 'persistent'
        : 'bestEffort';
  return { state, usageBytes, quotaBytes };
}

const QUOTA_NAMES: ReadonlySet<string> = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * Chromium's own words for a full disk, which it does not name QuotaExceededError: a write the disk refuses aborts
 * its transaction with an UnknownError ("Connection is closing because of: IO error: …/000003.log:
 * FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)"), and a large value with a DataError ("Failed to
 * write blobs (IOError)"). Measured with Debian's Chromium 150, its profile on a full tmpfs.
 */
const OUT_OF_SPACE = /FILE_ERROR_NO_SPACE|Failed to write blobs \(IOError\)/;

/**
 * What Chromium says once it has closed the origin's IndexedDB: the UnknownError above also closes every
 * connection of the origin (its databases share one LevelDB), and what follows says nothing of space: a new
 * transaction "The database connection is closing." (InvalidStateError), an open under way "The connection was
 * closed." (AbortError), and opening again while the disk is still full "Internal error opening backing store for
 * indexedDB.open." (UnknownError; Dexie's DatabaseClosedError and OpenFailedError carry these as `inner`).
 */
const CLOSED = /connection is closing|connection was closed|opening backing store/;

/** The browser closed this origin's IndexedDB for want of space, and nothing has opened it again since. */
let isClosedForSpace = false;
/** Errors that said only "closed" while it was closed for want of space: their words do not change later. */
const closedForSpace = new WeakSet<object>();

/**
 * Remembers that the browser closed this origin's IndexedDB for want of space, when `e` says so, and that `e`
 * came while it was: the errors that follow say only that the connection is closed, and are a full disk all the
 * same, even when they are put into words after IndexedDB has opened again.
 */
export function noteStorageError(e: unknown): void {
  if (typeof e !== 'object' || e === null) return;
  if (!heard.has(e)) {
    heard.add(e);
    if (someError(e, saysNoSpace)) setOutOfSpace(true);
  }
  if (someError(e, ({ message }) => OUT_OF_SPACE.test(message) && /Connection is closing/.test(message))) {
    isClosedForSpace = true;
  } else if (isClosedForSpace && someError(e, ({ message }) => CLOSED.test(message))) {
    closedForSpace.add(e);
  }
}

/** IndexedDB opened (which Chromium refuses while the disk is still full): what closed it before is over. */
export function noteStorageOpened(): void {
  isClosedForSpace = false;
  setOutOfSpace(false);
}

/** Whether `e`, or an error it wraps (Dexie's `inner`, or `cause`), is an Error or DOMException that `test` accepts. */
function someError(e: unknown, test: (error: { name: string; message: string }) => boolean): boolean {
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth += 1) {
    const { name, message, inner, cause } = e as {
      name?: unknown;
      message?: unknown;
      inner?: unknown;
      cause?: unknown;
    };
    const isError = e instanceof DOMException || e instanceof Error;
    if (
      isError &&
      typeof name === 'string' &&
      test({ name, message: typeof message === 'string' ? message : '' })
    ) {
      return true;
    }
    e = inner ?? cause;
  }
  return false;
}

/**
 * True when storage refused a write for want of space: the browser's DOMException itself, Dexie's error of that
 * name, or an error that wraps one (Dexie's `inner`, or `cause`): a transaction the full disk aborted reaches us
 * as Dexie's AbortError ("The transaction was aborted") with the quota error inside, e.g. a new device's first
 * signature, when its signing key cannot be stored (src/storage/deviceKey.ts). Also Chromium's words for a full
 * disk (`OUT_OF_SPACE`), and, after Chromium closed the origin's IndexedDB for them, its words for a closed
 * connection (`CLOSED`), until IndexedDB opens again: those are remembered here (`noteStorageError`).
 */
export function isQuotaError(e: unknown): boolean {
  noteStorageError(e);
  if (typeof e === 'object' && e !== null && closedForSpace.has(e)) return true;
  return someError(e, ({ name, message }) => QUOTA_NAMES.has(name) || OUT_OF_SPACE.test(message));
}

/**
 * Whether storage refused a write for want of space and nothing has opened since: every staff screen says so
 * (src/ui/SpaceNotice.tsx). Kept in the tab's sessionStorage too, for a reload on a disk still full: Chromium then
 * refuses to open IndexedDB in words that say nothing of space.
 */
const OUT_OF_SPACE_KEY = 'codesign-out-of-space';
let isOut: boolean | undefined;
const spaceWatchers = new Set<(isOut: boolean) => void>();
/** Errors already heard: an old refusal put into words again (a screen drawn again) is no news. */
const heard = new WeakSet<object>();
const saysNoSpace = ({ name, message }: { name: string; message: string }): boolean =>
  QUOTA_NAMES.has(name) || OUT_OF_SPACE.test(message);

export function isOutOfSpace(): boolean {
  try {
    isOut ??= sessionStorage.getItem(OUT_OF_SPACE_KEY) !== null;
  } catch {
    isOut = false; // No sessionStorage (Node): memory only.
  }
  return isOut;
}

function setOutOfSpace(out: boolean): void {
  if (isOutOfSpace() === out) return;
  isOut = out;
  try {
    if (out) sessionStorage.setItem(OUT_OF_SPACE_KEY, '1');
    else sessionStorage.removeItem(OUT_OF_SPACE_KEY);
  } catch {
    // Kept in memory only.
  }
  for (const watch of spaceWatchers) watch(out);
}

/** Calls `watch` with `isOutOfSpace()` whenever it changes; returns the way to stop. */
export function watchOutOfSpace(watch: (isOut: boolean) => void): () => void {
  spaceWatchers.add(watch);
  return () => {
    spaceWatchers.delete(watch);
  };
}
