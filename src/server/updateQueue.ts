/**
 * One loaded session's clients' updates, checked one at a time in the order they arrive (issue 12 §2), and the
 * ones that cannot be judged yet, held at a bounded cost (§3).
 *
 * In order: `submit` checks an update (validation.ts) and applies it to the live document in one synchronous step,
 * one connection's updates one after the other in arrival order (checkTurns.ts, which also lets connections take
 * turns and the event loop breathe between slices), so each update is checked against a document that already has
 * the ones sent before it. A burst of valid updates on one connection (a script, a tablet catching up, a large
 * first sync sent in parts) is therefore all accepted, and the scratch copy is never rebuilt for it.
 *
 * Held: an update that depends on changes the server has not received (what it lacks is read from the update
 * itself, updateNeeds.ts) never touches the scratch copy. It waits, and is looked at again only once the live
 * document has everything it lacked: after each change to the document a pass compares the held updates' needs
 * with the document's clocks (O(held), no rebuild, no decoding). Content for a document with no session yet waits
 * for the session. A held update is refused when still waiting after Limits.maxHoldMs; one connection may hold at
 * most Limits.maxHeldUpdatesPerConnection updates and maxHeldBytesPerConnection bytes, and the one that would pass
 * either is refused at once. So what one device sends costs the others nothing but that pass. What one connection
 * has waiting for its checks (sent faster than they are checked, or held) is bounded as well
 * (Limits.maxWaitingBytesPerConnection), since taking turns means reading on while earlier updates wait.
 *
 * Large: an update over the message limit (a plain provider's first sync of a big session, largeUpdates.ts) is
 * checked in parts, each exactly as an update of its own, one part per turn; the parts are applied to the live
 * document (and stored) only once every part has passed, so one refused part leaves nothing of it stored. While
 * its parts are checked the document's scratch copy is ahead of the live document, so the document's other checks
 * wait until it is done (other documents' checks go on); one large update per document at a time.
 */
import type * as Y from 'yjs';
import { readMeta } from '../doc/schema';
import type { WriterRole } from '../sync/changeRules';
import type { CheckTurns } from './checkTurns';
import type { Limits } from './limits';
import { needsMet, stateOf, updateNeeds, type Needs, type StateOf } from './updateNeeds';
import { mayWait, type UpdateGate, type UpdateProblem } from './validation';

export type Outcome =
  /** Checked, applied to the live document and so stored. */
  | { kind: 'applied' }
  /** The rules refuse it (nothing stored). */
  | { kind: 'refused'; problems: UpdateProblem[] }
  /**
   * Still waiting after Limits.maxHoldMs (nothing stored): for changes the server never received (no problems),
   * or for its session to be created (the problems saying so).
   */
  | { kind: 'expired'; heldMs: number; problems: UpdateProblem[] }
  /** Its connection already holds as many updates or bytes as it may (nothing stored). */
  | { kind: 'overHeld'; updates: number; bytes: number }
  /** Its connection already has as many bytes waiting for their check as it may (nothing stored). */
  | { kind: 'overWaiting'; bytes: number }
  /** Its connection closed while it was held (nothing stored; the device sends it again when it next syncs). */
  | { kind: 'left' }
  /** Applying it failed (the store, or the device was revoked while it was held): what `apply` threw. */
  | { kind: 'failed'; error: unknown };

export type HoldLimits = Pick<
  Limits,
  'maxHoldMs' | 'maxHeldUpdatesPerConnection' | 'maxHeldBytesPerConnection' | 'maxWaitingBytesPerConnection'
>;

/** Counts shared by every document's queue (SyncServer.checkStats). */
export interface CheckCounters {
  held: number;
  heldBytes: number;
  shadowBuilds: number;
}

/** What a held update waits for: clocks of the live document, or the session to be created (and why not yet). */
type Wait = Needs | { session: UpdateProblem[] };

interface Held {
  holder: object;
  payload: Uint8Array;
  role: WriterRole;
  wait: Wait;
  since: number;
  timer: ReturnType<typeof setTimeout>;
  settle: (outcome: Outcome) => void;
}

export class UpdateQueue {
  private readonly held: Held[] = [];
  private readonly perHolder = new Map<object, { updates: number; bytes: number }>();
  /** Per connection, bytes of its updates not decided yet (waiting for their turn, or held). */
  private readonly waiting = new Map<object, number>();
  private readonly state: StateOf;
  private passScheduled = false;
  /** Set while a large update is checked and applied in parts: this document's other checks wait for it. */
  private lock: Promise<void> | null = null;
  /** Connections that closed while their large update was being checked. */
  private readonly gone = new WeakSet<object>();

