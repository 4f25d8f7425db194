/**
 * Counting is the same whatever order the records merged in (issue 9): three devices, working apart, add ideas,
 * cast ballots (each keeping the rules it was cast under), merge and hide ideas and change the way of voting and
 * the pot; their updates then reach fresh devices in random orders, with repeats. Every device counts the same
 * ballots, leaves out the same ones for the same reasons, shows the same board and writes the same .pb file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProposal, castBallot, startParticipant } from '../../../src/doc/commands';
import { hideProposal, mergeProposals } from '../../../src/doc/moderationCommands';
import { updateSettings } from '../../../src/doc/sessionCommands';
import { viewSession } from '../../../src/doc/session';
import { isValidationError } from '../../../src/domain/errors';
import { sessionToPbText } from '../../../src/domain/results/pb';
import type { PriorityMethod } from '../../../src/domain/types';
import { PROPERTY_BUDGET_MS } from '../helpers/property';
import { createdSession, replicaOf, testContext, validSettings } from '../helpers/session';

const METHODS: PriorityMethod[] = [
  { kind: 'budget', minSharePercent: 70 },
  { kind: 'budget', minSharePercent: 0 },
  { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
  { kind: 'dots', dotsPerParticipant: 3, maxDotsPerProposal: 1 },
  { kind: 'ranking', maxRanked: 3 },
  { kind: 'ranking', maxRanked: 1 },
];

type Step =
  | { kind: 'idea'; costPounds: number }
  | { kind: 'ballot'; picks: number[] }
  | { kind: 'merge'; a: number; b: number }
  | { kind: 'hide'; a: number }
  | { kind: 'method'; m: number }
  | { kind: 'pot'; pounds: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('idea' as const),
      costPounds: fc.integer({ min: 1, max: 30_000 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('ballot' as const),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hide' as const), a: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('method' as const), m: fc.nat({ max: METHODS.length - 1 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('pot' as const),
      pounds: fc.integer({ min: 10_000, max: 100_000 }),
    }),
  },
);

/** Runs one step on a device; a step the rules refuse (a ballot short of the minimum, say) changes nothing. */
function run(doc: Y.Doc, s: Step, t: ReturnType<typeof testContext>): void {
  const view = viewSession(doc)!;
  const ideas = view.visible.map((v) => v.id);
  const all = view.proposals.map((p) => p.id);
  t.clock.advance();
  try {
    if (s.kind === 'idea') {
      addProposal(
        doc,
        { title: 'Idea', description: '', themeId: 'theme-green', costPence: s.costPounds * 100, where: '' },
        null,
        t.ctx,
      );
    } else if (s.kind === 'ballot' && ideas.length > 0) {
      const chosen = [...new Set(s.picks.map((i) => ideas[i % ideas.length]!))];
      const method = view.settings.method;
      const p = startParticipant(doc, { language: 'en', hasConsented: true }, t.ctx);
      if (method.kind === 'dots') {
        castBallot(doc, p, { kind: 'dots', dots: Object.fromEntries(chosen.map((id) => [id, 1])) }, t.ctx);
      } else if (method.kind === 'budget') {
        castBallot(doc, p, { kind: 'budget', selected: chosen }, t.ctx);
      } else {
        castBallot(doc, p, { kind: 'ranking', ranked: chosen }, t.ctx);
      }
    } else if (s.kind === 'merge' && all.length > 1) {
      mergeProposals(doc, all[s.a % all.length]!, all[s.b % all.length]!, t.ctx);
    } else if (s.kind === 'hide' && all.length > 0) {
      hideProposal(doc, all[s.a % all.length]!, 'Not council business', t.ctx);
    } else if (s.kind === 'method') {
      updateSettings(doc, { method: METHODS[s.m]! }, t.ctx);
    } else if (s.kind === 'pot') {
      updateSettings(doc, { potPence: s.pounds * 100 }, t.ctx);
    }
  } catch (e) {
    if (!isValidationError(e)) throw e;
  }
}

function figures(doc: Y.Doc): unknown {
  const v = viewSession(doc)!;
  return {
    counted: v.count.counted.map((c) => [c.ballot.participantId, [...c.points].sort()]),
    excluded: v.count.excluded.map((e) => [e.ballot.participantId, e.reason, e.params]),
    board: v.board.map((r) => [r.proposal.id, r.supporters, r.points]),
    pb: sessionToPbText(v, 'greedy'),
  };
}

describe('Counting ballots with the rules they were cast under', () => {
  it(
    'Given three devices working apart, when their updates reach other devices in any order, with repeats, then every device counts and leaves out the same ballots',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.array(step, { maxLength: 12 }), { minLength: 3, maxLength: 3 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
          (scripts, orderA, orderB) => {
            const start = createdSession(
              validSettings({ method: METHODS[0]! }),
              testContext('d0', { idPrefix: 'd0' }),
            );
            const updates: Uint8Array[] = [Y.encodeStateAsUpdate(start.doc)];
            scripts.forEach((script, i) => {
              const doc = replicaOf(start.doc);
              doc.on('update', (u: Uint8Array) => updates.push(u));
              const t = testContext(`d${i + 1}`, { idPrefix: `d${i + 1}` });
              for (const s of script) run(doc, s, t);
            });
            const deliver = (order: number[]): Y.Doc => {
              const doc = new Y.Doc();
              for (const n of order) Y.applyUpdate(doc, updates[n % updates.length]!);
              for (const u of updates) Y.applyUpdate(doc, u);
              return doc;
            };
            const reverse = new Y.Doc();
            for (const u of [...updates].reverse()) Y.applyUpdate(reverse, u);
            const expected = figures(reverse);
            expect(figures(deliver(orderA))).toEqual(expected);
            expect(figures(deliver(orderB))).toEqual(expected);
          },
        ),
        { numRuns: 40 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});
