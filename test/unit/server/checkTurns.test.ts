/**
 * CheckTurns: each connection's checks in order, connections taking turns, and the event loop given back between
 * slices (so /api/health is answered while a burst is checked). Time is a fake clock the jobs advance.
 */
import { describe, expect, it } from 'vitest';
import { CheckTurns } from '../../../src/server/checkTurns';

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('CheckTurns', () => {
  it("Given two connections' jobs, Then each runs in its own order and the connections take turns", async () => {
    const turns = new CheckTurns(1_000);
    const ran: string[] = [];
    const keyA = {};
    const keyB = {};
    const jobs = [
      turns.run(keyA, () => ran.push('a1')),
      turns.run(keyA, () => ran.push('a2')),
      turns.run(keyA, () => ran.push('a3')),
      turns.run(keyB, () => ran.push('b1')),
      turns.run(keyB, () => ran.push('b2')),
    ];
    await Promise.all(jobs);
    expect(ran).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('Given a burst longer than a slice, Then the event loop is given back after each slice, and every job still runs in order', async () => {
    let clock = 0;
    const turns = new CheckTurns(10, () => clock);
    const key = {};
    const ran: number[] = [];
    const jobs = Array.from({ length: 9 }, (_, i) =>
      turns.run(key, () => {
        clock += 4; // each check takes 4 ms: a slice of 10 ms takes three
        ran.push(i);
        return i;
      }),
    );
    // After one slice the event loop is ours again (an HTTP request would be answered here).
    await nextTurn();
    expect(ran).toEqual([0, 1, 2]);
    expect(turns.size).toBe(6);
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(turns.size).toBe(0);
  });

  it('Given a job that throws, Then only its caller sees the error and the next job runs', async () => {
    const turns = new CheckTurns();
    const key = {};
    const failing = turns.run(key, () => {
      throw new Error('refused');
    });
    const next = turns.run(key, () => 'next');
    await expect(failing).rejects.toThrow('refused');
    expect(await next).toBe('next');
  });

  it("Given a job's further step given first, Then it runs before the key's jobs already waiting", async () => {
    const turns = new CheckTurns(1_000);
    const key = {};
    const ran: string[] = [];
    let check: Promise<number> | undefined;
    const first = turns.run(key, () => {
      ran.push('message 1');
      // The check of message 1 (a step of its turn), asked for while message 2 already waits.
      check = turns.run(key, () => ran.push('check 1'), { first: true });
    });
    const second = turns.run(key, () => ran.push('message 2'));
    await first;
    await check;
    await second;
    expect(ran).toEqual(['message 1', 'check 1', 'message 2']);
  });

  it('Given jobs of several priorities, Then each slice starts with one of the least urgent and then runs the most urgent first', async () => {
    const turns = new CheckTurns(1_000);
    const ran: string[] = [];
    const jobs = [
      turns.run({}, () => ran.push('handshake 1'), { priority: 2 }),
      turns.run({}, () => ran.push('handshake 2'), { priority: 2 }),
      turns.run({}, () => ran.push('sign-in'), { priority: 1 }),
      turns.run({}, () => ran.push('message'), { priority: 0 }),
    ];
    await Promise.all(jobs);
    expect(ran).toEqual(['handshake 1', 'message', 'sign-in', 'handshake 2']);
  });

  it('Given a heavy job behind a light one, Then it waits for a slice of its own, and nothing runs after it in that slice', async () => {
    const turns = new CheckTurns(1_000);
    const ran: string[] = [];
    const jobs = [
      turns.run({}, () => ran.push('light 1')),
      turns.run({}, () => ran.push('load'), { heavy: true }),
      turns.run({}, () => ran.push('light 2')),
    ];
    await nextTurn();
    expect(ran).toEqual(['light 1']);
    await nextTurn();
    expect(ran).toEqual(['light 1', 'load']);
    await Promise.all(jobs);
    expect(ran).toEqual(['light 1', 'load', 'light 2']);
  });

  it('Given connections arriving (hurry), Then the next slice runs at most one job, and the one after is a full slice again', async () => {
    const clock = 0;
    const turns = new CheckTurns(10, () => clock);
    const key = {};
    const ran: number[] = [];
    turns.hurry();
    const jobs = Array.from({ length: 5 }, (_, i) => turns.run(key, () => ran.push(i)));
    await nextTurn();
    expect(ran).toEqual([0]);
    await Promise.all(jobs);
    expect(ran).toEqual([0, 1, 2, 3, 4]);
  });
});
