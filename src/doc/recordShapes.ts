/**
 * Structural checks for every record a session document can hold, run on untrusted data (a session file, later
 * a sync update) before it is merged. Shape only: types, text lengths, whole numbers in range, known kinds,
 * record keys matching record ids, and how many records a map may hold, so a hostile file cannot make a screen
 * render megabytes. Rules that need other records (a ballot naming a hidden idea, a pot above the poolable
 * money) stay with the pure functions in src/domain, which exclude and list such records when counting.
 *
 * The checks are small composable functions (`text`, `whole`, `fields`, `variant`, ...) and one table per map,
 * so a new field is one line. They never throw: every problem is reported as `{ map, key, field, problem }`.
 */
import type * as Y from 'yjs';
import { COUNCIL_KEY_LENGTH, ENVELOPE_MAX_LENGTH } from '../domain/answersCrypto';
import { DEVICE_NAME_LENGTH } from '../domain/devices';
import { LIMITS } from '../domain/limits';
import { MAX_IDEA_SEQ, MAX_STAMP } from '../domain/order';
import { MAX_REVISION, MAX_SHEET, sheetOf, PAPER_PREFIX } from '../domain/paper';
import { CHANNELS, PROPOSAL_STATUSES, type SettingsField } from '../domain/types';
import { requireDate } from '../domain/validate';
import { MAPS } from './schema';

export const SHAPE_PROBLEMS = [
  /** A map value that is not a plain object (a number, an array, a nested Yjs type, ...). */
  'notARecord',
  'missing',
  'wrongType',
  /** Required text that is empty. */
  'empty',
  'tooLong',
  /** A list, a map or the whole document holds more than its limit. */
  'tooMany',
  'notWholeNumber',
  'outOfRange',
  'unknownKind',
  'badDate',
  /** The map key differs from the record's own id (a ballot's key must be its participantId). */
  'keyMismatch',
] as const;
export type ShapeProblemCode = (typeof SHAPE_PROBLEMS)[number];

export type MapName = keyof typeof MAPS;
export type RecordMapName = Exclude<MapName, 'meta'>;
export const RECORD_MAPS = [
  'settings',
  'proposals',
  'comments',
  'participants',
  'ballots',
  'moderation',
  'statuses',
  'devices',
  'paperTypings',
] as const satisfies readonly RecordMapName[];

export interface ShapeProblem {
  map: MapName;
  /** The map key (cut to 80 characters). Empty for a problem with the whole map. */
  key: string;
  /** Dotted path inside the record, e.g. `costPence` or `values.themes.3.name`; empty for the record itself. */
  field: string;
  problem: ShapeProblemCode;
}

/** Ids are UUIDs (36 characters) in the app; fixtures and funding streams use short readable ones. */
export const ID_LENGTH = 64;

/** Most records one session may hold, per map: far above a real workshop, far below what would hang a tablet. */
export const MAX_RECORDS: Readonly<Record<RecordMapName, number>> = {
  settings: 1_000,
  proposals: 2_000,
  comments: 20_000,
  participants: 10_000,
  ballots: 10_000,
  moderation: 10_000,
  statuses: 10_000,
  /** Names given to devices: a few per tablet. */
  devices: 2_000,
  /** Every typing of a paper sheet: one per sheet, a few more when sheets are typed again. */
  paperTypings: 20_000,
};

/** checkDocShape stops collecting after this many problems: enough to explain, small enough to show. */
export const MAX_PROBLEMS = 200;

type Report = (field: string, problem: ShapeProblemCode) => void;
/** Reports every problem of `value`, found at `field`. */
export type Check = (value: unknown, field: string, report: Report) => void;

const at = (field: string, name: string): string => (field ? `${field}.${name}` : name);
const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

