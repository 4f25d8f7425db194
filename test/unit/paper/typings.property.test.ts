/**
 * Property: 2 to 4 devices, each with its own clock (some fast, some slow), type sheets 1 to 3, replace them,
 * keep a flagged version, and swap updates in any order. Once every update has reached every device:
 * - all devices agree on each sheet's ballot and on which sheets are flagged;
 * - each sheet's ballot is the typing nobody replaced that ranks highest by the documented rule (revision, then
 *   time, then device id, then record id), checked here against a separate statement of the rule; with honest
 *   devices it also ranks highest of all the sheet's typings;
 * - a replacement (or "Keep this one") wins over every version its device had when it was written;
 * - a sheet is flagged exactly when a typing nobody replaced says something different from the counted one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterPaperBallot, keepPaperTyping } from '../../../src/doc/paperCommands';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { isValidationError } from '../../../src/domain/errors';
import type { Ballot, PaperTyping } from '../../../src/domain/types';
import { PROPERTY_BUDGET_MS } from '../helpers/property';
import { replicaOf, testContext } from '../helpers/session';
import { paperSession } from './fixtures';
import { sessionChecks } from '../../../src/doc/sessionChecks';

const op = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      device: fc.nat(3),
      sheet: fc.integer({ min: 1, max: 3 }),
      idea: fc.nat(2),
      dots: fc.integer({ min: 1, max: 3 }),
      // Replacing settles a sheet: one typing in four, so sheets typed differently last long enough to keep.
      replace: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('keep' as const),
      device: fc.nat(3),
      sheet: fc.nat(3),
      pick: fc.nat(3),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      from: fc.nat(3),
      to: fc.nat(3),
      take: fc.nat(6),
    }),
  },
);

/** The rule as the documentation states it, written apart from the code under test. */
function rank(t: PaperTyping): [number, number, string, string] {
  return [t.ballot.revision, t.at, t.deviceId, t.id];
}
function ranksAbove(a: PaperTyping, b: PaperTyping): boolean {
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! > y[i]!;
  return false;
}
function content(b: Ballot): string {
  if (b.kind !== 'dots') throw new Error('dots only here');
  return JSON.stringify(Object.entries(b.dots).sort(([p], [q]) => (p < q ? -1 : 1)));
}

