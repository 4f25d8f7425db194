/**
 * The live turn marker: a reload or crash mid-turn resumes the same turn (the same participant, so one resident
 * counted once) only within the idle time; after it, or once the turn was finished, the turn is ended and never
 * shown again. Real Y.Docs, real (fake-indexeddb) Dexie, fake timers for time.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addProposal, finishParticipant, startParticipant } from '../../../src/doc/commands';
import { endSession } from '../../../src/doc/sessionCommands';
import { viewSession } from '../../../src/doc/session';
import { AppDb, type LiveTurnMarker } from '../../../src/storage/appDb';
import { draftKey, loadDraft, saveDraft } from '../../../src/storage/drafts';
import { readLiveTurn, writeLiveTurn } from '../../../src/storage/liveTurns';
import {
  ACTIVITY_WRITE_MS,
  deleteAbandonedDrafts,
  TurnMarker,
  turnOnOpen,
} from '../../../src/ui/kiosk/liveTurn';
import { TURN_STEPS } from '../../../src/ui/kiosk/turnSteps';
import { createdSession, WORKSHOP_START } from '../helpers/session';

const IDLE_MS = 120_000;
const freshDb = (): AppDb => new AppDb('codesign-app', { indexedDB: new IDBFactory() });
/**
 * How long to wait (real time) for a marker write to be read back: vi.waitFor gives up after 1 s by default,
 * which a busy 2-core machine can spend opening a fresh database. The wait ends as soon as the write is read.
 */
const WRITTEN = { timeout: 15_000 };

afterEach(() => {
  vi.useRealTimers();
});

/** A session with one resident mid-turn on device-a, who put forward an idea. */
function midTurn() {
  const s = createdSession();
  const pid = startParticipant(s.doc, { language: 'en', hasConsented: true }, s.ctx);
  s.clock.advance();
  const ideaId = addProposal(
    s.doc,
    { title: 'Bench by the pond', description: '', themeId: 'theme-green', costPence: 50_000, where: '' },
    pid,
    s.ctx,
  );
  const marker = (over: Partial<LiveTurnMarker> = {}): LiveTurnMarker => ({
    sessionId: s.sessionId,
    participantId: pid,
    step: TURN_STEPS.idea,
    language: 'cy',
    ideaId,
    lastActiveAt: WORKSHOP_START + 60_000,
    ...over,
  });
  return { ...s, pid, ideaId, marker };
}

describe('deciding, on opening the kiosk, whether a turn cut short is resumed', () => {
  it('Given a turn last active 119 s ago (idle time 120 s), when the kiosk opens, then the same participant resumes on the same idea in their language', () => {
    const { doc, pid, ideaId, marker } = midTurn();
    const at = WORKSHOP_START + 60_000;
    expect(turnOnOpen(marker(), viewSession(doc)!, 'device-a', at + 119_000, IDLE_MS)).toEqual({
      kind: 'resume',
      turn: { participantId: pid, step: 'idea', language: 'cy', ideaId, lastActiveAt: at },
    });
  });

  it('Given a turn last active exactly the idle time ago or longer, when the kiosk opens, then it is ended, never resumed', () => {
    const { doc, pid, marker } = midTurn();
    const at = WORKSHOP_START + 60_000;
    for (const later of [IDLE_MS, IDLE_MS + 1, 3_600_000]) {
      expect(turnOnOpen(marker(), viewSession(doc)!, 'device-a', at + later, IDLE_MS)).toEqual({
        kind: 'end',
        participantId: pid,
        isOpen: true,
      });
    }
    // A clock that went backwards is not trusted either.
    expect(turnOnOpen(marker(), viewSession(doc)!, 'device-a', at - 1, IDLE_MS).kind).toBe('end');
  });

  it('Given a finished participant, another device’s participant, or an ended session, when the kiosk opens, then nothing is resumed', () => {
    const s = midTurn();
    const now = WORKSHOP_START + 61_000;
    // Another device's participant (a copy of the document from elsewhere): never resumed here.
    expect(turnOnOpen(s.marker(), viewSession(s.doc)!, 'device-b', now, IDLE_MS)).toEqual({
      kind: 'end',
      participantId: s.pid,
      isOpen: false,
    });
    // An unknown participant.
    expect(
      turnOnOpen(s.marker({ participantId: 'nobody' }), viewSession(s.doc)!, 'device-a', now, IDLE_MS),
    ).toMatchObject({ kind: 'end', isOpen: false });
    // The session ended by the facilitator.
    endSession(s.doc, s.ctx);
    expect(turnOnOpen(s.marker(), viewSession(s.doc)!, 'device-a', now, IDLE_MS)).toMatchObject({
      kind: 'end',
      isOpen: true,
    });
    // A finished participant.
    const f = midTurn();
    finishParticipant(f.doc, f.pid, f.ctx);
    expect(turnOnOpen(f.marker(), viewSession(f.doc)!, 'device-a', now, IDLE_MS)).toMatchObject({
      kind: 'end',
      isOpen: false,
    });
    // No marker: a fresh turn.
    expect(turnOnOpen(undefined, viewSession(f.doc)!, 'device-a', now, IDLE_MS)).toEqual({ kind: 'fresh' });
  });

  it('Given steps that do not stand on their own, when resumed, then the turn goes to the menu or the ideas', () => {
    const { doc, marker } = midTurn();
    const now = WORKSHOP_START + 61_000;
    const stepAfter = (step: string, ideaId: string | null = null): string => {
      const d = turnOnOpen(marker({ step, ideaId }), viewSession(doc)!, 'device-a', now, IDLE_MS);
      return d.kind === 'resume' ? d.turn.step : d.kind;
    };
    expect(stepAfter(TURN_STEPS.addIdea)).toBe('addIdea');
    expect(stepAfter(TURN_STEPS.priorities)).toBe('priorities');
    expect(stepAfter(TURN_STEPS.aboutYou)).toBe('aboutYou');
    expect(stepAfter(TURN_STEPS.idea, 'an-idea-not-here')).toBe('ideas');
    expect(stepAfter(TURN_STEPS.finishCheck)).toBe('hub');
    expect(stepAfter(TURN_STEPS.facilitator)).toBe('hub');
    expect(stepAfter(TURN_STEPS.earlierIdeas)).toBe('hub');
    expect(stepAfter(TURN_STEPS.thanks)).toBe('hub');
  });
});

