/**
 * A full disk on demand, in the page: while `window.__diskFull` is true, every IndexedDB write (add, put)
 * has its transaction aborted with a QuotaExceededError, as Chromium does when the origin's quota is used up.
 * Reads go on working, as they do on a full disk. Installed before the app's scripts run; the disk stays full
 * through a reload of the page (kept in the tab's sessionStorage), as a real one does.
 *
 * `as: 'chromiumDisk'` is the device's disk itself full, as Debian's Chromium 150 meets it (measured with its
 * profile on a full tmpfs; test/unit/helpers/chromiumDiskFull.ts has the same in fake-indexeddb): a write is
 * refused with an UnknownError naming FILE_ERROR_NO_SPACE, and the browser closes every IndexedDB connection of
 * the origin (each one's `close` event), so a transaction on one throws "The database connection is closing.";
 * then opening a database fails ("Internal error opening backing store for indexedDB.open.") until there is space; a
 * large value (over 1 MB) is refused with a DataError, "Failed to write blobs (IOError)", its connection left open.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Dashboard } from '../pages/Dashboard';
import { openDemoDashboard } from './tablet';

const FULL_KEY = 'e2e-disk-full';

/** How the disk refuses: the origin's quota used up (QuotaExceededError), or the device's disk full in Chromium. */
export type DiskFullKind = 'quota' | 'chromiumDisk';

export async function installDiskFull(context: BrowserContext, as: DiskFullKind = 'quota'): Promise<void> {
  await context.addInitScript(
    ([fullKey, kind]) => {
      const refused = new WeakMap<IDBTransaction, DOMException>();
      const w = window as unknown as { __diskFull: boolean; __diskRefused: number };
      w.__diskFull = sessionStorage.getItem(fullKey) === 'true';
      w.__diskRefused = 0;
      const isChromiumDisk = kind === 'chromiumDisk';
      const error = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'error')!;
      Object.defineProperty(IDBTransaction.prototype, 'error', {
        configurable: true,
        get(this: IDBTransaction) {
          return refused.get(this) ?? (error.get!.call(this) as DOMException | null);
        },
      });
      // Every connection the page opens, to close them all as Chromium does when its disk refuses a write; and
      // whether it has closed them, so that opening one fails until there is space.
      const connections = new Set<IDBDatabase>();
      let isClosed = false;
      // eslint-disable-next-line @typescript-eslint/unbound-method
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
        isClosed &&= w.__diskFull;
        if (isClosed) {
          const request = new EventTarget() as EventTarget & Record<string, unknown>;
          Object.assign(request, { result: undefined, error: null, readyState: 'pending', source: null });
          Object.assign(request, {
            transaction: null,
            onsuccess: null,
            onerror: null,
            onupgradeneeded: null,
          });
          request.onblocked = null;
          request.addEventListener('error', (event) =>
            (request.onerror as ((e: Event) => void) | null)?.(event),
          );
          // After the caller has set its handlers, as the browser's own error event comes.
          queueMicrotask(() => {
            request.readyState = 'done';
            request.error = new DOMException(
              'Internal error opening backing store for indexedDB.open.',
              'UnknownError',
            );
            request.dispatchEvent(new Event('error', { cancelable: true }));
          });
          return request as unknown as IDBOpenDBRequest;
        }
        const request = open.call(this, name, version);
        request.addEventListener('success', () => connections.add(request.result));
        return request;
      };
      const textSize = (value: unknown): number =>
        value instanceof Uint8Array ? value.byteLength : (JSON.stringify(value) ?? '').length;
      for (const method of ['add', 'put'] as const) {
        // Called with the store as `this` below, as the browser's own method is.
        // eslint-disable-next-line @typescript-eslint/unbound-method
        const original = IDBObjectStore.prototype[method];
        IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
          const request = original.apply(this, args);
          if (!w.__diskFull) return request;
          const tx = this.transaction;
          w.__diskRefused += 1;
          if (!isChromiumDisk) {
            refused.set(tx, new DOMException('The disk is full', 'QuotaExceededError'));
            // The whole transaction is refused, as a real full disk refuses it at commit.
            tx.abort();
            return request;
          }
          if (textSize(args[0]) > 1_000_000) {
            refused.set(tx, new DOMException('Failed to write blobs (IOError)', 'DataError'));
            tx.abort();
            return request;
          }
          refused.set(
            tx,
            new DOMException(
              `Connection is closing because of: IO error: .../${location.protocol.slice(0, -1)}_${location.hostname}_${location.port}.indexeddb.leveldb/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)`,
              'UnknownError',
            ),
          );
          tx.abort();
          isClosed = true;
          for (const db of connections) {
            connections.delete(db);
            db.close();
            db.dispatchEvent(new Event('close'));
          }
          return request;
        };
      }
    },
    [FULL_KEY, as] as const,
  );
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

/**
 * The demo's dashboard on a tablet whose disk fills as Chromium's does (`setDiskFull`), with page time the test's
 * from the start (page.clock), so a screen's next try comes only when the test lets time pass.
 */
export async function openDemoOnChromiumDisk(page: Page, baseUrl: string): Promise<Dashboard> {
  await installDiskFull(page.context(), 'chromiumDisk');
  await page.clock.install();
  return (await openDemoDashboard(page, baseUrl)).dashboard;
}

/**
 * Fills the disk, then "Edit session", Cymraeg on, "Save changes": refused (the form says it was not saved), and
 * Chromium closes the app's storage, opening none until there is space.
 */
export async function refuseAnEdit(page: Page, dashboard: Dashboard): Promise<void> {
  await setDiskFull(page, true);
  await dashboard.openEditForm();
  await page.getByRole('checkbox', { name: 'Cymraeg', exact: true }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('[data-save-state="failed"]').waitFor();
}
