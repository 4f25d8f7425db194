import type { SessionSettings } from '../../domain/types';
import { LOCALES, useT } from '../i18n';
import { KioskPage } from './KioskPage';
import { useTypedLang } from './typedWords';

interface WelcomeStepProps {
  settings: SessionSettings;
  isReadOnly: boolean;
  /** Languages this app can show, from the session's list. */
  languages: readonly string[];
  language: string;
  onLanguage: (code: string) => void;
  isLargeText: boolean;
  onLargeText: (isLarge: boolean) => void;
  onStart: () => void;
}

/** The first screen of every turn: choose a language, then one big Start. */
export function WelcomeStep({
  settings,
  isReadOnly,
  languages,
  language,
  onLanguage,
  isLargeText,
  onLargeText,
  onStart,
}: WelcomeStepProps) {
  const t = useT();
  const typedLang = useTypedLang();
  const canStart = !settings.isEnded && !isReadOnly;
  return (
    <KioskPage title={t('kiosk.welcome.title')}>
      <p class="kiosk-lead" dir="auto" lang={typedLang}>
        {settings.title}
      </p>
      {settings.isEnded ? (
        <div class="notice kiosk-notice" role="status">
          <p>{t('session.ended')}</p>
          <p>{t('kiosk.welcome.endedThanks')}</p>
        </div>
      ) : isReadOnly ? (
        <p class="notice kiosk-notice" role="status">
          {t('session.readOnly')}
        </p>
      ) : (
        <p class="kiosk-text">
          {t('kiosk.welcome.lead', {
            pot: t.money(settings.potPence),
            neighbourhood: settings.neighbourhood,
          })}
        </p>
      )}
      {canStart && languages.length > 1 ? (
        <section class="kiosk-languages" aria-labelledby="kiosk-languages-heading">
          <h2 id="kiosk-languages-heading">{t('kiosk.welcome.language')}</h2>
          <ul class="kiosk-languages__list">
            {languages.map((code) => {
              const name = LOCALES[code]?.name ?? code;
              return (
                <li key={code}>
                  {/* Named by its words alone: the chosen one's ✓ (drawn by the style sheet) is its aria-pressed. */}
                  <button
                    type="button"
                    class="btn kiosk-languages__button"
                    lang={code}
                    aria-pressed={code === language}
                    aria-label={name}
                    onClick={() => onLanguage(code)}
                  >
                    {name}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {canStart ? (
        <p class="kiosk-large-text">
          <button
            type="button"
            class="btn kiosk-large-text__button"
            aria-pressed={isLargeText}
            aria-describedby="kiosk-large-text-hint"
            onClick={() => onLargeText(!isLargeText)}
          >
            <span class="kiosk-large-text__icon" aria-hidden="true">
              A<span>A</span>
            </span>{' '}
            {t('kiosk.welcome.largeText')}
          </button>
          <span id="kiosk-large-text-hint" class="kiosk-hint">
            {t('kiosk.welcome.largeTextHint')}
          </span>
        </p>
      ) : null}
      {canStart ? (
        <p class="kiosk-actions">
          <button type="button" class="btn btn--primary btn--large kiosk-start" onClick={onStart}>
            {t('kiosk.welcome.start')}
          </button>
        </p>
      ) : null}
    </KioskPage>
  );
}
