import type { FundingStream, SessionSettings } from '../../domain/types';
import { poolableTotal } from '../../domain/validate';
import { useT } from '../i18n';
import { MoneyMapPicture } from '../pictures/lazy';
import { useTypedLang } from './typedWords';
import { ScrollRegion } from '../components/ScrollRegion';
import { KioskPage } from './KioskPage';

interface MoneyMapStepProps {
  settings: SessionSettings;
  onBack: () => void;
}

function byPublicBody(streams: readonly FundingStream[]): [string, FundingStream[]][] {
  const groups = new Map<string, FundingStream[]>();
  for (const s of streams) groups.set(s.publicBody, [...(groups.get(s.publicBody) ?? []), s]);
  return [...groups];
}

/**
 * Who spends what here: the totals, the money map drawn (bodies -> services -> what can be pooled -> the pot),
 * and each public body's services in tables, which say in words everything the picture shows.
 */
export function MoneyMapStep({ settings, onBack }: MoneyMapStepProps) {
  const t = useT();
  const streams = settings.fundingStreams;
  const all = streams.reduce((sum, s) => sum + s.annualPence, 0);
  const poolable = poolableTotal(streams);
  // Bodies and services are the session's own words: marked with the language they were typed in when the turn
  // is in another, so a voice reads them in theirs.
  const wordsLang = useTypedLang();
  return (
    <KioskPage
      title={t('kiosk.money.title')}
      back={{ label: t('kiosk.back.hub'), onClick: onBack }}
      isBackAtEnd
    >
      <p class="kiosk-text">{t('kiosk.money.lead', { neighbourhood: settings.neighbourhood })}</p>
      <dl class="money-totals">
        <div class="money-totals__item">
          <dt>{t('kiosk.money.allTotal')}</dt>
          <dd>{t.money(all)}</dd>
        </div>
        <div class="money-totals__item">
          <dt>{t('kiosk.money.poolableTotal')}</dt>
          <dd>{t.money(poolable)}</dd>
        </div>
        <div class="money-totals__item money-totals__item--pot">
          <dt>{t('kiosk.money.pot')}</dt>
          <dd>{t.money(settings.potPence)}</dd>
        </div>
      </dl>
      {streams.length === 0 ? <p>{t('kiosk.money.empty')}</p> : <MoneyMapPicture settings={settings} />}
      {byPublicBody(streams).map(([body, list], i) => (
        // The table's region is the body's part of the page, named by its heading (a section as well would be a
        // second region of the same name).
        <div key={body} class="money-body">
          <h2 id={`money-body-${i}`}>
            <bdi lang={wordsLang}>{body}</bdi>
          </h2>
          <ScrollRegion labelledBy={`money-body-${i}`}>
            <table class="money-table" aria-labelledby={`money-body-${i}`}>
              <thead>
                <tr>
                  <th scope="col">{t('kiosk.money.service')}</th>
                  <th scope="col" class="num">
                    {t('kiosk.money.perYear')}
                  </th>
                  <th scope="col">{t('kiosk.money.poolable')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <bdi lang={wordsLang}>{s.service}</bdi>
                    </th>
                    <td class="num">{t.money(s.annualPence)}</td>
                    <td class={s.isPoolable ? 'money-yes' : 'money-no'}>
                      <span aria-hidden="true" class="money-mark">
                        {s.isPoolable ? '✓' : '✕'}
                      </span>{' '}
                      {s.isPoolable ? t('kiosk.money.yesPoolable') : t('kiosk.money.notPoolable')}
                    </td>
                  </tr>
                ))}
              </tbody>
              {list.length > 1 ? (
                <tfoot>
                  <tr>
                    <th scope="row">{t('kiosk.money.bodyTotal')}</th>
                    <td class="num">{t.money(list.reduce((sum, s) => sum + s.annualPence, 0))}</td>
                    <td />
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </ScrollRegion>
        </div>
      ))}
    </KioskPage>
  );
}
