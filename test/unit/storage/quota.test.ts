import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { checkStorage, isQuotaError, noteStorageOpened } from '../../../src/storage/quota';
import { CHROMIUM_FULL } from '../helpers/chromiumDiskFull';

/** A stand-in for navigator.storage: the browser edge we do not own. */
function nav(storage: Partial<StorageManager> | undefined): Navigator {
  return { storage } as unknown as Navigator;
}

describe('storage health', () => {
  it('Given the browser grants persistence, Then the report says persistent with usage and quota', async () => {
    let asked = 0;
    const report = await checkStorage(
      nav({
        persisted: () => Promise.resolve(false),
        persist: () => {
          asked += 1;
          return Promise.resolve(true);
        },
        estimate: () => Promise.resolve({ usage: 5_000_000, quota: 50_000_000_000 }),
      }),
    );
    expect(asked).toBe(1);
    expect(report).toEqual({ state: 'persistent', usageBytes: 5_000_000, quotaBytes: 50_000_000_000 });
  });

  it('Given a tiny quota (a private window), Then the report warns whatever persistence says', async () => {
    const report = await checkStorage(
      nav({
        persisted: () => Promise.resolve(true),
        estimate: () => Promise.resolve({ usage: 0, quota: 100 * 1024 * 1024 }),
      }),
    );
    expect(report.state).toBe('privateWindow');
  });

  it('Given a browser that refuses to say, Then best effort with unknown space, not a crash', async () => {
    const report = await checkStorage(nav({ persisted: () => Promise.reject(new Error('denied')) }));
    expect(report).toEqual({ state: 'bestEffort', usageBytes: null, quotaBytes: null });
  });

  it('Given storage errors, Then only quota errors count as quota errors', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
  });

  it('Given Dexie’s errors for a full disk (its own quota error, or a transaction aborted by one), Then each is a quota error, and other aborts are not', () => {
    const full = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('The transaction was aborted', full))).toBe(true);
    expect(isQuotaError(new Error('could not sign', { cause: full }))).toBe(true);
    expect(
      isQuotaError(new Dexie.AbortError('The transaction was aborted', new DOMException('x', 'AbortError'))),
    ).toBe(false);
    expect(isQuotaError(new Dexie.AbortError('The transaction was aborted'))).toBe(false);
    expect(isQuotaError({ name: 'QuotaExceededError' })).toBe(false);
  });

  it('Given Chromium’s own words for a full disk (an UnknownError as the disk refuses a write, a DataError for a large value), Then each is a quota error, as Dexie passes it on too', () => {
    const refused = new DOMException(CHROMIUM_FULL.noSpace, 'UnknownError');
    expect(isQuotaError(refused)).toBe(true);
    expect(isQuotaError(new DOMException(CHROMIUM_FULL.blobs, 'DataError'))).toBe(true);
    expect(isQuotaError(new Dexie.UnknownError(refused.message, refused))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('The transaction was aborted', refused))).toBe(true);
    expect(
      isQuotaError(
        new DOMException('Data provided to an operation does not meet requirements.', 'DataError'),
      ),
    ).toBe(false);
    expect(isQuotaError(new DOMException('Internal error.', 'UnknownError'))).toBe(false);
    noteStorageOpened();
  });

  it('Given Chromium closed the origin’s IndexedDB for want of space, When its errors say only that the connection is closed, Then they are quota errors, still when put into words after it opened again; the same words after a close for another cause are not', () => {
    const closing = new DOMException(CHROMIUM_FULL.closing, 'InvalidStateError');
    const closed = new DOMException(CHROMIUM_FULL.connectionClosed, 'AbortError');
    const backingStore = new DOMException(CHROMIUM_FULL.backingStore, 'UnknownError');
    const dexieClosed = new Dexie.DatabaseClosedError(new Dexie.OpenFailedError(backingStore));
    // Closed for another cause: the browser's words stand.
    expect(isQuotaError(closed)).toBe(false);

    expect(isQuotaError(new DOMException(CHROMIUM_FULL.noSpace, 'UnknownError'))).toBe(true);
    const afterwards = new DOMException(CHROMIUM_FULL.connectionClosed, 'AbortError');
    for (const e of [closing, afterwards, backingStore, dexieClosed])
      expect(isQuotaError(e), e.message).toBe(true);

    // Space is back and IndexedDB opened again: what was said stays said; a new close is the browser's again.
    noteStorageOpened();
    for (const e of [closing, afterwards, backingStore, dexieClosed])
      expect(isQuotaError(e), e.message).toBe(true);
    expect(isQuotaError(new DOMException(CHROMIUM_FULL.connectionClosed, 'AbortError'))).toBe(false);
  });
});
