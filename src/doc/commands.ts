/**
 * Every change to a session document goes through one of these named commands. Each one validates first
 * (throwing a ValidationError and leaving the document untouched) and then writes in exactly one
 * `doc.transact(fn, origin)`, so a change is stored, synced and undone as one unit. Ids are random UUIDs made
 * on the device.
 *
 * A resident's records that a later write replaces (their participant record, their ballot) are signed by the
 * device's key before that transaction (src/domain/recordSigning.ts; the change rules accept a replacement only
 * with the same key). In the app the key is WebCrypto's, so those commands return a promise there and write once
 * the signature is made; with a synchronous signer (tests) or none they return at once.
 */
import type * as Y from 'yjs';
import { castUnderNow, checkBallot } from '../domain/ballots';
import { ValidationError } from '../domain/errors';
import { LIMITS } from '../domain/limits';
import { nextIdeaSeq } from '../domain/order';
import { proposalViews, visibleProposals } from '../domain/proposals';
import { effectiveSettings } from '../domain/settings';
import {
  signRecordAsync,
  signRecordSync,
  unsigned,
  type AsyncRecordSigner,
  type RecordSigner,
} from '../domain/recordSigning';
import type { Ballot, BallotChoices, Comment, Participant, Proposal, SessionSettings } from '../domain/types';
import { requireText, validateProposalInput, type ProposalInput } from '../domain/validate';
import { maps, readMeta, readRecords, SCHEMA_VERSION } from './schema';

/** Who is writing and how ids and times are made; tests pass their own. */
export interface CommandContext {
  deviceId: string;
  now: () => number;
  newId: () => string;
  /**
   * Signs the records a later write may replace (participants, ballots). Without one they are written unsigned,
   * as by an app older than signing, and nothing may replace them once they leave this device (the demo's made-up
   * residents; tests of other rules).
   */
  signer?: RecordSigner;
}

/** The app's context: the device key signs through WebCrypto, so the signing commands return promises. */
export type DeviceContext = CommandContext & { signer: AsyncRecordSigner };

/**
 * What a signing command returns: a promise when the context signs asynchronously (the app), else the value.
 * A DeviceContext typed as a plain CommandContext still returns a promise: callers that may hold one await the
 * result (the screens' `run` does).
 */
export type Signing<C extends CommandContext, T> = C extends { signer: AsyncRecordSigner } ? Promise<T> : T;

type Maybe<T> = T | Promise<T>;

/** `next(value)`, after `value` settles when it is a promise. */
export function andThen<A, B>(value: Maybe<A>, next: (a: A) => Maybe<B>): Maybe<B> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** `record` signed for `map` of this session by the context's signer (as it is, when there is none). */
export function signFor<T extends object>(
  doc: Y.Doc,
  map: 'participants' | 'ballots',
  record: T,
  ctx: CommandContext,
): Maybe<T> {
  const signer = ctx.signer;
  if (!signer) return record;
  const sessionId = readMeta(doc)?.sessionId ?? '';
  return signer.isAsync
    ? signRecordAsync(signer, sessionId, map, record)
    : signRecordSync(signer, sessionId, map, record);
}

/**
 * Whether `signed` (just signed by the context, or unsigned without a signer) may replace `existing`: the same
 * key signs both. A record of an older app (no key) cannot be replaced by a signed one: the change rules would
 * refuse it everywhere else, so the command refuses it here.
 */
function isSameWriter(existing: { deviceKey?: string }, signed: { deviceKey?: string }): boolean {
  return existing.deviceKey === signed.deviceKey;
}

/** The origin of every command's transaction: lets storage and sync tell local commands from remote updates. */
export class CommandOrigin {
  constructor(
    readonly command: string,
    readonly deviceId: string,
  ) {}
}

/** The app's context: this device's id, and its key (src/storage/deviceKey.ts) to sign with. */
export function browserContext(deviceId: string, signer: AsyncRecordSigner): DeviceContext {
  return { deviceId, now: () => Date.now(), newId: () => crypto.randomUUID(), signer };
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
    // Listed after every idea this device holds, whatever its clock says (ideaOrder).
    seq: nextIdeaSeq(maps(doc).proposals.values()),
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
export function startParticipant<C extends CommandContext>(
  doc: Y.Doc,
  input: { language: string; hasConsented: boolean },
  ctx: C,
): Signing<C, string> {
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
    revision: 1,
  };
  return andThen(signFor(doc, 'participants', participant, ctx), (signed) => {
    run(doc, 'startParticipant', ctx, () => maps(doc).participants.set(signed.id, signed));
    return signed.id;
  }) as Signing<C, string>;
}

