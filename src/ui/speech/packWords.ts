/** Sound packs in words for facilitators: why a file was refused, and language names in the screen's language. */
import { describeError } from '../errors';
import { bytesInWords } from '../facilitator/format';
import { LOCALES, type MessageKey, type Translator } from '../i18n';
import { PACK_LIMITS, SoundPackError } from './soundPackFile';

/** "Welsh" on an English screen, "Cymraeg" on a Welsh one. */
export function languageName(t: Translator, code: string): string {
  try {
    return new Intl.DisplayNames([t.locale.intl], { type: 'language' }).of(code) ?? code;
  } catch {
    return LOCALES[code]?.name ?? code;
  }
}

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
