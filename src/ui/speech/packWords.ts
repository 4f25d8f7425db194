/** Sound packs in words for facilitators: why a file was refused, and language names in the screen's language. */
import { describeError } from '../errors';
import { bytesInWords } from '../facilitator/format';
import { type MessageKey, type Translator } from '../i18n';
import { languageName } from '../i18n/languageName';

export { languageName };
import { PACK_LIMITS, SoundPackError } from './soundPackFile';

/** One sentence saying why `fileName` was refused; it always ends by saying nothing was added. */
export function refusalInWords(t: Translator, error: unknown, fileName: string): string {
  if (!(error instanceof SoundPackError)) return t('speech.refused.unreadable', { fileName });
  const p = error.params;
  const size = (n: string | number | undefined): string => bytesInWords(t, Number(n ?? 0));
  return t(`speech.refused.${error.code}` satisfies MessageKey, {
    ...p,
    fileName,
    size: size(p.bytes),
    maxSize: size(p.maxBytes),
  });
}

/** The limit facilitators are told before they choose a file. */
export function maxPackSize(t: Translator): string {
  return bytesInWords(t, PACK_LIMITS.maxFileBytes);
}

/** A storage failure (quota, private window) in the app's usual words. */
export function storeFailedInWords(t: Translator, error: unknown): string {
  return t('speech.packs.failed', { reason: describeError(t, error) });
}