/** The participant's record with `change`, its next revision, to be signed afresh. */
function nextParticipant(participant: Participant, change: Partial<Participant>): Participant {
  return { ...unsigned(participant), ...change, revision: (participant.revision ?? 0) + 1 };
}

/**
 * Writes `next` over the participant record `was` once signed, unless the record changed meanwhile (then `again`
 * runs the command anew) or was signed by another key (an older app's record: refused).
 */
function replaceParticipant(
  doc: Y.Doc,
  name: string,
  was: Participant,
  next: Participant,
  ctx: CommandContext,
  again: () => Maybe<void>,
): Maybe<void> {
  return andThen(signFor(doc, 'participants', next, ctx), (signed) => {
    if (maps(doc).participants.get(was.id) !== was) return again();
    if (!isSameWriter(was, signed)) throw new ValidationError('unknownParticipant', 'participant');
    run(doc, name, ctx, () => maps(doc).participants.set(signed.id, signed));
  });
}

/**
 * Optional about-you answers; only questions the session asks and options it offers are accepted.
 *
 * When the session has a council key, the caller seals the same answers first (sealAnswers in
 * src/domain/answersCrypto.ts, asynchronous) and passes the envelope: the record then holds only the envelope
 * and empty `answers`, so the plaintext never enters the document. The answers are still passed to be checked.
 */
export function setAnswers<C extends CommandContext>(
  doc: Y.Doc,
  participantId: string,
  answers: Record<string, string>,
  ctx: C,
  sealed?: string,
): Signing<C, void> {
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
  if (settings.councilKey && sealed === undefined) {
    // A programming mistake, never a resident's: plaintext must not reach the document of such a session.
    throw new Error('setAnswers: this session seals answers to the council key; pass the envelope');
  }
  // Unchanged answers write nothing: a rewrite would show up as a change when devices merge. (A sealed envelope
  // is new each time, so it is always written.)
  if (sealed === undefined && JSON.stringify(clean) === JSON.stringify(participant.answers)) {
    return (ctx.signer?.isAsync ? Promise.resolve() : undefined) as Signing<C, void>;
  }
  const change: Partial<Participant> =
    sealed === undefined ? { answers: clean } : { answers: {}, sealedAnswers: sealed };
  const next = nextParticipant(participant, change);
  // Answers given in the clear replace any envelope from before (the key was taken out of the session meanwhile).
  if (sealed === undefined) delete next.sealedAnswers;
  return replaceParticipant(doc, 'setAnswers', participant, next, ctx, () =>
    setAnswers(doc, participantId, answers, ctx, sealed),
  ) as Signing<C, void>;
}

/** Stores (or replaces, during the resident's turn) their ballot. Checked against the method's rules. */
export function castBallot<C extends CommandContext>(
  doc: Y.Doc,
  participantId: string,
  choices: BallotChoices,
  ctx: C,
): Signing<C, void> {
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
  return andThen(signFor(doc, 'ballots', ballot, ctx), (signed) => {
    // Another cast landed while this one was signed: cast again on top of it, with the next revision.
    if (maps(doc).ballots.get(participantId) !== previous)
      return castBallot(doc, participantId, choices, ctx);
    if (previous && !isSameWriter(previous, signed)) {
      throw new ValidationError('unknownParticipant', 'participant');
    }
    run(doc, 'castBallot', ctx, () => maps(doc).ballots.set(participantId, signed));
  }) as Signing<C, void>;
}

export function finishParticipant<C extends CommandContext>(
  doc: Y.Doc,
  participantId: string,
  ctx: C,
): Signing<C, void> {
  writable(doc);
  const participant = liveParticipant(doc, participantId, ctx);
  const next = nextParticipant(participant, { finishedAt: ctx.now() });
  return replaceParticipant(doc, 'finishParticipant', participant, next, ctx, () =>
    finishParticipant(doc, participantId, ctx),
  ) as Signing<C, void>;
}

export function requireProposal(doc: Y.Doc, proposalId: string, field = 'proposalId'): Proposal {
  const p = maps(doc).proposals.get(proposalId);
  if (!p) throw new ValidationError('unknownProposal', field);
  return p;
}
