/**
 * The records a session is made of. Every record is a plain, immutable-once-written object stored under a
 * fresh id in one of the session document's top-level maps (see docs/session-document.md). What the screens
 * show is computed from these records by the pure functions in this folder.
 */

/** Money is always whole pence: integers, never floats. */
export type Pence = number;

/** Who wrote a record and when. `at` is wall-clock ms for people to read; never used for correctness alone. */
export interface Stamp {
  deviceId: string;
  at: number;
}

/**
 * On records of which the latest is in force (settings edits, moderation, decisions, device names): the id of the
 * record in force that this one took the place of when it was written, so it comes after that record whatever
 * the clocks say (src/domain/order.ts causalOrder). Absent when there was none, and on records of older apps.
 */
export interface Caused {
  after?: string;
}

export interface FundingStream {
  id: string;
  /** e.g. "Ashfield City Council", "NHS North Ashfield" */
  publicBody: string;
  /** e.g. "Youth services" */
  service: string;
  annualPence: Pence;
  isPoolable: boolean;
}

export interface Theme {
  id: string;
  name: string;
  /**
   * The theme's picture, an id from THEME_ICONS (src/domain/themeIcons.ts); absent for none. May be an id from a
   * newer app that this one cannot draw: kept, not shown.
   */
  icon?: string;
}

export const METHOD_KINDS = ['dots', 'budget', 'ranking'] as const;
export type MethodKind = (typeof METHOD_KINDS)[number];

export type PriorityMethod =
  /** N dots per participant, at most M on one proposal. */
  | { kind: 'dots'; dotsPerParticipant: number; maxDotsPerProposal: number }
  /** Choose proposals whose costs fit the pot; optionally spend at least minSharePercent of it (0 = no minimum). */
  | { kind: 'budget'; minSharePercent: number }
  /** Order up to maxRanked proposals, favourite first. */
  | { kind: 'ranking'; maxRanked: number };

export interface AboutYouQuestion {
  id: string;
  text: string;
  options: string[];
}

/** One language's wording of a session's own words; each part optional (absent or '': shown as written). */
export interface Wording {
  consentText?: string;
  /** By question id: the question, and its options' labels. */
  aboutYou?: Record<string, QuestionWording>;
}

/**
 * A question in another language. `options[i]` is the label of the question's option `of[i]`, matched by its text
 * (never by position): an option renamed, moved or added after it was translated is shown as typed, so a label can
 * never stand on another option's answer. Wording without `of` (none is written so) shows no labels.
 */
export interface QuestionWording {
  text?: string;
  options?: string[];
  of?: string[];
}

export type Translations = Record<string, Wording>;

/** A PIN as stored: PBKDF2-SHA-256 of the PIN with a random salt. The PIN itself is never stored. */
export interface PinHash {
  saltB64: string;
  hashB64: string;
  iterations: number;
}

export interface SessionSettings {
  title: string;
  neighbourhood: string;
  /** ISO date, YYYY-MM-DD */
  date: string;
  venue: string;
  fundingStreams: FundingStream[];
  potPence: Pence;
  themes: Theme[];
  method: PriorityMethod;
  /** Language codes offered on the welcome screen, e.g. ["en", "cy"]. */
  languages: string[];
  consentText: string;
  aboutYou: AboutYouQuestion[];
  /**
   * The language `consentText` and `aboutYou` are written in (a code of `languages`); absent in sessions made
   * before it existed, which are read as written in their first language (src/domain/wording.ts).
   */
  wordingLanguage?: string;
  /**
   * The same words in the session's other languages, by language code. Anything left out is shown as written.
   * Edits merge language by language (src/domain/settings.ts), so two facilitators translating apart keep both.
   */
  translations?: Translations;
  /**
   * The council's public key for residents' about-you answers ("ncdck1.<kid>.<key>", src/domain/answersCrypto.ts),
   * pasted into the session form; absent or '' means answers are stored in the clear, as before.
   */
  councilKey?: string;
  pin: PinHash;
  isEnded: boolean;
}

export type SettingsField = keyof SessionSettings;

/** One edit of the settings. The session's creation is the first edit and carries every field. */
export interface SettingsEdit extends Stamp, Caused {
  id: string;
  values: Partial<SessionSettings>;
}

export interface Proposal extends Stamp {
  id: string;
  title: string;
  description: string;
  themeId: string;
  costPence: Pence;
  where: string;
  /** The participant who added it, or null when a facilitator typed it in. */
  participantId: string | null;
  /**
   * Where it is listed among ideas (src/domain/order.ts ideaOrder): one more than the largest `seq` of the ideas
   * the adding device held. Absent on ideas of older apps (read as 0).
   */
  seq?: number;
}

export interface Comment extends Stamp {
  id: string;
  proposalId: string;
  participantId: string | null;
  text: string;
}

/**
 * How a ballot reached the session: on a tablet during the resident's turn ('kiosk'), or typed in from a paper
 * sheet by a facilitator or officer ('paper', src/domain/paper.ts). Absent on a record means 'kiosk'.
 */
