/**
 * A model workshop for the merge-correctness properties (issue 3, item 4): K devices, each a Y.Doc copy of one
 * session (or, for some, no copy yet), run random commands and pass their data around by session files
 * (export, read, prepare, apply: the app's own import path) and, in the server property, through the council
 * sync server. The model remembers every record each successful command wrote, so at the end it can say
 * exactly what every device must hold: nothing lost, nothing extra, each participant's last ballot revision.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  CommandOrigin,
  finishParticipant,
  setAnswers,
  startParticipant,
} from '../../../src/doc/commands';
import {
  editProposal,
  hideProposal,
  mergeProposals,
  unhideProposal,
} from '../../../src/doc/moderationCommands';
import { endSession, updateSettings } from '../../../src/doc/sessionCommands';
import { RECORD_MAPS, type RecordMapName } from '../../../src/doc/recordShapes';
import { maps, MAPS, readMeta } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { sessionCounts } from '../../../src/domain/results/participation';
import { isValidationError } from '../../../src/domain/errors';
import type { BallotChoices, PriorityMethod, SessionSettings } from '../../../src/domain/types';
import { applyImport, prepareImport, readSessionFile, type ParsedFile } from '../../../src/sync/sessionFile';
import { canonicalRecords, createdSession, testContext, validSettings } from '../helpers/session';
import { exportFrom, type Tablet } from './workshop';
import { sessionChecks } from '../../../src/doc/sessionChecks';

export const METHODS: readonly PriorityMethod[] = [
  { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
  { kind: 'budget', minSharePercent: 0 },
  { kind: 'budget', minSharePercent: 10 },
  { kind: 'ranking', maxRanked: 3 },
];
const THEMES = validSettings().themes.map((t) => t.id);
const LANGUAGES = validSettings().languages;
const AGE_OPTIONS = ['Under 18', '18 to 64', '65 or over', ''];

/** Device indexes are drawn from 0..4 and taken modulo K. */
const device = fc.nat(4);

export type Command =
  | { kind: 'start'; device: number; language: number }
  | { kind: 'answers'; participant: number; option: number }
  | { kind: 'propose'; device: number; participant: number | null; cost: number; theme: number }
  | { kind: 'comment'; device: number; participant: number | null; proposal: number }
  | { kind: 'ballot'; participant: number; picks: { proposal: number; dots: number }[] }
  | { kind: 'finish'; participant: number }
  | { kind: 'hide'; device: number; proposal: number; isUnhide: boolean }
  | { kind: 'edit'; device: number; proposal: number }
  | { kind: 'merge'; device: number; from: number; into: number }
  | { kind: 'settings'; device: number; field: 'venue' | 'title' | 'potPence' | 'method'; value: number }
  | { kind: 'end'; device: number }
  | { kind: 'tick'; device: number; ms: number };

/** Files between devices: a fresh export (delivered once or twice), an old file again, or several at once. */
export type FileTransfer =
  | { kind: 'send'; from: number; to: number; times: number }
  | { kind: 'old'; file: number; to: number }
  | { kind: 'batch'; files: number[]; to: number };

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('start' as const), device, language: fc.nat(2) }), weight: 15 },
  {
    arbitrary: fc.record({ kind: fc.constant('answers' as const), participant: fc.nat(), option: fc.nat(3) }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('propose' as const),
      device,
      participant: fc.option(fc.nat(), { nil: null }),
      cost: fc.integer({ min: 0, max: 3_000_000 }),
      theme: fc.nat(2),
    }),
    weight: 12,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('comment' as const),
      device,
      participant: fc.option(fc.nat(), { nil: null }),
      proposal: fc.nat(),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('ballot' as const),
      participant: fc.nat(),
      picks: fc.array(fc.record({ proposal: fc.nat(), dots: fc.integer({ min: 1, max: 3 }) }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
    weight: 24,
  },
  { arbitrary: fc.record({ kind: fc.constant('finish' as const), participant: fc.nat() }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('hide' as const),
      device,
      proposal: fc.nat(),
      isUnhide: fc.boolean(),
    }),
    weight: 6,
  },
  { arbitrary: fc.record({ kind: fc.constant('edit' as const), device, proposal: fc.nat() }), weight: 3 },
  {
    arbitrary: fc.record({ kind: fc.constant('merge' as const), device, from: fc.nat(), into: fc.nat() }),
    weight: 9,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('settings' as const),
      device,
      field: fc.constantFrom('venue' as const, 'title' as const, 'potPence' as const, 'method' as const),
      value: fc.integer({ min: 1, max: 10_000_000 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('end' as const), device }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('tick' as const), device, ms: fc.integer({ min: 0, max: 3 }) }),
    weight: 6,
  },
);