/** A JSON-like object: not an array, not a class instance (such as a nested Y.Map), no odd prototype. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export const text =
  (max: number, isRequired = false): Check =>
  (v, f, report) => {
    if (typeof v !== 'string') return report(f, 'wrongType');
    if (v.length > max) return report(f, 'tooLong');
    if (isRequired && v.trim().length === 0) report(f, 'empty');
  };

export const whole =
  (min: number, max: number): Check =>
  (v, f, report) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return report(f, 'notWholeNumber');
    if (v < min || v > max) report(f, 'outOfRange');
  };

export const flag: Check = (v, f, report) => {
  if (typeof v !== 'boolean') report(f, 'wrongType');
};

export const nullable =
  (check: Check): Check =>
  (v, f, report) => {
    if (v !== null) check(v, f, report);
  };

export const oneOf =
  (values: readonly string[]): Check =>
  (v, f, report) => {
    if (typeof v !== 'string' || !values.includes(v)) report(f, 'unknownKind');
  };

export const list =
  (item: Check, max: number): Check =>
  (v, f, report) => {
    if (!Array.isArray(v)) return report(f, 'wrongType');
    if (v.length > max) return report(f, 'tooMany');
    v.forEach((x, i) => item(x, at(f, String(i)), report));
  };

/** An object used as a dictionary (a dots ballot, a participant's answers): keys are ids. */
export const dict =
  (value: Check, max: number): Check =>
  (v, f, report) => {
    if (!isPlainObject(v)) return report(f, 'wrongType');
    const entries = Object.entries(v);
    if (entries.length > max) return report(f, 'tooMany');
    for (const [k, x] of entries) {
      if (k.length === 0 || k.length > ID_LENGTH) report(at(f, clip(k)), 'tooLong');
      else value(x, at(f, k), report);
    }
  };

/** An object with these fields; `isPartial` allows any of them to be absent (a settings edit). Extra fields are
 * allowed (a newer app may add optional ones) and ignored by every screen. */
export const fields =
  (shape: Readonly<Record<string, Check>>, isPartial = false): Check =>
  (v, f, report) => {
    if (!isPlainObject(v)) return report(f, f ? 'wrongType' : 'notARecord');
    for (const [name, check] of Object.entries(shape)) {
      if (Object.hasOwn(v, name)) check(v[name], at(f, name), report);
      else if (!isPartial) report(at(f, name), 'missing');
    }
  };

/** A tagged union on `kind`: the common fields plus those of the record's kind. */
export const variant =
  (
    common: Readonly<Record<string, Check>>,
    kinds: Readonly<Record<string, Readonly<Record<string, Check>>>>,
  ): Check =>
  (v, f, report) => {
    if (!isPlainObject(v)) return report(f, f ? 'wrongType' : 'notARecord');
    const kind = v.kind;
    const own = typeof kind === 'string' && Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
    if (!own) return report(at(f, 'kind'), 'unknownKind');
    fields({ ...common, ...own })(v, f, report);
  };

/** Fields that may be absent (an optional field added after the first version); checked when present. */
export const optional =
  (shape: Readonly<Record<string, Check>>): Check =>
  (v, f, report) => {
    if (isPlainObject(v)) fields(shape, true)(v, f, report);
  };

/** Every check, in order, on the same value. */
export const all =
  (...checks: readonly Check[]): Check =>
  (v, f, report) => {
    for (const check of checks) check(v, f, report);
  };

const dateString: Check = (v, f, report) => {
  try {
    requireDate(v, f);
  } catch {
    report(f, 'badDate');
  }
};

const id = text(ID_LENGTH, true);
/** Wall-clock ms: a whole number from 1970 to the end of JavaScript's dates. */
const time = whole(0, MAX_STAMP);
const pence = whole(0, LIMITS.maxPence);
const stamp = { deviceId: id, at: time };
const LANGUAGE_LENGTH = 16;
const channel = oneOf(CHANNELS);
/**
 * A signed record's key and signature (src/domain/recordSigning.ts), base64 of 33 and 64 bytes: 44 and 88
 * characters. Optional: records written before records were signed have neither. Whether the signature is valid
 * is the change rules' question (src/sync/changeRules.ts), not a shape.
 */
const signed = { deviceKey: text(44, true), signature: text(88, true) };

const methodShape = variant(
  {},
  {
    dots: { dotsPerParticipant: whole(1, LIMITS.maxDots), maxDotsPerProposal: whole(1, LIMITS.maxDots) },
    budget: { minSharePercent: whole(0, 100) },
    ranking: { maxRanked: whole(1, LIMITS.maxRanked) },
  },
);

