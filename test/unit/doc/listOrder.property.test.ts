/**
 * Property: one order everywhere. Two to three devices add ideas, comments, turns with ballots, hide and merge
 * ideas, record decisions, type paper sheets and fix the venue, with clocks that often agree to the millisecond
 * (so ties on `at` are common). Two fresh documents receive every update, each in its own random order. Then the
 * session views are equal, list for list in the same order (Maps compared entry by entry, in order), and the
 * CSV and JSON exports are byte for byte the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  addProposal,
  castBallot,
  finishParticipant,
  startParticipant,
} from '../../../src/doc/commands';
import { hideProposal, mergeProposals } from '../../../src/doc/moderationCommands';
import { updateSettings } from '../../../src/doc/sessionCommands';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { setProposalStatus } from '../../../src/doc/statusCommands';
import { isValidationError } from '../../../src/domain/errors';
import { ballotsCsv, resultsCsv } from '../../../src/domain/results/csv';
import { exportJsonText } from '../../../src/domain/results/json';
import { rulesFor, sessionResults } from '../../../src/domain/results/results';
import { PROPERTY_BUDGET_MS } from '../helpers/property';
import { createdSession, replicaOf, testContext } from '../helpers/session';

const op = fc.record({
  device: fc.nat(2),
  what: fc.constantFrom('idea', 'comment', 'turn', 'hide', 'merge', 'status', 'paper', 'venue', 'sync'),
  a: fc.nat(20),
  b: fc.nat(20),
  tick: fc.constantFrom(0, 0, 1, 1_000),
});

/** JSON keeping the order of every list and of every Map's entries, so "same order" is compared too. */
function ordered(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Map ? { map: [...(v as Map<unknown, unknown>).entries()] } : v,
  );
}

describe('one order on every device (property)', () => {
  it(
    'Given the same updates received in two different orders, then the session views list everything in the same order and the exports are byte-identical',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 2, max: 3 }),
          fc.array(op, { minLength: 1, maxLength: 40 }),
          fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
          fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
          (k, ops, keys1, keys2) => {
            const s = createdSession();
            const docs = [s.doc, ...Array.from({ length: k - 1 }, () => replicaOf(s.doc))];
            const devices = docs.map((_, i) =>
              i === 0 ? s : testContext(`device-${i}`, { startAt: s.clock.now() }),
            );
            const updates: Uint8Array[] = [Y.encodeStateAsUpdate(s.doc)];
            docs.forEach((d) =>
              d.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && updates.push(u)),
            );
            const participants: string[][] = docs.map(() => []);

            for (const o of ops) {
              const i = o.device % k;
              const doc = docs[i]!;
              const { ctx, clock } = devices[i]!;
              clock.advance(o.tick);
              const ideas = [...maps(doc).proposals.keys()].sort();
              const pick = (n: number): string | undefined => ideas[n % Math.max(1, ideas.length)];
              try {
                switch (o.what) {
                  case 'idea':
                    addProposal(
                      doc,
                      {
                        title: `Idea ${o.a}`,
                        description: '',
                        themeId: 'theme-young',
                        costPence: 100_000 * (1 + o.b),
                        where: '',
                      },
                      null,
                      ctx,
                    );
                    break;
                  case 'comment':
                    if (pick(o.a))
                      addComment(doc, { proposalId: pick(o.a)!, text: `Comment ${o.b}` }, null, ctx);
                    break;
                  case 'turn': {
                    const p = startParticipant(doc, { language: 'en', hasConsented: true }, ctx);
                    participants[i]!.push(p);
                    if (pick(o.a))
                      castBallot(doc, p, { kind: 'dots', dots: { [pick(o.a)!]: 1 + (o.b % 3) } }, ctx);
                    finishParticipant(doc, p, ctx);
                    break;
                  }
                  case 'hide':
                    if (pick(o.a)) hideProposal(doc, pick(o.a)!, 'Off topic', ctx);
                    break;
                  case 'merge':
                    if (pick(o.a) && pick(o.b) && pick(o.a) !== pick(o.b))
                      mergeProposals(doc, pick(o.a)!, pick(o.b)!, ctx);
                    break;
                  case 'status':
                    if (pick(o.a))
                      setProposalStatus(
                        doc,
                        { proposalId: pick(o.a)!, status: 'shortlisted', amountPence: null, reason: '' },
                        ctx,
                      );
                    break;
                  case 'paper':
                    if (pick(o.a))
                      enterPaperBallot(
                        doc,
                        {
                          sheet: 1 + (o.b % 4),
                          replace: true,
                          choices: { kind: 'dots', dots: { [pick(o.a)!]: 1 } },
                        },
                        ctx,
                      );
                    break;
                  case 'venue':
                    updateSettings(doc, { venue: `Hall ${o.a}` }, ctx);
                    break;
                  case 'sync': {
                    const other = docs[o.a % k]!;
                    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)), 'remote');
                    break;
                  }
                }
              } catch (e) {
                if (!isValidationError(e)) throw e;
              }
            }

            const receive = (keys: readonly number[]): Y.Doc => {
              const doc = new Y.Doc();
              const shuffled = updates
                .map((u, n) => ({ u, key: keys[n % keys.length]! * 1_000 + n }))
                .sort((x, y) => x.key - y.key);
              for (const { u } of shuffled) Y.applyUpdate(doc, u, 'remote');
              return doc;
            };
            const [one, two] = [receive(keys1), receive(keys2)];
            const [v1, v2] = [viewSession(one)!, viewSession(two)!];
            expect(ordered(v1)).toBe(ordered(v2));
            expect(ballotsCsv(v1)).toBe(ballotsCsv(v2));
            expect(exportJsonText(v1)).toBe(exportJsonText(v2));
            for (const rule of rulesFor(v1.settings.method.kind)) {
              expect(resultsCsv(sessionResults(v1, rule))).toBe(resultsCsv(sessionResults(v2, rule)));
            }
          },
        ),
        { numRuns: 60 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});

