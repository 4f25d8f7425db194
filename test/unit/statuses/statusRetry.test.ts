/**
 * Saving a decision again after "not saved" (src/doc/statusCommands.ts StatusAttempt). The office laptop's storage
 * refused "Funded £12,000" on the community garden, so the laptop dropped it, but its sync had already sent it
 * to the council. The connection then dropped, and the council stayed out of reach for longer than the officer
 * view waits for it (15 s), so the retry could not see the council's copy. Before, the retry wrote a second,
 * identical record: the idea's history showed the decision twice, on the laptop and for every officer. Now the
 * retry names its earlier tries and stands for them wherever they are: one decision in the history, and the one
 * the officer last saved is the one in force.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProposal } from '../../../src/doc/commands';
import { viewSession } from '../../../src/doc/session';
import { setProposalStatus, type StatusAttempt } from '../../../src/doc/statusCommands';
import { exportJson } from '../../../src/domain/results/json';
import { statusHistory, type StatusInput } from '../../../src/domain/statusRules';
import { UpdateGate } from '../../../src/server/validation';
import { saveStatusTry } from '../../../src/ui/officer/status/statusForm';
import { MAX_STAMP } from '../../../src/domain/order';
import type { ProposalStatus } from '../../../src/domain/types';
import { createdSession, exchange, replicaOf, testContext } from '../helpers/session';

const FUNDED: Omit<StatusInput, 'proposalId'> = { status: 'funded', amountPence: 1_200_000, reason: '' };
const SHORTLISTED: Omit<StatusInput, 'proposalId'> = { status: 'shortlisted', amountPence: null, reason: '' };
const NOT_TAKEN: Omit<StatusInput, 'proposalId'> = {
  status: 'not-taken-forward',
  amountPence: null,
  reason: 'Costs more than the pot',
};

/** A forger's copy of the council's document: `send` puts records through the council's gate, as an officer device. */
function forgerOf(council: Y.Doc, laptop: Y.Doc) {
  const forger = replicaOf(council);
  const send = (...records: ProposalStatus[]) => {
    const before = Y.encodeStateVector(council);
    forger.transact(() => {
      for (const r of records) forger.getMap('statuses').set(r.id, r);
    });
    const update = Y.encodeStateAsUpdate(forger, before);
    expect(new UpdateGate('session-1', council).check(update, 'officer')).toEqual([]);
    Y.applyUpdate(council, update);
    exchange(laptop, council);
    exchange(forger, council);
  };
  return send;
}

/** The council's copy and the office laptop's, which has just had a try at a decision refused by storage. */
function refusedDecision(
  first: Omit<StatusInput, 'proposalId'>,
  ...before: Omit<StatusInput, 'proposalId'>[]
) {
  const s = createdSession();
  const garden = addProposal(
    s.doc,
    { title: 'Community garden', description: '', themeId: 'theme-green', costPence: 1_200_000, where: '' },
    null,
    s.ctx,
  );
  const office = testContext('office-pc', { startAt: s.clock.now() + 60_000 });
  for (const decided of before) {
    setProposalStatus(s.doc, { proposalId: garden, ...decided }, office.ctx);
    office.clock.advance();
  }
  office.clock.advance(60_000);
  const council = replicaOf(s.doc);
  const gate = new UpdateGate('session-1', council);
  const laptop = replicaOf(s.doc);
  // The try as the sync saw it: written to the laptop's document and sent, then dropped there when the save failed.
  const tried = replicaOf(laptop);
  setProposalStatus(tried, { proposalId: garden, ...first }, office.ctx, { recordId: 'try-1', earlier: [] });
  const sent = Y.encodeStateAsUpdate(tried, Y.encodeStateVector(council));
  expect(gate.check(sent, 'officer')).toEqual([]);
  Y.applyUpdate(council, sent);
  office.clock.advance(20_000);
  /** The officer's retry on the laptop, then what it sends the council once it is back (which must take it). */
  const retry = (
    again: Omit<StatusInput, 'proposalId'>,
    attempt: StatusAttempt = { recordId: 'try-2', earlier: ['try-1'] },
  ) => {
    const before = Y.encodeStateVector(council);
    setProposalStatus(laptop, { proposalId: garden, ...again }, office.ctx, attempt);
    expect(gate.check(Y.encodeStateAsUpdate(laptop, before), 'officer')).toEqual([]);
    exchange(laptop, council);
  };
  return { council, laptop, retry, garden };
}

