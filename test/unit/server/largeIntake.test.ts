/**
 * The intake meter (largeUpdates.ts meterIntake) on its own, with a real stream for the raw socket and an event
 * emitter standing in for ws's WebSocket (the meter only listens to its 'message' and 'close' events): which
 * messages hold the server's budget for large ones, when a socket is refused, and that the budget comes back.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { ByteBudget, meterIntake, type Intake, type IntakeRefusal } from '../../../src/server/largeUpdates';

const KiB = 1024;

function socket(
  budget: ByteBudget,
  signedIn = true,
): {
  intake: Intake;
  receive: (bytes: number) => void;
  whole: () => Buffer;
  close: () => void;
  refused: IntakeRefusal[];
  wsGot: () => number;
} {
  const raw = new PassThrough();
  const ws = new EventEmitter();
  let wsBytes = 0;
  // ws's own listener, which the meter must run before (and which is cut off on refusal).
  raw.on('data', (chunk: Buffer) => (wsBytes += chunk.length));
  const refused: IntakeRefusal[] = [];
  const intake = meterIntake(raw, ws as unknown as WebSocket, {
    messageLimit: 100 * KiB,
    budget,
    mayBeLarge: () => signedIn,
    refuse: (why) => refused.push(why),
  });
  return {
    intake,
    receive: (bytes) => void raw.emit('data', Buffer.alloc(bytes)),
    whole: () => {
      const message = Buffer.alloc(1);
      ws.emit('message', message, true);
      return message;
    },
    close: () => void ws.emit('close', 1000),
    refused,
    wsGot: () => wsBytes,
  };
}

describe('the intake meter', () => {
  it('Given messages within the message limit, Then they never hold the budget, however many', () => {
    const budget = new ByteBudget(10 * KiB);
    const s = socket(budget);
    for (let i = 0; i < 50; i++) {
      s.receive(60 * KiB);
      s.receive(40 * KiB);
      s.whole();
    }
    expect(budget.inUse).toBe(0);
    expect(s.refused).toEqual([]);
  });

  it('Given a large message, Then it holds its bytes from the moment it passes the limit until it is released', () => {
    const budget = new ByteBudget(1024 * KiB);
    const s = socket(budget);
    s.receive(64 * KiB);
    expect(budget.inUse).toBe(0);
    s.receive(64 * KiB);
    expect(budget.inUse).toBe(128 * KiB);
    s.receive(64 * KiB);
    const message = s.whole();
    expect(budget.inUse).toBe(192 * KiB);
    s.intake.release(message);
    expect(budget.inUse).toBe(0);
    s.intake.release(message);
    expect(budget.inUse).toBe(0);
  });

  it('Given a socket not signed in, When its message passes the limit, Then it is refused as too large and what follows is thrown away', () => {
    const budget = new ByteBudget(1024 * KiB);
    const s = socket(budget, false);
    s.receive(64 * KiB);
    s.receive(64 * KiB);
    expect(s.refused).toEqual(['too-large']);
    const got = s.wsGot();
    s.receive(64 * KiB);
    expect(s.wsGot()).toBe(got);
    expect(budget.inUse).toBe(0);
  });

  it('Given two sockets whose large messages would pass the budget together, Then the second is refused as busy, and the first gives its bytes back when its socket closes', () => {
    const budget = new ByteBudget(300 * KiB);
    const first = socket(budget);
    const second = socket(budget);
    first.receive(200 * KiB);
    first.whole();
    second.receive(64 * KiB);
    second.receive(64 * KiB);
    expect(second.refused).toEqual(['busy']);
    expect(first.refused).toEqual([]);
    expect(budget.inUse).toBe(200 * KiB);
    first.close();
    expect(budget.inUse).toBe(0);
  });

  it('Given a socket whose large message is still being checked, When it sends another large one, Then that one is refused as busy', () => {
    const budget = new ByteBudget(1024 * KiB);
    const s = socket(budget);
    s.receive(150 * KiB);
    s.whole();
    s.receive(50 * KiB);
    s.whole();
    expect(s.refused).toEqual([]);
    s.receive(150 * KiB);
    expect(s.refused).toEqual(['busy']);
    expect(budget.inUse).toBe(150 * KiB);
  });
});
