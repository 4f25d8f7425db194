import type { SessionView } from '../../doc/session';
import { sessionChecks } from '../../doc/sessionChecks';
import { poolableTotal } from '../../domain/validate';
import { isFullyWorded, writtenIn } from '../../domain/wording';
import { describeError } from '../errors';
import { useFacilitatorLock } from '../facilitatorLock';
import { isolate, useT } from '../i18n';
import { inLanguage, languageName } from '../i18n/languageName';
import { listInWords } from './files/words';
import { navigate } from '../router';
import { longDate, methodInWords } from './format';
import { UpdateBanner } from './UpdateBanner';

interface Props {
  sessionId: string;
  view: SessionView;
}

/** The session's title and details, and the facilitator's main actions. */
export function SessionHeader({ sessionId, view }: Props) {
  const t = useT();
  const { lock } = useFacilitatorLock();
  const s = view.settings;
  const { settingsProblem } = sessionChecks(view);
  // Languages whose residents would read some of the session's own words in another language.
  const unworded = s.languages.filter((code) => !isFullyWorded(s, code));

  const startKiosk = (): void => {
    lock();
    navigate({ name: 'kiosk', sessionId });
  };
  const lockAndLeave = (): void => {
    lock();
    navigate({ name: 'home' });
  };

  return (
    <>
      <header class="page__header fac-header">
        <p class="fac-eyebrow">{t('fac.dash.eyebrow')}</p>
        <h1>{s.title}</h1>
        <p class="lead">
          {t('fac.dash.meta', { neighbourhood: s.neighbourhood, date: longDate(t, s.date), venue: s.venue })}
        </p>
        {s.isEnded ? (
          <p class="notice fac-ended">
            <strong>{t('session.ended')}</strong> {t('fac.dash.endedHint')}
          </p>
        ) : null}
        {view.isReadOnly ? <p class="notice">{t('session.readOnly')}</p> : null}
        {settingsProblem ? (
          <p class="notice" data-settings-problem={settingsProblem.code}>
            {t('fac.dash.settingsProblem', { problem: describeError(t, settingsProblem) })}
          </p>
        ) : null}
      </header>
      <UpdateBanner />

      <div class="fac-actions">
        <button type="button" class="btn btn--primary btn--large" onClick={startKiosk}>
          {t('fac.dash.startKiosk')}
        </button>
        <a class="btn" href={`#/session/${sessionId}/edit`}>
          {t('fac.dash.edit')}
        </a>
        <button type="button" class="btn" onClick={lockAndLeave}>
          {t('fac.dash.lock')}
        </button>
      </div>
      <p class="fac-actions__hint">{t('fac.dash.kioskHint')}</p>

      <section class="card" aria-labelledby="fac-details-heading">
        <h2 id="fac-details-heading">{t('fac.dash.detailsHeading')}</h2>
        <dl class="fac-details">
          <div>
            <dt>{t('fac.dash.pot')}</dt>
            <dd>{t.money(s.potPence)}</dd>
          </div>
          <div>
            <dt>{t('fac.dash.poolable')}</dt>
            <dd>
              {t('fac.dash.poolableValue', {
                poolable: t.money(poolableTotal(s.fundingStreams)),
                count: s.fundingStreams.length,
              })}
            </dd>
          </div>
          <div>
            <dt>{t('fac.dash.method')}</dt>
            <dd>{methodInWords(t, s.method)}</dd>
          </div>
          <div>
            <dt>{t('fac.dash.themes')}</dt>
            <dd>{s.themes.map((th) => isolate(th.name)).join(', ')}</dd>
          </div>
          <div>
            <dt>{t('fac.dash.languages')}</dt>
            <dd>{s.languages.map((code) => languageName(t, code)).join(', ')}</dd>
          </div>
          <div>
            <dt>{t('fac.dash.aboutYou')}</dt>
            <dd>{t('fac.dash.aboutYouCount', { count: s.aboutYou.length })}</dd>
          </div>
          {s.languages.length > 1 || !s.languages.includes(writtenIn(s)) ? (
            <div>
              <dt>{t('fac.dash.wording')}</dt>
              <dd data-wording-missing={unworded.join(' ')}>
                {unworded.length === 0
                  ? t('fac.dash.wordingAll')
                  : t('fac.dash.wordingMissing', {
                      inWritten: inLanguage(t, writtenIn(s)),
                      languages: listInWords(
                        t,
                        unworded.map((code) => languageName(t, code)),
                        { ownWords: true },
                      ),
                    })}
              </dd>
            </div>
          ) : null}
        </dl>
      </section>
    </>
  );
}