describe('one order on every device (example)', () => {
  it('Given two tablets that each added a comment and a turn apart, when two devices receive them in opposite orders, then their maps iterate differently but the session views and exports list them the same way', () => {
    const s = createdSession();
    const idea = addProposal(
      s.doc,
      { title: 'Youth club', description: '', themeId: 'theme-young', costPence: 100_000, where: '' },
      null,
      s.ctx,
    );
    const [a, b] = [replicaOf(s.doc), replicaOf(s.doc)];
    const base = Y.encodeStateAsUpdate(s.doc);
    const A = testContext('tablet-a', { startAt: s.clock.now() + 5_000 });
    const B = testContext('tablet-b', { startAt: s.clock.now() + 1_000 });
    for (const [doc, t] of [
      [a, A],
      [b, B],
    ] as const) {
      addComment(doc, { proposalId: idea, text: `From ${t.ctx.deviceId}` }, null, t.ctx);
      const p = startParticipant(doc, { language: 'en', hasConsented: true }, t.ctx);
      castBallot(doc, p, { kind: 'dots', dots: { [idea]: 1 } }, t.ctx);
    }
    const [fromA, fromB] = [
      Y.encodeStateAsUpdate(a, Y.encodeStateVector(s.doc)),
      Y.encodeStateAsUpdate(b, Y.encodeStateVector(s.doc)),
    ];
    const one = new Y.Doc();
    const two = new Y.Doc();
    for (const u of [base, fromA, fromB]) Y.applyUpdate(one, u);
    for (const u of [base, fromB, fromA]) Y.applyUpdate(two, u);
    const rawOrder = (doc: Y.Doc): string[] => [...maps(doc).comments.values()].map((c) => c.deviceId);
    expect(rawOrder(one)).not.toEqual(rawOrder(two));
    const [v1, v2] = [viewSession(one)!, viewSession(two)!];
    expect(ordered(v1)).toBe(ordered(v2));
    // Tablet B's clock is earlier: its comment is listed first on both.
    expect(v1.records.comments.map((c) => c.deviceId)).toEqual(['tablet-b', 'tablet-a']);
    expect(exportJsonText(v1)).toBe(exportJsonText(v2));
    expect(ballotsCsv(v1)).toBe(ballotsCsv(v2));
  });
});
