/** Council sync in words: the state, when it last synced, and why enrolment or sync failed. */
import { isCouncilProblem } from '../../../sync/councilApi';
import type { SyncStatus } from '../../../sync/syncStates';
import { describeError } from '../../errors';
import { clockText, dayText } from '../../format/dates';
import type { MessageKey, Translator } from '../../i18n';

/** "14:32" today, "20 November 2026 at 14:32" on another day. */
export function syncedWhen(t: Translator, at: number, now = Date.now()): string {
  const d = new Date(at);
  const time = clockText(t, d);
  if (new Date(now).toDateString() === d.toDateString()) return t('sync.state.synced', { time });
  const date = dayText(t, d);
  return t('sync.state.syncedOn', { date, time });
}

/**
 * The state in one sentence, e.g. "Syncing… 40%" or "Sync failed: …". `role`: the enrolled device's; an officer
 * device whose change was refused is told what it may send (a session made on it never reaches the council).
 */
export function statusInWords(
  t: Translator,
  status: SyncStatus,
  role: 'facilitator' | 'officer' = 'facilitator',
): string {
  switch (status.state) {
    case 'neverSynced':
      return t('sync.state.neverSynced');
    case 'connecting':
      return t('sync.state.connecting');
    case 'syncing': {
      const percent = Math.round(status.progress * 100);
      // A session bigger than one message goes in parts: say which one is on its way.
      return status.parts
        ? t('sync.state.sendingParts', {
            percent,
            part: Math.min(status.parts.sent + 1, status.parts.count),
            count: status.parts.count,
          })
        : t('sync.state.syncing', { percent });
    }
    case 'synced':
      return status.lastSyncedAt === null ? t('sync.state.neverSynced') : syncedWhen(t, status.lastSyncedAt);
    case 'offline':
      return t('sync.state.offline');
    case 'failed':
      if (status.failure === 'rejected' && role === 'officer') return t('sync.failed.rejectedOfficer');
      return t(`sync.failed.${status.failure ?? 'serverError'}`);
  }
}

/** Why enrolment or fetching failed, for someone who is not technical. */
export function describeCouncilError(t: Translator, e: unknown): string {
  if (isCouncilProblem(e)) return t(`sync.enrol.${e.code}` as MessageKey);
  return describeError(t, e);
}