/** What officers and exports see of the garden's decision: the history, the decision in force, the JSON export. */
function seen(doc: Y.Doc, garden: string) {
  const view = viewSession(doc)!;
  return {
    history: statusHistory(view.records.statuses, garden).map((r) =>
      `${r.status} ${r.amountPence ?? ''}`.trim(),
    ),
    inForce: view.statuses.get(garden)?.status,
    exported: exportJson(view).proposals.find((p) => p.id === garden)?.decision?.status,
  };
}

describe('saving a decision again after "not saved", the council out of reach', () => {
  it('Given "funded" refused on the laptop but at the council, when the officer saves it again before the council sends it back, then on both the history holds it once', () => {
    const { council, laptop, retry, garden } = refusedDecision(FUNDED);
    retry(FUNDED);
    for (const doc of [laptop, council]) {
      expect(seen(doc, garden)).toEqual({
        history: ['funded 1200000'],
        inForce: 'funded',
        exported: 'funded',
      });
    }
  });

  it('Given the council sent the refused try back before the retry, when the officer saves it again, then the history still holds it once', () => {
    const { council, laptop, retry, garden } = refusedDecision(FUNDED);
    exchange(laptop, council);
    retry(FUNDED);
    for (const doc of [laptop, council]) expect(seen(doc, garden).history).toEqual(['funded 1200000']);
  });

  it('Given "funded" in force and a change to "not taken forward" refused but at the council, when the officer saves "funded" again, then funded stays in force once the council’s copy arrives', () => {
    const { council, laptop, retry, garden } = refusedDecision(
      { status: 'not-taken-forward', amountPence: null, reason: 'Costs more than the pot' },
      FUNDED,
    );
    retry(FUNDED);
    for (const doc of [laptop, council]) {
      // The refused try reached the council, so it is in the history (a try at another decision is never folded
      // away: status records are not signed); the retry, written after it, is in force.
      expect(seen(doc, garden)).toEqual({
        history: ['funded 1200000', 'not-taken-forward', 'funded 1200000'],
        inForce: 'funded',
        exported: 'funded',
      });
    }
  });

  it('Given the officer changes the decision before trying again, then what they saved is in force and the refused try stays in the history below it', () => {
    const { council, laptop, retry, garden } = refusedDecision(FUNDED);
    retry({ status: 'shortlisted', amountPence: null, reason: '' });
    for (const doc of [laptop, council]) {
      expect(seen(doc, garden)).toEqual({
        history: ['shortlisted', 'funded 1200000'],
        inForce: 'shortlisted',
        exported: 'shortlisted',
      });
    }
  });

  it('Given an officer device that labels its records with another officer’s device id and names that officer’s decision, then the decision stays in the history (a review of d9ae205 found it could be taken out)', () => {
    const { council, garden } = refusedDecision(FUNDED);
    const forger = replicaOf(council);
    const forged = (id: string, replaces: string[]) => ({
      id,
      proposalId: garden,
      status: 'not-taken-forward',
      amountPence: null,
      reason: 'Forged',
      deviceId: 'office-pc',
      at: Date.UTC(2025, 3, 14),
      replaces,
    });
    const gate = new UpdateGate('session-1', council);
    const before = Y.encodeStateVector(council);
    forger.transact(() => {
      forger.getMap('statuses').set('x-1', forged('x-1', ['try-1', 'x-2']));
      forger.getMap('statuses').set('x-2', forged('x-2', ['x-1']));
    });
    const update = Y.encodeStateAsUpdate(forger, before);
    expect(gate.check(update, 'officer')).toEqual([]);
    Y.applyUpdate(council, update);
    expect(seen(council, garden).history).toContain('funded 1200000');
  });

  it('Given another device’s decision, when a retry names it, then it stays: a try stands only for this device’s own tries', () => {
    const { council, laptop, garden } = refusedDecision(FUNDED);
    const other = replicaOf(council);
    const elsewhere = testContext('office-2', { startAt: Date.UTC(2025, 3, 13) });
    setProposalStatus(
      other,
      { proposalId: garden, status: 'shortlisted', amountPence: null, reason: '' },
      elsewhere.ctx,
      {
        recordId: 'try-9',
        earlier: ['try-1'],
      },
    );
    exchange(other, council);
    exchange(laptop, council);
    expect(seen(laptop, garden).history).toEqual(['shortlisted', 'funded 1200000']);
  });

  it('Given the editor’s own tries (saveStatusTry, as StatusEditor keeps them), when a second try is refused too and the third saved, then the third names both, and a save of the decision in force with no refused try writes nothing', () => {
    const { council, laptop, garden } = refusedDecision(FUNDED);
    const office = testContext('office-pc', { startAt: Date.UTC(2025, 3, 12, 11), idPrefix: 'editor' });
    // The editor's first try is the one refusedDecision made (try-1, at the council).
    const refused: string[] = ['try-1'];
    const tries = () => ({ earlier: [...refused], wrote: (id: string) => refused.push(id) });
    // The second try, written, sent to the council and dropped: storage refused it too.
    const dropped = replicaOf(laptop);
    const second = saveStatusTry(dropped, { proposalId: garden, ...FUNDED }, office.ctx, tries());
    expect(refused).toEqual(['try-1', second]);
    Y.applyUpdate(council, Y.encodeStateAsUpdate(dropped, Y.encodeStateVector(council)));
    office.clock.advance(30_000);
    const third = saveStatusTry(laptop, { proposalId: garden, ...FUNDED }, office.ctx, tries());
    expect(viewSession(laptop)!.records.statuses.find((r) => r.id === third)?.replaces).toEqual([
      'try-1',
      second,
    ]);
    exchange(laptop, council);
    for (const doc of [laptop, council]) expect(seen(doc, garden).history).toEqual(['funded 1200000']);
    // Saved: the editor forgets its refused tries, and the same decision again writes nothing.
    refused.length = 0;
    expect(saveStatusTry(laptop, { proposalId: garden, ...FUNDED }, office.ctx, tries())).toBe(third);
    expect(refused).toEqual([]);
  });
  it('Given a later decision in force, when a file brings a copy of it stamped 1970 that names it, then the later decision stays in force (a second review of 7c60b84)', () => {
    const { council, laptop, retry, garden } = refusedDecision(FUNDED);
    retry({ status: 'shortlisted', amountPence: null, reason: '' });
    const inForce = viewSession(council)!.statuses.get(garden)!;
    expect(inForce.status).toBe('shortlisted');
    const forger = replicaOf(council);
    forger.getMap('statuses').set('x-old', { ...inForce, id: 'x-old', at: 1, replaces: [inForce.id] });
    exchange(forger, council);
    exchange(council, laptop);
    for (const doc of [council, laptop]) {
      expect(seen(doc, garden).inForce).toBe('shortlisted');
      expect(seen(doc, garden).history).toContain('funded 1200000');
    }
  });
});

