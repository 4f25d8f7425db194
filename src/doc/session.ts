/**
 * The session as the screens see it: records read out of the document and the pure functions applied. Every
 * screen, export and count reads through here, so a tablet and the council never disagree about a figure.
 */
import type * as Y from 'yjs';
import { countBallots, boardRows, type BallotCount, type BoardRow } from '../domain/count';
import { proposalViews, visibleProposals, type ProposalView } from '../domain/proposals';
import { effectiveSettings } from '../domain/settings';
import { decisionsOnMergedIdeas, effectiveStatuses, type MergedDecision } from '../domain/statuses';
import { paperConflicts, paperSheets, type PaperSheet } from '../domain/paper';
import { recordsAfterEnd, type AfterEnd } from '../domain/afterEnd';
import { effectiveDeviceNames } from '../domain/devices';
import type { ProposalStatus, SessionRecords, SessionSettings } from '../domain/types';
import { isValidationError, type ValidationError } from '../domain/errors';
import { validateSettings } from '../domain/validate';
import { isNewerSchema, readRecords } from './schema';

export interface SessionView {
  records: SessionRecords;
  settings: SessionSettings;
  proposals: ProposalView[];
  visible: ProposalView[];
  count: BallotCount;
  board: BoardRow[];
  /** Each idea's status as officers decided it (latest record by at, id); ideas not in it are `submitted`. */
  statuses: ReadonlyMap<string, ProposalStatus>;
  /** Paper sheets typed differently on two devices, by sheet number (src/domain/paper.ts): a person keeps one. */
  paperConflicts: PaperSheet[];
  /** Decisions in force on ideas later merged into another, shown on the kept idea (src/domain/statuses.ts). */
  mergedDecisions: MergedDecision[];
  /** Records made after the session was ended, or null while it is open (src/domain/afterEnd.ts). */
  afterEnd: AfterEnd | null;
  /** Each named device's name in force (latest by at, id): read through `deviceLabel` (src/domain/devices.ts). */
  deviceNames: ReadonlyMap<string, string>;
  isReadOnly: boolean;
  /**
   * Settings edits are checked one by one on the device that makes them; two valid edits made apart (a larger
   * pot here, less poolable money there) can merge into settings that break a rule. Shown to the facilitator.
   */
  settingsProblem: ValidationError | null;
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

export function viewSession(doc: Y.Doc): SessionView | null {
  const records = readRecords(doc);
  const settings = effectiveSettings(records.settingsEdits);
  if (!settings || !records.sessionId) return null;
  const proposals = proposalViews(records.proposals, records.moderation);
  const count = countBallots(records.ballots, settings.method, settings.potPence, proposals);
  return {
    records,
    settings,
    proposals,
    visible: visibleProposals(proposals),
    count,
    board: boardRows(proposals, count, records.comments),
    statuses: effectiveStatuses(records.statuses),
    paperConflicts: paperConflicts(paperSheets(records.paperTypings)),
    mergedDecisions: decisionsOnMergedIdeas(proposals, records.statuses),
    afterEnd: recordsAfterEnd(records),
    deviceNames: effectiveDeviceNames(records.devices),
    isReadOnly: isNewerSchema(doc),
    settingsProblem: checkMerged(settings),
  };
}
