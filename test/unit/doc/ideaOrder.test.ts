/**
 * Idea order and paper idea numbers do not follow tablets' clocks. Ideas are listed by (seq, at, id)
 * (src/domain/order.ts ideaOrder): an idea added after seeing others comes after them, whatever the adding
 * tablet's clock says (reset to 1970, two hours slow). Real Yjs documents, exchanged as devices do.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateGate } from '../../../src/server/validation';
import { splitUpdate } from '../../../src/sync/updateParts';
import { addProposal } from '../../../src/doc/commands';
import { checkDocShape, checkRecord } from '../../../src/doc/recordShapes';
import { maps, readRecords } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { ideaNumbers } from '../../../src/domain/paper';
import { readPaperCsv } from '../../../src/domain/paperCsv';
import type { Proposal } from '../../../src/domain/types';
import { applyImport, prepareImport, readSessionFile } from '../../../src/sync/sessionFile';
import { groupByTheme } from '../../../src/ui/kiosk/ideas';
import { createdSession, exchange, replicaOf, testContext, validSettings } from '../helpers/session';
import { exportFrom, type Tablet } from '../sync/workshop';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NINE = Date.UTC(2026, 11, 7, 9, 0);

const idea = (title: string, themeId = 'theme-green') => ({
  title,
  description: '',
  themeId,
  costPence: 100_000,
  where: '',
});

const view = (doc: Y.Doc) => viewSession(doc)!;

/** "#1 Youth club", ... as the paper ballots panel numbers every idea put forward. */
function numbered(doc: Y.Doc): string[] {
  const proposals = view(doc).proposals;
  const numbers = ideaNumbers(proposals);
  return proposals.map((p) => `#${numbers.get(p.id)} ${p.shownTitle}`);
}

/** A laptop with the right clock that creates the session at 09:30 and adds `titles` from 10:00, half-hourly. */
function laptopWithIdeas(titles: readonly string[]) {
  const laptop = createdSession(
    validSettings({ date: '2026-12-07' }),
    testContext('laptop', { startAt: NINE + 30 * MINUTE }),
  );
  for (const title of titles) {
    laptop.clock.advance(30 * MINUTE);
    addProposal(laptop.doc, idea(title), null, laptop.ctx);
  }
  return laptop;
}