  constructor(
    readonly gate: UpdateGate,
    private readonly live: Y.Doc,
    private readonly limits: HoldLimits,
    /** Applies a checked update to the live document (which stores it); `wasHeld` when it waited. May throw. */
    private readonly apply: (payload: Uint8Array, holder: object, wasHeld: boolean) => void,
    private readonly counters: CheckCounters,
    private readonly turns: CheckTurns,
    private readonly now: () => number = Date.now,
    /** A pass over held updates gives the event loop back after this long and goes on in the next turn. */
    private readonly sliceMs = 10,
  ) {
    this.state = stateOf(live);
  }

  /** Checks and applies `payload` after what `holder` sent before it, or holds it until what it lacks arrives. */
  async submit(holder: object, payload: Uint8Array, role: WriterRole): Promise<Outcome> {
    const waiting = this.waiting.get(holder) ?? 0;
    if (waiting + payload.byteLength > this.limits.maxWaitingBytesPerConnection) {
      return { kind: 'overWaiting', bytes: waiting };
    }
    this.waiting.set(holder, waiting + payload.byteLength);
    try {
      return await this.turns.run(holder, () => this.submitNow(holder, payload, role));
    } finally {
      const left = (this.waiting.get(holder) ?? payload.byteLength) - payload.byteLength;
      if (left > 0) this.waiting.set(holder, left);
      else this.waiting.delete(holder);
    }
  }

  /**
   * Checks a large update in parts (in the order they must be applied), each as `submit` checks an update, and
   * applies them all only when every one has passed. The parts are worked out by `split`, one step per turn
   * (largeUpdates.ts `partsInSteps`); what a step throws is the outcome ('failed').
   */
  submitLarge(holder: object, parts: () => Iterator<void, Uint8Array[]>, role: WriterRole): Promise<Outcome> {
    const start = (): Promise<Outcome> =>
      this.lock ? this.lock.then(() => this.inTurn(holder, start)) : this.checkLarge(holder, parts, role);
    return this.inTurn(holder, start);
  }

  /** Runs `job` in `holder`'s turn (checkTurns.ts), after what it gave before. */
  private async inTurn(holder: object, job: () => Outcome | Promise<Outcome>): Promise<Outcome> {
    return await this.turns.run(holder, job);
  }

  private async checkLarge(
    holder: object,
    split: () => Iterator<void, Uint8Array[]>,
    role: WriterRole,
  ): Promise<Outcome> {
    let unlock = (): void => undefined;
    this.lock = new Promise<void>((resolve) => (unlock = resolve));
    try {
      let steps: Iterator<void, Uint8Array[]> | null = null;
      let parts: Uint8Array[] | null = null;
      while (parts === null) {
        const step = await this.turns.run(holder, () => {
          if (this.gone.has(holder)) return { left: true as const };
          try {
            steps ??= split();
            const next = steps.next();
            return { parts: next.done ? next.value : null };
          } catch (error) {
            return { error };
          }
        });
        if ('left' in step) return { kind: 'left' };
        if ('error' in step) return { kind: 'failed', error: step.error };
        parts = step.parts;
      }
      for (const part of parts) {
        const problems = await this.turns.run(holder, () =>
          this.gone.has(holder) ? null : this.gate.stage(part, role),
        );
        if (problems === null) {
          this.gate.drop();
          return { kind: 'left' };
        }
        // Waiting is for small updates: a large one that cannot be judged whole now is refused.
        if (problems.length > 0) return { kind: 'refused', problems };
      }
      for (const part of parts) {
        const error = await this.turns.run(holder, () => {
          try {
            // As for a held update: a device revoked while its parts were checked stores nothing more.
            this.apply(part, holder, true);
            return null;
          } catch (e) {
            return { e };
          }
        });
        if (error !== null) {
          this.gate.drop();
          return { kind: 'failed', error: error.e };
        }
      }
      this.gate.caughtUp();
      return { kind: 'applied' };
    } finally {
      this.lock = null;
      unlock();
      this.changed();
    }
  }

