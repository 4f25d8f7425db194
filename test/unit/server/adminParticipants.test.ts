/**
 * `npm run admin -- participants --session <id>`: how the admin finds the participant id a resident's erasure
 * request needs (the privacy notice asks residents for the workshop, the time and the tablet). A walk found no
 * way to find it: `erase-answers --participant` needed an id nothing showed. Real SQLite, real Yjs documents.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { readRecords } from '../../../src/doc/schema';
import { takingPart } from '../../../src/domain/results/participation';
import { replicaOf, testContext } from '../helpers/session';
import { paperSession } from '../paper/fixtures';
import { localMinute } from '../../../src/server/adminParticipants';
import { Store } from '../../../src/server/store';
import { adminOn, tempDir } from './support';

const SESSION = '5e1f0c2a-3b4d-4e6f-8a9b-0c1d2e3f4a5b';
const AT = Date.UTC(2026, 10, 14, 14, 32);
/** When the facilitator's laptop synced the workshop to the council, by the council's clock. */
const SYNCED = AT + 3 * 3_600_000;

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

/** A workshop: two residents on "Tablet by the door" (one answered about themselves), one on an unnamed tablet, one paper sheet. */
function workshop(): string {
  const t = tempDir('codesign-participants-');
  cleanup.push(t.remove);
  const store = Store.open(t.dir);
  const doc = new Y.Doc();
  doc.getMap('devices').set('n1', {
    id: 'n1',
    deviceId: 'door-tablet-id',
    at: AT - 3_600_000,
    namedDeviceId: 'door-tablet-id',
    name: 'Tablet by the door',
  });
  const resident = (id: string, deviceId: string, at: number, language: string, answers: object) =>
    doc.getMap('participants').set(id, {
      id,
      deviceId,
      at,
      language,
      hasConsented: true,
      answers,
      finishedAt: at + 300_000,
    });
  resident('r-answered', 'door-tablet-id', AT, 'cy', { age: '65 or over' });
  resident('r-quiet', 'door-tablet-id', AT + 600_000, 'en', {});
  resident('r-unnamed', '3f9a77c0-other-tablet', AT - 600_000, 'pl', { sealed: 'x' });
  doc.getMap('participants').set('paper-1', {
    id: 'paper-1',
    deviceId: 'office',
    at: AT + 86_400_000,
    language: 'en',
    hasConsented: true,
    answers: {},
    finishedAt: null,
    channel: 'paper',
  });
  store.appendUpdate(SESSION, 'door-tablet-id', Y.encodeStateAsUpdate(doc), SYNCED);
  store.close();
  return t.dir;
}

const admin = adminOn;

/**
 * An officer typed sheet 17, storage refused it but the council got it, and the officer tried again as sheet 7,
 * the number put right (a retry naming the try: src/domain/paper.ts withdrawnTypings); sheet 2 was typed once.
 */
function retriedSheet(): { dir: string; doc: Y.Doc } {
  const t = tempDir('codesign-participants-');
  cleanup.push(t.remove);
  const s = paperSession();
  const office = testContext('office-pc', { startAt: s.clock.now() + 60_000, idPrefix: 'o' });
  const choices = { kind: 'dots' as const, dots: { [s.ids.I1]: 2 } };
  enterPaperBallot(s.doc, { sheet: 2, choices }, office.ctx);
  office.clock.advance();
  const tried = replicaOf(s.doc);
  enterPaperBallot(tried, { sheet: 17, choices, attempt: { typingId: 'try-1', earlier: [] } }, office.ctx);
  Y.applyUpdate(s.doc, Y.encodeStateAsUpdate(tried, Y.encodeStateVector(s.doc)));
  office.clock.advance();
  enterPaperBallot(
    s.doc,
    { sheet: 7, choices, attempt: { typingId: 'try-2', earlier: ['try-1'] } },
    office.ctx,
  );
  const store = Store.open(t.dir);
  store.appendUpdate(SESSION, 'office-pc', Y.encodeStateAsUpdate(s.doc), SYNCED);
  store.close();
  return { dir: t.dir, doc: s.doc };
}