describe('paper idea numbers when a tablet with a slow clock adds an idea', () => {
  it('Given forms numbered #1 Youth club, #2 Community garden, When a tablet two hours slow that held both adds an idea and it is gathered, Then the numbers stay and a CSV headed #1,#2 still reads Youth club, Community garden', () => {
    const laptop = laptopWithIdeas(['Youth club', 'Community garden']);
    const tablet = replicaOf(laptop.doc); // the tablet synced at 11:00 and holds both ideas (10:00, 10:30)
    // 11:30 on a clock two hours slow.
    const slow = testContext('tablet-slow', { startAt: NINE + 30 * MINUTE });
    expect(numbered(laptop.doc)).toEqual(['#1 Youth club', '#2 Community garden']);

    // At 11:30 real time the tablet (showing 09:30) adds an idea; the facilitator gathers it.
    const bench = addProposal(tablet, idea('Bench by the bus stop'), null, slow.ctx);
    exchange(laptop.doc, tablet);

    expect(numbered(laptop.doc)).toEqual([
      '#1 Youth club',
      '#2 Community garden',
      '#3 Bench by the bus stop',
    ]);
    expect(numbered(tablet)).toEqual(numbered(laptop.doc));
    // The time shown as when it was added is still the tablet's.
    expect(maps(laptop.doc).proposals.get(bench)!.at).toBe(NINE + 30 * MINUTE);

    const v = view(laptop.doc);
    const numbers = ideaNumbers(v.proposals);
    const result = readPaperCsv('sheet,#1,#2\n7,3,2\n', {
      method: v.settings.method,
      potPence: v.settings.potPence,
      costs: new Map(v.proposals.map((p) => [p.id, p.costPence])),
      taken: new Set(),
      ideas: v.proposals.map((p) => ({
        id: p.id,
        number: numbers.get(p.id)!,
        title: p.shownTitle,
        isChoosable: true,
      })),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const titles = new Map(v.proposals.map((p) => [p.id, p.shownTitle]));
    const choices = result.entries[0]!.choices;
    if (choices.kind !== 'dots') throw new Error('a dots session reads dots');
    const read = Object.entries(choices.dots).map(([id, dots]) => [titles.get(id), dots]);
    expect(Object.fromEntries(read)).toEqual({ 'Youth club': 3, 'Community garden': 2 });
  });
});

describe('kiosk lists when a tablet’s clock is far off', () => {
  it('Given a tablet reset to 1970 that had synced, When it adds an idea, Then every device lists it after the ideas it saw, in its theme too', () => {
    const laptop = laptopWithIdeas(['Youth club', 'Community garden']);
    const reset = testContext('tablet-1970', { startAt: Date.UTC(1970, 0, 1) });
    const tablet = replicaOf(laptop.doc);
    addProposal(tablet, idea('Bench by the bus stop'), null, reset.ctx);
    exchange(laptop.doc, tablet);

    for (const doc of [laptop.doc, tablet]) {
      const v = view(doc);
      const green = groupByTheme(v.visible, v.settings.themes).find((g) => g.id === 'theme-green')!;
      expect(green.ideas.map((p) => p.shownTitle)).toEqual([
        'Youth club',
        'Community garden',
        'Bench by the bus stop',
      ]);
    }
  });

  it('Given a tablet a day ahead added an idea, When a device with the right clock adds one after seeing it, Then the new idea is listed after it', () => {
    const laptop = laptopWithIdeas(['Youth club']);
    const ahead = testContext('tablet-ahead', { startAt: NINE + 24 * HOUR });
    const tablet = replicaOf(laptop.doc);
    addProposal(tablet, idea('Community garden'), null, ahead.ctx);
    exchange(laptop.doc, tablet);
    laptop.clock.advance(10 * MINUTE);
    addProposal(laptop.doc, idea('Bench by the bus stop'), null, laptop.ctx);
    exchange(laptop.doc, tablet);

    expect(view(tablet).visible.map((p) => p.shownTitle)).toEqual([
      'Youth club',
      'Community garden',
      'Bench by the bus stop',
    ]);
    expect(numbered(tablet)).toEqual(numbered(laptop.doc));
  });

  it('Given two tablets that had not seen each other’s new ideas, When they are gathered, Then those go by their clocks, as before', () => {
    const laptop = laptopWithIdeas(['Youth club']);
    const [a, b] = [replicaOf(laptop.doc), replicaOf(laptop.doc)];
    addProposal(a, idea('Late clock'), null, testContext('tablet-a', { startAt: NINE + 2 * HOUR }).ctx);
    addProposal(b, idea('Early clock'), null, testContext('tablet-b', { startAt: NINE + 90 * MINUTE }).ctx);
    exchange(laptop.doc, a);
    exchange(laptop.doc, b);

    expect(numbered(laptop.doc)).toEqual(['#1 Youth club', '#2 Early clock', '#3 Late clock']);
  });
});

describe('ideas from an app before idea order', () => {
  it('Given an idea written without seq by an older app, When its file is imported on a device with a slow clock that then adds an idea, Then it loads and is listed first', async () => {
    const older = createdSession(validSettings(), testContext('tablet-old', { startAt: NINE }));
    const doc = replicaOf(older.doc); // this device has the session, not the idea
    older.clock.advance(HOUR);
    const oldIdea: Proposal = {
      id: 'idea-old',
      ...idea('Youth club'),
      participantId: null,
      deviceId: 'tablet-old',
      at: older.clock.now(),
    };
    older.doc.transact(() => maps(older.doc).proposals.set(oldIdea.id, oldIdea));
    const file = await readSessionFile(await exportFrom({ name: 'Old tablet', ...older } satisfies Tablet));

    const slow = testContext('tablet-slow', { startAt: NINE - 2 * HOUR });
    applyImport(doc, prepareImport(doc, file));
    expect(checkDocShape(doc)).toEqual([]);
    const added = addProposal(doc, idea('Bench by the bus stop'), null, slow.ctx);

    expect(readRecords(doc).proposals.map((p) => p.id)).toEqual(['idea-old', added]);
    expect(numbered(doc)).toEqual(['#1 Youth club', '#2 Bench by the bus stop']);
    expect(maps(doc).proposals.get(added)!.seq).toBe(1);
  });

  it('Given an idea whose seq is not a whole number from 0 to 1,000,000,000, When its shape is checked, Then it is refused', () => {
    const s = createdSession();
    const id = addProposal(s.doc, idea('Youth club'), null, s.ctx);
    const p = maps(s.doc).proposals.get(id)!;
    const problem = (seq: unknown) => checkRecord('proposals', id, { ...p, seq });
    expect(problem(-1)).toEqual([{ map: 'proposals', key: id, field: 'seq', problem: 'outOfRange' }]);
    expect(problem(1.5)).toEqual([{ map: 'proposals', key: id, field: 'seq', problem: 'notWholeNumber' }]);
    expect(problem('2')).toEqual([{ map: 'proposals', key: id, field: 'seq', problem: 'notWholeNumber' }]);
    expect(problem(1_000_000_001)).toEqual([
      { map: 'proposals', key: id, field: 'seq', problem: 'outOfRange' },
    ]);
    expect(problem(0)).toEqual([]);
    expect(problem(1_000_000_000)).toEqual([]);
  });

  it('Given a hostile idea at seq 1e9, When a slow tablet that holds it adds ideas, Then they are listed after the ideas it saw, and nothing is refused (a review of 2d24d79; a refusal broke syncs sent in parts)', () => {
    const s = createdSession();
    const youth = addProposal(s.doc, idea('Youth club'), null, s.ctx);
    s.doc.transact(() =>
      maps(s.doc).proposals.set('idea-top', {
        id: 'idea-top',
        ...idea('Skate park'),
        participantId: null,
        deviceId: 'device-x',
        at: s.clock.now() + HOUR,
        seq: 1_000_000_000,
      }),
    );
    expect(checkDocShape(s.doc)).toEqual([]);
    const slow = testContext('tablet-slow', { startAt: s.clock.now() - 2 * HOUR });
    const bench = addProposal(s.doc, idea('Bench by the bus stop'), null, slow.ctx);
    // Then a tablet slower still, holding all of them.
    const slower = testContext('tablet-slower', { startAt: s.clock.now() - 3 * HOUR });
    const garden = addProposal(s.doc, idea('Community garden'), null, slower.ctx);
    const order = readRecords(s.doc).proposals.map((p) => p.id);
    // The honest ideas keep the order they were added in, whatever the slow clock says.
    expect(order.filter((id) => id !== 'idea-top')).toEqual([youth, bench, garden]);
    expect(maps(s.doc).proposals.get(garden)!.seq).toBeLessThanOrEqual(4);
    expect(checkDocShape(s.doc)).toEqual([]);
  });
  it('Given a laptop that gathered a tablet’s seven ideas and another’s eighth, When its sync is sent in small parts (the highest client first), Then the council takes every part', () => {
    const s = createdSession();
    const council = replicaOf(s.doc);
    const gate = new UpdateGate('session-1', council);
    const tabletY = replicaOf(s.doc);
    tabletY.clientID = 5;
    const y = testContext('tablet-y', { idPrefix: 'y' });
    for (let i = 0; i < 7; i++) {
      y.clock.advance();
      addProposal(
        tabletY,
        { ...idea(`Idea ${i} ${'x'.repeat(50)}`), description: 'd'.repeat(300) },
        null,
        y.ctx,
      );
    }
    const tabletX = replicaOf(tabletY);
    tabletX.clientID = 4_000_000_000;
    addProposal(tabletX, idea('Bench by the bus stop'), null, testContext('tablet-x', { idPrefix: 'x' }).ctx);
    const base = Y.encodeStateVector(council);
    const parts = splitUpdate(Y.encodeStateAsUpdate(tabletX, base), 1200, {
      base: Y.decodeStateVector(base),
      first: [],
    });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(gate.check(part, 'facilitator')).toEqual([]);
      Y.applyUpdate(council, part);
    }
    expect(readRecords(council).proposals).toHaveLength(8);
  });
});