  private submitNow(holder: object, payload: Uint8Array, role: WriterRole): Outcome | Promise<Outcome> {
    // A large update's parts are being checked on this document: this one is checked after them, in its turn.
    if (this.lock)
      return this.lock.then(() => this.inTurn(holder, () => this.submitNow(holder, payload, role)));
    const verdict = this.judge(holder, payload, role, false);
    if (!('wait' in verdict)) return verdict;
    const counts = this.perHolder.get(holder) ?? { updates: 0, bytes: 0 };
    if (
      counts.updates + 1 > this.limits.maxHeldUpdatesPerConnection ||
      counts.bytes + payload.byteLength > this.limits.maxHeldBytesPerConnection
    ) {
      return { kind: 'overHeld', updates: counts.updates, bytes: counts.bytes };
    }
    return new Promise<Outcome>((settle) => {
      const entry: Held = {
        holder,
        payload,
        role,
        wait: verdict.wait,
        since: this.now(),
        timer: setTimeout(() => {
          this.remove(entry);
          const problems = entry.wait instanceof Map ? [] : entry.wait.session;
          settle({ kind: 'expired', heldMs: this.now() - entry.since, problems });
        }, this.limits.maxHoldMs),
        settle,
      };
      entry.timer.unref?.();
      this.held.push(entry);
      counts.updates += 1;
      counts.bytes += payload.byteLength;
      this.perHolder.set(holder, counts);
      this.counters.held += 1;
      this.counters.heldBytes += payload.byteLength;
    });
  }

  /** The live document changed: held updates whose needs are now met get their check (soon, not inside Yjs). */
  changed(): void {
    if (this.held.length === 0 || this.passScheduled) return;
    this.passScheduled = true;
    setImmediate(() => {
      this.passScheduled = false;
      this.pass();
    });
  }

  /** Drops what `holder` (a connection that closed) has held: nothing of it is stored. */
  release(holder: object): void {
    this.gone.add(holder);
    for (const entry of this.held.filter((e) => e.holder === holder)) {
      this.remove(entry);
      entry.settle({ kind: 'left' });
    }
  }

  /** Held updates now (for tests and stats). */
  get heldCount(): number {
    return this.held.length;
  }

  private pass(): void {
    // Looked at again once the large update in progress is done (`changed` is called then).
    if (this.lock) return;
    const start = performance.now();
    let progress = true;
    while (progress && this.held.length > 0) {
      progress = false;
      for (const entry of [...this.held]) {
        if (performance.now() - start > this.sliceMs) {
          this.changed();
          return;
        }
        if (!this.held.includes(entry) || !this.isReady(entry.wait)) continue;
        const verdict = this.judge(entry.holder, entry.payload, entry.role, true);
        if ('wait' in verdict) {
          entry.wait = verdict.wait;
          continue;
        }
        this.remove(entry);
        entry.settle(verdict);
        if (verdict.kind === 'applied') progress = true;
      }
    }
  }

  private isReady(wait: Wait): boolean {
    return wait instanceof Map ? needsMet(wait, this.state) : readMeta(this.live) !== null;
  }

  /** The check and the apply, in one synchronous step; or what the update still waits for. */
  private judge(
    holder: object,
    payload: Uint8Array,
    role: WriterRole,
    wasHeld: boolean,
  ): Outcome | { wait: Wait } {
    let needs: Needs = new Map();
    try {
      needs = updateNeeds(payload, this.state);
    } catch {
      // Undecodable: the full check below refuses it as corrupt.
    }
    if (needs.size > 0) return { wait: needs };
    const problems = this.gate.check(payload, role);
    if (problems.length === 0) {
      try {
        this.apply(payload, holder, wasHeld);
        return { kind: 'applied' };
      } catch (error) {
        this.gate.drop();
        return { kind: 'failed', error };
      }
    }
    // Complete by its own account but left pending by Yjs (crafted references): it can never be taken whole.
    if (problems.some((p) => p.problem === 'incomplete')) return { kind: 'refused', problems };
    if (mayWait(problems)) return { wait: { session: problems } };
    return { kind: 'refused', problems };
  }

  private remove(entry: Held): void {
    const i = this.held.indexOf(entry);
    if (i < 0) return;
    this.held.splice(i, 1);
    clearTimeout(entry.timer);
    const counts = this.perHolder.get(entry.holder);
    if (counts) {
      counts.updates -= 1;
      counts.bytes -= entry.payload.byteLength;
      if (counts.updates === 0) this.perHolder.delete(entry.holder);
    }
    this.counters.held -= 1;
    this.counters.heldBytes -= entry.payload.byteLength;
  }
}
