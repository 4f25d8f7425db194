/**
 * The session as the screens see it: records read out of the document and the pure functions applied. Every
 * screen, export and count reads through here, so a tablet and the council never disagree about a figure.
 */
import type * as Y from 'yjs';
import { countBallots, boardRows, type BallotCount, type BoardRow } from '../domain/count';
import { proposalViews, visibleProposals, type ProposalView } from '../domain/proposals';
import { effectiveSettings } from '../domain/settings';
import { effectiveStatuses } from '../domain/statuses';
import { effectiveDeviceNames } from '../domain/devices';
import type { ProposalStatus, SessionRecords, SessionSettings } from '../domain/types';
import { isNewerSchema, readRecords } from './schema';

export interface SessionView {
  records: SessionRecords;
  settings: SessionSettings;
  proposals: ProposalView[];
  visible: ProposalView[];
  count: BallotCount;
  board: BoardRow[];
  /** Each idea's status as officers decided it (the latest in causal order, src/domain/order.ts causalOrder); ideas not in it are `submitted`. */
  statuses: ReadonlyMap<string, ProposalStatus>;
  /** Each named device's name in force (the latest in causal order): read through `deviceLabel` (src/domain/devices.ts). */
  deviceNames: ReadonlyMap<string, string>;
  isReadOnly: boolean;
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
    deviceNames: effectiveDeviceNames(records.devices),
    isReadOnly: isNewerSchema(doc),
  };
}
