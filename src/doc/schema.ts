/**
 * The session document's shape: one Y.Doc per session, top-level Y.Maps, every value a plain object
 * written once under a fresh UUID (see docs/session-document.md for who writes what and how concurrent writes
 * resolve). There are no nested Y types at all, so no device can ever create one lazily and lose another
 * device's contents on merge.
 *
 * Lists are read in the documented order (src/domain/order.ts), never in the order a Y.Map happens to iterate
 * (the order its entries reached this device), so every device lists the same records the same way.
 */
import type * as Y from 'yjs';
import { byBallotOrder, ideaOrder, sortedByStamp } from '../domain/order';
import { standingStatuses } from '../domain/statuses';
import {
  channelOf,
  derivePaperBallots,
  isWithdrawnSheet,
  paperParticipantId,
  paperSheets,
  withdrawnSheets,
  withOlderPaperBallots,
  type PaperSheet,
} from '../domain/paper';
import { unsigned } from '../domain/recordSigning';
import type {
  Ballot,
  Comment,
  DeviceName,
  Moderation,
  PaperTyping,
  Participant,
  Proposal,
  ProposalStatus,
  SessionRecords,
  SettingsEdit,
} from '../domain/types';

/** Bump when the document's shape changes in a way older app versions cannot read safely. */
export const SCHEMA_VERSION = 1;

export const MAPS = {
  meta: 'meta',
  settings: 'settings',
  proposals: 'proposals',
  comments: 'comments',
  participants: 'participants',
  ballots: 'ballots',
  moderation: 'moderation',
  statuses: 'statuses',
  /** Every typing of a paper sheet, under a fresh UUID (src/domain/paper.ts). */
  paperTypings: 'paperTypings',
  devices: 'devices',
} as const;

export interface SessionMeta {
  sessionId: string;
  schemaVersion: number;
  createdAt: number;
  createdBy: string;
  /**
   * The demo session (src/demo): made-up residents, never sent to the council (src/sync/councilScope.ts). Written
   * with the rest of meta when the demo is made, so it travels with the document (a session file of the demo is
   * still the demo on another device); absent in every other session.
   */
  isDemo: boolean;
}

/** Typed handles on the document's maps. */
export function maps(doc: Y.Doc) {
  return {
    meta: doc.getMap<string | number | boolean>(MAPS.meta),
    settings: doc.getMap<SettingsEdit>(MAPS.settings),
    proposals: doc.getMap<Proposal>(MAPS.proposals),
    comments: doc.getMap<Comment>(MAPS.comments),
    participants: doc.getMap<Participant>(MAPS.participants),
    ballots: doc.getMap<Ballot>(MAPS.ballots),
    moderation: doc.getMap<Moderation>(MAPS.moderation),
    statuses: doc.getMap<ProposalStatus>(MAPS.statuses),
    paperTypings: doc.getMap<PaperTyping>(MAPS.paperTypings),
    devices: doc.getMap<DeviceName>(MAPS.devices),
  };
}

export function readMeta(doc: Y.Doc): SessionMeta | null {
  const meta = maps(doc).meta;
  const sessionId = meta.get('sessionId');
  const schemaVersion = meta.get('schemaVersion');
  if (typeof sessionId !== 'string' || typeof schemaVersion !== 'number') return null;
  return {
    sessionId,
    schemaVersion,
    createdAt: Number(meta.get('createdAt') ?? 0),
    createdBy: String(meta.get('createdBy') ?? ''),
    isDemo: meta.get('isDemo') === true,
  };
}

/** A document written by a newer app version: readable, but this version must not write to it. */
export function isNewerSchema(doc: Y.Doc): boolean {
  const meta = readMeta(doc);
  return meta !== null && meta.schemaVersion > SCHEMA_VERSION;
}

function values<T>(map: Y.Map<T>): T[] {
  const out: T[] = [];
  map.forEach((v) => out.push(v));
  return out;
}

/**
 * Each paper sheet's resident as its surviving typing wrote it: the device that typed it and when (deviceId, at,
 * finishedAt), as derivePaperBallots takes the sheet's ballot, not from whichever write of the `paper-<sheet>` key
 * Yjs kept, so the resident is listed under its ballot's device on every device. Where the kept write is another
 * typist's, the record read is no longer the one that device signed, so it is read without the signature.
 */
function withPaperTypists(participants: Participant[], sheets: readonly PaperSheet[]): Participant[] {
  const survivors = new Map(sheets.map((s) => [paperParticipantId(s.sheet), s.survivor]));
  return participants.map((p) => {
    const typing = channelOf(p) === 'paper' ? survivors.get(p.id) : undefined;
    if (!typing || (p.deviceId === typing.deviceId && p.at === typing.at && p.finishedAt === typing.at))
      return p;
    return { ...unsigned(p), deviceId: typing.deviceId, at: typing.at, finishedAt: typing.at };
  });
}

/**
 * Every record in the document, as plain data, each list in the documented order: by (at, id), ideas by
 * (seq, at, id) (ideaOrder), ballots by (at, participant id). A paper sheet's ballot is the one its typings
 * decide (src/domain/paper.ts), and its resident's device and time come from the same typing (withPaperTypists);
 * a sheet whose every typing was withdrawn (a retry under a corrected sheet number) has neither ballot nor
 * participant, and a paper ballot written by an older app without a typing is listed among the typings as one. A decision a retry after "not saved" stands for is left out (src/domain/statuses.ts
 * standingStatuses).
 */
export function readRecords(doc: Y.Doc): SessionRecords {
  const m = maps(doc);
  const meta = readMeta(doc);
  const stored = values(m.ballots);
  const paperTypings = sortedByStamp(withOlderPaperBallots(values(m.paperTypings), stored));
  const withdrawn = withdrawnSheets(paperTypings);
  const sheets = paperSheets(paperTypings);
  return {
    sessionId: meta?.sessionId ?? '',
    schemaVersion: meta?.schemaVersion ?? 0,
    ...(meta?.isDemo === true ? { isDemo: true as const } : {}),
    settingsEdits: sortedByStamp(values(m.settings)),
    proposals: values(m.proposals).sort(ideaOrder(m.proposals.size)),
    comments: sortedByStamp(values(m.comments)),
    participants: sortedByStamp(
      withPaperTypists(
        values(m.participants).filter((p) => !isWithdrawnSheet(p.id, withdrawn)),
        sheets,
      ),
    ),
    ballots: derivePaperBallots(stored, sheets, withdrawn).sort(byBallotOrder),
    moderation: sortedByStamp(values(m.moderation)),
    statuses: sortedByStamp(standingStatuses(values(m.statuses))),
    paperTypings,
    devices: sortedByStamp(values(m.devices)),
  };
}
