/**
 * Property: 2 to 4 devices type paper sheets (numbers 1 to 8, some typed on several devices, some typed again
 * with "replace"), and swap updates in random orders with repeats. Once every update has reached every device,
 * all of them hold the same records, and each sheet typed anywhere is exactly one ballot, counted once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { viewSession } from '../../../src/doc/session';
import { isValidationError } from '../../../src/domain/errors';
import { participation } from '../../../src/domain/results/participation';
import { canonicalRecords, replicaOf, testContext } from '../helpers/session';
import { paperSession } from './fixtures';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

const op = fc.oneof(
  fc.record({
    kind: fc.constant('enter' as const),
    device: fc.nat(3),
    sheet: fc.integer({ min: 1, max: 8 }),
    idea: fc.nat(2),
    dots: fc.integer({ min: 1, max: 3 }),
    replace: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(3), to: fc.nat(3), take: fc.nat(6) }),
);

describe('paper sheets across devices (property)', () => {
  it(
    'Given sheets typed on several devices in any order, with repeats, then every device counts each sheet once',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 2, max: 4 }),
          fc.array(op, { minLength: 1, maxLength: 40 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
          (k, ops, order) => {
            const s = paperSession();
            const ideas = [s.ids.I1, s.ids.I2, s.ids.I3];
            const docs = [s.doc, ...Array.from({ length: k - 1 }, () => replicaOf(s.doc))];
            const contexts = docs.map((_, i) => testContext(`device-${i}`, { startAt: s.clock.now() }));
            const sent: Uint8Array[][] = docs.map(() => []);
            docs.forEach((d, i) =>
              d.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && sent[i]!.push(u)),
            );
            const typed = new Set<number>();
            for (const o of ops) {
              if (o.kind === 'enter') {
                const i = o.device % k;
                contexts[i]!.clock.advance();
                try {
                  enterPaperBallot(
                    docs[i]!,
                    {
                      sheet: o.sheet,
                      replace: o.replace,
                      choices: { kind: 'dots', dots: { [ideas[o.idea]!]: o.dots } },
                    },
                    contexts[i]!.ctx,
                  );
                  typed.add(o.sheet);
                } catch (e) {
                  // Only a sheet this device already holds may be refused, and only without "replace".
                  expect(isValidationError(e) && e.code === 'sheetTaken' && !o.replace).toBe(true);
                }
              } else {
                const from = sent[o.from % k]!;
                const to = docs[o.to % k]!;
                for (let n = 0; n < o.take && from.length > 0; n++) {
                  Y.applyUpdate(to, from[(n * 7 + o.take) % from.length]!, 'remote');
                }
              }
            }
            // Everything reaches everyone, in a shuffled order, some updates twice.
            const all = sent.flat();
            for (const d of docs) {
              const shuffled = order
                .map((x) => all[x % Math.max(1, all.length)])
                .filter((u): u is Uint8Array => !!u);
              for (const u of [...shuffled, ...all]) Y.applyUpdate(d, u, 'remote');
            }
            const first = canonicalRecords(docs[0]!);
            for (const d of docs) {
              expect(canonicalRecords(d)).toBe(first);
              const view = viewSession(d)!;
              const paper = view.records.ballots.map((b) => b.participantId).sort();
              expect(paper).toEqual(
                [...typed]
                  .sort((a, b) => a - b)
                  .map((n) => `paper-${n}`)
                  .sort(),
              );
              expect(view.count.counted.length + view.count.excluded.length).toBe(typed.size);
              expect(participation(view).byChannel.paper.residents).toBe(typed.size);
            }
          },
        ),
        { numRuns: 150 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});