describe('a retry or a copy that folds a decision into itself keeps its place in causal order (a review of 2fd98aa)', () => {
  it('Given shortlisted then funded, When "not taken forward" is refused, sent back by the council, and saved again, Then the retry is in force on both', () => {
    const { council, laptop, retry, garden } = refusedDecision(NOT_TAKEN, SHORTLISTED, FUNDED);
    // The council sends the refused try back before the officer saves again: the retry names it (after) too.
    exchange(laptop, council);
    retry(NOT_TAKEN);
    for (const doc of [laptop, council]) {
      expect(seen(doc, garden)).toMatchObject({ inForce: 'not-taken-forward' });
      expect(seen(doc, garden).history).toEqual(['not-taken-forward', 'funded 1200000', 'shortlisted']);
    }
  });

  /** Shortlisted, funded, then "not taken forward" in force on the council's copy, and a forger's copy of it. */
  function decidedThrice() {
    const { council, laptop, retry, garden } = refusedDecision(SHORTLISTED);
    retry(SHORTLISTED);
    for (const again of [FUNDED, NOT_TAKEN]) retry(again, { recordId: `then-${again.status}`, earlier: [] });
    const inForce = viewSession(council)!.statuses.get(garden)!;
    expect(inForce.status).toBe('not-taken-forward');
    const copy: ProposalStatus = { ...inForce };
    delete copy.after;
    return { council, laptop, garden, inForce, copy, send: forgerOf(council, laptop) };
  }

  it('Given "not taken forward" in force after funded, When a device sends a copy of it (same label, decision and stamp, no after) that folds it away, Then "not taken forward" stays in force', () => {
    const { council, laptop, garden, inForce, copy, send } = decidedThrice();
    send({ ...copy, id: 'x-copy', replaces: [inForce.id] });
    for (const doc of [council, laptop]) expect(seen(doc, garden).inForce).toBe('not-taken-forward');
  });

  it('Given "not taken forward" in force, When two copies of it name it and each other, Then one copy stands for it and it stays in force', () => {
    const { council, laptop, garden, inForce, copy, send } = decidedThrice();
    send(
      { ...copy, id: 'x-copy-1', replaces: [inForce.id, 'x-copy-2'] },
      { ...copy, id: 'x-copy-2', replaces: ['x-copy-1'] },
      { ...copy, id: 'x-self', replaces: ['x-self'] },
    );
    for (const doc of [council, laptop]) {
      expect(seen(doc, garden).inForce).toBe('not-taken-forward');
      expect(seen(doc, garden).history.filter((h) => h === 'not-taken-forward')).toHaveLength(2);
    }
  });
});

