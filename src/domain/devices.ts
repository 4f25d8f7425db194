/**
 * Devices by the names people gave them ("Tablet 3 (blue case)"), the same on every screen and export.
 *
 * - A name is a `DeviceName` record in the session document's `devices` map, written once under a fresh id by
 *   `nameDevice` (a facilitator on the tablet, or the device naming itself). Renaming writes a new record.
 * - The name in force for a device is its latest record in causal order (`order.ts` causalLatest: a rename names
 *   the name it replaced, then by (at, id)): every device holding the same records shows the same name, whatever
 *   order they arrived in.
 * - A device with no name in the document is shown as "Tablet <short code>": the first characters of its id,
 *   the same short code everywhere.
 */
import { ValidationError } from './errors';
import { causalLatest, compareText, groupBy } from './order';
import type { DeviceName } from './types';
import { requireText } from './validate';

export type { DeviceName } from './types';

/** Most characters of a device's name: short enough for a table's first column. */
export const DEVICE_NAME_LENGTH = 60;

/** Ids are UUIDs in the app; the record checks allow up to 64 characters. */
const DEVICE_ID_LENGTH = 64;

/**
 * How many characters of a device id make its short code: as many as a new device's own name has ("Tablet 3f9a",
 * src/storage/appDb.ts), so a tablet nobody named reads the same in its session files and on every screen.
 */
export const SHORT_CODE_LENGTH = 4;

/** The name in force for each named device in one session's document: its latest record in causal order. */
export function effectiveDeviceNames(records: readonly DeviceName[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, group] of groupBy(records, (r) => r.namedDeviceId)) {
    const best = causalLatest(group);
    if (best) names.set(id, best.name);
  }
  return names;
}

/** One session's device names, and what places the session among others: its workshop date, then its id. */
export interface SessionDeviceNames {
  sessionId: string;
  /** The session's date (YYYY-MM-DD, as its settings hold it). */
  date: string;
  devices: readonly DeviceName[];
}

/**
 * One name per device across several sessions' documents (the officer's view of the sessions shown): the name in
 * force (effectiveDeviceNames) in the latest session that names the device, by workshop date, then session id.
 * Not by the records' stamps: a name forged in one session stamped at the latest possible time (and every honest
 * rename after it there, capped at the same stamp) would win over every later session's name for ever. A session's
 * date and id are the same on every screen and an edit to the date is one anybody sees.
 */
export function deviceNamesAcross(sessions: readonly SessionDeviceNames[]): Map<string, string> {
  const names = new Map<string, string>();
  const inOrder = [...sessions].sort(
    (a, b) => compareText(a.date, b.date) || compareText(a.sessionId, b.sessionId),
  );
  for (const session of inOrder)
    for (const [id, name] of effectiveDeviceNames(session.devices)) names.set(id, name);
  return names;
}

/** The first characters of a device id, as written: "3f9a". */
export function shortCode(deviceId: string): string {
  return deviceId.slice(0, SHORT_CODE_LENGTH) || '?';
}

/** What deviceLabel reads: a session view has it (`SessionView.deviceNames`). */
export interface NamedDevices {
  deviceNames: ReadonlyMap<string, string>;
}

/**
 * A device as people read it: its name in the session, else "Tablet <short code>". `unnamed` words the
 * fallback in the screen's language (the UI passes its catalogue's sentence); exports use the English default.
 */
export function deviceLabel(
  deviceId: string,
  session: NamedDevices | null | undefined,
  unnamed: (code: string) => string = (code) => `Tablet ${code}`,
): string {
  return session?.deviceNames.get(deviceId) ?? unnamed(shortCode(deviceId));
}

/** A name as typed, checked: trimmed, not empty, at most DEVICE_NAME_LENGTH characters. */
export function validateDeviceName(name: unknown): string {
  return requireText(name, 'name', DEVICE_NAME_LENGTH);
}

/** The device id a name is for: any id the document could hold. */
export function validateNamedDevice(deviceId: unknown): string {
  if (typeof deviceId !== 'string' || deviceId.trim() === '') throw new ValidationError('required', 'device');
  if (deviceId.length > DEVICE_ID_LENGTH)
    throw new ValidationError('tooLong', 'device', { max: DEVICE_ID_LENGTH });
  return deviceId;
}
