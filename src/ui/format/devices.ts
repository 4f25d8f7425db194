/** A device as people read it on every screen: its name in the session, else "Tablet <short code>". */
import { deviceLabel, type NamedDevices } from '../../domain/devices';
import type { Translator } from '../i18n';

export function deviceText(
  t: Translator,
  deviceId: string,
  session: NamedDevices | null | undefined,
): string {
  return deviceLabel(deviceId, session, (code) => t('device.unnamed', { code }));
}
