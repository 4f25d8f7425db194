/**
 * The session document's shape: one Y.Doc per session, eight top-level Y.Maps, every value a plain object
 * written once under a fresh UUID (see docs/session-document.md for who writes what and how concurrent writes
 * resolve). There are no nested Y types at all, so no device can ever create one lazily and lose another
 * device's contents on merge.
 */
import type * as Y from 'yjs';
import type {
  Ballot,
  Comment,
  DeviceName,
  Moderation,
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
  devices: 'devices',
} as const;

export interface SessionMeta {
  sessionId: string;
  schemaVersion: number;
  createdAt: number;
  createdBy: string;
}

/** Typed handles on the document's maps. */
export function maps(doc: Y.Doc) {
  return {
    meta: doc.getMap<string | number>(MAPS.meta),
    settings: doc.getMap<SettingsEdit>(MAPS.settings),
    proposals: doc.getMap<Proposal>(MAPS.proposals),
    comments: doc.getMap<Comment>(MAPS.comments),
    participants: doc.getMap<Participant>(MAPS.participants),
    ballots: doc.getMap<Ballot>(MAPS.ballots),
    moderation: doc.getMap<Moderation>(MAPS.moderation),
    statuses: doc.getMap<ProposalStatus>(MAPS.statuses),
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

/** Every record in the document, as plain data. */
export function readRecords(doc: Y.Doc): SessionRecords {
  const m = maps(doc);
  const meta = readMeta(doc);
  return {
    sessionId: meta?.sessionId ?? '',
    schemaVersion: meta?.schemaVersion ?? 0,
    settingsEdits: values(m.settings),
    proposals: values(m.proposals),
    comments: values(m.comments),
    participants: values(m.participants),
    ballots: values(m.ballots),
    moderation: values(m.moderation),
    statuses: values(m.statuses),
    devices: values(m.devices),
  };
}
