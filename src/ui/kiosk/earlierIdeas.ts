/**
 * "What happened to earlier ideas": what the council decided about ideas from earlier workshops of the same
 * neighbourhood held on this device, for the kiosk's hub.
 *
 * - Loaded only once a resident's turn reaches the hub, never before the first screen: the device's session
 *   list says which sessions are earlier (same neighbourhood, an earlier date), and only those are opened, one
 *   at a time, read and closed straight away.
 * - Only a small summary is kept: each decided idea's title and decision (`decidedIdeas`). Comments,
 *   participants, ballots and descriptions of earlier sessions never leave this module.
 * - Kept per session and its list entry's `updatedAt`, so later turns reuse it at once and a session that
 *   received new statuses (its entry is rewritten after each save) is read again.
 * - This module (and the statuses rules it needs) is loaded on demand by the hook in useEarlierIdeas.ts, so the
 *   kiosk's first download does not carry it.
 */
import { viewSession } from '../../doc/session';
import { decidedIdeas, isEarlierSession, type DecidedIdea, type SessionPlace } from '../../domain/statuses';
import type { SessionEntry } from '../../storage/appDb';
import type { Services } from '../services';

/** One earlier workshop with at least one decided idea. */
export interface EarlierSession {
  sessionId: string;
  /** ISO date of the workshop, YYYY-MM-DD. */
  date: string;
  ideas: DecidedIdea[];
}

const summaries = new Map<string, EarlierSession | null>();

function cacheKey(entry: SessionEntry): string {
  return `${entry.id}@${entry.updatedAt}`;
}

async function summarise(
  docs: Services['docs'],
  entry: SessionEntry,
  current: SessionPlace,
): Promise<EarlierSession | null> {
  const handle = await docs.open(entry.id);
  try {
    const view = viewSession(handle.doc);
    if (!view) return null;
    const place = { id: entry.id, neighbourhood: view.settings.neighbourhood, date: view.settings.date };
    if (!isEarlierSession(place, current)) return null;
    const ideas = decidedIdeas(view.proposals, view.records.statuses);
    return ideas.length > 0 ? { sessionId: entry.id, date: view.settings.date, ideas } : null;
  } finally {
    await handle.close();
  }
}

/** Earlier sessions of this neighbourhood with decisions residents can read, newest workshop first. */
export async function loadEarlierSessions(
  services: Pick<Services, 'db' | 'docs'>,
  current: SessionPlace,
): Promise<EarlierSession[]> {
  const entries = (await services.db.sessions.toArray()).filter((e) => isEarlierSession(e, current));
  const out: EarlierSession[] = [];
  for (const entry of entries) {
    const key = cacheKey(entry);
    let summary = summaries.get(key);
    if (summary === undefined) {
      // A session that cannot be opened now is skipped, not remembered: the next turn tries again.
      summary = await summarise(services.docs, entry, current).catch(() => undefined);
      if (summary !== undefined) summaries.set(key, summary);
    }
    if (summary) out.push(summary);
  }
  return out.sort((a, b) =>
    a.date < b.date ? 1 : a.date > b.date ? -1 : a.sessionId < b.sessionId ? -1 : 1,
  );
}
