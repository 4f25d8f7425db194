/**
 * Writes the room log's rows for session files just added (src/storage/roomLog.ts): one per file from another
 * device, with the state vector of the copy it carried, so the room view knows what that tablet had. Called only
 * once the merge is committed: by the room's receive panel, and by the home screen for files shared to the app.
 */
import * as Y from 'yjs';
import { recordTransfer, roomLogDb } from '../../../storage/roomLog';
import type { ImportPreview, ParsedFile } from '../../../sync/sessionFile';
import type { TransferWay } from './transfer';

/** Records added in all, from a preview's counts. */
function recordsIn(preview: ImportPreview): number {
  return Object.values(preview.adds).reduce((sum, n) => sum + n, 0);
}

/**
 * Logs the files. The session is already stored when this runs, so a log that cannot be written (a full disk)
 * is not the facilitator's problem to solve: it is reported as false, never thrown.
 */
export async function logReceivedFiles(
  files: readonly ParsedFile[],
  selfId: string,
  preview: ImportPreview,
  way: TransferWay,
  now: number = Date.now(),
): Promise<boolean> {
  try {
    for (const f of files.filter((x) => x.header.deviceId !== selfId)) {
      await recordTransfer(
        roomLogDb(),
        f.header.sessionId,
        {
          direction: 'received',
          way,
          peerDeviceId: f.header.deviceId,
          peerName: f.header.deviceName,
          bytes: f.fileBytes,
          // Per file only when there is one: a record two files both brought belongs to neither alone.
          ...(files.length === 1 ? { recordsAdded: preview.hasChanges ? recordsIn(preview) : 0 } : {}),
          at: now,
        },
        Y.encodeStateVectorFromUpdate(f.update),
      );
    }
    return true;
  } catch {
    return false;
  }
}
