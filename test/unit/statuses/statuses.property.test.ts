/**
 * Property: officers on several devices record statuses for the same ideas, each on its own copy of the
 * session; the updates then reach another device in any order, some of them more than once. Every device that
 * has received everything shows the same effective status for every idea: the latest record in causal order
 * (each device's decisions name the one before on that device: by at, then depth and id).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProposal } from '../../../src/doc/commands';
import { setProposalStatus } from '../../../src/doc/statusCommands';
import { viewSession } from '../../../src/doc/session';
import { MAX_STAMP } from '../../../src/domain/order';
import { standingStatuses } from '../../../src/domain/statuses';
import { PROPOSAL_STATUSES, type ProposalStatus, type ProposalStatusKind } from '../../../src/domain/types';
import { createdSession, replicaOf, testContext } from '../helpers/session';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

interface Decision {
  device: number;
  proposal: number;
  status: ProposalStatusKind;
  /** Wall-clock offset: devices' clocks drift, and two records can share a time. */
  at: number;
}

const decision = fc.record({
  device: fc.integer({ min: 0, max: 2 }),
  proposal: fc.integer({ min: 0, max: 2 }),
  status: fc.constantFrom(...PROPOSAL_STATUSES),
  at: fc.integer({ min: 0, max: 5 }),
});

function inputFor(d: Decision, proposalId: string) {
  if (d.status === 'funded') return { proposalId, status: d.status, amountPence: 1000 + d.at, reason: '' };
  if (d.status === 'not-taken-forward')
    return { proposalId, status: d.status, amountPence: null, reason: `No ${d.at}` };
  return { proposalId, status: d.status, amountPence: null, reason: '' };
}

function effective(doc: Y.Doc): string {
  const view = viewSession(doc)!;
  return JSON.stringify([...view.statuses.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe('status records from several devices', () => {
  it(
    'Given any order and duplication of updates, then every device shows the same effective statuses',
    () => {
      fc.assert(
        fc.property(
          fc.array(decision, { minLength: 1, maxLength: 12 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
          (decisions, orderA, orderB) => {
            const s = createdSession();
            const ideas = ['Garden', 'Benches', 'Lights'].map((title) =>
              addProposal(
                s.doc,
                { title, description: '', themeId: 'theme-green', costPence: 500, where: '' },
                null,
                s.ctx,
              ),
            );
            const devices = [0, 1, 2].map((i) => ({
              doc: replicaOf(s.doc),
              ...testContext(`officer-${i}`, { startAt: s.clock.now() }),
            }));
            const updates: Uint8Array[] = [];
            for (const d of decisions) {
              const device = devices[d.device]!;
              device.clock.set(s.clock.now() + d.at * 1000);
              const onUpdate = (u: Uint8Array): void => void updates.push(u);
              device.doc.on('update', onUpdate);
              setProposalStatus(device.doc, inputFor(d, ideas[d.proposal]!), device.ctx);
              device.doc.off('update', onUpdate);
            }
            const receive = (order: number[]): Y.Doc => {
              const doc = replicaOf(s.doc);
              // Any order, with repeats; then everything once more, so the device has received it all.
              for (const i of order) Y.applyUpdate(doc, updates[i % updates.length]!, 'remote');
              for (const u of [...updates].reverse()) Y.applyUpdate(doc, u, 'remote');
              return doc;
            };
            const a = receive(orderA);
            const b = receive(orderB);
            expect(effective(a)).toBe(effective(b));
            // And the effective status is the latest of all records written in causal order: the devices never
            // met, so a record's depth is its place among its own device's decisions on the idea (each is stamped
            // after the one before it there, so its vat is its own stamp): by (at, depth, id), whether it names
            // a record or not.
            for (const id of ideas) {
              const mine = devices
                .flatMap((d) =>
                  viewSession(d.doc)!
                    .records.statuses.filter((r) => r.proposalId === id)
                    .map((r, depth) => ({ r, depth })),
                )
                .sort((x, y) => x.r.at - y.r.at || x.depth - y.depth || (x.r.id < y.r.id ? -1 : 1))
                .map((x) => x.r);
              expect(viewSession(a)!.statuses.get(id)).toEqual(mine.at(-1));
            }
          },
        ),
        { numRuns: 150 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});

describe('status records with retries folding tries, as any sender could write them (a third review)', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const shape = fc.record({
    proposalId: fc.constantFrom('p1', 'p2'),
    deviceId: fc.constantFrom('o1', 'o2'),
    status: fc.constantFrom('shortlisted', 'done'),
    at: fc.constantFrom(1, 2, 3, MAX_STAMP),
    after: fc.option(fc.constantFrom(...ids, 'gone-1', 'gone-2'), { nil: undefined }),
    replaces: fc.subarray([...ids, 'gone-1']),
  });
  const records = fc.array(shape, { minLength: 6, maxLength: 6 }).map((shapes) =>
    shapes.map((x, i): ProposalStatus => ({
      id: ids[i]!,
      proposalId: x.proposalId,
      deviceId: x.deviceId,
      status: x.status,
      amountPence: null,
      reason: '',
      at: x.at,
      ...(x.after === undefined ? {} : { after: x.after }),
      ...(x.replaces.length ? { replaces: x.replaces } : {}),
    })),
  );
  const byId = (a: ProposalStatus, b: ProposalStatus) => (a.id < b.id ? -1 : 1);

  it('Given any records read in any order, Then the same records stand, each read with the same `after`, and folding makes no loop of `after` the records as written do not have', () => {
    fc.assert(
      fc.property(records, fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), (written, keys) => {
        const shuffled = written
          .map((r, i) => ({ r, k: keys[i]! }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.r);
        const read = standingStatuses(written).sort(byId);
        expect(standingStatuses(shuffled).sort(byId)).toEqual(read);
        expect(standingStatuses([...written].reverse()).sort(byId)).toEqual(read);
        // Every loop of `after` as read (among one idea's records: another idea's counts as not held) is one of
        // the records as written, none of them read differently.
        const asRead = new Map(read.map((r) => [r.id, r]));
        const asWritten = new Map(written.map((r) => [r.id, r]));
        for (const start of read) {
          const path: string[] = [];
          let cur: ProposalStatus | undefined = start;
          while (cur && !path.includes(cur.id)) {
            path.push(cur.id);
            const next: ProposalStatus | undefined =
              cur.after === undefined ? undefined : asRead.get(cur.after);
            cur = next?.proposalId === cur.proposalId ? next : undefined;
          }
          if (!cur) continue;
          for (const id of path.slice(path.indexOf(cur.id)))
            expect(asRead.get(id)!.after).toBe(asWritten.get(id)!.after);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
