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
import { byStampThenId, causalLatest, groupBy } from './order';
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
  return deviceNamesAcross([records]);
}

/**
 * One name per device across several sessions' documents (the officer's view of the sessions shown): in each
 * document the name in force (causal order, as effectiveDeviceNames), then the latest of those by (at, id). Causal
 * depth is not comparable across documents, and a session's records never name another's, so across sessions the
 * latest name by time wins, as it always has.
 */
export function deviceNamesAcross(sessions: readonly (readonly DeviceName[])[]): Map<string, string> {
  const inForce = new Map<string, DeviceName>();
  for (const records of sessions) {
    for (const [id, group] of groupBy(records, (r) => r.namedDeviceId)) {
      const best = causalLatest(group);
      const was = inForce.get(id);
      if (best && (!was || byStampThenId(was, best) < 0)) inForce.set(id, best);
    }
  }
  return new Map([...inForce].map(([id, r]) => [id, r.name]));
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
