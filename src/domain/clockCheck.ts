/**
 * Is this device's clock behind the records it holds? Every record is stamped with its writer's clock, and
 * tablets' clocks are often wrong (a dead battery resets one to 2000; one is set an hour or a day out). A record
 * stamped more than CLOCK_TOLERANCE_MS after this device's clock says one of the two clocks is wrong: this one,
 * or the writer's (ahead). The facilitator's dashboard says so, so they can set the date and time before residents'
 * records are stamped with it. A clock that is ahead of everything cannot be told from the records alone.
 */
import type { SessionRecords } from './types';

/** More than this ahead of the device's clock is not drift or a slow sync: an hour (a time zone set wrongly). */
export const CLOCK_TOLERANCE_MS = 60 * 60_000;

export interface ClockBehind {
  /** The device's clock when checked. */
  now: number;
  /** The latest stamp among the records. */
  latestAt: number;
  /** The earliest record stamped beyond the tolerance, and its writer: where a clock ahead would have started. */
  firstAt: number;
  firstDeviceId: string;
}

type Stamped = { at: number; deviceId: string };

/** Records stamped more than the tolerance after `now`, summed up; null when there are none. */
export function clockBehind(
  now: number,
  records: Pick<
    SessionRecords,
    | 'settingsEdits'
    | 'proposals'
    | 'comments'
    | 'participants'
    | 'ballots'
    | 'moderation'
    | 'statuses'
    | 'devices'
  >,
): ClockBehind | null {
  const limit = now + CLOCK_TOLERANCE_MS;
  let found: ClockBehind | null = null;
  const lists: readonly (readonly Stamped[])[] = [
    records.settingsEdits,
    records.proposals,
    records.comments,
    records.participants,
    records.ballots,
    records.moderation,
    records.statuses,
    records.devices,
  ];
  for (const list of lists) {
    for (const r of list) {
      if (!(r.at > limit)) continue;
      if (!found) found = { now, latestAt: r.at, firstAt: r.at, firstDeviceId: r.deviceId };
      if (r.at > found.latestAt) found.latestAt = r.at;
      if (r.at < found.firstAt) {
        found.firstAt = r.at;
        found.firstDeviceId = r.deviceId;
      }
    }
  }
  return found;
}
