/** The camera transfer in words: why what was read could not be added. */
import { isSessionFileError } from '../../../../sync/sessionFile';
import { describeError } from '../../../errors';
import type { MessageKey, Translator } from '../../../i18n';
import type { ScanProblem } from '../../sync/scan/useCameraScan';

export const SCAN_PROBLEM_WORDS: Record<ScanProblem, MessageKey> = {
  refused: 'camera.problem.refused',
  noCamera: 'camera.problem.noCamera',
  busy: 'camera.problem.busy',
  insecure: 'camera.problem.insecure',
  failed: 'camera.problem.failed',
  loadFailed: 'camera.problem.loadFailed',
};

/**
 * One sentence for a transfer the receiving tablet refused after reading it whole: every one ends in "nothing has
 * been added", because nothing was.
 */
export function refusalInWords(t: Translator, e: unknown): string {
  if (!isSessionFileError(e)) return t('camera.error.other', { reason: describeError(t, e) });
  switch (e.code) {
    case 'wrongSession':
      return t('camera.error.wrongSession');
    case 'newerVersion':
      return t('camera.error.newerVersion');
    case 'badContent':
      return e.problems[0]?.problem === 'incomplete'
        ? t('camera.error.incomplete')
        : t('camera.error.badContent', { count: Number(e.params.count ?? 0) });
    default:
      // checksumMismatch, corrupt, truncated, notASessionFile, tooLarge: what arrived is not what was sent.
      return t('camera.error.damaged');
  }
}