export const fileTransferArb: fc.Arbitrary<FileTransfer> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      from: device,
      to: device,
      times: fc.integer({ min: 1, max: 2 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('old' as const), file: fc.nat(), to: device }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('batch' as const),
      files: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      to: device,
    }),
    weight: 1,
  },
);

/** How a workshop starts: K devices, the voting method, which devices (never the first) have no copy yet. */
export interface Setup {
  k: number;
  method: PriorityMethod;
  startsEmpty: boolean[];
  /** Picks how the final transfers are ordered. */
  seed: number;
}

export const setupArb: fc.Arbitrary<Setup> = fc.record({
  k: fc.integer({ min: 2, max: 5 }),
  method: fc.constantFrom(...METHODS),
  // A quarter of the devices (never the first) start with no copy and get the session from a file or the server.
  startsEmpty: fc.array(
    fc.nat(3).map((n) => n === 0),
    { minLength: 5, maxLength: 5 },
  ),
  seed: fc.nat(),
});

/** A small seeded shuffle, so orders are part of the generated case (and shrink with it). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const pick = <T>(list: readonly T[], index: number): T | undefined =>
  list.length === 0 ? undefined : list[index % list.length];

/** JSON with object keys sorted at every depth (arrays keep their order). */
export function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

type Contents = Record<RecordMapName, Map<string, string>>;

/** Every record map of the document, key -> stable JSON of the value. */
export function contentsOf(doc: Y.Doc): Contents {
  const out = {} as Contents;
  for (const map of RECORD_MAPS) {
    const m = new Map<string, string>();
    doc.getMap<unknown>(MAPS[map]).forEach((v, k) => m.set(k, stable(v)));
    out[map] = m;
  }
  return out;
}

/** The figures people see: board rows, the ideas shown, which ballots count and which are excluded. */
export function figures(doc: Y.Doc) {
  const view = viewSession(doc);
  return {
    board: view?.board.map((r) => [r.proposal.id, r.supporters, r.points, r.comments]),
    proposals: view?.proposals.map((v) => [v.id, v.shownTitle, v.isHidden, v.canonicalId, v.mergedIds]),
    counted: view?.count.counted.map((c) => [c.ballot.participantId, c.ballot.revision, [...c.points]]),
    excluded: view?.count.excluded.map((e) => [e.ballot.participantId, e.ballot.revision, e.reason]),
    settings: view ? stable(view.settings) : undefined,
    settingsProblem: (view ? sessionChecks(view).settingsProblem?.code : null) ?? null,
  };
}

export interface Device extends Tablet {
  /** Bumped on every change to the document: tells when a cached export is stale. */
  version: number;
}

interface ArchivedFile {
  bytes: Uint8Array;
  from: number;
}

/** The workshop: devices, what the model expects them to hold, and every file exported so far. */
export class Workshop {
  readonly devices: Device[] = [];
  /** Participants by the order they started, with the device hosting their turn. */
  readonly participants: { id: string; home: number }[] = [];
  /** Every record the commands wrote, as last written on the device that wrote it. */
  readonly expected = {} as Contents;
  /** Every session file exported so far, in order: for late, repeated and reordered delivery. */
  readonly files: ArchivedFile[] = [];
  /** Imports run; those that changed nothing (a file already seen), added the session, replaced a record. */
  readonly stats = { imports: 0, noChange: 0, commands: 0, refused: 0, newSession: 0, replaced: 0 };
  private readonly initial: Uint8Array;
  private readonly commandUpdates: Uint8Array[] = [];
  private readonly exports = new Map<number, { version: number; bytes: Uint8Array }>();

  constructor(
    readonly setup: Setup,
    readonly sessionId = 'session-1',
  ) {
    const origin = createdSession(validSettings({ method: setup.method }), testContext('tablet0'), sessionId);
    // Ideas every device starts with, so devices working apart often act on the same ideas.
    for (const title of ['Job club', 'Youth club', 'Park benches']) {
      const input = { title, description: '', themeId: THEMES[0]!, costPence: 1_000_000, where: '' };
      addProposal(origin.doc, input, null, origin.ctx);
    }
    this.initial = Y.encodeStateAsUpdate(origin.doc);
    for (const map of RECORD_MAPS) this.expected[map] = contentsOf(origin.doc)[map];
    for (let i = 0; i < setup.k; i += 1) {
      const doc = i === 0 ? origin.doc : new Y.Doc();
      if (i > 0 && !setup.startsEmpty[i]) Y.applyUpdate(doc, this.initial, 'office');
      // Clocks drift: each device a little off the first, sometimes on the very same millisecond.
      const context = i === 0 ? origin : testContext(`tablet${i}`, { startAt: origin.clock.now() + (i % 3) });
      const d: Device = { name: `Tablet ${i + 1}`, doc, ctx: context.ctx, clock: context.clock, version: 0 };
      this.watch(d);
      this.devices.push(d);
    }
  }