/** Every settings field, so adding one to SessionSettings without a check here fails to compile. */
const SETTINGS_VALUES = {
  title: text(LIMITS.sessionTitleLength, true),
  neighbourhood: text(LIMITS.nameLength, true),
  date: dateString,
  venue: text(LIMITS.nameLength, true),
  fundingStreams: list(
    fields({
      id,
      publicBody: text(LIMITS.nameLength, true),
      service: text(LIMITS.nameLength, true),
      annualPence: pence,
      isPoolable: flag,
    }),
    LIMITS.maxFundingStreams,
  ),
  potPence: pence,
  // A theme's optional `icon` is deliberately not checked here: a picture must never be why a file or an update is
  // refused. Screens only look it up among the pictures they know (never show it as text), and the settings
  // checks drop one that is not an id (keptIcon in src/domain/themeIcons.ts).
  themes: list(fields({ id, name: text(LIMITS.nameLength, true) }), LIMITS.maxThemes),
  method: methodShape,
  languages: list(text(LANGUAGE_LENGTH, true), LIMITS.maxLanguages),
  consentText: text(LIMITS.consentLength, true),
  aboutYou: list(
    fields({
      id,
      text: text(LIMITS.questionLength, true),
      options: list(text(LIMITS.optionLength, true), LIMITS.maxOptions),
    }),
    LIMITS.maxQuestions,
  ),
  wordingLanguage: text(LANGUAGE_LENGTH, true),
  // By language code; within one, by question id (src/domain/wording.ts). Each part optional.
  translations: dict(
    fields(
      {
        consentText: text(LIMITS.consentLength),
        aboutYou: dict(
          fields(
            {
              text: text(LIMITS.questionLength),
              options: list(text(LIMITS.optionLength), LIMITS.maxOptions),
              of: list(text(LIMITS.optionLength), LIMITS.maxOptions),
            },
            true,
          ),
          LIMITS.maxQuestions,
        ),
      },
      true,
    ),
    LIMITS.maxLanguages,
  ),
  // The council's public key as pasted (answersCrypto.ts): its form is checked when the session form saves it.
  councilKey: text(COUNCIL_KEY_LENGTH),
  pin: fields({ saltB64: text(128, true), hashB64: text(128, true), iterations: whole(1, 100_000_000) }),
  isEnded: flag,
} satisfies Record<SettingsField, Check>;

/** The rules a ballot was cast under (`Ballot.castUnder`): a method, a pot, and a minimum no more than the pot. */
const castUnderShape: Check = all(
  fields({ method: methodShape, potPence: pence, minimumPence: pence }),
  (v, f, report) => {
    if (isPlainObject(v) && typeof v.minimumPence === 'number' && typeof v.potPence === 'number') {
      if (v.minimumPence > v.potPence) report(at(f, 'minimumPence'), 'outOfRange');
    }
  },
);

/** A ballot's recorded rules must be for its own kind of ballot. */
const castUnderKind: Check = (v, f, report) => {
  if (!isPlainObject(v) || !isPlainObject(v.castUnder) || !isPlainObject(v.castUnder.method)) return;
  if (v.castUnder.method.kind !== v.kind) report(at(f, 'castUnder.method.kind'), 'unknownKind');
};

const ballotShape: Check = all(
  variant(
    { participantId: id, ...stamp, revision: whole(1, MAX_REVISION) },
    {
      dots: { dots: dict(whole(1, LIMITS.maxDots), LIMITS.maxDots) },
      budget: { selected: list(id, MAX_RECORDS.proposals) },
      ranking: { ranked: list(id, LIMITS.maxRanked) },
    },
  ),
  // `typing`: the paper typing that wrote the ballot (src/domain/paper.ts ownTypings), an id.
  optional({ channel, castUnder: castUnderShape, ...signed, typing: id }),
  castUnderKind,
);

/** Most records one typing of a sheet (or one decision) may replace: far more than a sheet is ever typed. */
export const MAX_REPLACED = 100;

/**
 * The record in force that a settings edit, moderation record, decision or device name took the place of
 * (src/domain/order.ts causalOrder): an id. Absent on the first of its kind and on records of older apps.
 */
const caused = optional({ after: id });

