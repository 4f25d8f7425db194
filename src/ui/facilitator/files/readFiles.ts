/** Reading chosen files into checked session files: the size first, then every check that needs no document. */
import { FILE_LIMITS, readSessionFile, SessionFileError, type ParsedFile } from '../../../sync/sessionFile';
import { FileProblem } from './words';

/** Files larger than this show a progress bar while they are checked and unpacked. */
export const LARGE_FILE_BYTES = 256 * 1024;

export interface ReadProgress {
  fileName: string;
  /** 0..1 */
  fraction: number;
}

export interface ReadResult {
  parsed: ParsedFile[];
  /** One per file that was refused (it adds nothing); the files read well are still offered. */
  errors: unknown[];
}

/**
 * Reads each file in turn. `File.size` is compared with the limit before the bytes are read into memory.
 * `onProgress` hears about large files only.
 */
export async function readFiles(
  files: readonly File[],
  onProgress: (progress: ReadProgress | null) => void,
): Promise<ReadResult> {
  const parsed: ParsedFile[] = [];
  const errors: unknown[] = [];
  for (const file of files) {
    const isLarge = file.size > LARGE_FILE_BYTES;
    try {
      if (file.size > FILE_LIMITS.maxBytes) {
        throw new SessionFileError('tooLarge', {
          maxBytes: FILE_LIMITS.maxBytes,
          bytes: file.size,
          fileName: file.name,
        });
      }
      if (isLarge) onProgress({ fileName: file.name, fraction: 0 });
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        throw new FileProblem('files.unreadable', file.name);
      }
      parsed.push(
        await readSessionFile(bytes, {
          fileName: file.name,
          onProgress: isLarge ? (fraction) => onProgress({ fileName: file.name, fraction }) : undefined,
        }),
      );
    } catch (e) {
      errors.push(
        e instanceof SessionFileError && e.params.fileName === undefined
          ? new SessionFileError(e.code, { ...e.params, fileName: file.name }, e.problems)
          : e,
      );
    } finally {
      if (isLarge) onProgress(null);
    }
  }
  return { parsed, errors };
}
