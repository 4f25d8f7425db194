/**
 * Writes the room log's rows for session files just added (src/storage/roomLog.ts): one per file from another
 * device, with the state vector of the copy it carried, so the room view knows what that tablet had. Called only
 * once the merge is committed: by the room's receive panel, and by the home screen for files shared to the app.
 */
import * as Y from 'yjs';
import { recordTransfer, roomLogDb } from '../../../storage/roomLog';
import { applyImport, prepareImport, type ImportPreview, type ParsedFile } from '../../../sync/sessionFile';
import type { TransferWay } from './transfer';

/** Records added in all, from a preview's counts. */
function recordsIn(preview: ImportPreview): number {
  return Object.values(preview.adds).reduce((sum, n) => sum + n, 0);
}

/**
 * What each of several files chosen together adds, in the order given: each file against `before` with the files
 * before it already added (on a copy; `before` is not changed), so a record two files both bring counts for the
 * first. Null when a file cannot be checked on its own (its row then says no count, as before).
 */
export function recordsAddedPerFile(before: Y.Doc, files: readonly ParsedFile[]): number[] | null {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(before));
  try {
    return files.map((f) => {
      const preview = prepareImport(copy, [f]);
      applyImport(copy, preview);
      return preview.hasChanges ? recordsIn(preview) : 0;
    });
  } catch {
    return null;
  } finally {
    copy.destroy();
  }
}

/**
 * Logs the files. `perFile` (recordsAddedPerFile, in the order of `files`) gives each row of several files its own
 * count; a single file's comes from the preview. The session is already stored when this runs, so a log that cannot be written (a full disk)
 * is not the facilitator's problem to solve: it is reported as false, never thrown.
 */
export async function logReceivedFiles(
  files: readonly ParsedFile[],
  selfId: string,
  preview: ImportPreview,
  way: TransferWay,
  now: number = Date.now(),
  perFile: readonly number[] | null = null,
): Promise<boolean> {
  try {
    for (const [i, f] of files.entries()) {
      if (f.header.deviceId === selfId) continue;
      const added = files.length === 1 ? (preview.hasChanges ? recordsIn(preview) : 0) : perFile?.[i];
      await recordTransfer(
        roomLogDb(),
        f.header.sessionId,
        {
          direction: 'received',
          way,
          peerDeviceId: f.header.deviceId,
          peerName: f.header.deviceName,
          bytes: f.fileBytes,
          ...(added === undefined ? {} : { recordsAdded: added }),
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
