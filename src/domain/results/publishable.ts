/**
 * The exports FOR PUBLISHING (open data), made from the council's own exports by pure functions, so what is left
 * out is decided in one place for the JSON, the ballots CSV and the pabulib file alike (docs/exports.md).
 *
 * Left out, and why:
 * - Hidden ideas' text (title, description, where) and the reason they were hidden: a hidden idea may name a
 *   person. The idea stays as a stub (id, theme, cost, isHidden) so the ballots that named it and the counts
 *   still add up. Its "you said, we did" decision is withheld too (null): its reason may say why it was hidden.
 * - Comments on a hidden idea: their text is withheld ('' with isOnHiddenIdea), as they may repeat the name.
 * - Moderation notes: hide reasons, and the title as first typed (a facilitator's edit may have taken a name
 *   out); only the text residents were shown is published.
 * - About-you answers: residents' own answers are never exported (json.ts); the summary's cells under
 *   SUPPRESS_BELOW are suppressed by participation(), and suppressed again here, so a small count can never
 *   pass even if a caller hands in figures made some other way.
 * - Anything that links one resident's idea, comment and ballot: participant ids and device ids are dropped
 *   from ideas and comments (`byFacilitator` says only whether a facilitator typed it), and so are their times
 *   (an idea, a comment and a ballot a minute apart on one tablet would link them); each ballot gets a random
 *   pseudonym made afresh for every export (`ballot-<token>`), used for nothing else, and ballots are listed in
 *   pseudonym order so their order says nothing of time either. The devices list (names staff gave tablets) is
 *   left out; the per-device participation figures carry per-export device pseudonyms.
 * Pure: the randomness comes in as `token`, a function returning a fresh random string (cryptoToken outside tests).
 */
import type { PbElection } from '../counting';
import type { SessionView } from '../../doc/session';
import { channelOf } from '../paper';
import { ballotCsvItems, ballotText, toCsv } from './csv';
import type { JSON_FORMAT, JSON_VERSION, JsonBallot, JsonDecision, JsonExport, JsonProposal } from './json';
import { suppressCells, SUPPRESS_BELOW, type AboutYouBreakdown, type Participation } from './participation';

/** The two kinds of export officers choose between. */
export const AUDIENCES = {
  /** Everything, as the council keeps it: who wrote what, hidden ideas, moderation, devices. */
  council: 'council',
  /** Open data: nothing that names a resident or links one resident's records together. */
  publishing: 'publishing',
} as const;
export type Audience = (typeof AUDIENCES)[keyof typeof AUDIENCES];

/** A fresh random string for each call (letters and digits); never derived from the data. */
export type Token = () => string;

/** 12 hex digits from the platform's cryptographic random source (browser and Node alike). */
export function cryptoToken(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(6));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Gives each key a pseudonym `<prefix>-<token>`, the same for the same key within this one export and unique
 * within it; a new pseudonymiser (a new export) gives new ones.
 */
export function pseudonymiser(prefix: string, token: Token): (key: string) => string {
  const given = new Map<string, string>();
  const used = new Set<string>();
  return (key) => {
    const known = given.get(key);
    if (known !== undefined) return known;
    let name = `${prefix}-${token()}`;
    while (used.has(name)) name = `${prefix}-${token()}`;
    given.set(key, name);
    used.add(name);
    return name;
  };
}

export interface PublishedProposal {
  id: string;
  /** The title residents were shown; '' for a hidden idea. */
  title: string;
  /** '' for a hidden idea. */
  description: string;
  themeId: string;
  costPence: number;
  /** '' for a hidden idea. */
  where: string;
  /** True when a facilitator typed it in; false when a resident put it forward. */
  byFacilitator: boolean;
  isHidden: boolean;
  canonicalId: string;
  mergedIds: string[];
  /** The decision in force; null for a hidden idea (withheld). */
  decision: JsonDecision | null;
}

export interface PublishedComment {
  proposalId: string;
  byFacilitator: boolean;
  /** '' when the comment is on a hidden idea. */
  text: string;
  isOnHiddenIdea: boolean;
}

export type PublishedBallot = Omit<JsonBallot, 'participantId' | 'deviceId' | 'castAt'> & {
  /** A random pseudonym for this ballot, new in every export, linked to nothing else. */
  ref: string;
};

export interface PublishedJson {
  format: typeof JSON_FORMAT;
  version: typeof JSON_VERSION;
  audience: 'publishing';
  session: JsonExport['session'];
  settings: JsonExport['settings'];
  participation: Participation;
  results: JsonExport['results'];
  proposals: PublishedProposal[];
  comments: PublishedComment[];
  ballots: PublishedBallot[];
}

