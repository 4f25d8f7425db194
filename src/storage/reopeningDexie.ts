/**
 * A Dexie database that goes on working after the browser closed it for a full disk. Chromium closes every
 * IndexedDB connection of the origin when its disk refuses a write, and refuses to open one until there is space;
 * Dexie opens the database again on the next operation after such a close, but once that open has failed it
 * refused every later operation (DatabaseClosedError) for the rest of the page's life, space or not. Here a failed
 * open leaves the next operation to open the database again. One closed on purpose (`close()`) stays closed.
 *
 * An operation made on a connection Chromium is closing (after the refused write, before the connection's close
 * event) may never end: measured on Chromium 150, its transaction fires neither complete nor abort (its requests
 * are taken to answer nothing either). It cannot succeed once its connection is closed, so the close event refuses it
 * (`settledByClose`, a DBCore middleware under all of Dexie's own): else a PIN try, a draft, the end of a
 * resident's turn or the sessions list would wait for good, and every operation queued behind it.
 *
 * Every refusal this database meets (a transaction's abort, an operation ended by the close) is told to
 * src/storage/quota.ts as it happens, whoever handles it: a refused write whose error a screen drops (a form's
 * draft, a PIN try) still tells it the browser closed IndexedDB for want of space. Else what comes next, in words
 * that say nothing of space ("Internal error opening backing store"), was not counted as a full disk, and the
 * screens were not told the tablet is out of space.
 */
import {
  Dexie,
  type DBCore,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
  type PromiseExtended,
} from 'dexie';
import { noteStorageError, noteStorageOpened } from './quota';

/**
 * Chromium's words when it closes a connection under an open; here, for an operation it closed under us.
 * src/storage/quota.ts counts them as a full disk while IndexedDB is closed for want of space.
 */
const CONNECTION_CLOSED = 'The connection was closed.';

/**
 * Dexie's own DBCore hands its IDBTransaction down as the transaction; checked by its shape, as fake-indexeddb's
 * classes (the unit tests) are not the global ones.
 */
function isIdbTransaction(trans: DBCoreTransaction): trans is DBCoreTransaction & IDBTransaction {
  return 'db' in trans && 'objectStore' in trans && 'error' in trans;
}

/**
 * `operation`'s outcome, or its refusal by the close event of the connection `trans` was made on, whichever comes
 * first: what the transaction says went wrong when it does (a refused write's close can come before its abort),
 * else "The connection was closed.".
 */
function endedByClose<T>(trans: DBCoreTransaction, operation: Promise<T>): Promise<T> {
  if (!isIdbTransaction(trans)) return operation;
  const connection = trans.db;
  let end = (): void => undefined;
  const closed = new Promise<never>((_, reject) => {
    const refuse = (): void => {
      const error = trans.error ?? new DOMException(CONNECTION_CLOSED, 'AbortError');
      noteStorageError(error);
      reject(error);
    };
    connection.addEventListener('close', refuse);
    end = () => connection.removeEventListener('close', refuse);
  });
  return Promise.race([operation, closed]).finally(end);
}

/**
 * Every operation of a table, settled by its connection's close event as well as by its own answer. A cursor is
 * settled as it opens: one that opened answered, so its transaction was not made on a closing connection.
 */
function tableEndedByClose(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate: (req) => endedByClose(req.trans, table.mutate(req)),
    get: (req) => endedByClose(req.trans, table.get(req)),
    getMany: (req) => endedByClose(req.trans, table.getMany(req)),
    query: (req) => endedByClose(req.trans, table.query(req)),
    count: (req) => endedByClose(req.trans, table.count(req)),
    openCursor: (req) => endedByClose(req.trans, table.openCursor(req)),
  };
}

const settledByClose: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'SettledByClose',
  // Under Dexie's own middlewares (the lowest is at -1), right on the IndexedDB requests.
  level: -2,
  create: (down) => ({
    ...down,
    transaction: (stores, mode, options) => {
      const trans = down.transaction(stores, mode, options);
      if (isIdbTransaction(trans)) trans.addEventListener('abort', () => noteStorageError(trans.error));
      return trans;
    },
    table: (name) => tableEndedByClose(down.table(name)),
  }),
};

export class ReopeningDexie extends Dexie {
  constructor(...args: ConstructorParameters<typeof Dexie>) {
    super(...args);
    this.use(settledByClose);
  }

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
