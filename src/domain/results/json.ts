/**
 * The versioned JSON export of one session: { format: 'neighbourhood-codesign-results', version: 1, session,
 * settings, participation, results, proposals, comments, ballots }. Schema: docs/exports.md.
 *
 * Rules:
 * - settings are the session's effective settings WITHOUT the PIN hash (the `pin` field is dropped).
 * - participation is the suppressed summary (participation.ts); participants' own about-you answers are never
 *   exported.
 * - results: one entry per rule that applies to the method (rulesFor), in that order.
 * - proposals: every proposal record, hidden and merged ones included, with what moderation made of it and the
 *   "you said, we did" decision in force (the latest status record in causal order: src/domain/statuses.ts), so the
 *   council's own records say what became of each idea.
 * - ballots: every ballot with status 'counted' (and the points it gives each canonical idea) or 'excluded' (and
 *   its reason code).
 * - every ballot carries its channel: 'kiosk' (a tablet) or 'paper' (a paper sheet typed in).
 * - Times are ISO 8601 UTC strings; money is whole pence.
 * Tie-break (order): proposals oldest first (then id); comments and ballots by time, then id / participant id.
 * - audience: 'council' (this export: everything). The export for publishing (open data) is made from this one
 *   by publishable() in ./publishable.ts and says 'publishing'.
 * Bump `version` when a field changes meaning or goes away; adding a field keeps the version.
 */
import type { SessionView } from '../../doc/session';
import type { ErrorCode } from '../errors';
import { deviceLabel } from '../devices';
import { channelOf } from '../paper';
import type { Ballot, Channel, Pence, ProposalStatus, ProposalStatusKind, SessionSettings } from '../types';
import { participation, type Participation } from './participation';
import { rulesFor, sessionResults, type SessionResult } from './results';

export const JSON_FORMAT = 'neighbourhood-codesign-results';
export const JSON_VERSION = 1;

/**
 * "You said, we did": what officers decided about an idea. An idea nobody decided yet is `submitted` with no
 * amount, no reason and no time.
 */
export interface JsonDecision {
  status: ProposalStatusKind;
  /** Money agreed, whole pence: `funded` only, else null. */
  amountPence: Pence | null;
  /** Why it is not taken forward (residents read it): `not-taken-forward` only, else ''. */
  reason: string;
  /** When the officer recorded it (ISO 8601 UTC), or null when nothing is recorded. */
  decidedAt: string | null;
}

export interface JsonProposal {
  id: string;
  title: string;
  originalTitle: string;
  description: string;
  themeId: string;
  costPence: number;
  where: string;
  participantId: string | null;
  deviceId: string;
  createdAt: string;
  isHidden: boolean;
  hiddenReason: string;
  canonicalId: string;
  mergedIds: string[];
  decision: JsonDecision;
}

export interface JsonComment {
  id: string;
  proposalId: string;
  participantId: string | null;
  deviceId: string;
  createdAt: string;
  text: string;
}

export interface JsonDevice {
  id: string;
  /** Its name in the session, else "Tablet <short code>" (src/domain/devices.ts). */
  name: string;
  /** False when nobody named it and `name` is made from its id. */
  isNamed: boolean;
}

export interface JsonBallot {
  participantId: string;
  deviceId: string;
  castAt: string;
  revision: number;
  /** 'kiosk' (cast at a tablet) or 'paper' (a paper sheet typed in). */
  channel: Channel;
  kind: Ballot['kind'];
  /** The proposal ids as written on the ballot, in order. */
  choices: string[];
  /** Dots ballots: dots per proposal id as written. */
  dots?: Record<string, number>;
  status: 'counted' | 'excluded';
  reason: ErrorCode | null;
  /** Canonical idea id -> points given (counted ballots only). */
  points: Record<string, number>;
}

