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
 * True when storage refused a write for want of space: the browser's DOMException itself, Dexie's error of that
 * name, or an error that wraps one (Dexie's `inner`, or `cause`): a transaction the full disk aborted reaches us
 * as Dexie's AbortError ("The transaction was aborted") with the quota error inside, e.g. a new device's first
 * signature, when its signing key cannot be stored (src/storage/deviceKey.ts).
 */
export function isQuotaError(e: unknown): boolean {
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth += 1) {
    const { name, inner, cause } = e as { name?: unknown; inner?: unknown; cause?: unknown };
    const isError = e instanceof DOMException || e instanceof Error;
    if (isError && typeof name === 'string' && QUOTA_NAMES.has(name)) return true;
    e = inner ?? cause;
  }
  return false;
}
