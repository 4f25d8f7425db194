/**
 * What in a session needs a person's eye: settings that two devices' edits made break a rule, paper sheets typed
 * differently on two devices, decisions made on ideas merged later, records made after the session was ended.
 * Only facilitator and officer screens ask (all lazy), so it is worked out here on demand, once per session view,
 * and the kiosk's shell never carries it.
 */
import { recordsAfterEnd, type AfterEnd } from '../domain/afterEnd';
import { isValidationError, type ValidationError } from '../domain/errors';
import { paperConflicts, paperSheets, type PaperSheet } from '../domain/paper';
import { decisionsOnMergedIdeas, type MergedDecision } from '../domain/statusRules';
import type { SessionSettings } from '../domain/types';
import { validateSettings } from '../domain/validateSettings';
import type { SessionView } from './session';

export interface SessionChecks {
  /**
   * Settings edits are checked one by one on the device that makes them; two valid edits made apart (a larger
   * pot here, less poolable money there) can merge into settings that break a rule. Shown to the facilitator.
   */
  settingsProblem: ValidationError | null;
  /** Paper sheets typed differently on two devices, by sheet number (src/domain/paper.ts): a person keeps one. */
  paperConflicts: PaperSheet[];
  /** Decisions in force on ideas later merged into another, shown on the kept idea (src/domain/statuses.ts). */
  mergedDecisions: MergedDecision[];
  /** Records made after the session was ended, or null while it is open (src/domain/afterEnd.ts). */
  afterEnd: AfterEnd | null;
}

function checkMerged(settings: SessionSettings): ValidationError | null {
  try {
    validateSettings(settings);
    return null;
  } catch (e) {
    if (isValidationError(e)) return e;
    throw e;
  }
}

const checked = new WeakMap<SessionView, SessionChecks>();

export function sessionChecks(view: SessionView): SessionChecks {
  let checks = checked.get(view);
  if (!checks) {
    const { records } = view;
    checks = {
      settingsProblem: checkMerged(view.settings),
      paperConflicts: paperConflicts(paperSheets(records.paperTypings)),
      mergedDecisions: decisionsOnMergedIdeas(view.proposals, records.statuses),
      afterEnd: recordsAfterEnd(records),
    };
    checked.set(view, checks);
  }
  return checks;
}
