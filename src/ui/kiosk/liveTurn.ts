/**
 * The turn in progress on this tablet: what the kiosk screen must know to end it safely if the screen goes away
 * (the browser's history list jumping out of the kiosk), and the "live turn" marker kept on the device so that a
 * reload or a crash mid-turn resumes the same turn (the same participant: one resident, counted once) within the
 * idle time, and ends it, as the idle timeout would have, once the idle time has passed: an earlier resident's
 * turn is never shown to whoever finds the tablet after that.
 */
import type * as Y from 'yjs';
import { finishParticipant, type CommandContext } from '../../doc/commands';
import type { SessionView } from '../../doc/session';
import type { AppDb, LiveTurnMarker } from '../../storage/appDb';
import { deleteLiveTurn, writeLiveTurn } from '../../storage/liveTurns';
import type { TurnDrafts } from './turnDrafts';
import { TURN_STEPS, type TurnStep } from './turnSteps';

export interface LiveTurn {
  participantId: string | null;
  drafts: TurnDrafts | null;
  marker: TurnMarker | null;
}

export const NO_TURN: LiveTurn = { participantId: null, drafts: null, marker: null };

/** Activity is written to the marker at most this often (a tap or a key press is not a database write). */
export const ACTIVITY_WRITE_MS = 1000;

/**
 * The device's marker for one turn. Writes go one after another; once closed nothing more is written and the
 * marker is deleted, so a turn that ended can never be resumed.
 */
export class TurnMarker {
  private isClosed = false;
  private state: LiveTurnMarker;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  /** A new turn starts now; a resumed one keeps its last activity time (a reload is nobody's tap). */
  constructor(
    private readonly db: AppDb,
    start: Omit<LiveTurnMarker, 'lastActiveAt'> & { lastActiveAt?: number },
  ) {
    this.state = { ...start, lastActiveAt: start.lastActiveAt ?? Date.now() };
    this.write();
  }

  /** The resident moved to another step: written now. The same step again changes nothing. */
  move(step: TurnStep, ideaId: string | null, language: string): void {
    const s = this.state;
    if (this.isClosed || (s.step === step && s.ideaId === ideaId && s.language === language)) return;
    this.state = { ...s, step, ideaId, language, lastActiveAt: Date.now() };
    this.write();
  }

  /** The resident touched the screen: written within ACTIVITY_WRITE_MS. */
  touch(): void {
    if (this.isClosed) return;
    this.state = { ...this.state, lastActiveAt: Date.now() };
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write();
    }, ACTIVITY_WRITE_MS);
  }

  private write(): void {
    const marker = { ...this.state };
    this.writing = this.writing
      .then(() => (this.isClosed ? undefined : writeLiveTurn(this.db, marker)))
      .catch(() => undefined);
  }

  /** The turn is over: write nothing more and delete the marker. */
  async close(): Promise<void> {
    this.isClosed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.writing;
    await deleteLiveTurn(this.db, this.state.sessionId, this.state.participantId).catch(() => undefined);
  }
}

/** A turn to take up again after a reload: who, where and in which language. */
export interface ResumedTurn {
  participantId: string;
  step: TurnStep;
  language: string;
  ideaId: string | null;
  /** The resident's last activity: the idle time counts from here, not from the reload. */
  lastActiveAt: number;
}

/** What the kiosk does on opening, given the device's marker for the session. */
export type TurnOnOpen =
  /** No turn was running here: start afresh. */
  | { kind: 'fresh' }
  /** A turn cut short within the idle time: take it up again. */
  | { kind: 'resume'; turn: ResumedTurn }
  /** A marker that may not be resumed: end its participant (if still open here), delete it, start afresh. */
  | { kind: 'end'; participantId: string; isOpen: boolean };

/** Where a resumed turn starts: its own step where that step stands on its own, else the menu. */
function resumeStep(step: string, ideaId: string | null): TurnStep {
  switch (step) {
    case TURN_STEPS.aboutYou:
    case TURN_STEPS.hub:
    case TURN_STEPS.moneyMap:
    case TURN_STEPS.ideas:
    case TURN_STEPS.addIdea:
    case TURN_STEPS.priorities:
      return step;
    case TURN_STEPS.idea:
      return ideaId ? TURN_STEPS.idea : TURN_STEPS.ideas;
    default:
      // The earlier-ideas page, a finish check or a hand-over question: back to the menu.
      return TURN_STEPS.hub;
  }
}

/**
 * Decides whether the marker's turn may be resumed: only a participant of this device whose turn has not been
 * finished, in a session that still takes turns, last active less than the idle time ago (a clock that went
 * backwards is not trusted: the turn is ended).
 */
export function turnOnOpen(
  marker: LiveTurnMarker | undefined,
  view: SessionView,
  deviceId: string,
  now: number,
  idleMs: number,
): TurnOnOpen {
  if (!marker) return { kind: 'fresh' };
  const participant = view.records.participants.find((p) => p.id === marker.participantId);
  const isOpen =
    participant !== undefined && participant.deviceId === deviceId && participant.finishedAt === null;
  const idleFor = now - marker.lastActiveAt;
  const mayResume = isOpen && !view.settings.isEnded && !view.isReadOnly && idleFor >= 0 && idleFor < idleMs;
  if (!mayResume) return { kind: 'end', participantId: marker.participantId, isOpen };
  const ideaId =
    marker.ideaId !== null && view.proposals.some((p) => p.id === marker.ideaId) ? marker.ideaId : null;
  return {
    kind: 'resume',
    turn: {
      participantId: marker.participantId,
      step: resumeStep(marker.step, ideaId),
      language: marker.language,
      ideaId,
      lastActiveAt: marker.lastActiveAt,
    },
  };
}

/** Ends a turn without waiting: finishes the participant (if the document is still open) and drops drafts. */
export function abandonTurn(doc: Y.Doc | null, live: LiveTurn, ctx: CommandContext): void {
  if (live.participantId && doc) {
    // Already finished, or the session cannot be written here: what was saved stays saved.
    const ignore = (): void => undefined;
    try {
      // A promise in the app (the record is signed first): its refusal is ignored the same way.
      const finishing: unknown = finishParticipant(doc, live.participantId, ctx);
      if (finishing instanceof Promise) finishing.catch(ignore);
    } catch {
      ignore();
    }
  }
  void live.drafts?.close().catch(() => undefined);
  void live.marker?.close().catch(() => undefined);
}

/**
 * Deletes drafts left by residents of this session whose turn is no longer running here (the page was reloaded
 * or closed mid-turn and the turn is not resumed). Run when the kiosk opens, before any new turn starts. Drafts of
 * other owners (facilitator forms) and of the turn being resumed (`keep`) are left alone.
 */
export async function deleteAbandonedDrafts(
  db: AppDb,
  sessionId: string,
  participantIds: ReadonlySet<string>,
  keep: string | null = null,
): Promise<void> {
  const drafts = await db.drafts.where('sessionId').equals(sessionId).toArray();
  const abandoned = drafts
    .filter((d) => {
      const owner = d.key.split('|')[1] ?? '';
      return owner !== keep && participantIds.has(owner);
    })
    .map((d) => d.key);
  if (abandoned.length > 0) await db.drafts.bulkDelete(abandoned);
}
