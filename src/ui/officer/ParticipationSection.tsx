import type { SessionView } from '../../doc/session';
import { participation, SUPPRESS_BELOW } from '../../domain/results/participation';
import { useT } from '../i18n';
import { deviceNamesAcross } from '../../domain/devices';
import { deviceText } from '../format/devices';
import { CouncilKeyPanel } from './CouncilKeyPanel';
import { useOpenedViews } from './councilKeys';
import { ScrollRegion } from '../components/ScrollRegion';
import { cellText } from './figureWords';

/**
 * Who took part, across the sessions shown: residents taking part (people who did something, the one definition
 * in domain/results/participation.ts), turns with nothing done apart, totals, per device, and the consented
 * "about you" answers with counts under 5 suppressed (domain/results/participation.ts says how).
 */
export function ParticipationSection({ views: given }: { views: SessionView[] }) {
  const t = useT();
  // Sealed about-you answers opened with the council key the officer loaded (councilKeys.ts), if any.
  const opened = useOpenedViews(given);
  const views = opened.views;
  const p = participation(views);
  // One name per device across the sessions shown: the name in force in the latest session (by date) naming it.
  const names = {
    deviceNames: deviceNamesAcross(
      views.map((v) => ({
        sessionId: v.records.sessionId,
        date: v.settings.date,
        devices: v.records.devices,
      })),
    ),
  };
  return (
    <section class="card officer-section" aria-labelledby="officer-participation">
      <h2 id="officer-participation">{t('participation.heading')}</h2>
      <dl class="officer-figures" data-figures="participation">
        <div>
          <dt>{t('participation.residents')}</dt>
          <dd data-figure="residents">{t.number(p.residents)}</dd>
        </div>
        <div>
          <dt>{t('participation.nothingDone')}</dt>
          <dd data-figure="nothing-done">{t.number(p.turnsWithNothingDone)}</dd>
        </div>
        <div>
          <dt>{t('participation.proposalsShown')}</dt>
          <dd data-figure="ideas">{t.number(p.ideasShown)}</dd>
        </div>
        <div>
          <dt>{t('participation.proposalsApart')}</dt>
          <dd data-figure="ideas-apart">{t.number(p.ideas - p.ideasShown)}</dd>
        </div>
        <div>
          <dt>{t('participation.comments')}</dt>
          <dd data-figure="comments">{t.number(p.comments)}</dd>
        </div>
        <div>
          <dt>{t('participation.ballotsCounted')}</dt>
          <dd data-figure="ballots">{t.number(p.ballots.counted)}</dd>
        </div>
        <div>
          <dt>{t('participation.ballotsExcluded')}</dt>
          <dd data-figure="excluded">{t.number(p.ballots.excluded)}</dd>
        </div>
      </dl>
      <p>{t('officer.participation.definition')}</p>

      <ScrollRegion class="table-scroll" label={t('participation.byChannel')}>
        <table class="officer-table" data-table="channels">
          <caption>{t('participation.byChannel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('participation.col.channel')}</th>
              <th scope="col">{t('participation.col.residents')}</th>
              <th scope="col">{t('participation.ballotsCounted')}</th>
              <th scope="col">{t('participation.ballotsExcluded')}</th>
            </tr>
          </thead>
          <tbody>
            {(['kiosk', 'paper'] as const).map((channel) => (
              <tr key={channel} data-channel={channel}>
                <th scope="row">{t(`participation.channel.${channel}`)}</th>
                <td>{t.number(p.byChannel[channel].residents)}</td>
                <td>{t.number(p.byChannel[channel].ballotsCounted)}</td>
                <td>{t.number(p.byChannel[channel].ballotsExcluded)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <ScrollRegion class="table-scroll" label={t('participation.byDevice')}>
        <table class="officer-table" data-table="devices">
          <caption>{t('participation.byDevice')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('participation.col.device')}</th>
              <th scope="col">{t('participation.col.residents')}</th>
              <th scope="col">{t('participation.col.proposals')}</th>
              <th scope="col">{t('participation.comments')}</th>
              <th scope="col">{t('participation.ballotsCounted')}</th>
              <th scope="col">{t('participation.ballotsExcluded')}</th>
            </tr>
          </thead>
          <tbody>
            {p.byDevice.map((d) => (
              <tr key={d.deviceId} data-device={d.deviceId}>
                <th scope="row">{deviceText(t, d.deviceId, names)}</th>
                <td>{t.number(d.residents)}</td>
                <td>{t.number(d.ideas)}</td>
                <td>{t.number(d.comments)}</td>
                <td>{t.number(d.ballotsCounted)}</td>
                <td>{t.number(d.ballotsExcluded)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h3>{t('participation.aboutYou')}</h3>
      <p>{t('officer.participation.suppression', { n: SUPPRESS_BELOW })}</p>
      <CouncilKeyPanel opened={opened} />
      {p.aboutYou.length === 0 ? <p>{t('officer.participation.noAboutYou')}</p> : null}
      {p.aboutYou.map((q) => (
        <ScrollRegion
          class="table-scroll"
          key={q.questionId}
          label={t('participation.question', { text: q.text, count: q.total })}
        >
          <table class="officer-table" data-question={q.questionId}>
            <caption>{t('participation.question', { text: q.text, count: q.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('participation.col.answer')}</th>
                <th scope="col">{t('participation.col.residents')}</th>
              </tr>
            </thead>
            <tbody>
              {q.cells.map((c) => (
                <tr key={c.option}>
                  <th scope="row">{c.option}</th>
                  <td>{cellText(t, c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ))}
    </section>
  );
}
