/**
 * `npm run admin -- participants --session <id>`: how the admin finds the participant id a resident's erasure
 * request needs (the privacy notice asks residents for the workshop, the time and the tablet). A walk found no
 * way to find it: `erase-answers --participant` needed an id nothing showed. Real SQLite, real Yjs documents.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
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
