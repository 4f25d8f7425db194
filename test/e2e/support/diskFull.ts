/**
 * A full disk on demand, in the page: while `window.__diskFull` is true, every IndexedDB write (add, put)
 * has its transaction aborted with a QuotaExceededError, as Chromium does when the origin's quota is used up.
 * Reads go on working, as they do on a full disk. Installed before the app's scripts run; the disk stays full
 * through a reload of the page (kept in the tab's sessionStorage), as a real one does.
 */
import type { BrowserContext, Page } from 'playwright-core';

const FULL_KEY = 'e2e-disk-full';

export async function installDiskFull(context: BrowserContext): Promise<void> {
  await context.addInitScript((fullKey) => {
    const refused = new WeakSet<IDBTransaction>();
    const w = window as unknown as { __diskFull: boolean; __diskRefused: number };
    w.__diskFull = sessionStorage.getItem(fullKey) === 'true';
    w.__diskRefused = 0;
    const error = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'error')!;
    Object.defineProperty(IDBTransaction.prototype, 'error', {
      configurable: true,
      get(this: IDBTransaction) {
        return refused.has(this)
          ? new DOMException('The disk is full', 'QuotaExceededError')
          : (error.get!.call(this) as DOMException | null);
      },
    });
    for (const method of ['add', 'put'] as const) {
      // Called with the store as `this` below, as the browser's own method is.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
        const request = original.apply(this, args);
        if (w.__diskFull) {
          refused.add(this.transaction);
          w.__diskRefused += 1;
          // The whole transaction is refused, as a real full disk refuses it at commit.
          this.transaction.abort();
        }
        return request;
      };
    }
  }, FULL_KEY);
}

export async function setDiskFull(page: Page, isFull: boolean): Promise<void> {
  await page.evaluate(
    ([full, fullKey]) => {
      (window as unknown as { __diskFull: boolean }).__diskFull = full;
      sessionStorage.setItem(fullKey, String(full));
    },
    [isFull, FULL_KEY] as const,
  );
}

export function refusedWrites(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __diskRefused: number }).__diskRefused);
}