describe('the marker on the device', () => {
  it('Given a turn that starts, moves and is touched, when time passes, then the device keeps its step and last activity; once closed it is gone and stays gone', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(WORKSHOP_START);
    const db = freshDb();
    const marker = new TurnMarker(db, {
      sessionId: 's1',
      participantId: 'p1',
      step: TURN_STEPS.hub,
      language: 'en',
      ideaId: null,
    });
    await vi.waitFor(
      async () =>
        expect(await readLiveTurn(db, 's1')).toMatchObject({ step: 'hub', lastActiveAt: WORKSHOP_START }),
      WRITTEN,
    );
    vi.setSystemTime(WORKSHOP_START + 5_000);
    marker.move(TURN_STEPS.addIdea, null, 'en');
    await vi.waitFor(
      async () =>
        expect(await readLiveTurn(db, 's1')).toMatchObject({
          step: 'addIdea',
          lastActiveAt: WORKSHOP_START + 5_000,
        }),
      WRITTEN,
    );
    // Typing: written within a second, not on every key.
    vi.setSystemTime(WORKSHOP_START + 30_000);
    marker.touch();
    vi.setSystemTime(WORKSHOP_START + 30_500);
    marker.touch();
    expect((await readLiveTurn(db, 's1'))?.lastActiveAt).toBe(WORKSHOP_START + 5_000);
    await vi.advanceTimersByTimeAsync(ACTIVITY_WRITE_MS);
    await vi.waitFor(
      async () => expect((await readLiveTurn(db, 's1'))?.lastActiveAt).toBe(WORKSHOP_START + 30_500),
      WRITTEN,
    );
    // Touched, then the turn ends before the write: nothing brings the marker back.
    marker.touch();
    await marker.close();
    await vi.advanceTimersByTimeAsync(ACTIVITY_WRITE_MS * 3);
    marker.move(TURN_STEPS.priorities, null, 'en');
    marker.touch();
    await vi.advanceTimersByTimeAsync(ACTIVITY_WRITE_MS * 3);
    expect(await readLiveTurn(db, 's1')).toBeUndefined();
  });

  it('Given a resumed turn, when its marker is made again, then its last activity stays the one before the reload', async () => {
    const db = freshDb();
    const marker = new TurnMarker(db, {
      sessionId: 's1',
      participantId: 'p1',
      step: TURN_STEPS.ideas,
      language: 'en',
      ideaId: null,
      lastActiveAt: WORKSHOP_START,
    });
    // The kiosk then tells it the step it is on: the same step, so no activity is made up.
    marker.move(TURN_STEPS.ideas, null, 'en');
    await vi.waitFor(
      async () =>
        expect(await readLiveTurn(db, 's1')).toMatchObject({ step: 'ideas', lastActiveAt: WORKSHOP_START }),
      WRITTEN,
    );
  });

  it('Given a later turn’s marker, when an earlier turn’s marker closes late, then the later one is kept', async () => {
    const db = freshDb();
    const first = new TurnMarker(db, {
      sessionId: 's1',
      participantId: 'p1',
      step: TURN_STEPS.hub,
      language: 'en',
      ideaId: null,
    });
    await vi.waitFor(async () => expect((await readLiveTurn(db, 's1'))?.participantId).toBe('p1'), WRITTEN);
    await writeLiveTurn(db, {
      sessionId: 's1',
      participantId: 'p2',
      step: 'hub',
      language: 'en',
      ideaId: null,
      lastActiveAt: WORKSHOP_START,
    });
    await first.close();
    expect((await readLiveTurn(db, 's1'))?.participantId).toBe('p2');
  });

  it('Given drafts of a resumed resident and of a turn that ended badly, when the kiosk opens, then only the resumed resident’s drafts stay', async () => {
    const db = freshDb();
    const resumed = draftKey('s1', 'p-resumed', 'addIdea');
    const gone = draftKey('s1', 'p-gone', 'addIdea');
    const facilitator = draftKey('s1', 'facilitator', 'settings');
    await saveDraft(db, resumed, 's1', { title: 'Bench' });
    await saveDraft(db, gone, 's1', { title: 'Secret' });
    await saveDraft(db, facilitator, 's1', { title: 'Venue' });
    await deleteAbandonedDrafts(db, 's1', new Set(['p-resumed', 'p-gone']), 'p-resumed');
    expect(await loadDraft(db, resumed)).toEqual({ title: 'Bench' });
    expect(await loadDraft(db, gone)).toBeNull();
    expect(await loadDraft(db, facilitator)).toEqual({ title: 'Venue' });
  });
});
