/**
 * The kiosk's "What happened to earlier ideas": from the sessions this device holds, only earlier workshops of
 * the same neighbourhood with decided ideas are offered, newest first, as titles and decisions only; a session
 * that received new decisions (its list entry rewritten) is read again. Real Dexie on fake-indexeddb, real docs.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { addComment, addProposal } from '../../../src/doc/commands';
import { endSession } from '../../../src/doc/sessionCommands';
import { setProposalStatus } from '../../../src/doc/statusCommands';
import { viewSession } from '../../../src/doc/session';
import { AppDb } from '../../../src/storage/appDb';
import { MemoryDocStore } from '../../../src/storage/docStore';
import { loadEarlierSessions } from '../../../src/ui/kiosk/earlierIdeas';
import { upsertSessionEntry } from '../../../src/ui/sessionList';
import { createSession } from '../../../src/doc/sessionCommands';
import { testContext, validSettings } from '../helpers/session';

const idea = (title: string) => ({
  title,
  description: 'Private detail',
  themeId: 'theme-green',
  costPence: 100,
  where: '',
});

async function seed(
  db: AppDb,
  docs: MemoryDocStore,
  id: string,
  neighbourhood: string,
  date: string,
  decide: (doc: Y.Doc, ctx: ReturnType<typeof testContext>['ctx'], ideas: string[]) => void,
): Promise<void> {
  const handle = await docs.open(id);
  const { ctx } = testContext(`device-${id}`);
  createSession(
    handle.doc,
    id,
    validSettings({ neighbourhood, date, title: `${neighbourhood} ${date}` }),
    ctx,
  );
  const ideas = ['Community garden', 'Skate park', 'Bench'].map((t) =>
    addProposal(handle.doc, idea(t), null, ctx),
  );
  addComment(handle.doc, { proposalId: ideas[0]!, text: 'Ask Sam at number 4' }, null, ctx);
  decide(handle.doc, ctx, ideas);
  await upsertSessionEntry(db, viewSession(handle.doc)!);
  await handle.close();
}

describe('earlier ideas for the kiosk', () => {
  afterEach(() => vi.useRealTimers());

  it('Given sessions of several places and dates, then only earlier ones of this neighbourhood with decisions are shown, newest first', async () => {
    // The session list's clock (its entries' updatedAt) moves only when the test moves it.
    vi.useFakeTimers({ toFake: ['Date'] });
    const db = new AppDb('codesign-app', { indexedDB: new IDBFactory() });
    const docs = new MemoryDocStore();
    const current = { id: 'now', neighbourhood: 'Northmoor', date: '2026-11-24' };
    await seed(db, docs, 'spring', 'Northmoor', '2026-05-10', (doc, ctx, [garden, skate]) => {
      endSession(doc, ctx);
      setProposalStatus(
        doc,
        { proposalId: garden!, status: 'funded', amountPence: 1_200_000, reason: '' },
        ctx,
      );
      setProposalStatus(
        doc,
        { proposalId: skate!, status: 'not-taken-forward', amountPence: null, reason: 'No site' },
        ctx,
      );
    });
    await seed(db, docs, 'last-year', 'northmoor', '2025-11-01', (doc, ctx, [garden]) => {
      setProposalStatus(doc, { proposalId: garden!, status: 'done', amountPence: null, reason: '' }, ctx);
    });
    await seed(db, docs, 'undecided', 'Northmoor', '2026-01-01', () => undefined);
    await seed(db, docs, 'elsewhere', 'Southmoor', '2026-05-10', (doc, ctx, [garden]) => {
      setProposalStatus(doc, { proposalId: garden!, status: 'done', amountPence: null, reason: '' }, ctx);
    });
    await seed(db, docs, 'later', 'Northmoor', '2027-01-01', (doc, ctx, [garden]) => {
      setProposalStatus(doc, { proposalId: garden!, status: 'done', amountPence: null, reason: '' }, ctx);
    });

    const found = await loadEarlierSessions({ db, docs }, current);
    expect(found.map((s) => s.sessionId)).toEqual(['spring', 'last-year']);
    expect(found[0]!.ideas.map((i) => [i.title, i.status, i.amountPence, i.reason])).toEqual([
      ['Community garden', 'funded', 1_200_000, ''],
      ['Skate park', 'not-taken-forward', null, 'No site'],
    ]);
    expect(JSON.stringify(found)).not.toMatch(/Sam|Private detail/);
    for (const i of found.flatMap((s) => s.ideas)) {
      expect(Object.keys(i).sort()).toEqual(['amountPence', 'proposalId', 'reason', 'status', 'title']);
    }

    // The same session later receives a new decision: its list entry is rewritten and it is read again.
    const handle = await docs.open('spring');
    const { ctx } = testContext('officer', { startAt: Date.UTC(2026, 11, 1) });
    const bench = viewSession(handle.doc)!.proposals.find((p) => p.title === 'Bench')!.id;
    setProposalStatus(
      handle.doc,
      { proposalId: bench, status: 'shortlisted', amountPence: null, reason: '' },
      ctx,
    );
    // Its list entry is written again a day later.
    vi.setSystemTime(Date.now() + 24 * 60 * 60 * 1000);
    await upsertSessionEntry(db, viewSession(handle.doc)!);
    await handle.close();
    const again = await loadEarlierSessions({ db, docs }, current);
    expect(again[0]!.ideas.map((i) => i.title)).toEqual(['Community garden', 'Bench', 'Skate park']);
  });
});
