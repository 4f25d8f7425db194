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
import { proposalViews, visibleProposals } from '../domain/proposals';
import { effectiveSettings } from '../domain/settings';
import type { Ballot, BallotChoices, Comment, Participant, Proposal, SessionSettings } from '../domain/types';
import { requireText, validateProposalInput, type ProposalInput } from '../domain/validate';
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