const RECORD_SHAPES: Readonly<Record<RecordMapName, Check>> = {
  settings: all(fields({ id, ...stamp, values: fields(SETTINGS_VALUES, true) }), caused),
  proposals: all(
    fields({
      id,
      ...stamp,
      title: text(LIMITS.titleLength, true),
      description: text(LIMITS.descriptionLength),
      themeId: id,
      costPence: pence,
      where: text(LIMITS.whereLength),
      participantId: nullable(id),
    }),
    // Where the idea is listed (src/domain/order.ts ideaOrder); absent on ideas of apps before it.
    optional({ seq: whole(0, MAX_IDEA_SEQ) }),
  ),
  comments: fields({
    id,
    ...stamp,
    proposalId: id,
    participantId: nullable(id),
    text: text(LIMITS.commentLength, true),
  }),
  participants: all(
    fields({
      id,
      ...stamp,
      language: text(LANGUAGE_LENGTH, true),
      hasConsented: flag,
      answers: dict(text(LIMITS.optionLength, true), LIMITS.maxQuestions),
      finishedAt: nullable(time),
    }),
    // `revision` grows with each write of a signed participant record, so an older signed version cannot be
    // sent again to undo a later one (the change rules want a later revision, as for ballots).
    // `sealedAnswers`: the about-you answers sealed to the council key, an opaque envelope string.
    // `answersErased`: when the council erased the answers (src/domain/erasure.ts), a time like any other.
    optional({
      channel,
      revision: whole(1, 1_000_000),
      sealedAnswers: text(ENVELOPE_MAX_LENGTH, true),
      answersErased: time,
      ...signed,
    }),
  ),
  ballots: ballotShape,
  moderation: all(
    variant(
      { id, ...stamp, proposalId: id },
      {
        hide: { reason: text(LIMITS.reasonLength, true) },
        unhide: {},
        edit: { title: text(LIMITS.titleLength, true), description: text(LIMITS.descriptionLength) },
        merge: { intoId: id },
      },
    ),
    caused,
  ),
  statuses: all(
    fields({
      id,
      ...stamp,
      proposalId: id,
      status: oneOf(PROPOSAL_STATUSES),
      // As setProposalStatus allows (src/domain/statusRules.ts): more than zero, at most the funded limit.
      // Only setProposalStatus bounds a new amount (LIMITS.maxFundedPence): a decision is write-once, so one
      // saved before the bound must still be read, or its whole session would be refused on every new device.
      amountPence: nullable(pence),
      reason: text(LIMITS.reasonLength),
    }),
    // The earlier tries a retry after "not saved" stands for (src/domain/statuses.ts standingStatuses).
    optional({ replaces: list(id, MAX_REPLACED) }),
    caused,
  ),
  devices: all(fields({ id, ...stamp, namedDeviceId: id, name: text(DEVICE_NAME_LENGTH, true) }), caused),
  paperTypings: fields({
    id,
    ...stamp,
    sheet: whole(1, MAX_SHEET),
    replaces: list(id, MAX_REPLACED),
    ballot: ballotShape,
  }),
};

/** The field holding the id each record is stored under. */
const KEY_FIELD: Readonly<Record<RecordMapName, string>> = {
  settings: 'id',
  proposals: 'id',
  comments: 'id',
  participants: 'id',
  ballots: 'participantId',
  moderation: 'id',
  statuses: 'id',
  devices: 'id',
  paperTypings: 'id',
};

const META_SHAPE = fields({
  sessionId: id,
  schemaVersion: whole(1, 1_000_000),
  createdAt: time,
  createdBy: id,
});
/** Meta keys a newer app might add: small plain values only. */
const otherMeta: Check = (v, f, report) => {
  if (typeof v === 'string') text(200)(v, f, report);
  else if (typeof v !== 'number' && typeof v !== 'boolean') report(f, 'wrongType');
};

/** Problems of one record stored under `key` in `map`; an empty list when it is well formed. */
export function checkRecord(map: RecordMapName, key: string, value: unknown): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const report: Report = (field, problem) => problems.push({ map, key: clip(key), field, problem });
  RECORD_SHAPES[map](value, '', report);
  if (isPlainObject(value) && value[KEY_FIELD[map]] !== key) report(KEY_FIELD[map], 'keyMismatch');
  if (isPlainObject(value) && (map === 'participants' || map === 'ballots') && !paperKeyMatches(key, value)) {
    report('channel', 'keyMismatch');
  }
  if (isPlainObject(value) && map === 'paperTypings' && !typingMatches(value)) {
    report('ballot.participantId', 'keyMismatch');
  }
  if (isPlainObject(value) && map === 'paperTypings' && !namesItself(value)) {
    report('ballot.typing', 'keyMismatch');
  }
  return problems;
}