export const CHANNELS = ['kiosk', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Participant extends Stamp {
  id: string;
  language: string;
  hasConsented: boolean;
  /** question id -> chosen option; only the questions the resident chose to answer. Empty when sealed. */
  answers: Record<string, string>;
  /**
   * The answers sealed to the council key (an envelope string, src/domain/answersCrypto.ts) when the session has
   * one: then `answers` is empty. Only the officer holding the council's private key opens it.
   */
  sealedAnswers?: string;
  finishedAt: number | null;
  /** 'paper' for a paper sheet typed in (id `paper-<sheet>`); absent for a resident at a tablet. */
  channel?: Channel;
  /** When the council erased the answers (src/domain/erasure.ts): `answers` is then empty. */
  answersErased?: number;
  /** Grows with each write of the record (1 when the turn starts); absent on records of older apps. */
  revision?: number;
  /** The writer's public key and signature (src/domain/recordSigning.ts); absent on records of older apps. */
  deviceKey?: string;
  signature?: string;
}

/**
 * The rules a ballot was checked against when it was cast (or a paper sheet typed in), kept with it: counting
 * checks the ballot against these, never against the ideas or settings of a later moment, so a ballot the
 * tablet accepted stays counted (docs/session-document.md, "Ballots and later changes").
 */
export interface CastUnder {
  /** The session's way of voting at that moment, with its numbers. */
  method: PriorityMethod;
  /** The session's pot at that moment. */
  potPence: Pence;
  /** The least the ballot had to spend, as the ballot screen showed it (0: no minimum applied; always 0 for dots
   * and ranking). See minimumSpendPence in src/domain/ballots.ts. */
  minimumPence: Pence;
}

interface BallotBase extends Stamp {
  participantId: string;
  /** Grows each time the resident changes their ballot during their turn (or a paper sheet is typed again). */
  revision: number;
  /** 'paper' for a paper sheet typed in; absent for a ballot cast at a tablet. */
  channel?: Channel;
  /** The rules it was cast under; absent on ballots written by older apps. */
  castUnder?: CastUnder;
  /** The writer's public key and signature (src/domain/recordSigning.ts); absent on ballots of older apps. */
  deviceKey?: string;
  signature?: string;
  /**
   * A paper sheet's ballot only: the id of the typing (`PaperTyping`) that wrote it, under the signature, so a
   * copy of the typing under another id carries a signature for the wrong id (src/domain/paper.ts). Absent on
   * tablet ballots and on typings of older apps.
   */
  typing?: string;
}
export type Ballot =
  | (BallotBase & { kind: 'dots'; dots: Record<string, number> })
  | (BallotBase & { kind: 'budget'; selected: string[] })
  | (BallotBase & { kind: 'ranking'; ranked: string[] });

/**
 * One typing of a paper sheet (src/domain/paper.ts), kept under a fresh UUID in the `paperTypings` map so two
 * devices typing the same sheet apart both keep theirs: `ballot` is the ballot record that typing wrote under
 * `paper-<sheet>`, `replaces` the ids of the typings of that sheet the typist had in front of them when they
 * chose to replace it (empty for a first typing). The sheet's ballot is derived from its typings by a documented
 * rule, never by which write of the `paper-<sheet>` key Yjs kept.
 */
export interface PaperTyping extends Stamp {
  id: string;
  sheet: number;
  replaces: string[];
  ballot: Ballot;
}

/** A ballot's content before it is stamped and stored. */
export type BallotChoices =
  | { kind: 'dots'; dots: Record<string, number> }
  | { kind: 'budget'; selected: string[] }
  | { kind: 'ranking'; ranked: string[] };

interface ModerationRecord extends Stamp, Caused {
  id: string;
}

export type Moderation = ModerationRecord &
  (
    | { kind: 'hide'; proposalId: string; reason: string }
    | { kind: 'unhide'; proposalId: string }
    | { kind: 'edit'; proposalId: string; title: string; description: string }
    /** proposalId is the duplicate; intoId the idea that is kept. */
    | { kind: 'merge'; proposalId: string; intoId: string }
  );

export const PROPOSAL_STATUSES = [
  'submitted',
  'shortlisted',
  'funded',
  'in-delivery',
  'done',
  'not-taken-forward',
] as const;
export type ProposalStatusKind = (typeof PROPOSAL_STATUSES)[number];

/** Written by officers (issue 4); the effective status is the latest in causal order (src/domain/order.ts). */
export interface ProposalStatus extends Stamp, Caused {
  id: string;
  proposalId: string;
  status: ProposalStatusKind;
  amountPence: Pence | null;
  reason: string;
  /**
   * Earlier tries at this decision on the same device, each of which storage refused (the screen said "not
   * saved") but which may have reached the council: this record stands for them (src/domain/statuses.ts
   * `standingStatuses`). Absent on a first try, and in records written before it existed.
   */
  replaces?: string[];
}

/**
 * A name given to a device ("Tablet 3 (blue case)"): `deviceId` (the Stamp) is the device that wrote it,
 * `namedDeviceId` the device it names. The name in force is the latest in causal order (src/domain/devices.ts).
 */
export interface DeviceName extends Stamp, Caused {
  id: string;
  namedDeviceId: string;
  name: string;
}

/** Everything recorded in one session, as plain data read out of the document. */
export interface SessionRecords {
  sessionId: string;
  schemaVersion: number;
  /** The demo session (meta's isDemo); absent in every other session. */
  isDemo?: true;
  settingsEdits: SettingsEdit[];
  proposals: Proposal[];
  comments: Comment[];
  participants: Participant[];
  ballots: Ballot[];
  moderation: Moderation[];
  statuses: ProposalStatus[];
  /** Every typing of a paper sheet; `ballots` already holds each sheet's ballot as derived from them. */
  paperTypings: PaperTyping[];
  /** Names given to devices (src/domain/devices.ts). */
  devices: DeviceName[];
}
