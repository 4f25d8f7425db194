/**
 * The one HTTP server: the built app, a health endpoint, device enrolment and the council sync server
 * (WebSocket, path /sync) on the same port.
 */
import { createServer, type Server } from 'node:http';
import { lockDataDir, type DataDirLock } from './dataDirLock';
import { enrolHandler } from './enrolApi';
import { sessionsHandler } from './sessionsApi';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { jsonLogger, routeLibraryErrors, type Logger } from './log';
import { SessionIndex } from './sessionIndex';
import { loadWithoutEncoding } from './stateCache';
import { requestPath, SECURITY_HEADERS, staticHandler } from './staticFiles';
import { startRetention } from './retention';
import { Store } from './store';
import { createSync, type SyncServer } from './sync';

/**
 * Connections the kernel completes and holds for the server while its event loop is busy (the listen backlog;
 * Linux caps it at net.core.somaxconn, 4096 by default). Node's default, 511, is less than a morning's burst of
 * tablets: the rest had their connection attempts dropped and retried a second later (and 3 s, 7 s later), and a
 * monitor's /api/health call among them waited as long.
 */
export const LISTEN_BACKLOG = 4096;

export interface RunningServer {
  server: Server;
  port: number;
  close: () => Promise<void>;
  /** Present when the server was started with a data directory. */
  sync?: SyncServer;
  store?: Store;
  /** The sessions' summaries (listing, sign-in checks), when started with a data directory. */
  index?: SessionIndex;
}

/** Store.open on a folder this server holds, letting the folder go when its file cannot be opened. */
function openHolding(dataDir: string, lock: DataDirLock | undefined): Store {
  try {
    return Store.open(dataDir);
  } catch (e) {
    lock?.release();
    throw e;
  }
}

export async function startServer(options: {
  port: number;
  host: string;
  distDir: string;
  /** Where the SQLite file lives. Without it the server serves the app only (no sync, no enrolment). */
  dataDir?: string;
  /**
   * The lock on dataDir, when the caller took it already (`npm start` does, before it builds the app); the server
   * lets it go when it closes. Without it the server takes one (dataDirLock.ts): one server per data folder.
   */
  dataDirLock?: DataDirLock;
  limits?: Partial<Limits>;
  log?: Logger;
  /** Erase about-you answers older than this many days, on a schedule (retention.ts); null or absent: never. */
  retentionDays?: number | null;
  /** The clock of the retention schedule (tests). */
  now?: () => number;
}): Promise<RunningServer> {
  const serveStatic = staticHandler(options.distDir);
  const startedAt = Date.now();
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? jsonLogger();
  // Before the file is opened: a second server on the folder is refused having changed nothing in it.
  const lock =
    options.dataDir === undefined ? undefined : (options.dataDirLock ?? lockDataDir(options.dataDir));
  const store = options.dataDir === undefined ? undefined : openHolding(options.dataDir, lock);
  // Hocuspocus prints every refused message with a stack trace: one log line each instead (log.ts).
  const stopRouting = routeLibraryErrors(log);
  // One summary of each stored session, for listing (GET /api/sessions) and for who may open it (/sync).
  const index = store ? new SessionIndex(store, log) : undefined;
  const sync = store && index ? createSync(store, log, limits, index) : undefined;
  // Sessions load without Hocuspocus encoding each one for nobody (stateCache.ts).
  if (sync) loadWithoutEncoding();
  const enrol = store ? enrolHandler(store, log, limits) : undefined;
  const sessions = store && index ? sessionsHandler(store, log, limits, index) : undefined;
  const stopRetention =
    store && options.retentionDays != null
      ? startRetention(store, {
          days: options.retentionDays,
          log,
          now: options.now,
          // On the archive worker's thread, not the one answering devices (archiveJobs.ts).
          apply: sync ? (days, now) => sync.archive.retention(days, now) : undefined,
        })
      : undefined;
  const server = createServer((req, res) => {
    const path = requestPath(req.url);
    if (path === '/api/health') {
      res
        .writeHead(200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-store',
          ...SECURITY_HEADERS,
        })
        .end(
          JSON.stringify({
            status: 'ok',
            uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
            ...(sync ? sync.stats() : {}),
          }),
        );
      return;
    }
    if (path === '/api/sessions' && sessions) return sessions(req, res);
    if (path === '/api/enrol' && enrol) {
      enrol(req, res).catch((e: unknown) => {
        log('enrol-error', { error: e instanceof Error ? e.message : String(e) });
        if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
        res.end();
      });
      return;
    }
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    });
  });
  // Node accepts one connection per turn of the event loop: while they arrive, the sync server keeps turns short.
  if (sync) server.on('connection', () => sync.connectionArrived());
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = requestPath(req.url);
    if (!sync || path !== '/sync') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sync.handleUpgrade(req, socket, head);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: options.port, host: options.host, backlog: LISTEN_BACKLOG }, () => resolve());
    });
  } catch (e) {
    stopRetention?.();
    await sync?.close();
    store?.close();
    lock?.release();
    stopRouting();
    throw e;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  if (store) log('server-started', { port, documents: store.sessionCount() });
  return {
    server,
    port,
    sync,
    store,
    index,
    close: async () => {
      stopRetention?.();
      await sync?.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      store?.close();
      lock?.release();
      stopRouting();
    },
  };
}