/**
 * Paper records (src/domain/paper.ts) are keyed by their sheet: a record marked paper must be stored under
 * `paper-<sheet>`, and only a paper record may use a key beginning `paper-`.
 */
function paperKeyMatches(key: string, value: Record<string, unknown>): boolean {
  const isPaper = value.channel === 'paper';
  if (isPaper) return sheetOf(key) !== null;
  return !key.startsWith(PAPER_PREFIX);
}

/** A paper typing's ballot is the paper ballot of its own sheet, stamped like the typing. */
function typingMatches(value: Record<string, unknown>): boolean {
  const ballot = value.ballot;
  if (!isPlainObject(ballot) || typeof value.sheet !== 'number') return false;
  return (
    ballot.participantId === `${PAPER_PREFIX}${value.sheet}` &&
    ballot.channel === 'paper' &&
    ballot.deviceId === value.deviceId &&
    ballot.at === value.at
  );
}

/**
 * A paper typing's ballot names no typing (older apps) or this one: one naming another is a copy of that typing
 * under a fresh id, sent again with a `replaces` of the sender's choosing (src/domain/paper.ts ownTypings).
 */
function namesItself(value: Record<string, unknown>): boolean {
  const ballot = value.ballot;
  return !isPlainObject(ballot) || !Object.hasOwn(ballot, 'typing') || ballot.typing === value.id;
}

/**
 * Whether `value` may replace `oldValue` under the same key of a participants or ballots map although another
 * device wrote it, or its ballot revision is not newer: true only when both are paper records (the same sheet
 * typed on two devices, or typed again). The change rules for files and sync (src/sync/changeRules.ts) let such a
 * replacement through (checking its signature when it has one); every other replacement keeps their same-key,
 * newer-revision rule.
 */
export function isPaperReplacement(map: MapName, key: string, oldValue: unknown, value: unknown): boolean {
  if (map !== 'participants' && map !== 'ballots') return false;
  if (!isPlainObject(oldValue) || !isPlainObject(value)) return false;
  return sheetOf(key) !== null && oldValue.channel === 'paper' && value.channel === 'paper';
}

/** Problems of the `meta` map: the four keys every session has, with the right types. */
export function checkMeta(meta: Y.Map<unknown>): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const report: Report = (field, problem) => problems.push({ map: 'meta', key: field, field: '', problem });
  const entries: Record<string, unknown> = {};
  meta.forEach((value, key) => {
    entries[key] = value;
  });
  META_SHAPE(entries, '', report);
  for (const [key, value] of Object.entries(entries)) {
    if (!['sessionId', 'schemaVersion', 'createdAt', 'createdBy'].includes(key))
      otherMeta(value, key, report);
  }
  return problems;
}

export interface CheckDocOptions {
  /** Check only these records (the ones a merge adds or changes); every map's size is checked anyway. */
  keys?: Partial<Record<RecordMapName, Iterable<string>>>;
  /** Skip the meta map (when a merge cannot have changed it). */
  skipMeta?: boolean;
}

/**
 * Every structural problem in the document (at most MAX_PROBLEMS): meta, then each map over its limit (reported
 * once, its records not checked one by one), then each record.
 */
export function checkDocShape(doc: Y.Doc, options: CheckDocOptions = {}): ShapeProblem[] {
  const problems: ShapeProblem[] = options.skipMeta ? [] : checkMeta(doc.getMap<unknown>(MAPS.meta));
  const withinLimit = RECORD_MAPS.filter((name) => {
    if (doc.getMap(MAPS[name]).size <= MAX_RECORDS[name]) return true;
    problems.push({ map: name, key: '', field: '', problem: 'tooMany' });
    return false;
  });
  for (const name of withinLimit) {
    const map = doc.getMap<unknown>(MAPS[name]);
    const only = options.keys ? options.keys[name] : undefined;
    if (options.keys && !only) continue;
    for (const key of only ?? map.keys()) {
      if (problems.length >= MAX_PROBLEMS) return problems.slice(0, MAX_PROBLEMS);
      if (map.has(key)) problems.push(...checkRecord(name, key, map.get(key)));
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}
