/**
 * What every screen needs from the device: its database, its stored session documents and who it is. Made
 * once at start-up and passed down through context, so tests and the demo can swap parts.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CommandContext } from '../doc/commands';
import type { AppDb, DeviceIdentity } from '../storage/appDb';
import type { DocStore } from '../storage/docStore';
import type { SessionCopies } from '../storage/sessionCopies';

export interface Services {
  db: AppDb;
  docs: DocStore;
  device: DeviceIdentity;
  ctx: CommandContext;
  /** The spare copies `docs` keeps outside IndexedDB (src/storage/sessionCopies.ts); none where the browser has none. */
  copies?: SessionCopies | null;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
}
