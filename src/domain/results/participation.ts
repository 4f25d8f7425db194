/**
 * Participation: who took part, for one session or for several sessions of a neighbourhood together.
 *
 * Rules:
 * - RESIDENTS TAKING PART (takingPart, the one definition every screen and export uses): a participant record
 *   counts iff that resident did something: gave at least one about-you answer (also when the council has since
 *   erased it, src/domain/erasure.ts), put forward an idea, wrote a comment, or has a ballot (cast at a tablet, or
 *   a paper sheet typed in: a sheet always carries a ballot). A turn
 *   that ended with nothing done (agreed, then timed out, walked away or handed to the facilitator at once) is
 *   not a resident taking part: it is counted apart as `turnsWithNothingDone`. Every breakdown below (per device,
 *   by channel, about you, over the day) is of the residents taking part, so they add up to `residents`.
 * - residents = residents taking part; ideas = proposal
 *   records (hidden and merged ones included: they were still put forward), ideasShown = visible, unmerged
 *   ideas; comments = comment records; ballots as countBallots splits them (counted / excluded). Several sessions
 *   are added up: a participant id belongs to one session, so nobody is matched across sessions.
 * - per device: the same counts by the device that wrote each record (ballots by the device they were cast on).
 * - about you: only residents taking part who consented and were asked count: a paper sheet asks no about-you
 *   questions, so its residents are left out here (not "No answer"). Each question has one cell per option (in the
 *   question's option order, options of later sessions that the first did not offer appended) and a final
 *   "No answer" cell, so the cells add up to the published consented-resident total. SUPPRESSION: every cell
 *   under 5 (0 included) is shown as "fewer than 5" and its count is withheld (null). COMPLEMENTARY RULE: the
 *   total minus the shown cells gives the hidden cells' sum, so while a question hides exactly one cell, or
 *   hidden cells adding up to under 5 (three small cells holding one resident between them give that one
 *   resident away as surely as one cell would), the smallest shown cell is suppressed too (ties: the last in
 *   cell order), until the hidden cells are at least two adding up to 5 or more, or every cell is hidden.
 * - by channel: residents and ballots (counted / excluded) from the tablets ('kiosk') and from paper sheets typed
 *   in ('paper', src/domain/paper.ts), shown apart; kiosk + paper = the totals. Paper residents are in the
 *   other figures too (residents, per device under the device that typed them), except about you (never asked)
 *   and over the day (below).
 * - over the day: kiosk residents taking part per UTC hour of their `at`, keyed "YYYY-MM-DDTHH:00Z": every hour
 *   from the first to the last present (zeros included) that falls on a UTC day with a resident in it; days with
 *   nobody are left out (the rule the chart draws by, src/ui/officer/charts/geometry.ts `hoursToShow`). So the
 *   list is at most 24 entries per day with residents, however far apart the tablets' clocks put them: one
 *   tablet reset to 1970 beside today's made every hour between (586,666 entries) before. Paper residents are
 *   left out: their time is when the sheet was typed in, not when it was filled in.
 * Tie-break: devices are listed by device id; hours in time order. Deterministic: no clock, no randomness.
 */
import type { SessionView } from '../../doc/session';
import { channelOf } from '../paper';
import { hasSealedAnswers } from './openAnswers';
import type { Channel, Participant, SessionRecords } from '../types';

export const SUPPRESS_BELOW = 5;
export const SUPPRESSED_TEXT = 'fewer than 5';
/** A cell of 5 or more hidden only so that a small one cannot be worked out: its count is not "fewer than 5". */
export const COMPLEMENTARY_TEXT = 'hidden to protect a small count';
export const NO_ANSWER = 'No answer';

export interface DeviceParticipation {
  deviceId: string;
  residents: number;
  ideas: number;
  comments: number;
  ballotsCounted: number;
  ballotsExcluded: number;
}

export interface AboutYouCell {
  option: string;
  /** null when suppressed. */
  count: number | null;
  /** The count as text, "fewer than 5" (small), or "hidden to protect a small count" (complementary). */
  shown: string;
  suppressed: boolean;
  /** Why: 'small' (under 5) or 'complementary' (hidden so a small cell cannot be worked out). */
  suppressedBecause: 'small' | 'complementary' | null;
}

export interface AboutYouBreakdown {
  questionId: string;
  text: string;
  /** Consented residents asked (the cells add up to this). */
  total: number;
  cells: AboutYouCell[];
}

