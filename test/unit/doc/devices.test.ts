/**
 * A resident's turn belongs to one tablet, and settings that merge into a broken state are flagged.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { castBallot, setAnswers, startParticipant } from '../../../src/doc/commands';
import { updateSettings } from '../../../src/doc/sessionCommands';
import { viewSession } from '../../../src/doc/session';
import { validateSettings } from '../../../src/domain/validateSettings';
import {
  createdSession,
  exchange,
  expectRefused,
  replicaOf,
  testContext,
  validSettings,
} from '../helpers/session';
import { sessionChecks } from '../../../src/doc/sessionChecks';

describe('a resident’s turn stays on its tablet', () => {
  it('Given a participant started on tablet A, When tablet B tries to cast their ballot, Then it is refused and nothing changes', () => {
    const a = createdSession();
    const who = startParticipant(a.doc, { language: 'en', hasConsented: true }, a.ctx);
    const b = { doc: replicaOf(a.doc), ...testContext('device-b', { startAt: a.clock.now() }) };
    expectRefused(
      b.doc,
      () => castBallot(b.doc, who, { kind: 'dots', dots: {} }, b.ctx),
      'unknownParticipant',
    );
  });
});

describe('settings merged from two devices', () => {
  it('Given one device raises the pot and another lowers the poolable money apart, When they merge, Then the broken rule is flagged', () => {
    const a = createdSession();
    const b = { doc: replicaOf(a.doc), ...testContext('device-b', { startAt: a.clock.now() }) };
    const base = viewSession(a.doc)!.settings;
    const poolable = base.fundingStreams.filter((s) => s.isPoolable).reduce((n, s) => n + s.annualPence, 0);
    // A: the pot becomes all of the poolable money. B: one poolable stream stops being poolable.
    updateSettings(a.doc, { potPence: poolable }, a.ctx);
    const streams = base.fundingStreams.map((s, i) =>
      i === base.fundingStreams.findIndex((x) => x.isPoolable) ? { ...s, isPoolable: false } : s,
    );
    updateSettings(b.doc, { fundingStreams: streams }, b.ctx);
    expect(sessionChecks(viewSession(a.doc)!).settingsProblem).toBeNull();
    expect(sessionChecks(viewSession(b.doc)!).settingsProblem).toBeNull();

    exchange(a.doc, b.doc);

    expect(sessionChecks(viewSession(a.doc)!).settingsProblem?.code).toBe('potOverPoolable');
    expect(sessionChecks(viewSession(b.doc)!).settingsProblem?.code).toBe('potOverPoolable');
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('Given two funding streams with the same id, Then the settings are refused', () => {
    const s = validSettings();
    const first = s.fundingStreams[0]!;
    expect(() => validateSettings({ ...s, fundingStreams: [...s.fundingStreams, { ...first }] })).toThrow(
      /duplicateName/,
    );
  });
});

describe('answers that do not change', () => {
  it('Given a resident skips the questions twice, When nothing changed, Then nothing is written', () => {
    const a = createdSession();
    const who = startParticipant(a.doc, { language: 'en', hasConsented: true }, a.ctx);
    const before = Y.encodeStateAsUpdate(a.doc);
    setAnswers(a.doc, who, { age: '' }, a.ctx);
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(before);
    setAnswers(a.doc, who, { age: 'Under 18' }, a.ctx);
    expect(Y.encodeStateAsUpdate(a.doc)).not.toEqual(before);
  });
});
