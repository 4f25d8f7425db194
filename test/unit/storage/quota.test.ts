import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { checkStorage, isQuotaError } from '../../../src/storage/quota';

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
});