export interface ChannelParticipation {
  residents: number;
  ballotsCounted: number;
  ballotsExcluded: number;
}

export interface HourCount {
  hour: string;
  residents: number;
}

export interface Participation {
  sessionIds: string[];
  /** Residents taking part: participants who did something (takingPart). */
  residents: number;
  /** Turns with nothing done (takingPart): never in `residents` or any breakdown, shown apart. */
  turnsWithNothingDone: number;
  ideas: number;
  ideasShown: number;
  comments: number;
  ballots: { counted: number; excluded: number };
  byDevice: DeviceParticipation[];
  /** Tablets and paper sheets apart. */
  byChannel: Record<Channel, ChannelParticipation>;
  aboutYou: AboutYouBreakdown[];
  byHour: HourCount[];
}

export interface TakingPart {
  /** Participants who did something, in the records' order. */
  residents: Participant[];
  /** Participants whose turn has, so far, nothing in it: not residents taking part. */
  nothingDone: Participant[];
}

/**
 * THE definition of a resident taking part (module header): an about-you answer, an idea, a comment or a ballot
 * (a paper sheet is a ballot). Pure, and a function of the records only, so any merge order of the same records
 * gives the same people.
 */
export function takingPart(
  records: Pick<SessionRecords, 'participants' | 'proposals' | 'comments' | 'ballots'>,
): TakingPart {
  const acted = new Set<string>();
  for (const p of records.proposals) if (p.participantId !== null) acted.add(p.participantId);
  for (const c of records.comments) if (c.participantId !== null) acted.add(c.participantId);
  for (const b of records.ballots) acted.add(b.participantId);
  // Sealed about-you answers (openAnswers.ts) are answers given, whether or not this device can open them.
  for (const p of records.participants) if (hasSealedAnswers(p)) acted.add(p.id);
  const out: TakingPart = { residents: [], nothingDone: [] };
  for (const p of records.participants) {
    // An erased record (src/domain/erasure.ts) answered before its answers were erased: still a resident.
    const answered = Object.keys(p.answers).length > 0 || p.answersErased !== undefined;
    const didSomething = acted.has(p.id) || channelOf(p) === 'paper' || answered;
    (didSomething ? out.residents : out.nothingDone).push(p);
  }
  return out;
}

/** The facilitator dashboard's "So far" figures for one session, from the same definitions as participation. */
export interface SessionCounts {
  residents: number;
  turnsWithNothingDone: number;
  ideasShown: number;
  ideasHidden: number;
  comments: number;
  ballotsCounted: number;
  ballotsExcluded: number;
}

export function sessionCounts(view: SessionView): SessionCounts {
  const people = takingPart(view.records);
  return {
    residents: people.residents.length,
    turnsWithNothingDone: people.nothingDone.length,
    ideasShown: view.visible.length,
    ideasHidden: view.proposals.filter((p) => p.isHidden).length,
    comments: view.records.comments.length,
    ballotsCounted: view.count.counted.length,
    ballotsExcluded: view.count.excluded.length,
  };
}

/** Suppresses one question's raw counts under the rule in the module header. */
export function suppressCells(raw: readonly { option: string; count: number }[]): AboutYouCell[] {
  const reason: ('small' | 'complementary' | null)[] = raw.map((c) =>
    c.count < SUPPRESS_BELOW ? 'small' : null,
  );
  for (;;) {
    let hiddenCells = 0;
    let hiddenSum = 0;
    let pick = -1;
    raw.forEach((c, i) => {
      if (reason[i] !== null) {
        hiddenCells += 1;
        hiddenSum += c.count;
      } else if (pick < 0 || c.count <= raw[pick]!.count) pick = i;
    });
    if (hiddenCells === 0 || (hiddenCells >= 2 && hiddenSum >= SUPPRESS_BELOW) || pick < 0) break;
    reason[pick] = 'complementary';
  }
  return raw.map((c, i) => {
    const why = reason[i] ?? null;
    return {
      option: c.option,
      count: why === null ? c.count : null,
      shown: why === null ? String(c.count) : why === 'small' ? SUPPRESSED_TEXT : COMPLEMENTARY_TEXT,
      suppressed: why !== null,
      suppressedBecause: why,
    };
  });
}

