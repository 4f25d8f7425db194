import { staffLanguages, useT } from './i18n';

/**
 * English / Cymraeg on every staff screen (Welsh Language Standards: Welsh offered as readily as English). Each
 * language is named in itself; the kiosk never shows this (residents choose on the welcome screen).
 */
export function StaffLanguageSwitch({
  language,
  onLanguage,
}: {
  language: string;
  onLanguage: (code: string) => void;
}) {
  const t = useT();
  return (
    <nav class="staff-language" aria-label={t('language.staffSwitch')}>
      <ul class="staff-language__list">
        {staffLanguages().map((locale) => (
          <li key={locale.code}>
            <button
              type="button"
              class="btn staff-language__button"
              lang={locale.code}
              aria-pressed={locale.code === language}
              onClick={() => onLanguage(locale.code)}
            >
              {locale.name}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
