/**
 * Every change to a session document goes through one of these named commands. Each one validates first
 * (throwing a ValidationError and leaving the document untouched) and then writes in exactly one
 * `doc.transact(fn, origin)`, so a change is stored, synced and undone as one unit. Ids are random UUIDs made
 * on the device.
 */
import type * as Y from 'yjs';
import { castUnderNow, checkBallot } from '../domain/ballots';
import { ValidationError } from '../domain/errors';
import { LIMITS } from '../domain/limits';
import { proposalViews, resolveMerges, visibleProposals } from '../domain/proposals';
import { effectiveSettings } from '../domain/settings';
import type {
  Ballot,
  BallotChoices,
  Comment,
  Moderation,
  Participant,
  Proposal,
  SessionSettings,
  SettingsEdit,
} from '../domain/types';
import { requireText, validateProposalInput, validateSettings, type ProposalInput } from '../domain/validate';
import { maps, readMeta, readRecords, SCHEMA_VERSION } from './schema';

/** Who is writing and how ids and times are made; tests pass their own. */
export interface CommandContext {
  deviceId: string;
  now: () => number;
  newId: () => string;
}

/** The origin of every command's transaction: lets storage and sync tell local commands from remote updates. */
export class CommandOrigin {
  constructor(
    readonly command: string,
    readonly deviceId: string,
  ) {}
}

export function browserContext(deviceId: string): CommandContext {
  return { deviceId, now: () => Date.now(), newId: () => crypto.randomUUID() };
}

/** Writes one command's change in one transaction with its CommandOrigin (for the command modules). */
export function run(doc: Y.Doc, name: string, ctx: CommandContext, fn: () => void): void {
  doc.transact(fn, new CommandOrigin(name, ctx.deviceId));
}

/** The session's settings if this app version may write to it (ended or not); throws otherwise. */
export function writable(doc: Y.Doc): SessionSettings {
  const meta = readMeta(doc);
  if (meta && meta.schemaVersion > SCHEMA_VERSION) throw new ValidationError('readOnly');
  const settings = effectiveSettings(readRecords(doc).settingsEdits);
  if (!meta || !settings) throw new ValidationError('required', 'session');
  return settings;
}

function open(doc: Y.Doc): SessionSettings {
  const settings = writable(doc);
  if (settings.isEnded) throw new ValidationError('sessionEnded');
  return settings;
}

export function createSession(
  doc: Y.Doc,
  sessionId: string,
  input: SessionSettings,
  ctx: CommandContext,
): void {
  if (readMeta(doc)) throw new ValidationError('required', 'session');
  const settings = validateSettings({ ...input, isEnded: false });
  const edit: SettingsEdit = { id: ctx.newId(), deviceId: ctx.deviceId, at: ctx.now(), values: settings };
  run(doc, 'createSession', ctx, () => {
    const m = maps(doc);
    m.meta.set('sessionId', sessionId);
    m.meta.set('schemaVersion', SCHEMA_VERSION);
    m.meta.set('createdAt', edit.at);
    m.meta.set('createdBy', ctx.deviceId);
    m.settings.set(edit.id, edit);
  });
}

/** Changes some settings. The whole result is validated (e.g. the pot against the new money map). */
export function updateSettings(doc: Y.Doc, patch: Partial<SessionSettings>, ctx: CommandContext): void {
  writeSettings(doc, patch, ctx, 'updateSettings');
}

function writeSettings(doc: Y.Doc, patch: Partial<SessionSettings>, ctx: CommandContext, name: string): void {
  const current = writable(doc);
  const next = validateSettings({ ...current, ...patch });
  const values: Partial<SessionSettings> = {};
  for (const key of Object.keys(patch) as (keyof SessionSettings)[]) {
    (values as Record<string, unknown>)[key] = next[key];
  }
  const edit: SettingsEdit = { id: ctx.newId(), deviceId: ctx.deviceId, at: ctx.now(), values };
  run(doc, name, ctx, () => maps(doc).settings.set(edit.id, edit));
}

export function endSession(doc: Y.Doc, ctx: CommandContext): void {
  writeSettings(doc, { isEnded: true }, ctx, 'endSession');
}

/**
 * A participant's records are only ever written on the device hosting their turn: that is what makes their
 * ballot and their record collision-free when devices merge.
 */
