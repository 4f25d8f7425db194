/**
 * Naming a device ("Tablet 3 (blue case)"), apart from the kiosk's commands (commands.ts) so a resident's path
 * never downloads it. Same contract: validate first, then one transaction. Rules: src/domain/devices.ts.
 */
import type * as Y from 'yjs';
import { causalLatest, stampAfter } from '../domain/order';
import { validateDeviceName, validateNamedDevice } from '../domain/devices';
import type { DeviceName } from '../domain/types';
import { run, writable, type CommandContext } from './commands';
import { maps, readRecords } from './schema';

/**
 * Gives `namedDeviceId` a name in this session (a facilitator on the tablet, in facilitator mode; or a device
 * naming itself). Allowed on ended sessions: a name only helps people read what happened. Giving the name
 * already in force writes nothing and returns that record's id. Returns the id of the name record.
 */
export function nameDevice(
  doc: Y.Doc,
  input: { namedDeviceId: string; name: string },
  ctx: CommandContext,
): string {
  writable(doc);
  const namedDeviceId = validateNamedDevice(input.namedDeviceId);
  const name = validateDeviceName(input.name);
  const names = readRecords(doc).devices.filter((r) => r.namedDeviceId === namedDeviceId);
  const current = causalLatest(names);
  if (current && current.name === name) return current.id;
  // After every name it replaces, whatever this device's clock says (order.ts stampAfter).
  const at = stampAfter(ctx.now(), names);
  const record: DeviceName = {
    id: ctx.newId(),
    deviceId: ctx.deviceId,
    at,
    namedDeviceId,
    name,
    // The name in force it replaces, so that it comes after it whatever the stamps say (order.ts causalOrder).
    ...(current ? { after: current.id } : {}),
  };
  run(doc, 'nameDevice', ctx, () => maps(doc).devices.set(record.id, record));
  return record.id;
}