describe('npm run admin -- participants', () => {
  it('Given a workshop, When the admin lists its participants, Then each row names the tablet, the start time, the language and whether answers were given, never the answers', async () => {
    const dir = workshop();
    const r = await admin(dir, 'participants', '--session', SESSION);
    expect(r.code).toBe(0);
    const rows = r.out
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/ {2,}/));
    expect(rows[0]).toEqual([
      'PARTICIPANT',
      'TABLET',
      'STARTED (LOCAL TIME)',
      'LANGUAGE',
      'ABOUT-YOU ANSWERS',
      'RETENTION FROM (LOCAL TIME)',
      'ERASED',
    ]);
    const local = (ms: number) => localMinute(new Date(ms).toISOString());
    // The council received the whole session in one sync, so answers held count from that sync.
    expect(rows.slice(1)).toEqual([
      ['r-unnamed', 'Tablet 3f9a', local(AT - 600_000), 'pl', 'given', local(SYNCED), '-'],
      ['r-answered', 'Tablet by the door', local(AT), 'cy', 'given', local(SYNCED), '-'],
      ['r-quiet', 'Tablet by the door', local(AT + 600_000), 'en', 'none', '-', '-'],
      ['paper-1', 'paper sheet', local(AT + 86_400_000), 'en', 'none', '-', '-'],
    ]);
    expect(r.out).not.toContain('65 or over');
  });

  it('Given a resident found in the list, When their answers are erased, Then the list shows them erased, and --json says the same', async () => {
    const dir = workshop();
    expect(
      (await admin(dir, 'erase-answers', '--session', SESSION, '--participant', 'r-answered')).code,
    ).toBe(0);
    const r = await admin(dir, 'participants', '--session', SESSION, '--json');
    const rows = JSON.parse(r.out) as { id: string; gaveAnswers: boolean; erasedAt: string | null }[];
    const erased = rows.find((p) => p.id === 'r-answered');
    expect(erased).toMatchObject({ gaveAnswers: false, tablet: 'Tablet by the door', language: 'cy' });
    expect(erased?.erasedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(rows.find((p) => p.id === 'r-unnamed')).toMatchObject({ gaveAnswers: true, erasedAt: null });
    expect(r.out).not.toContain('65 or over');
  });

  it('Given a paper sheet tried under a wrong number and put right by a retry, When the admin lists the participants, Then the list has the residents the dashboard counts: the corrected sheet, not the withdrawn try', async () => {
    const { dir, doc } = retriedSheet();
    // The raw map still holds the try's resident; the dashboard does not count it.
    expect(doc.getMap('participants').has('paper-17')).toBe(true);
    const counted = takingPart(readRecords(doc)).residents.map((p) => p.id);
    expect(counted.sort()).toEqual(['paper-2', 'paper-7']);
    const r = await admin(dir, 'participants', '--session', SESSION, '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { id: string; channel: string }[];
    expect(rows.map((p) => p.id).sort()).toEqual(counted.sort());
    expect(rows.every((p) => p.channel === 'paper')).toBe(true);
    const text = await admin(dir, 'participants', '--session', SESSION);
    expect(text.out).not.toContain('paper-17');
  });

  it('Given the Welsh words, Then only the headings and the words change', async () => {
    const dir = workshop();
    const r = await admin(dir, 'participants', '--session', SESSION, '--lang', 'cy');
    expect(r.out.split('\n')[0]).toMatch(/^CYFRANOGWR\s+TABLED\s+DECHREUODD/);
    expect(r.out).toContain('taflen bapur');
  });

  it.each([
    [['participants'], /Say which session: participants --session <sessionId>/],
    [['participants', '--session', 'c0ffee00-0000-4000-8000-000000000000'], /There is no session c0ffee00/],
    [
      ['participants', '--session', '5e1f0c2a'],
      /"5e1f0c2a" is not a whole session id: give all of it\. Did you mean 5e1f0c2a-3b4d/,
    ],
    [['erase-answers', '--session', '5e1f0c2a', '--participant', 'r-quiet'], /Did you mean 5e1f0c2a-3b4d/],
  ])('Given %j, Then a sentence and exit 2', async (argv, sentence) => {
    const r = await admin(workshop(), ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(sentence);
  });
});
