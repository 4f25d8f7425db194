/**
 * Records after the session was ended: a tablet that had not heard of the end keeps taking turns. Those records
 * are counted, and listed for officers with the end's device and time.
 */
import { describe, expect, it } from 'vitest';
import {
  addComment,
  addProposal,
  castBallot,
  finishParticipant,
  startParticipant,
} from '../../../src/doc/commands';
import { endSession, updateSettings } from '../../../src/doc/sessionCommands';
import { enterPaperBallot } from '../../../src/doc/paperCommands';
import { viewSession } from '../../../src/doc/session';
import { endEdit, recordsAfterEnd } from '../../../src/domain/afterEnd';
import type { SettingsEdit } from '../../../src/domain/types';
import { createdSession, exchange, replicaOf, testContext } from '../helpers/session';
import { sessionChecks } from '../../../src/doc/sessionChecks';

describe('records after the session was ended', () => {
  it('Given the facilitator ends the session while a tablet that has not heard keeps taking turns, when they meet, then the later turn, its ballot, idea and comment are listed, still counted, and a paper sheet typed later is not listed', () => {
    const s = createdSession();
    const idea = addProposal(
      s.doc,
      { title: 'Youth club', description: '', themeId: 'theme-young', costPence: 1_000_000, where: '' },
      null,
      s.ctx,
    );
    const tablet = replicaOf(s.doc);
    const T = testContext('tablet-2', { startAt: s.clock.now() + 10 * 60_000 });
    s.clock.advance(60_000);
    endSession(s.doc, s.ctx);
    const endAt = s.clock.now();

    const resident = startParticipant(tablet, { language: 'en', hasConsented: true }, T.ctx);
    const late = addProposal(
      tablet,
      { title: 'Late idea', description: '', themeId: 'theme-young', costPence: 500_000, where: '' },
      resident,
      T.ctx,
    );
    addComment(tablet, { proposalId: idea, text: 'Yes please' }, resident, T.ctx);
    castBallot(tablet, resident, { kind: 'dots', dots: { [idea]: 2 } }, T.ctx);
    finishParticipant(tablet, resident, T.ctx);
    s.clock.advance(60_000);
    enterPaperBallot(s.doc, { sheet: 4, choices: { kind: 'dots', dots: { [idea]: 1 } } }, s.ctx);
    exchange(s.doc, tablet);

    for (const doc of [s.doc, tablet]) {
      const view = viewSession(doc)!;
      const after = sessionChecks(view).afterEnd!;
      expect(after.end).toMatchObject({ deviceId: 'device-a', at: endAt });
      expect(after.participants.map((p) => p.id)).toEqual([resident]);
      expect(after.ballots.map((b) => b.participantId)).toEqual([resident]);
      expect(after.proposals.map((p) => p.id)).toEqual([late]);
      expect(after.comments.map((c) => c.text)).toEqual(['Yes please']);
      expect(after.total).toBe(4);
      expect(view.count.counted.map((c) => c.ballot.participantId).sort()).toEqual(
        ['paper-4', resident].sort(),
      );
    }
  });

  it('Given an open session, then nothing is listed', () => {
    const s = createdSession();
    expect(sessionChecks(viewSession(s.doc)!).afterEnd).toBeNull();
  });

  it('Given two devices that ended the session apart, and a record reopening it, then the end is the first edit that ended it after the last one reopening it', () => {
    const edit = (id: string, at: number, isEnded?: boolean): SettingsEdit => ({
      id,
      at,
      deviceId: `d-${id}`,
      values: isEnded === undefined ? { venue: 'Hall' } : { isEnded },
    });
    expect(endEdit([edit('b', 30, true), edit('a', 20, true), edit('c', 40)])?.id).toBe('a');
    expect(endEdit([edit('a', 20, true), edit('r', 25, false), edit('b', 30, true)])?.id).toBe('b');
    expect(endEdit([edit('a', 20, true), edit('r', 25, false)])).toBeNull();
    expect(
      recordsAfterEnd({
        settingsEdits: [edit('a', 20, true)],
        participants: [],
        ballots: [],
        proposals: [],
        comments: [],
      })?.total,
    ).toBe(0);
  });

  it('Given the end is written by updateSettings-style edits too, then a session ended and a later venue fix keep the same end', () => {
    const s = createdSession();
    endSession(s.doc, s.ctx);
    const endAt = s.clock.now();
    s.clock.advance();
    updateSettings(s.doc, { venue: 'Library' }, s.ctx);
    expect(sessionChecks(viewSession(s.doc)!).afterEnd?.end.at).toBe(endAt);
  });
});
