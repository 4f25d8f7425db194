/**
 * GET /api/sessions: the sessions an enrolled device should have, so tablets can be prepared at the office before
 * a workshop. The device token goes in `Authorization: Bearer <token>` (never in the address, so it is never in a
 * log or a proxy's history). Answers `{ sessions: [{ id, title, neighbourhood, date, venue, updatedAt }] }`.
 *
 * An officer device gets every session; a facilitator device the sessions assigned to it (by id or neighbourhood,
 * `npm run admin -- assign`) plus those it has itself written to (assignments.ts). Titles are read from the stored
 * documents (sessionIndex.ts), rebuilt once per session and cached until a new update arrives.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { visibleSessions } from './assignments';
import { deviceForToken, sha256 } from './devices';
import { checkCredential, remoteAddress, tokenFailures, type Limits } from './limits';
import type { Logger } from './log';
import { SessionIndex } from './sessionIndex';
import { SECURITY_HEADERS } from './staticFiles';
import type { Store } from './store';

export type { SessionSummary } from './sessionIndex';

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...SECURITY_HEADERS,
      ...extra,
    })
    .end(JSON.stringify(body));
}

/** The bearer token of a request, or '' when there is none. */
export function bearerToken(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? '';
}

export function sessionsHandler(
  store: Store,
  log: Logger,
  limits: Limits,
  index: SessionIndex = new SessionIndex(store, log),
) {
  const failures = tokenFailures(store, limits);

  return (req: IncomingMessage, res: ServerResponse): void => {
    const remote = remoteAddress(req, limits.trustProxy);
    if (req.method !== 'GET') {
      send(res, 405, { error: 'Use GET.' }, { Allow: 'GET' });
      return;
    }
    // The token is checked first: a valid one lists sessions whatever other devices at this address got wrong.
    const token = bearerToken(req);
    const checked = checkCredential(failures, remote, sha256(token), () => deviceForToken(store, token));
    if (checked.ok === null) {
      if (checked.started) log('auth-throttled', { remote, via: 'sessions', ...checked.started });
      if (checked.throttle) {
        send(
          res,
          429,
          { error: 'Too many failed attempts from this address. Wait a minute and try again.' },
          { 'Retry-After': String(checked.throttle.retryAfterSeconds) },
        );
        return;
      }
      log('sessions-refused', { remote, reason: 'unauthorized' });
      send(
        res,
        401,
        { error: 'unauthorized: this device is not enrolled, or it was revoked' },
        { 'WWW-Authenticate': 'Bearer' },
      );
      return;
    }
    const device = checked.ok;
    const sessions = visibleSessions(store, index, device);
    log('sessions-listed', { remote, device: device.deviceId, role: device.role, count: sessions.length });
    send(res, 200, { sessions });
  };
}
