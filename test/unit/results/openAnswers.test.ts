// The officer opens residents' sealed about-you answers (src/domain/results/openAnswers.ts) with the council's
// private key: the participation tables come out the same as for answers stored in the clear.
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../src/doc/session';
import {
  generateCouncilKey,
  readPrivateKeyFile,
  readPublicKey,
  sealAnswers,
  type CouncilKeyring,
} from '../../../src/domain/answersCrypto';
import { openSessionAnswers, sealedCount } from '../../../src/domain/results/openAnswers';
import { participation, takingPart } from '../../../src/domain/results/participation';
import { dotsSession } from './fixtures';

async function councilKey() {
  const made = await generateCouncilKey('2026-12-06T08:00:00Z');
  const pub = await readPublicKey(made.publicText);
  const priv = await readPrivateKeyFile(made.privateFile);
  if (!pub.ok || !priv.ok) throw new Error('a fresh key did not read back');
  const keys: CouncilKeyring = new Map([[priv.kid, priv.key]]);
  return { pub: pub.key, keys };
}

/** The view as a tablet with the council key would have written it: every answer sealed, none in the clear. */
async function sealed(
  view: SessionView,
  key: Awaited<ReturnType<typeof councilKey>>['pub'],
): Promise<SessionView> {
  const sessionId = view.records.sessionId;
  const participants = await Promise.all(
    view.records.participants.map(async (p) =>
      Object.keys(p.answers).length === 0
        ? p
        : {
            ...p,
            answers: {},
            sealedAnswers: await sealAnswers(p.answers, key, { sessionId, participantId: p.id }),
          },
    ),
  );
  return { ...view, records: { ...view.records, participants } };
}

describe('the officer opens sealed about-you answers', () => {
  it('Given a session whose answers were sealed, when the officer opens them with the council key, then participation is the same as with answers in the clear', async () => {
    const plain = dotsSession().view();
    const { pub, keys } = await councilKey();
    const locked = await sealed(plain, pub);
    expect(JSON.stringify(locked.records.participants)).not.toContain('Under 18');
    expect(sealedCount([locked])).toBeGreaterThan(0);
    const opened = await openSessionAnswers([locked], keys);
    expect(opened.problems).toEqual([]);
    expect(opened.opened).toBe(sealedCount([locked]));
    expect(participation(opened.views)).toEqual(participation(plain));
  });

  it('Given sealed answers and no key, when participation is computed, then the residents still take part but their answers are not counted as "No answer" or anything else', async () => {
    const plain = dotsSession().view();
    const { pub } = await councilKey();
    const locked = await sealed(plain, pub);
    const before = participation(plain);
    const p = participation(locked);
    expect(takingPart(locked.records).residents.length).toBe(takingPart(plain.records).residents.length);
    expect(p.residents).toBe(before.residents);
    const sealedConsented = locked.records.participants.filter(
      (x) => x.hasConsented && 'sealedAnswers' in x && takingPart(locked.records).residents.includes(x),
    ).length;
    for (const [i, q] of p.aboutYou.entries())
      expect(q.total).toBe((before.aboutYou[i]?.total ?? 0) - sealedConsented);
  });

  it('Given envelopes sealed to an old key, one tampered and one copied to another participant, when opened, then each is reported in words and none is counted', async () => {
    const plain = dotsSession().view();
    const old = await councilKey();
    const current = await councilKey();
    const locked = await sealed(plain, current.pub);
    const ps = locked.records.participants.map((p) => ({
      ...p,
    })) as (SessionView['records']['participants'][number] & {
      sealedAnswers?: string;
    })[];
    const withEnvelopes = ps.filter((p) => typeof p.sealedAnswers === 'string');
    const [a, b, c] = withEnvelopes;
    if (!a || !b || !c) throw new Error('the fixture has fewer than three answering residents');
    a.sealedAnswers = await sealAnswers({ age: 'Under 18' }, old.pub, {
      sessionId: locked.records.sessionId,
      participantId: a.id,
    });
    const env = JSON.parse(b.sealedAnswers as string) as { ct: string };
    b.sealedAnswers = JSON.stringify({
      ...env,
      ct: `${env.ct.slice(0, -2)}${env.ct.endsWith('AA') ? 'BB' : 'AA'}`,
    });
    c.sealedAnswers = a.sealedAnswers.replace(/"kid":"[^"]+"/, `"kid":"${current.pub.kid}"`);
    const view = { ...locked, records: { ...locked.records, participants: ps } };
    const opened = await openSessionAnswers([view], current.keys);
    const sessionId = locked.records.sessionId;
    expect(opened.problems).toEqual([
      { sessionId, participantId: a.id, problem: 'unknownKey', kid: old.pub.kid },
      { sessionId, participantId: b.id, problem: 'tampered', kid: current.pub.kid },
      { sessionId, participantId: c.id, problem: 'tampered', kid: current.pub.kid },
    ]);
    expect(opened.opened).toBe(withEnvelopes.length - 3);
    // The three stay sealed: still residents, left out of the about-you tables.
    const total = participation(opened.views).aboutYou[0]?.total;
    const plainTotal = participation(plain).aboutYou[0]?.total ?? 0;
    const consentedOfThree = [a, b, c].filter((x) => x.hasConsented).length;
    expect(total).toBe(plainTotal - consentedOfThree);
    expect(participation(opened.views).residents).toBe(participation(plain).residents);
  });
});
