/**
 * clockBehind (src/domain/clockCheck.ts): records stamped more than an hour after this device's clock, from a
 * real session document written on tablets with their own clocks.
 */
import { describe, expect, it } from 'vitest';
import { addProposal } from '../../../src/doc/commands';
import { readRecords } from '../../../src/doc/schema';
import { CLOCK_TOLERANCE_MS, clockBehind } from '../../../src/domain/clockCheck';
import {
  createdSession,
  exchange,
  replicaOf,
  testContext,
  validSettings,
  WORKSHOP_START,
  ideaInput,
} from '../helpers/session';

const idea = ideaInput;

describe('clockBehind', () => {
  it('Given records made with the right time, Then a clock at that time or within the hour is not behind; reset to 2000 it is, naming the earliest later record and its tablet', () => {
    const a = createdSession(validSettings());
    a.clock.advance(30 * 60_000);
    addProposal(a.doc, idea('Youth club'), null, a.ctx);
    const latest = WORKSHOP_START + 1000 + 30 * 60_000;
    const records = readRecords(a.doc);
    expect(clockBehind(latest, records)).toBeNull();
    expect(clockBehind(latest - CLOCK_TOLERANCE_MS, records)).toBeNull();
    expect(clockBehind(WORKSHOP_START - CLOCK_TOLERANCE_MS - 1, records)).toMatchObject({
      latestAt: latest,
      firstAt: WORKSHOP_START,
      firstDeviceId: 'device-a',
    });
    const reset = Date.UTC(2000, 0, 1);
    expect(clockBehind(reset, records)).toEqual({
      now: reset,
      latestAt: latest,
      firstAt: WORKSHOP_START,
      firstDeviceId: 'device-a',
    });
  });

  it('Given a tablet a day ahead added an idea, Then a tablet with the right clock is told, naming that tablet as where the later stamps start', () => {
    const a = createdSession(validSettings());
    const b = testContext('device-b', { startAt: WORKSHOP_START + 24 * 3_600_000 });
    const bDoc = replicaOf(a.doc);
    addProposal(bDoc, idea('Bench by the bus stop'), null, b.ctx);
    exchange(a.doc, bDoc);
    expect(clockBehind(WORKSHOP_START + 60_000, readRecords(a.doc))).toMatchObject({
      firstDeviceId: 'device-b',
      firstAt: WORKSHOP_START + 24 * 3_600_000,
    });
  });
});
