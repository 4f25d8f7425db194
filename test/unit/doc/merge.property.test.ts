/**
 * Property: K tablets (2 to 5) start from one created session, run a random workshop (residents start, add ideas,
 * comment, cast and re-cast ballots, finish; facilitators hide, unhide, merge and edit settings) on random
 * tablets, and swap updates in random orders with repeats and duplicates. Once every update has reached every
 * tablet, all of them hold the same records and show the same board; the last ballot each resident cast is
 * there, and no resident is counted twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  CommandOrigin,
  finishParticipant,
  startParticipant,
} from '../../../src/doc/commands';
import { hideProposal, mergeProposals, unhideProposal } from '../../../src/doc/moderationCommands';
import { updateSettings } from '../../../src/doc/sessionCommands';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { isValidationError } from '../../../src/domain/errors';
import type { Ballot, BallotChoices, PriorityMethod } from '../../../src/domain/types';
import {
  canonicalRecords,
  createdSession,
  replicaOf,
  testContext,
  validSettings,
  type TestContext,
} from '../helpers/session';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

const METHODS: PriorityMethod[] = [
  { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
  { kind: 'budget', minSharePercent: 0 },
  { kind: 'budget', minSharePercent: 10 },
  { kind: 'ranking', maxRanked: 3 },
];
const THEMES = validSettings().themes.map((t) => t.id);
const LANGUAGES = validSettings().languages;

type Op =
  | { kind: 'start'; replica: number; language: number }
  | { kind: 'propose'; replica: number; participant: number | null; cost: number; theme: number }
  | { kind: 'comment'; replica: number; participant: number | null; proposal: number }
  | { kind: 'ballot'; participant: number; picks: { proposal: number; dots: number }[] }
  | { kind: 'finish'; participant: number }
  | { kind: 'hide'; replica: number; proposal: number; isUnhide: boolean }
  | { kind: 'merge'; replica: number; from: number; into: number }
  | { kind: 'settings'; replica: number; field: 'venue' | 'title' | 'potPence'; value: number }
  | { kind: 'tick'; replica: number; ms: number }
  | { kind: 'sync'; deliveries: { update: number; to: number; times: number }[] };

const replica = fc.nat(4);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('start' as const), replica, language: fc.nat(2) }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('propose' as const),
      replica,
      participant: fc.option(fc.nat(), { nil: null }),
      cost: fc.integer({ min: 0, max: 3_000_000 }),
      theme: fc.nat(2),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('comment' as const),
      replica,
      participant: fc.option(fc.nat(), { nil: null }),
      proposal: fc.nat(),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('ballot' as const),
      participant: fc.nat(),
      picks: fc.array(fc.record({ proposal: fc.nat(), dots: fc.integer({ min: 1, max: 3 }) }), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('finish' as const), participant: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('hide' as const),
      replica,
      proposal: fc.nat(),
      isUnhide: fc.boolean(),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('merge' as const), replica, from: fc.nat(), into: fc.nat() }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('settings' as const),
      replica,
      field: fc.constantFrom('venue' as const, 'title' as const, 'potPence' as const),
      value: fc.integer({ min: 1, max: 10_000_000 }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('tick' as const), replica, ms: fc.integer({ min: 0, max: 3 }) }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      deliveries: fc.array(
        fc.record({ update: fc.nat(), to: replica, times: fc.integer({ min: 1, max: 3 }) }),
        {
          maxLength: 12,
        },
      ),
    }),
    weight: 3,
  },
);

/** A small seeded shuffle, so the final delivery order is part of the generated case (and shrinks with it). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
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

function runWorkshop(k: number, method: PriorityMethod, ops: readonly Op[], seed: number, extra: number[]) {
  const origin = createdSession(validSettings({ method }), testContext('tablet0'));
  // Three ideas every tablet starts with, so tablets working apart often act on the same ideas.
  for (const title of ['Job club', 'Youth club', 'Park benches']) {
    const input = { title, description: '', themeId: THEMES[0]!, costPence: 1_000_000, where: '' };
    addProposal(origin.doc, input, null, origin.ctx);
  }
  const tablets: (TestContext & { doc: Y.Doc })[] = [
    { doc: origin.doc, ctx: origin.ctx, clock: origin.clock },
  ];
  for (let i = 1; i < k; i += 1) {
    // Clocks drift: each tablet starts a little off the first one, sometimes at the very same millisecond.
    tablets.push({
      doc: replicaOf(origin.doc),
      ...testContext(`tablet${i}`, { startAt: origin.clock.now() + (i % 3) }),
    });
  }
  const log: Uint8Array[] = [];
  tablets.forEach(({ doc }) =>
    doc.on('update', (update: Uint8Array, from: unknown) => {
      if (from instanceof CommandOrigin) log.push(update);
    }),
  );
  const participants: { id: string; home: number }[] = [];
  const lastBallot = new Map<string, Ballot>();

  const attempt = (fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      if (!isValidationError(e)) throw e;
    }
  };
  const proposalsOn = (t: number) => [...maps(tablets[t]!.doc).proposals.keys()].sort();
  const visibleOn = (t: number) => viewSession(tablets[t]!.doc)?.visible.map((v) => v.id) ?? [];
  const residentAt = (index: number | null, fallback: number) => {
    const p = index === null ? undefined : pick(participants, index);
    return { participantId: p?.id ?? null, t: p?.home ?? fallback % k };
  };

  for (const op of ops) {
    if (op.kind === 'sync') {
      for (const d of op.deliveries) {
        const update = pick(log, d.update);
        if (!update) continue;
        for (let n = 0; n < d.times; n += 1) Y.applyUpdate(tablets[d.to % k]!.doc, update, 'remote');
      }
      continue;
    }
    if (op.kind === 'ballot' || op.kind === 'finish') {
      // A resident's turn happens on one tablet: their ballot and finish are written there.
      const p = pick(participants, op.participant);
      if (!p) continue;
      const { doc, ctx } = tablets[p.home]!;
      if (op.kind === 'finish') {
        attempt(() => finishParticipant(doc, p.id, ctx));
        continue;
      }
      const visible = visibleOn(p.home);
      const chosen = op.picks.flatMap((x) => {
        const id = pick(visible, x.proposal);
        return id === undefined ? [] : [[id, x.dots] as const];
      });
      const ids = [...new Set(chosen.map(([id]) => id))];
      const choices: BallotChoices =
        method.kind === 'dots'
          ? { kind: 'dots', dots: Object.fromEntries(chosen) }
          : method.kind === 'budget'
            ? { kind: 'budget', selected: ids }
            : { kind: 'ranking', ranked: ids };
      attempt(() => {
        castBallot(doc, p.id, choices, ctx);
        lastBallot.set(p.id, maps(doc).ballots.get(p.id)!);
      });
      continue;
    }
    const t = op.replica % k;
    const { doc, ctx, clock } = tablets[t]!;
    switch (op.kind) {
      case 'tick':
        clock.advance(op.ms);
        break;
      case 'start':
        attempt(() => {
          const id = startParticipant(doc, { language: LANGUAGES[op.language]!, hasConsented: true }, ctx);
          participants.push({ id, home: t });
        });
        break;
      case 'propose': {
        const r = residentAt(op.participant, t);
        const input = {
          title: `Idea ${log.length}`,
          description: '',
          themeId: THEMES[op.theme]!,
          costPence: op.cost,
          where: '',
        };
        attempt(() => addProposal(tablets[r.t]!.doc, input, r.participantId, tablets[r.t]!.ctx));
        break;
      }
      case 'comment': {
        const r = residentAt(op.participant, t);
        const proposalId = pick(visibleOn(r.t), op.proposal);
        if (proposalId === undefined) break;
        attempt(() =>
          addComment(tablets[r.t]!.doc, { proposalId, text: 'Yes' }, r.participantId, tablets[r.t]!.ctx),
        );
        break;
      }
      case 'hide': {
        const proposalId = pick(proposalsOn(t), op.proposal);
        if (proposalId === undefined) break;
        attempt(() =>
          op.isUnhide
            ? unhideProposal(doc, proposalId, ctx)
            : hideProposal(doc, proposalId, 'Off topic', ctx),
        );
        break;
      }
      case 'merge': {
        const [from, into] = [pick(proposalsOn(t), op.from), pick(proposalsOn(t), op.into)];
        if (from === undefined || into === undefined) break;
        attempt(() => mergeProposals(doc, from, into, ctx));
        break;
      }
      case 'settings': {
        const patch =
          op.field === 'potPence' ? { potPence: op.value } : { [op.field]: `${op.field} ${op.value}` };
        attempt(() => updateSettings(doc, patch, ctx));
        break;
      }
    }
  }

  // Finally every update reaches every tablet, in a shuffled order, some of them more than once.
  const deliveries = [...log, ...extra.flatMap((i) => (log.length === 0 ? [] : [log[i % log.length]!]))];
  tablets.forEach(({ doc }, i) => {
    for (const update of shuffled(deliveries, seed + i)) Y.applyUpdate(doc, update, 'remote');
  });
  return { tablets, lastBallot, participants };
}

function boardFigures(doc: Y.Doc) {
  const view = viewSession(doc);
  return {
    board: view?.board.map((r) => [r.proposal.id, r.supporters, r.points, r.comments]),
    visible: view?.visible.map((v) => [v.id, v.shownTitle, v.mergedIds]),
    counted: view?.count.counted.map((c) => [c.ballot.participantId, [...c.points]]),
    excluded: view?.count.excluded.map((e) => [e.ballot.participantId, e.reason]),
    settings: view?.settings,
  };
}

describe('merging tablets in any order', () => {
  it(
    'Given K tablets running a random workshop and swapping updates in random orders with repeats, when every update has arrived, then all agree and no ballot is lost or counted twice',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 2, max: 5 }),
          fc.constantFrom(...METHODS),
          fc.array(opArb, { minLength: 5, maxLength: 60 }),
          fc.nat(),
          fc.array(fc.nat(), { maxLength: 10 }),
          (k, method, ops, seed, extra) => {
            const { tablets, lastBallot, participants } = runWorkshop(k, method, ops, seed, extra);
            const first = tablets[0]!.doc;
            const records = canonicalRecords(first);
            const figures = boardFigures(first);
            for (const { doc } of tablets.slice(1)) {
              expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(first));
              expect(canonicalRecords(doc)).toBe(records);
              expect(boardFigures(doc)).toEqual(figures);
            }
            for (const { doc } of tablets) {
              const ballots = maps(doc).ballots;
              expect(ballots.size).toBe(lastBallot.size);
              for (const [participantId, ballot] of lastBallot)
                expect(ballots.get(participantId)).toEqual(ballot);
              expect(maps(doc).participants.size).toBe(participants.length);
              const count = viewSession(doc)!.count;
              const seen = [...count.counted, ...count.excluded].map((c) => c.ballot.participantId);
              expect(new Set(seen).size).toBe(seen.length);
              expect(seen.length).toBe(lastBallot.size);
            }
          },
        ),
        { numRuns: 300 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});
