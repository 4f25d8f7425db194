/**
 * Brings one session down from the council onto this device: opens (creating) its local document, syncs it
 * until complete (or a time limit), and adds it to the device's session list.
 */
import { viewSession } from '../../../doc/session';
import type { Enrolment } from '../../../storage/appDb';
import type { Services } from '../../services';
import { upsertSessionEntry } from '../../sessionList';

export class FetchTimeout extends Error {
  override readonly name = 'FetchTimeout';
}

export async function fetchSession(
  services: Services,
  enrolment: Enrolment,
  sessionId: string,
  timeoutMs = 30_000,
): Promise<void> {
  const { startCouncilSync } = await import('../../../sync/councilSync');
  const handle = await services.docs.open(sessionId);
  const sync = startCouncilSync({
    doc: handle.doc,
    sessionId,
    token: enrolment.token,
    baseUrl: enrolment.serverName,
    role: enrolment.role,
    mark: (await services.db.syncMarks.get(sessionId)) ?? null,
    // The demo never syncs (src/sync/councilScope.ts): the sync ends at once, failed with the reason 'demo'.
    isListedAsDemo: (await services.db.sessions.get(sessionId))?.isDemo,
    saveMark: async (m) => {
      await services.db.syncMarks.put({ sessionId, ...m });
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      sync.whenSynced(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new FetchTimeout()), timeoutMs);
      }),
    ]);
    await handle.whenSaved();
    const view = viewSession(handle.doc);
    if (view) await upsertSessionEntry(services.db, view);
  } finally {
    clearTimeout(timer);
    sync.destroy();
    await handle.close();
  }
}