/** Suppresses again any about-you cell still showing a count under the threshold. */
function resuppress(q: AboutYouBreakdown): AboutYouBreakdown {
  if (q.cells.every((c) => c.count === null || c.count >= SUPPRESS_BELOW)) return q;
  return { ...q, cells: suppressCells(q.cells.map((c) => ({ option: c.option, count: c.count ?? 0 }))) };
}

/** The participation summary for publishing: device pseudonyms, every small about-you count suppressed. */
export function publishableParticipation(p: Participation, token: Token): Participation {
  const device = pseudonymiser('device', token);
  return {
    ...p,
    byDevice: p.byDevice
      .map((d) => ({ ...d, deviceId: device(d.deviceId) }))
      .sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0)),
    aboutYou: p.aboutYou.map(resuppress),
  };
}

function publishedProposal(p: JsonProposal): PublishedProposal {
  return {
    id: p.id,
    title: p.isHidden ? '' : p.title,
    description: p.isHidden ? '' : p.description,
    themeId: p.themeId,
    costPence: p.costPence,
    where: p.isHidden ? '' : p.where,
    byFacilitator: p.participantId === null,
    isHidden: p.isHidden,
    canonicalId: p.canonicalId,
    mergedIds: [...p.mergedIds],
    decision: p.isHidden ? null : { ...p.decision },
  };
}

const byRef = <T extends { ref: string }>(a: T, b: T): number => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

/** The council's JSON export made fit to publish (module header): a new export, with new pseudonyms. */
export function publishable(exp: JsonExport, token: Token): PublishedJson {
  const hidden = new Set(exp.proposals.filter((p) => p.isHidden).map((p) => p.id));
  const ballotRef = pseudonymiser('ballot', token);
  return {
    format: exp.format,
    version: exp.version,
    audience: 'publishing',
    session: { ...exp.session },
    settings: exp.settings,
    participation: publishableParticipation(exp.participation, token),
    results: exp.results,
    proposals: exp.proposals.map(publishedProposal),
    comments: exp.comments.map((c) => ({
      proposalId: c.proposalId,
      byFacilitator: c.participantId === null,
      text: hidden.has(c.proposalId) ? '' : c.text,
      isOnHiddenIdea: hidden.has(c.proposalId),
    })),
    ballots: exp.ballots
      .map(({ participantId, deviceId: _device, castAt: _at, ...b }) => ({
        ref: ballotRef(participantId),
        ...b,
      }))
      .sort(byRef),
  };
}

/** The export for publishing as text (two-space indented, newline at the end), like exportJsonText. */
export function publishableJsonText(exp: JsonExport, token: Token): string {
  return `${JSON.stringify(publishable(exp, token), null, 2)}\n`;
}

export const PUBLISHED_BALLOTS_COLUMNS = [
  'session_id',
  'ballot_ref',
  'revision',
  'status',
  'reason',
  'proposal_id',
  'points',
  'via',
  'ballot',
  'channel',
] as const;

/**
 * The ballots CSV for publishing: the council's rows (csv.ts) without participant, device or time, each ballot
 * under a random pseudonym (`ballot_ref`) made for this export, ballots in pseudonym order.
 */
export function publishableBallotsCsv(view: SessionView, token: Token): string {
  const ballotRef = pseudonymiser('ballot', token);
  const items = ballotCsvItems(view).map((item) => ({ ref: ballotRef(item.ballot.participantId), item }));
  items.sort(byRef);
  return toCsv(
    PUBLISHED_BALLOTS_COLUMNS,
    items.flatMap(({ ref, item: { ballot: b, status, reason, entries } }) =>
      entries.map((e) => [
        view.records.sessionId,
        ref,
        b.revision,
        status,
        reason,
        e.proposalId,
        e.points,
        e.via,
        ballotText(b),
        channelOf(b),
      ]),
    ),
  );
}

/**
 * A pabulib election fit to publish: each voter_id replaced by a per-export ballot pseudonym, votes in
 * pseudonym order, and no VOTES column but voter_id, vote and points (so no other field about a voter can pass).
 */
export function publishablePb(election: PbElection, token: Token): PbElection {
  const ballotRef = pseudonymiser('ballot', token);
  const voterColumns = election.voterColumns.filter(
    (c) => c === 'voter_id' || c === 'vote' || c === 'points',
  );
  const voters = election.voters
    .map((v) => ({
      id: ballotRef(v.id),
      vote: [...v.vote],
      ...(v.points ? { points: [...v.points] } : {}),
      fields: {},
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...election, voterColumns, voters };
}