describe('paper typings across devices (property)', () => {
  it(
    'Given any schedule of typing, replacing, keeping and swapping updates, then every device agrees, the rule picks the survivor, a replacement beats what its device had seen, and a sheet is flagged only when the rule says so',
    () => {
      // How often the interesting cases came up, so a run that never met them fails instead of passing idly.
      const seenCases = { flagged: 0, replaced: 0, kept: 0 };
      fc.assert(
        fc.property(
          fc.integer({ min: 2, max: 4 }),
          fc.array(fc.integer({ min: -300_000, max: 300_000 }), { minLength: 4, maxLength: 4 }),
          fc.array(op, { minLength: 1, maxLength: 30 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
          (k, skews, ops, order) => {
            const s = paperSession();
            const ideas = [s.ids.I1, s.ids.I2, s.ids.I3];
            const docs = [s.doc, ...Array.from({ length: k - 1 }, () => replicaOf(s.doc))];
            const devices = docs.map((_, i) =>
              testContext(`device-${i}`, { startAt: s.clock.now() + skews[i]! }),
            );
            const sent: Uint8Array[][] = docs.map(() => []);
            docs.forEach((d, i) =>
              d.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && sent[i]!.push(u)),
            );
            /** Each replacement's id, with the ids of the typings of its sheet its device held when it was written. */
            const replacements: { id: string; seen: string[] }[] = [];
            const typingsOf = (doc: Y.Doc, sheet: number): PaperTyping[] =>
              [...maps(doc).paperTypings.values()].filter((t) => t.sheet === sheet);
            const newTyping = (doc: Y.Doc, before: ReadonlySet<string>): string =>
              [...maps(doc).paperTypings.keys()].find((id) => !before.has(id))!;

            // Every schedule starts with sheet 1 typed differently on devices 0 and 1 and device 1's file reaching
            // device 0, so "Keep this one" and later typings meet a flagged sheet in most runs.
            const start = [
              { kind: 'type', device: 0, sheet: 1, idea: 0, dots: 1, replace: false },
              { kind: 'type', device: 1, sheet: 1, idea: 1, dots: 2, replace: false },
              { kind: 'sync', from: 1, to: 0, take: 0 },
            ] as const;
            for (const o of [...start, ...ops]) {
              if (o.kind === 'sync') {
                const to = docs[o.to % k]!;
                if (o.take % 2 === 0) {
                  // A whole exchange one way (a session file), or a few of one device's updates in any order.
                  const from = docs[o.from % k]!;
                  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
                  continue;
                }
                const from = sent[o.from % k]!;
                for (let n = 0; n < o.take && from.length > 0; n++) {
                  Y.applyUpdate(to, from[(n * 5 + o.take) % from.length]!, 'remote');
                }
                continue;
              }
              const i = o.device % k;
              const doc = docs[i]!;
              devices[i]!.clock.advance(1_000);
              const before = new Set(maps(doc).paperTypings.keys());
              if (o.kind === 'type') {
                const seen = typingsOf(doc, o.sheet).map((t) => t.id);
                try {
                  enterPaperBallot(
                    doc,
                    {
                      sheet: o.sheet,
                      replace: o.replace,
                      choices: { kind: 'dots', dots: { [ideas[o.idea]!]: o.dots } },
                    },
                    devices[i]!.ctx,
                  );
                } catch (e) {
                  expect(isValidationError(e) && e.code === 'sheetTaken' && !o.replace).toBe(true);
                  continue;
                }
                if (o.replace) replacements.push({ id: newTyping(doc, before), seen });
              } else {
                // "Keep this one" on one of the sheets this device shows as typed differently, if any.
                const conflicts = sessionChecks(viewSession(doc)!).paperConflicts;
                if (conflicts.length === 0) continue;
                const flagged = conflicts[o.sheet % conflicts.length]!;
                const seen = typingsOf(doc, flagged.sheet).map((t) => t.id);
                const pick = flagged.current[o.pick % flagged.current.length]!;
                keepPaperTyping(doc, { sheet: flagged.sheet, typingId: pick.id }, devices[i]!.ctx);
                seenCases.kept++;
                replacements.push({ id: newTyping(doc, before), seen });
              }
            }

            const all = sent.flat();
            for (const d of docs) {
              const shuffled = order.map((x) => all[x % Math.max(1, all.length)]).filter((u) => !!u);
              for (const u of [...shuffled, ...all]) Y.applyUpdate(d, u, 'remote');
            }

            const views = docs.map((d) => viewSession(d)!);
            const first = views[0]!;
            for (const v of views) {
              expect(v.records.ballots).toEqual(first.records.ballots);
              expect(sessionChecks(v).paperConflicts).toEqual(sessionChecks(first).paperConflicts);
            }
            const typings = first.records.paperTypings;
            const byId = new Map(typings.map((t) => [t.id, t]));
            for (const sheet of [1, 2, 3]) {
              const mine = typings.filter((t) => t.sheet === sheet);
              const counted = first.records.ballots.find((b) => b.participantId === `paper-${sheet}`);
              if (mine.length === 0) {
                expect(counted).toBeUndefined();
                continue;
              }
              const replaced = new Set(mine.flatMap((t) => t.replaces));
              const current = mine.filter((t) => !replaced.has(t.id));
              const best = current.reduce((a, b) => (ranksAbove(b, a) ? b : a));
              expect(counted).toEqual(best.ballot);
              // Honest typings: a replaced typing never outranks its replacement, so the best of all is current.
              expect(mine.some((t) => ranksAbove(t, best))).toBe(false);
              const isFlagged = mine.some(
                (t) => !replaced.has(t.id) && content(t.ballot) !== content(best.ballot),
              );
              expect(sessionChecks(first).paperConflicts.some((c) => c.sheet === sheet)).toBe(isFlagged);
            }
            if (sessionChecks(first).paperConflicts.length > 0) seenCases.flagged++;
            if (replacements.length > 0) seenCases.replaced++;
            for (const { id, seen } of replacements) {
              const replacement = byId.get(id)!;
              for (const other of seen) expect(ranksAbove(replacement, byId.get(other)!)).toBe(true);
              expect(replacement.replaces.every((r) => seen.includes(r))).toBe(true);
            }
          },
        ),
        { numRuns: 200 },
      );
      expect(seenCases.flagged).toBeGreaterThan(10);
      expect(seenCases.replaced).toBeGreaterThan(10);
      expect(seenCases.kept).toBeGreaterThan(10);
    },
    PROPERTY_BUDGET_MS,
  );
});