  private watch(d: Device): void {
    const names = new Map<object, { map: RecordMapName; type: Y.Map<unknown> }>();
    for (const map of RECORD_MAPS) {
      const type = d.doc.getMap<unknown>(MAPS[map]);
      names.set(type, { map, type });
    }
    d.doc.on('update', (update: Uint8Array, origin: unknown) => {
      d.version += 1;
      if (origin instanceof CommandOrigin) this.commandUpdates.push(update);
    });
    // What a command wrote, as it wrote it: the model of what every device must end up holding.
    d.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (!(tr.origin instanceof CommandOrigin)) return;
      tr.changed.forEach((keys, type) => {
        const named = names.get(type);
        if (!named) return;
        const { map } = named;
        for (const key of keys) {
          if (key === null) continue;
          const value: unknown = named.type.get(key);
          expect(value, `a command deleted ${map}.${key}`).toBeDefined();
          this.expected[map].set(key, stable(value));
        }
      });
    });
  }

  get k(): number {
    return this.setup.k;
  }

  private attempt(fn: () => void): void {
    try {
      fn();
      this.stats.commands += 1;
    } catch (e) {
      if (!isValidationError(e)) throw e;
      this.stats.refused += 1;
    }
  }

  private proposalsOn(t: number): string[] {
    return [...maps(this.devices[t]!.doc).proposals.keys()].sort();
  }

  private visibleOn(t: number): string[] {
    return viewSession(this.devices[t]!.doc)?.visible.map((v) => v.id) ?? [];
  }

  /** A resident's turn happens on one device; a facilitator (participant null) can use any. */
  private who(
    index: number | null,
    fallback: number,
  ): { participantId: string | null; d: Device; t: number } {
    const p = index === null ? undefined : pick(this.participants, index);
    const t = p?.home ?? fallback % this.k;
    return { participantId: p?.id ?? null, d: this.devices[t]!, t };
  }

  /** Runs one command; a ValidationError (ended session, hidden idea, bad ballot, no copy yet) is a no-op. */
  run(c: Command): void {
    switch (c.kind) {
      case 'start': {
        const t = c.device % this.k;
        const { doc, ctx } = this.devices[t]!;
        this.attempt(() => {
          const id = startParticipant(doc, { language: LANGUAGES[c.language]!, hasConsented: true }, ctx);
          this.participants.push({ id, home: t });
        });
        return;
      }
      case 'answers': {
        const r = this.who(c.participant, 0);
        if (r.participantId === null) return;
        const id = r.participantId;
        this.attempt(() => setAnswers(r.d.doc, id, { age: AGE_OPTIONS[c.option]! }, r.d.ctx));
        return;
      }
      case 'finish': {
        const r = this.who(c.participant, 0);
        if (r.participantId === null) return;
        const id = r.participantId;
        this.attempt(() => finishParticipant(r.d.doc, id, r.d.ctx));
        return;
      }
      case 'ballot': {
        const r = this.who(c.participant, 0);
        if (r.participantId === null) return;
        const id = r.participantId;
        const method = viewSession(r.d.doc)?.settings.method ?? this.setup.method;
        const visible = this.visibleOn(r.t);
        const chosen = c.picks.flatMap((x) => {
          const p = pick(visible, x.proposal);
          return p === undefined ? [] : [[p, x.dots] as const];
        });
        const ids = [...new Set(chosen.map(([p]) => p))];
        const choices: BallotChoices =
          method.kind === 'dots'
            ? { kind: 'dots', dots: Object.fromEntries(chosen) }
            : method.kind === 'budget'
              ? { kind: 'budget', selected: ids }
              : { kind: 'ranking', ranked: ids };
        this.attempt(() => castBallot(r.d.doc, id, choices, r.d.ctx));
        return;
      }
      case 'propose': {
        const r = this.who(c.participant, c.device);
        const input = {
          title: `Idea ${this.stats.commands}`,
          description: 'Open the youth club longer',
          themeId: THEMES[c.theme]!,
          costPence: c.cost,
          where: '',
        };
        this.attempt(() => void addProposal(r.d.doc, input, r.participantId, r.d.ctx));
        return;
      }
      case 'comment': {
        const r = this.who(c.participant, c.device);
        const proposalId = pick(this.visibleOn(r.t), c.proposal);
        if (proposalId === undefined) return;
        this.attempt(() => void addComment(r.d.doc, { proposalId, text: 'Yes' }, r.participantId, r.d.ctx));
        return;
      }
      case 'tick':
        this.devices[c.device % this.k]!.clock.advance(c.ms);
        return;
    }
    const t = c.device % this.k;
    const { doc, ctx } = this.devices[t]!;
    switch (c.kind) {
      case 'hide': {
        const proposalId = pick(this.proposalsOn(t), c.proposal);
        if (proposalId === undefined) return;
        this.attempt(
          () =>
            void (c.isUnhide
              ? unhideProposal(doc, proposalId, ctx)
              : hideProposal(doc, proposalId, 'Off topic', ctx)),
        );
        return;
      }
      case 'edit': {
        const proposalId = pick(this.proposalsOn(t), c.proposal);
        if (proposalId === undefined) return;
        const input = { title: `Fixed ${ctx.now()}`, description: 'Typo fixed' };
        this.attempt(() => void editProposal(doc, proposalId, input, ctx));
        return;
      }
      case 'merge': {
        const ids = this.proposalsOn(t);
        const [from, into] = [pick(ids, c.from), pick(ids, c.into)];
        if (from === undefined || into === undefined) return;
        this.attempt(() => void mergeProposals(doc, from, into, ctx));
        return;
      }
      case 'settings': {
        const patch: Partial<SessionSettings> =
          c.field === 'potPence'
            ? { potPence: c.value }
            : c.field === 'method'
              ? { method: METHODS[c.value % METHODS.length]! }
              : { [c.field]: `${c.field} ${c.value}` };
        this.attempt(() => updateSettings(doc, patch, ctx));
        return;
      }
      case 'end':
        this.attempt(() => endSession(doc, ctx));
        return;
    }
  }

  /** The device's whole copy as a session file (cached while its document is unchanged); null if it has none. */
  async exportFile(from: number): Promise<Uint8Array | null> {
    const d = this.devices[from]!;
    if (readMeta(d.doc) === null) return null;
    const cached = this.exports.get(from);
    if (cached && cached.version === d.version) return cached.bytes;
    const bytes = await exportFrom(d);
    this.exports.set(from, { version: d.version, bytes });
    this.files.push({ bytes, from });
    return bytes;
  }

  async transfer(x: FileTransfer): Promise<void> {
    const to = x.to % this.k;
    if (x.kind === 'send') {
      const bytes = await this.exportFile(x.from % this.k);
      if (!bytes) return;
      for (let n = 0; n < x.times; n += 1) await this.importFiles([bytes], to);
    } else if (x.kind === 'old') {
      const file = pick(this.files, x.file);
      if (file) await this.importFiles([file.bytes], to);
    } else {
      const files = x.files.flatMap((i) => {
        const f = pick(this.files, i);
        return f ? [f.bytes] : [];
      });
      if (files.length > 0) await this.importFiles(files, to);
    }
  }

  /**
   * Imports files into a device the way the app does: read each, prepare (scratch copy, checks, preview),
   * apply. A legitimate file must never be refused, and the preview must say exactly what the import did.
   */
  async importFiles(files: readonly Uint8Array[], to: number): Promise<void> {
    const target = this.devices[to]!.doc;
    const parsed: ParsedFile[] = [];
    for (const [i, bytes] of files.entries()) {
      parsed.push(await readSessionFile(bytes, { fileName: `file-${i}.codesign` }));
    }
    const isNew = readMeta(target) === null;
    const before = contentsOf(target);
    const snapshot = Y.snapshot(target);
    // "Residents taking part", as the dashboard shows it: what the preview's residents must agree with.
    const residents = (): number => {
      const view = viewSession(target);
      return view ? sessionCounts(view).residents : 0;
    };
    const residentsBefore = residents();
    // A device without the session may prepare against nothing at all (as the app does) or its empty document.
    const against = isNew && parsed.length % 2 === 1 ? null : target;
    const preview = prepareImport(against, parsed.length === 1 ? parsed[0]! : parsed);
    applyImport(target, preview);
    const after = contentsOf(target);
    this.stats.imports += 1;
    if (isNew) this.stats.newSession += 1;

    expect(preview.isNewSession).toBe(isNew);
    expect(preview.sessionId).toBe(this.sessionId);
    expect(readMeta(target)?.sessionId).toBe(this.sessionId);
    expect(preview.hasChanges).toBe(!Y.equalSnapshots(snapshot, Y.snapshot(target)));
    if (!preview.hasChanges) this.stats.noChange += 1;
    for (const map of RECORD_MAPS) {
      const [was, now] = [before[map], after[map]];
      const added = [...now.keys()].filter((key) => !was.has(key)).length;
      const changed = [...now.keys()].filter((key) => was.has(key) && was.get(key) !== now.get(key)).length;
      const lost = [...was.keys()].filter((key) => !now.has(key));
      expect(lost, `${map} lost by an import`).toEqual([]);
      if ((map === 'ballots' || map === 'participants') && changed > 0) this.stats.replaced += 1;
      if (map === 'participants') {
        // Residents, not turns: the dashboard's figure after, and how much it grew (nobody stops taking part).
        const residentsAfter = residents();
        expect(preview.totals.participants, 'residents taking part after').toBe(residentsAfter);
        expect(preview.adds.participants, 'residents added').toBe(residentsAfter - residentsBefore);
        expect(residentsAfter).toBeLessThanOrEqual(now.size);
        // A rewrite with the same content (answers set to what they were) still counts as an updated record.
        expect(preview.updatedParticipants, 'residents updated').toBeLessThanOrEqual(was.size);
        expect(preview.updatedParticipants, 'residents updated').toBeLessThanOrEqual(residentsBefore);
        continue;
      }
      expect(preview.totals[map], `${map} total`).toBe(now.size);
      // A later revision of a ballot already here is no ballot added (the dashboard's count does not grow): its
      // resident is one with newer details (updatedParticipants, bounded above).
      expect(preview.adds[map], `${map} added`).toBe(added);
      if (map !== 'ballots') expect(changed, `${map} records are written once`).toBe(0);
    }
  }

  /** Every device sends its file to every other device, in a shuffled order. */
  async everyoneToEveryone(seed: number): Promise<void> {
    const pairs: [number, number][] = [];
    for (let from = 0; from < this.k; from += 1) {
      for (let to = 0; to < this.k; to += 1) if (from !== to) pairs.push([from, to]);
    }
    for (const [from, to] of shuffled(pairs, seed)) {
      const bytes = await this.exportFile(from);
      if (bytes) await this.importFiles([bytes], to);
    }
  }

  /** Plain Yjs, no files and no server: every command's update applied to the office copy. */
  reference(): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.initial);
    for (const u of this.commandUpdates) Y.applyUpdate(doc, u);
    return doc;
  }

  /**
   * The end state: every document given (the devices', the server's) holds exactly the records the commands
   * wrote (each participant's last record and last ballot revision), the same as a plain Yjs merge of every
   * command, and shows the same figures; each ballot is counted or excluded once.
   */
  checkConverged(docs: readonly Y.Doc[]): void {
    const reference = this.reference();
    const records = canonicalRecords(reference);
    const shown = figures(reference);
    const vector = Y.decodeStateVector(Y.encodeStateVector(reference));
    for (const map of RECORD_MAPS) {
      expect(new Map([...contentsOf(reference)[map]].sort()), `reference ${map}`).toEqual(
        new Map([...this.expected[map]].sort()),
      );
    }
    const ballots = [...this.expected.ballots.keys()].sort();
    expect(ballots.every((id) => this.participants.some((p) => p.id === id))).toBe(true);
    for (const [i, doc] of docs.entries()) {
      const where = `document ${i}`;
      expect(readMeta(doc)?.sessionId, where).toBe(this.sessionId);
      expect(Y.decodeStateVector(Y.encodeStateVector(doc)), where).toEqual(vector);
      expect(canonicalRecords(doc), where).toBe(records);
      const contents = contentsOf(doc);
      for (const map of RECORD_MAPS) {
        expect(new Map([...contents[map]].sort()), `${where} ${map}`).toEqual(
          new Map([...this.expected[map]].sort()),
        );
      }
      expect(figures(doc), where).toEqual(shown);
      const count = viewSession(doc)!.count;
      const seen = [...count.counted, ...count.excluded].map((c) => c.ballot.participantId).sort();
      expect(seen, `${where}: each ballot counted or excluded exactly once`).toEqual(ballots);
      const rows = new Set(viewSession(doc)!.board.map((r) => r.proposal.id));
      for (const c of count.counted) {
        for (const id of c.points.keys())
          expect(rows.has(id), `${where}: points for a shown idea`).toBe(true);
      }
    }
    reference.destroy();
  }
}
