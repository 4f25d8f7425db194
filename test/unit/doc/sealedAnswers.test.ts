// A session with a council key: residents' about-you answers are sealed before they reach the document, so a
// session file exported from the tablet holds none of them (issue 12 §8), and the officer opens them.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setAnswers, startParticipant } from '../../../src/doc/commands';
import { checkRecord } from '../../../src/doc/recordShapes';
import { maps } from '../../../src/doc/schema';
import { viewSession } from '../../../src/doc/session';
import { updateSettings } from '../../../src/doc/sessionCommands';
import {
  generateCouncilKey,
  readPrivateKeyFile,
  readPublicKey,
  sealAnswers,
} from '../../../src/domain/answersCrypto';
import { openSessionAnswers } from '../../../src/domain/results/openAnswers';
import { participation } from '../../../src/domain/results/participation';
import { encodeSessionFile, readSessionFile } from '../../../src/sync/sessionFile';
import { createdSession, validSettings } from '../helpers/session';

/** Distinctive options, so a search of the update's bytes for them means something. */
const ABOUT_YOU = [
  {
    id: 'ethnicity',
    text: 'Your ethnic group',
    options: ['Gypsy or Irish Traveller', 'Roma', 'Another group'],
  },
  { id: 'disability', text: 'Disability', options: ['Yes, limited a lot', 'Yes, limited a little', 'No'] },
];
const ANSWERS = { ethnicity: 'Gypsy or Irish Traveller', disability: 'Yes, limited a lot' };

function occurrences(haystack: Uint8Array, needle: string): number {
  const n = new TextEncoder().encode(needle);
  let count = 0;
  outer: for (let i = 0; i + n.length <= haystack.length; i++) {
    for (let j = 0; j < n.length; j++) if (haystack[i + j] !== n[j]) continue outer;
    count++;
  }
  return count;
}

/** The Yjs update inside a session file exported from this document, unpacked. */
async function fileUpdate(doc: Y.Doc): Promise<Uint8Array> {
  const bytes = await encodeSessionFile(doc, {
    deviceId: 'device-a',
    deviceName: 'Tablet 1',
    now: Date.UTC(2025, 3, 12),
  });
  return (await readSessionFile(bytes)).update;
}

async function councilKey() {
  const made = await generateCouncilKey('2026-12-06T08:00:00Z');
  const pub = await readPublicKey(made.publicText);
  const priv = await readPrivateKeyFile(made.privateFile);
  if (!pub.ok || !priv.ok) throw new Error('a fresh key did not read back');
  return { text: made.publicText, pub: pub.key, keys: new Map([[priv.kid, priv.key]]) };
}

describe('sealed about-you answers in the session document', () => {
  it('Given a session without a council key, when a resident answers, then the exported file holds the answers (as before: the search below can find them)', async () => {
    const s = createdSession(validSettings({ aboutYou: ABOUT_YOU }));
    const before = await fileUpdate(s.doc);
    const id = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    setAnswers(s.doc, id, ANSWERS, s.ctx);
    const after = await fileUpdate(s.doc);
    for (const answer of Object.values(ANSWERS)) {
      expect(occurrences(after, answer), answer).toBe(occurrences(before, answer) + 1);
    }
  });

  it('Given a session with a council key, when a resident answers, then neither the document nor an exported file holds the answers, and the officer with the key counts them', async () => {
    const key = await councilKey();
    const s = createdSession(validSettings({ aboutYou: ABOUT_YOU, councilKey: key.text }));
    const before = await fileUpdate(s.doc);
    const id = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    const envelope = await sealAnswers(ANSWERS, key.pub, { sessionId: s.sessionId, participantId: id });
    setAnswers(s.doc, id, ANSWERS, s.ctx, envelope);
    const after = await fileUpdate(s.doc);
    const whole = Y.encodeStateAsUpdate(s.doc);
    for (const answer of Object.values(ANSWERS)) {
      // Each option is in the settings (the questions) already; no answer adds one.
      expect(occurrences(after, answer), answer).toBe(occurrences(before, answer));
      expect(occurrences(whole, answer), answer).toBe(occurrences(before, answer));
    }
    const view = viewSession(s.doc);
    if (!view) throw new Error('no session');
    expect(view.records.participants[0]).toMatchObject({ answers: {}, sealedAnswers: envelope });
    // What the server and other devices check every record against accepts both the settings and the record.
    expect(checkRecord('participants', id, maps(s.doc).participants.get(id))).toEqual([]);
    for (const [key, edit] of maps(s.doc).settings.entries())
      expect(checkRecord('settings', key, edit)).toEqual([]);
    expect(
      checkRecord('participants', id, {
        ...maps(s.doc).participants.get(id),
        sealedAnswers: 'x'.repeat(9_000),
      }),
    ).toMatchObject([{ field: 'sealedAnswers', problem: 'tooLong' }]);
    const opened = await openSessionAnswers([view], key.keys);
    expect(opened.problems).toEqual([]);
    const cells = participation(opened.views).aboutYou.map((q) => q.total);
    expect(cells).toEqual([1, 1]);
  });

  it('Given a session with a council key, when answers come without an envelope, then nothing is written', async () => {
    const key = await councilKey();
    const s = createdSession(validSettings({ aboutYou: ABOUT_YOU, councilKey: key.text }));
    const id = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    const before = Y.encodeStateVector(s.doc);
    expect(() => setAnswers(s.doc, id, ANSWERS, s.ctx)).toThrow(/seals answers/);
    expect(Y.encodeStateVector(s.doc)).toEqual(before);
  });

  it('Given sealed answers and then the key taken out of the session, when the resident answers again, then the answers in the clear replace the envelope', async () => {
    const key = await councilKey();
    const s = createdSession(validSettings({ aboutYou: ABOUT_YOU, councilKey: key.text }));
    const id = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
    const place = { sessionId: s.sessionId, participantId: id };
    setAnswers(s.doc, id, ANSWERS, s.ctx, await sealAnswers(ANSWERS, key.pub, place));
    updateSettings(s.doc, { councilKey: '' }, s.ctx);
    setAnswers(s.doc, id, { disability: 'No' }, s.ctx);
    const record = maps(s.doc).participants.get(id);
    expect(record?.answers).toEqual({ disability: 'No' });
    expect(record).not.toHaveProperty('sealedAnswers');
  });
});