export interface JsonExport {
  format: typeof JSON_FORMAT;
  version: typeof JSON_VERSION;
  /** Who the file is for: 'council' (everything). */
  audience: 'council';
  session: {
    id: string;
    schemaVersion: number;
    title: string;
    neighbourhood: string;
    date: string;
    venue: string;
  };
  settings: Omit<SessionSettings, 'pin'>;
  participation: Participation;
  results: SessionResult[];
  proposals: JsonProposal[];
  comments: JsonComment[];
  ballots: JsonBallot[];
  /** Every device that wrote to the session or was named in it, by id, with the name every screen shows. */
  devices: JsonDevice[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The decision in force as exported: amount and reason only where the status carries them. */
export function jsonDecision(record: ProposalStatus | undefined): JsonDecision {
  if (!record) return { status: 'submitted', amountPence: null, reason: '', decidedAt: null };
  return {
    status: record.status,
    amountPence: record.status === 'funded' ? record.amountPence : null,
    reason: record.status === 'not-taken-forward' ? record.reason : '',
    decidedAt: iso(record.at),
  };
}

function choices(b: Ballot): string[] {
  return b.kind === 'dots' ? Object.keys(b.dots) : b.kind === 'budget' ? [...b.selected] : [...b.ranked];
}

export function exportJson(view: SessionView): JsonExport {
  const settings: Omit<SessionSettings, 'pin'> & { pin?: unknown } = { ...view.settings };
  delete settings.pin;
  const ballots: (JsonBallot & { at: number })[] = [
    ...view.count.counted.map(({ ballot, points }) => ({
      at: ballot.at,
      participantId: ballot.participantId,
      deviceId: ballot.deviceId,
      castAt: iso(ballot.at),
      revision: ballot.revision,
      channel: channelOf(ballot),
      kind: ballot.kind,
      choices: choices(ballot),
      ...(ballot.kind === 'dots' ? { dots: { ...ballot.dots } } : {}),
      status: 'counted' as const,
      reason: null,
      points: Object.fromEntries([...points.entries()].filter(([, n]) => n > 0)),
    })),
    ...view.count.excluded.map(({ ballot, reason }) => ({
      at: ballot.at,
      participantId: ballot.participantId,
      deviceId: ballot.deviceId,
      castAt: iso(ballot.at),
      revision: ballot.revision,
      channel: channelOf(ballot),
      kind: ballot.kind,
      choices: choices(ballot),
      ...(ballot.kind === 'dots' ? { dots: { ...ballot.dots } } : {}),
      status: 'excluded' as const,
      reason,
      points: {},
    })),
  ];
  ballots.sort((a, b) => a.at - b.at || (a.participantId < b.participantId ? -1 : 1));
  return {
    format: JSON_FORMAT,
    version: JSON_VERSION,
    audience: 'council',
    session: {
      id: view.records.sessionId,
      schemaVersion: view.records.schemaVersion,
      title: settings.title,
      neighbourhood: settings.neighbourhood,
      date: settings.date,
      venue: settings.venue,
    },
    settings,
    participation: participation(view),
    results: rulesFor(settings.method.kind).map((rule) => sessionResults(view, rule)),
    proposals: view.proposals.map((p) => ({
      id: p.id,
      title: p.shownTitle,
      originalTitle: p.title,
      description: p.shownDescription,
      themeId: p.themeId,
      costPence: p.costPence,
      where: p.where,
      participantId: p.participantId,
      deviceId: p.deviceId,
      createdAt: iso(p.at),
      isHidden: p.isHidden,
      hiddenReason: p.hiddenReason,
      canonicalId: p.canonicalId,
      mergedIds: p.mergedIds,
      decision: jsonDecision(view.statuses.get(p.id)),
    })),
    comments: [...view.records.comments]
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
      .map((c) => ({
        id: c.id,
        proposalId: c.proposalId,
        participantId: c.participantId,
        deviceId: c.deviceId,
        createdAt: iso(c.at),
        text: c.text,
      })),
    ballots: ballots.map(({ at: _at, ...b }) => b),
    devices: sessionDevices(view),
  };
}

/** Every device the records name (writers and named devices), sorted by id, each with its label. */
function sessionDevices(view: SessionView): JsonDevice[] {
  const r = view.records;
  const ids = new Set<string>(view.deviceNames.keys());
  for (const list of [r.proposals, r.comments, r.participants, r.ballots, r.moderation, r.statuses]) {
    for (const x of list) ids.add(x.deviceId);
  }
  return [...ids]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((id) => ({ id, name: deviceLabel(id, view), isNamed: view.deviceNames.has(id) }));
}

/** The export as text (two-space indented, newline at the end). */
export function exportJsonText(view: SessionView): string {
  return `${JSON.stringify(exportJson(view), null, 2)}\n`;
}
