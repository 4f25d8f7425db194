/**
 * The council server's two HTTP calls a device makes: enrolment (a one-time code for a device token) and the
 * list of sessions it may fetch. The token travels in the Authorization header, never in an address.
 */
import type { Enrolment } from '../storage/appDb';
import { serverOrigin } from './syncStates';

export const COUNCIL_PROBLEMS = [
  /** The code is not known (mistyped). */
  'unknownCode',
  'usedCode',
  'expiredCode',
  /** The server did not accept the request as it was sent (e.g. an empty code). */
  'badRequest',
  /** Too many attempts from this network: wait a minute. */
  'rateLimited',
  /** The device's token was refused: revoked or not known. */
  'refused',
  /** No answer: the device is offline or the server cannot be reached. */
  'network',
  /** The server answered with an error. */
  'serverError',
] as const;
export type CouncilProblemCode = (typeof COUNCIL_PROBLEMS)[number];

export class CouncilProblem extends Error {
  override readonly name = 'CouncilProblem';
  constructor(readonly code: CouncilProblemCode) {
    super(code);
  }
}

export function isCouncilProblem(e: unknown): e is CouncilProblem {
  return e instanceof CouncilProblem;
}

/** The page's own origin: the server that served the app (one process, one port). */
export function defaultServer(): string {
  return typeof location !== 'undefined' ? location.origin : 'http://localhost';
}

function endpoint(base: string, path: string): string {
  return new URL(path, serverOrigin(base)).toString();
}

async function call(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new CouncilProblem('network');
  }
}

async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : '';
  } catch {
    return '';
  }
}

/** POST /api/enrol. Resolves with what the device keeps; throws CouncilProblem. */
export async function enrolDevice(
  base: string,
  code: string,
  deviceName: string,
  now = Date.now(),
): Promise<Enrolment> {
  const res = await call(endpoint(base, '/api/enrol'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: code.trim(), deviceName: deviceName.trim().slice(0, 100) }),
  });
  if (res.status === 429) throw new CouncilProblem('rateLimited');
  if (res.status === 400) {
    const text = await errorText(res);
    if (/already been used/i.test(text)) throw new CouncilProblem('usedCode');
    if (/expired/i.test(text)) throw new CouncilProblem('expiredCode');
    if (/not known/i.test(text)) throw new CouncilProblem('unknownCode');
    throw new CouncilProblem('badRequest');
  }
  if (!res.ok) throw new CouncilProblem(res.status === 404 ? 'network' : 'serverError');
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  const token = body?.token;
  const role = body?.role;
  const deviceId = body?.deviceId;
  if (
    typeof token !== 'string' ||
    typeof deviceId !== 'string' ||
    (role !== 'facilitator' && role !== 'officer')
  ) {
    throw new CouncilProblem('serverError');
  }
  return { key: 'self', token, role, deviceId, enrolledAt: now, serverName: serverOrigin(base) };
}

export interface CouncilSession {
  id: string;
  title: string;
  neighbourhood: string;
  date: string;
  venue: string;
  updatedAt: string;
}

function isCouncilSession(v: unknown): v is CouncilSession {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return ['id', 'title', 'neighbourhood', 'date', 'venue', 'updatedAt'].every(
    (k) => typeof r[k] === 'string',
  );
}

/** GET /api/sessions with the device token. Throws CouncilProblem. */
export async function fetchCouncilSessions(base: string, token: string): Promise<CouncilSession[]> {
  const res = await call(endpoint(base, '/api/sessions'), {
    method: 'GET',
    headers: { Authorization: `Bearer ${token}` },
  });
  if (res.status === 401 || res.status === 403) throw new CouncilProblem('refused');
  if (res.status === 429) throw new CouncilProblem('rateLimited');
  if (!res.ok) throw new CouncilProblem(res.status === 404 ? 'network' : 'serverError');
  const body = (await res.json().catch(() => null)) as { sessions?: unknown } | null;
  if (!body || !Array.isArray(body.sessions)) throw new CouncilProblem('serverError');
  return body.sessions.filter(isCouncilSession);
}