function liveParticipant(doc: Y.Doc, participantId: string, ctx: CommandContext): Participant {
  const p = maps(doc).participants.get(participantId);
  if (!p || p.deviceId !== ctx.deviceId) throw new ValidationError('unknownParticipant', 'participant');
  if (p.finishedAt !== null) throw new ValidationError('participantFinished', 'participant');
  return p;
}

export function addProposal(
  doc: Y.Doc,
  input: ProposalInput,
  participantId: string | null,
  ctx: CommandContext,
): string {
  const settings = open(doc);
  const clean = validateProposalInput(input, settings.themes);
  if (participantId !== null) liveParticipant(doc, participantId, ctx);
  const proposal: Proposal = {
    id: ctx.newId(),
    ...clean,
    participantId,
    deviceId: ctx.deviceId,
    at: ctx.now(),
  };
  run(doc, 'addProposal', ctx, () => maps(doc).proposals.set(proposal.id, proposal));
  return proposal.id;
}

function visibleIds(doc: Y.Doc): Set<string> {
  const r = readRecords(doc);
  return new Set(visibleProposals(proposalViews(r.proposals, r.moderation)).map((v) => v.id));
}

export function addComment(
  doc: Y.Doc,
  input: { proposalId: string; text: string },
  participantId: string | null,
  ctx: CommandContext,
): string {
  open(doc);
  const text = requireText(input.text, 'text', LIMITS.commentLength);
  if (!maps(doc).proposals.has(input.proposalId)) throw new ValidationError('unknownProposal', 'proposalId');
  if (!visibleIds(doc).has(input.proposalId)) throw new ValidationError('proposalHidden', 'proposalId');
  if (participantId !== null) liveParticipant(doc, participantId, ctx);
  const comment: Comment = {
    id: ctx.newId(),
    proposalId: input.proposalId,
    participantId,
    text,
    deviceId: ctx.deviceId,
    at: ctx.now(),
  };
  run(doc, 'addComment', ctx, () => maps(doc).comments.set(comment.id, comment));
  return comment.id;
}

/** A resident agreed to the consent wording and starts their turn. Returns the new anonymous participant id. */
export function startParticipant(
  doc: Y.Doc,
  input: { language: string; hasConsented: boolean },
  ctx: CommandContext,
): string {
  const settings = open(doc);
  if (!input.hasConsented) throw new ValidationError('noConsent', 'consent');
  if (!settings.languages.includes(input.language)) {
    throw new ValidationError('unknownLanguage', 'language', { language: input.language });
  }
  const participant: Participant = {
    id: ctx.newId(),
    language: input.language,
    hasConsented: true,
    answers: {},
    finishedAt: null,
    deviceId: ctx.deviceId,
    at: ctx.now(),
  };
  run(doc, 'startParticipant', ctx, () => maps(doc).participants.set(participant.id, participant));
  return participant.id;
}

/** Optional about-you answers; only questions the session asks and options it offers are accepted. */
export function setAnswers(
  doc: Y.Doc,
  participantId: string,
  answers: Record<string, string>,
  ctx: CommandContext,
): void {
  const settings = open(doc);
  const participant = liveParticipant(doc, participantId, ctx);
  const clean: Record<string, string> = {};
  for (const [questionId, option] of Object.entries(answers)) {
    const q = settings.aboutYou.find((x) => x.id === questionId);
    if (!q) throw new ValidationError('unknownOption', `answers.${questionId}`);
    if (option === '') continue;
    if (!q.options.includes(option)) throw new ValidationError('unknownOption', `answers.${questionId}`);
    clean[questionId] = option;
  }
  // Unchanged answers write nothing: a rewrite would show up as a change when devices merge.
  if (JSON.stringify(clean) === JSON.stringify(participant.answers)) return;
  run(doc, 'setAnswers', ctx, () =>
    maps(doc).participants.set(participantId, { ...participant, answers: clean }),
  );
}

