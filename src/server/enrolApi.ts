/**
 * POST /api/enrol: { code, deviceName } → { token, role, deviceId }.
 *
 * An enrolment code is short (10 symbols, about 49 bits), so every code checked is a guess: wrong codes are
 * limited per address and over all addresses together (FailureLimiter; the same wrong code again counts once).
 * Past either budget, enrolments are refused with 429 WITHOUT checking the code, until the window ends, so
 * spreading guesses over many addresses buys no more than Limits.maxGlobalEnrolFailures of them per window.
 * Devices already enrolled are not affected: their tokens are limited apart (sync.ts, sessionsApi.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EnrolError, normaliseCode, redeemCode, sha256 } from './devices';
import type { Limits } from './limits';
import { FailureLimiter, remoteAddress } from './limits';
import type { Logger } from './log';
import { SECURITY_HEADERS } from './staticFiles';
import type { Store } from './store';

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

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new BodyTooLarge());
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function enrolHandler(store: Store, log: Logger, limits: Limits) {
  const failures = new FailureLimiter(
    limits.maxEnrolRequests,
    limits.enrolWindowMs,
    limits.maxGlobalEnrolFailures,
    limits.globalEnrolWindowMs,
  );
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const remote = remoteAddress(req, limits.trustProxy);
    if (req.method !== 'POST') {
      send(res, 405, { error: 'Use POST.' }, { Allow: 'POST' });
      return;
    }
    const throttle = failures.throttled(remote);
    if (throttle) {
      // Logged once when it started (enrol-throttled), not for every request refused while it lasts.
      send(
        res,
        429,
        {
          error:
            throttle.by === 'address'
              ? 'Too many wrong enrolment codes from this address. Wait a minute and try again.'
              : 'Enrolment is paused for a few minutes because of many wrong codes. Wait and try again.',
        },
        { 'Retry-After': String(throttle.retryAfterSeconds) },
      );
      return;
    }
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      send(res, 415, { error: 'Send the enrolment as JSON (Content-Type: application/json).' });
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limits.maxEnrolBodyBytes) {
      send(res, 413, { error: 'The enrolment request is too large.' }, { Connection: 'close' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, limits.maxEnrolBodyBytes));
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        send(res, 413, { error: 'The enrolment request is too large.' }, { Connection: 'close' });
      } else send(res, 400, { error: 'The enrolment request is not valid JSON.' });
      return;
    }
    const { code, deviceName } = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    if (typeof code !== 'string' || code.length === 0 || code.length > 64) {
      send(res, 400, { error: 'The enrolment request needs a "code" (the code the admin gave you).' });
      return;
    }
    if (typeof deviceName !== 'string' || deviceName.trim().length === 0 || deviceName.length > 100) {
      send(res, 400, { error: 'The enrolment request needs a "deviceName" of 1 to 100 characters.' });
      return;
    }
    try {
      const enrolled = redeemCode(store, code, deviceName);
      log('device-enrolled', { remote, device: enrolled.deviceId, role: enrolled.role });
      send(res, 200, enrolled);
    } catch (e) {
      if (e instanceof EnrolError) {
        log('enrol-refused', { remote, reason: e.message });
        const started = failures.fail(remote, sha256(normaliseCode(code)));
        if (started) log('enrol-throttled', { remote, ...started });
        send(res, 400, { error: e.message });
      } else throw e;
    }
  };
}