function hourKey(at: number): string {
  return `${new Date(at).toISOString().slice(0, 13)}:00Z`;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function participation(sessions: SessionView | readonly SessionView[]): Participation {
  const views: readonly SessionView[] = Array.isArray(sessions) ? sessions : [sessions as SessionView];
  const devices = new Map<string, DeviceParticipation>();
  const device = (id: string): DeviceParticipation => {
    let d = devices.get(id);
    if (!d) {
      d = { deviceId: id, residents: 0, ideas: 0, comments: 0, ballotsCounted: 0, ballotsExcluded: 0 };
      devices.set(id, d);
    }
    return d;
  };
  const questions = new Map<
    string,
    { text: string; options: string[]; counts: Map<string, number>; total: number }
  >();
  const hours = new Map<number, number>();
  const out: Participation = {
    sessionIds: views.map((v) => v.records.sessionId),
    residents: 0,
    turnsWithNothingDone: 0,
    ideas: 0,
    ideasShown: 0,
    comments: 0,
    ballots: { counted: 0, excluded: 0 },
    byDevice: [],
    byChannel: {
      kiosk: { residents: 0, ballotsCounted: 0, ballotsExcluded: 0 },
      paper: { residents: 0, ballotsCounted: 0, ballotsExcluded: 0 },
    },
    aboutYou: [],
    byHour: [],
  };
  for (const v of views) {
    const r = v.records;
    const people = takingPart(r);
    const residents = people.residents;
    out.residents += residents.length;
    out.turnsWithNothingDone += people.nothingDone.length;
    out.ideas += r.proposals.length;
    out.ideasShown += v.visible.length;
    out.comments += r.comments.length;
    out.ballots.counted += v.count.counted.length;
    out.ballots.excluded += v.count.excluded.length;
    for (const p of residents) device(p.deviceId).residents += 1;
    for (const p of r.proposals) device(p.deviceId).ideas += 1;
    for (const c of r.comments) device(c.deviceId).comments += 1;
    for (const c of v.count.counted) device(c.ballot.deviceId).ballotsCounted += 1;
    for (const e of v.count.excluded) device(e.ballot.deviceId).ballotsExcluded += 1;
    for (const p of residents) out.byChannel[channelOf(p)].residents += 1;
    for (const c of v.count.counted) out.byChannel[channelOf(c.ballot)].ballotsCounted += 1;
    for (const e of v.count.excluded) out.byChannel[channelOf(e.ballot)].ballotsExcluded += 1;
    for (const q of v.settings.aboutYou) {
      let entry = questions.get(q.id);
      if (!entry) {
        entry = { text: q.text, options: [], counts: new Map(), total: 0 };
        questions.set(q.id, entry);
      }
      for (const o of q.options) if (!entry.options.includes(o)) entry.options.push(o);
      for (const p of residents) {
        // Asked at a tablet only: a paper sheet has no about-you questions (src/domain/paper.ts).
        if (!p.hasConsented || channelOf(p) === 'paper') continue;
        // Answers still sealed (no council key loaded, or an envelope that did not open) count nowhere here:
        // never as "No answer" nor as an option (openAnswers.ts reports them).
        if (hasSealedAnswers(p)) continue;
        entry.total += 1;
        const answer = p.answers[q.id];
        const key = answer !== undefined && q.options.includes(answer) ? answer : NO_ANSWER;
        entry.counts.set(key, (entry.counts.get(key) ?? 0) + 1);
      }
    }
    for (const p of residents) {
      if (channelOf(p) === 'paper') continue;
      const h = Math.floor(p.at / HOUR) * HOUR;
      hours.set(h, (hours.get(h) ?? 0) + 1);
    }
  }
  out.byDevice = [...devices.values()].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
  out.aboutYou = [...questions.entries()].map(([questionId, q]) => ({
    questionId,
    text: q.text,
    total: q.total,
    cells: suppressCells(
      [...q.options, NO_ANSWER].map((option) => ({ option, count: q.counts.get(option) ?? 0 })),
    ),
  }));
  out.byHour = hoursOnBusyDays(hours);
  return out;
}

/** The hours from the first to the last with residents, on the UTC days that have any (module header). */
function hoursOnBusyDays(hours: ReadonlyMap<number, number>): HourCount[] {
  const keys = [...hours.keys()].sort((a, b) => a - b);
  const first = keys[0];
  const last = keys[keys.length - 1];
  if (first === undefined || last === undefined) return [];
  const days = [...new Set(keys.map((h) => Math.floor(h / DAY) * DAY))];
  const out: HourCount[] = [];
  for (const day of days)
    for (let h = Math.max(day, first); h < day + DAY && h <= last; h += HOUR)
      out.push({ hour: hourKey(h), residents: hours.get(h) ?? 0 });
  return out;
}
