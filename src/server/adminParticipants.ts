/**
 * `npm run admin -- participants --session <id>`: a session's participants, for finding the one resident who asks
 * for their answers to be erased (`erase-answers --participant`). The privacy notice tells residents to give the
 * workshop, the time and the tablet: so each row says which tablet hosted the turn (its name in the session), when
 * the turn started, its language, and whether about-you answers were given or erased. Never the answers.
 *
 * The start time is the tablet's clock, as the resident saw it; where answers are held, the row also says when the
 * retention period counts them from (src/domain/erasure.ts `retentionFrom`, the time `erase-answers --older-than`
 * and RETENTION_DAYS go by), so a tablet whose clock was wrong shows both.
 *
 * The rows are the participants as the dashboard and the officer view read them (readRecords): a paper sheet
 * whose every typing a retry withdrew (a try under a sheet number then put right) is no participant there, so it
 * is not listed here either, and a sheet's row has the time of the typing whose ballot counts. Turns with nothing
 * done are still listed (the dashboard shows them as such): nobody is left out whom a resident might ask about.
 */
import * as Y from 'yjs';
import { MAPS, readRecords } from '../doc/schema';
import { deviceLabel, effectiveDeviceNames } from '../domain/devices';
import { holdsAnswers, isErased, retentionFrom } from '../domain/erasure';
import { channelOf } from '../domain/paper';
import type { DeviceName } from '../domain/types';
import { updatesToLoad } from './compaction';
import { sessionReceipts, withWorkshopDay } from './receipts';
import type { Store } from './store';

/** One participant as the admin sees them (also the `--json` shape). */
export interface ParticipantRow {
  id: string;
  /** The tablet's name in the session ("Tablet 3f9a" when nobody named it); null for a paper sheet. */
  tablet: string | null;
  /** 'paper' for a paper sheet typed in; 'tablet' otherwise. */
  channel: 'tablet' | 'paper';
  /** When the turn started (ISO), or null when the record has no time. */
  startedAt: string | null;
  finishedAt: string | null;
  language: string;
  /** About-you answers are stored (plain or sealed to the council key). */
  gaveAnswers: boolean;
  /**
   * Where answers are stored: when the retention period counts them from (ISO), the tablet's time held within
   * when the council received the session; null otherwise.
   */
  retentionFrom: string | null;
  /** When the answers were erased (ISO), or null. */
  erasedAt: string | null;
}

/** A time as ISO 8601, or null where it is not one a Date can hold (a record that says anything else is listed). */
const iso = (ms: unknown): string | null =>
  typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) <= 8.64e15
    ? new Date(ms).toISOString()
    : null;

/** The session's participants by start time; null when the server holds no such session. */
export function listParticipants(store: Store, sessionId: string): ParticipantRow[] | null {
  const { updates } = updatesToLoad(store, sessionId);
  const span = sessionReceipts(store, sessionId);
  if (updates.length === 0 || span === null) return null;
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const u of updates) Y.applyUpdate(doc, u);
    });
    const names = effectiveDeviceNames([...doc.getMap<DeviceName>(MAPS.devices).values()]);
    const bounds = withWorkshopDay(span, doc);
    const rows: ParticipantRow[] = [];
    for (const p of readRecords(doc).participants) {
      const isPaper = channelOf(p) === 'paper';
      rows.push({
        id: p.id,
        tablet: isPaper ? null : deviceLabel(p.deviceId, { deviceNames: names }),
        channel: isPaper ? 'paper' : 'tablet',
        startedAt: iso(p.at),
        finishedAt: iso(p.finishedAt),
        language: p.language,
        gaveAnswers: holdsAnswers(p),
        retentionFrom: holdsAnswers(p) ? iso(retentionFrom(p, bounds)) : null,
        erasedAt: isErased(p) ? iso(p.answersErased) : null,
      });
    }
    return rows.sort(
      (a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? '') || a.id.localeCompare(b.id),
    );
  } finally {
    doc.destroy();
  }
}

/** "2026-12-07 14:32" in this computer's local time (or `timeZone`): what a resident remembers. */
export function localMinute(at: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