describe('a retry, the decisions taken on top of its try, and copies naming other ideas (a third review)', () => {
  it('Given a second officer decided "in delivery" on top of a refused try, When the first officer sees that and saves the try again, Then the retry is in force on both', () => {
    const { council, laptop, retry, garden } = refusedDecision(NOT_TAKEN, SHORTLISTED, FUNDED);
    // At the council, a second officer sees the try in force and decides on top of it (its `after` names the try).
    const other = replicaOf(council);
    const office2 = testContext('office-2', { startAt: Date.parse('2030-01-01') });
    setProposalStatus(
      other,
      { proposalId: garden, status: 'in-delivery', amountPence: null, reason: '' },
      office2.ctx,
    );
    exchange(other, council);
    // The laptop gets both back and shows "in delivery"; the officer saves "not taken forward" again, after it.
    exchange(laptop, council);
    expect(seen(laptop, garden).inForce).toBe('in-delivery');
    retry(NOT_TAKEN);
    for (const doc of [laptop, council]) {
      expect(seen(doc, garden)).toMatchObject({
        inForce: 'not-taken-forward',
        exported: 'not-taken-forward',
      });
      expect(seen(doc, garden).history).toEqual([
        'not-taken-forward',
        'in-delivery',
        'funded 1200000',
        'shortlisted',
      ]);
    }
  });

  it('Given a forged "funded" at MAX_STAMP answered by the officer, When a copy of the answer names another idea\'s chain of forged records, Then the answer stays in force', () => {
    const { council, laptop, retry, garden } = refusedDecision(SHORTLISTED);
    retry(SHORTLISTED);
    const other = addProposal(
      laptop,
      { title: 'Benches', description: '', themeId: 'theme-green', costPence: 50_000, where: '' },
      null,
      testContext('office-pc', { startAt: Date.parse('2030-01-01') }).ctx,
    );
    exchange(laptop, council);
    const send = forgerOf(council, laptop);
    const forged = {
      deviceId: 'device-h',
      at: MAX_STAMP,
      status: 'done',
      amountPence: null,
      reason: '',
    } as const;
    send({
      ...forged,
      id: 'zz-forged',
      proposalId: garden,
      status: 'funded',
      amountPence: 500_000_000,
      after: 'made-up',
    });
    // The officer answers after seeing it (capped at MAX_STAMP, naming it).
    retry(NOT_TAKEN, { recordId: 'answer', earlier: [] });
    expect(seen(council, garden).inForce).toBe('not-taken-forward');
    const answer = viewSession(council)!.records.statuses.find((r) => r.id === 'answer')!;
    // A chain of two on another idea at MAX_STAMP, and a copy of the answer that folds it and names that chain.
    send(
      { ...forged, id: 'zzz-a', proposalId: other, after: 'made-up-2' },
      { ...forged, id: 'zzz-b', proposalId: other, after: 'zzz-a' },
      { ...answer, id: '00-copy', replaces: ['answer'], after: 'zzz-b' },
    );
    for (const doc of [council, laptop]) expect(seen(doc, garden).inForce).toBe('not-taken-forward');
  });
});
