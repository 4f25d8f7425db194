/**
 * A Dexie database that goes on working after the browser closed it for a full disk. Chromium closes every
 * IndexedDB connection of the origin when its disk refuses a write, and refuses to open one until there is space;
 * Dexie opens the database again on the next operation after such a close, but once that open has failed it
 * refused every later operation (DatabaseClosedError) for the rest of the page's life, space or not. Here a failed
 * open leaves the next operation to open the database again. One closed on purpose (`close()`) stays closed.
 */
import { Dexie, type PromiseExtended } from 'dexie';
import { noteStorageOpened } from './quota';

export class ReopeningDexie extends Dexie {
  override open(): PromiseExtended<Dexie> {
    return super.open().then(
      (db) => {
        noteStorageOpened();
        return db;
      },
      (e: unknown) => {
        if (!this.isOpen() && this.hasFailed() && !this.hasBeenClosed())
          this.close({ disableAutoOpen: false });
        throw e;
      },
    );
  }
}