/** Stores (or replaces, during the resident's turn) their ballot. Checked against the method's rules. */
export function castBallot(
  doc: Y.Doc,
  participantId: string,
  choices: BallotChoices,
  ctx: CommandContext,
): void {
  const settings = open(doc);
  liveParticipant(doc, participantId, ctx);
  const r = readRecords(doc);
  const views = visibleProposals(proposalViews(r.proposals, r.moderation));
  const costs = new Map(views.map((v) => [v.id, v.costPence]));
  const rules = { potPence: settings.potPence, costs };
  const clean = checkBallot(settings.method, choices, rules);
  const previous = maps(doc).ballots.get(participantId);
  const ballot: Ballot = {
    ...clean,
    participantId,
    revision: (previous?.revision ?? 0) + 1,
    deviceId: ctx.deviceId,
    at: ctx.now(),
    // The rules just checked, kept with the ballot: counting checks it against these (src/domain/count.ts).
    castUnder: castUnderNow(settings.method, rules),
  };
  run(doc, 'castBallot', ctx, () => maps(doc).ballots.set(participantId, ballot));
}

export function finishParticipant(doc: Y.Doc, participantId: string, ctx: CommandContext): void {
  writable(doc);
  const participant = liveParticipant(doc, participantId, ctx);
  run(doc, 'finishParticipant', ctx, () =>
    maps(doc).participants.set(participantId, { ...participant, finishedAt: ctx.now() }),
  );
}

export function requireProposal(doc: Y.Doc, proposalId: string, field = 'proposalId'): Proposal {
  const p = maps(doc).proposals.get(proposalId);
  if (!p) throw new ValidationError('unknownProposal', field);
  return p;
}

function moderate(doc: Y.Doc, name: string, record: Moderation, ctx: CommandContext): string {
  run(doc, name, ctx, () => maps(doc).moderation.set(record.id, record));
  return record.id;
}

export function hideProposal(doc: Y.Doc, proposalId: string, reason: string, ctx: CommandContext): string {
  writable(doc);
  requireProposal(doc, proposalId);
  const clean = requireText(reason, 'reason', LIMITS.reasonLength);
  const stamp = { id: ctx.newId(), deviceId: ctx.deviceId, at: ctx.now() };
  return moderate(doc, 'hideProposal', { ...stamp, kind: 'hide', proposalId, reason: clean }, ctx);
}

export function unhideProposal(doc: Y.Doc, proposalId: string, ctx: CommandContext): string {
  writable(doc);
  requireProposal(doc, proposalId);
  const stamp = { id: ctx.newId(), deviceId: ctx.deviceId, at: ctx.now() };
  return moderate(doc, 'unhideProposal', { ...stamp, kind: 'unhide', proposalId }, ctx);
}

/** Fixes a typo: the original stays in the proposal record; the edit is shown. */
export function editProposal(
  doc: Y.Doc,
  proposalId: string,
  input: { title: string; description: string },
  ctx: CommandContext,
): string {
  writable(doc);
  requireProposal(doc, proposalId);
  const title = requireText(input.title, 'title', LIMITS.titleLength);
  const description = requireText(input.description, 'description', LIMITS.descriptionLength, false);
  const stamp = { id: ctx.newId(), deviceId: ctx.deviceId, at: ctx.now() };
  return moderate(doc, 'editProposal', { ...stamp, kind: 'edit', proposalId, title, description }, ctx);
}

/** Merges a duplicate into the idea that is kept; the duplicate's supporters count for the kept idea, once each. */
export function mergeProposals(doc: Y.Doc, duplicateId: string, keptId: string, ctx: CommandContext): string {
  writable(doc);
  requireProposal(doc, duplicateId, 'duplicateId');
  requireProposal(doc, keptId, 'keptId');
  const r = readRecords(doc);
  const canonical = resolveMerges(new Set(r.proposals.map((p) => p.id)), r.moderation);
  const keptCanonical = canonical.get(keptId) ?? keptId;
  if (duplicateId === keptId) throw new ValidationError('mergeIntoSelf', 'keptId');
  // Checked before "already the same idea": when the kept idea was merged into the duplicate, both share that
  // canonical id, and the facilitator needs to hear that this merge would go round in a circle.
  if (keptCanonical === duplicateId) throw new ValidationError('mergeCycle', 'keptId');
  if (canonical.get(duplicateId) === keptCanonical) throw new ValidationError('mergeIntoSelf', 'keptId');
  const stamp = { id: ctx.newId(), deviceId: ctx.deviceId, at: ctx.now() };
  return moderate(
    doc,
    'mergeProposals',
    { ...stamp, kind: 'merge', proposalId: duplicateId, intoId: keptId },
    ctx,
  );
}
