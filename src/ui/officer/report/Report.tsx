/**
 * The printable report an officer takes to a budget board: title, sessions and dates, method and counting rule,
 * participation (with its chart and the about-you counts as suppressed by the domain), results (chart and the
 * full table, each proposal with the duplicates merged into it, and the proposals not on the ballot, a hidden
 * one's title and reason withheld as for publishing: ../notOnBallot.ts), "you said, we did" (what officers
 * decided about each proposal so far), the money map and the residents' top comments. Fed with plain figures (no
 * document, no network); the officer screen computes them. report.css makes it A4 in black and white when printed or saved as PDF.
 */
import { useId } from 'preact/hooks';
import type { Participation } from '../../../domain/results/participation';
import type { DecidedStatusKind } from '../../../domain/statuses';
import { CHANNELS, type Channel, type FundingStream, type Pence } from '../../../domain/types';
import { deviceText } from '../../format/devices';
import { momentText, sessionDate } from '../../format/dates';
import { useT, type MessageKey } from '../../i18n';
import { ParticipationChart } from '../charts/ParticipationChart';
import { ResultsChart, ResultsTable, type ResultsChartRow } from '../charts/ResultsChart';
import { defaultMeasure, type ResultsMeasure } from '../charts/geometry';
import { cellText, type FigureKind } from '../figureWords';
import type { NotOnBallot } from '../notOnBallot';
import { NotOnBallotList } from '../NotOnBallotList';
import { statusLabel } from '../status/statusWords';
// The status words ("Funded", "Not taken forward") are the status editor's, so the two never disagree.
import '../status/messages';
import './report.css';

export interface ReportSession {
  title: string;
  /** ISO date, YYYY-MM-DD */
  date: string;
  venue: string;
}

export interface ReportComment {
  proposalTitle: string;
  text: string;
  /** How many residents said it (e.g. agreed), when known. */
  count?: number;
}

/** One idea's "you said, we did" decision, as residents will read it (src/domain/statuses.ts decidedIdeas). */
export interface ReportDecision {
  title: string;
  status: DecidedStatusKind;
  /** Funded only, else null. */
  amountPence: Pence | null;
  /** Not taken forward only, else ''. */
  reason: string;
  /** When the officer recorded it: an ISO timestamp, epoch milliseconds or a Date. */
  decidedAt: string | number | Date;
}

export interface ReportProps {
  title: string;
  neighbourhood: string;
  sessions: readonly ReportSession[];
  methodText: string;
  ruleText: string;
  tieBreakText: string;
  participation: Participation;
  /** Each proposal on the ballot; `includes` names the duplicates merged into it. */
  rows: readonly ResultsChartRow[];
  /**
   * Proposals put forward but not on the ballot (hidden or merged), made for publishing: a hidden one's title and
   * reason withheld (notOnBallot(view, { forPublishing: true })). Absent or empty: none.
   */
  notOnBallot?: readonly NotOnBallot[];
  /** What each proposal's figure is, so it has the officer screen's name (../figureWords.ts figureKind). */
  figure: FigureKind;
  potPence: number;
  fundingStreams: readonly FundingStream[];
  topComments: readonly ReportComment[];
  /** Ideas whose status moved on from submitted, in the order residents read them; absent or empty: none yet. */
  decisions?: readonly ReportDecision[];
  /** Names given to devices in the session (SessionView.deviceNames); others show as "Tablet <code>". */
  deviceNames?: ReadonlyMap<string, string>;
  /** When the report was made: an ISO timestamp, epoch milliseconds or a Date. */
  generatedAt: string | number | Date;
  measure?: ResultsMeasure;
  maxBars?: number;
  timeZone?: string;
}

export function Report(props: ReportProps) {
  const t = useT();
  // Several reports can share a page (one per session), so heading ids are unique per report.
  const id = useId();
  const zone = props.timeZone ?? 'Europe/London';
  const measure = props.measure ?? defaultMeasure(props.rows);
  const p = props.participation;
  const decided = props.rows.some((r) => r.funded !== null);
  const spent = props.rows.filter((r) => r.funded === true).reduce((s, r) => s + r.costPence, 0);
  // Each figure by the name the officer screen gives it (participation.*).
  const figures: [string, number][] = [
    [t('participation.residents'), p.residents],
    [t('participation.proposalsShown'), p.ideasShown],
    [t('participation.proposals'), p.ideas],
    [t('participation.comments'), p.comments],
    [t('participation.ballotsCounted'), p.ballots.counted],
    [t('participation.ballotsExcluded'), p.ballots.excluded],
  ];
  // Shown apart, and only when there were some: never part of "Residents who took part".
  if (p.turnsWithNothingDone > 0) figures.push([t('participation.nothingDone'), p.turnsWithNothingDone]);
  return (
    <article class="report" aria-labelledby={`${id}-title`}>
      <header class="report__header">
        <p class="report__kicker">{t('report.label')}</p>
        <h1 id={`${id}-title`}>{props.title}</h1>
        <p>{t('report.neighbourhood', { name: props.neighbourhood })}</p>
        <p class="report__meta">
          {t('report.generatedAt', { when: momentText(t, props.generatedAt, zone) })}
        </p>
      </header>

      <section aria-labelledby={`${id}-sessions`}>
        <h2 id={`${id}-sessions`}>{t('report.sessions.heading')}</h2>
        <table>
          <caption class="visually-hidden">{t('report.sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.sessions.col.title')}</th>
              <th scope="col">{t('report.sessions.col.date')}</th>
              <th scope="col">{t('report.sessions.col.venue')}</th>
            </tr>
          </thead>
          <tbody>
            {props.sessions.map((s) => (
              <tr key={`${s.date}-${s.title}`}>
                <th scope="row">{s.title}</th>
                <td>{sessionDate(t, s.date)}</td>
                <td>{s.venue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby={`${id}-method`}>
        <h2 id={`${id}-method`}>{t('report.method.heading')}</h2>
        <dl class="report__facts">
          <dt>{t('report.method.method')}</dt>
          <dd>{props.methodText}</dd>
          <dt>{t('report.method.rule')}</dt>
          <dd>{props.ruleText}</dd>
          <dt>{t('report.method.tieBreak')}</dt>
          <dd>{props.tieBreakText}</dd>
        </dl>
      </section>

      <section aria-labelledby={`${id}-participation`}>
        <h2 id={`${id}-participation`}>{t('participation.heading')}</h2>
        <table class="report__figures">
          <caption>{t('report.participation.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.participation.col.what')}</th>
              <th scope="col" class="num">
                {t('report.participation.col.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.map(([label, n]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td class="num">{t.number(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{t('report.participation.definition')}</p>
        {p.byHour.length > 0 ? (
          <ParticipationChart hours={p.byHour} timeZone={zone} paperResidents={p.byChannel.paper.residents} />
        ) : p.byChannel.paper.residents > 0 ? (
          <p>{t('chart.hours.paperOnly', { count: p.byChannel.paper.residents })}</p>
        ) : null}
        <ChannelsTable participation={p} />
        {p.byDevice.length > 0 ? (
          <DevicesTable participation={p} deviceNames={props.deviceNames ?? new Map()} />
        ) : null}
        {p.aboutYou.length > 0 ? (
          <>
            <h3>{t('participation.aboutYou')}</h3>
            <p>{t('report.aboutYou.note')}</p>
            {p.aboutYou.map((q) => (
              <table key={q.questionId} class="report__about">
                <caption>{t('participation.question', { text: q.text, count: q.total })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('participation.col.answer')}</th>
                    <th scope="col" class="num">
                      {t('participation.col.residents')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {q.cells.map((c) => (
                    <tr key={c.option}>
                      <th scope="row">{c.option}</th>
                      <td class="num">{cellText(t, c)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </>
        ) : null}
      </section>

      <section aria-labelledby={`${id}-results`}>
        <h2 id={`${id}-results`}>{t('report.results.heading')}</h2>
        {/* The money spent in the officer screen's words. */}
        <p class="report__summary">
          {decided
            ? t('results.spent', {
                count: props.rows.filter((r) => r.funded === true).length,
                pot: t.money(props.potPence),
                spent: t.money(spent),
                left: t.money(props.potPence - spent),
              })
            : t('results.noFunding', { pot: t.money(props.potPence) })}
        </p>
        <ResultsChart
          rows={props.rows}
          potPence={props.potPence}
          figure={props.figure}
          measure={measure}
          maxBars={props.maxBars}
        />
        <ResultsTable rows={props.rows} measure={measure} figure={props.figure} />
        {props.notOnBallot && props.notOnBallot.length > 0 ? (
          <>
            <h3>{t('notOnBallot.heading')}</h3>
            <p>{t('notOnBallot.lead')}</p>
            <NotOnBallotList entries={props.notOnBallot} />
          </>
        ) : null}
      </section>

      <Decisions id={`${id}-decisions`} decisions={props.decisions ?? []} timeZone={zone} />

      <section aria-labelledby={`${id}-money`}>
        <h2 id={`${id}-money`}>{t('report.money.heading')}</h2>
        <p>{t('report.money.intro')}</p>
        {props.fundingStreams.length > 0 ? (
          <table>
            <caption>{t('report.money.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('money.col.body')}</th>
                <th scope="col">{t('money.col.service')}</th>
                <th scope="col" class="num">
                  {t('money.col.annual')}
                </th>
                <th scope="col">{t('money.col.poolable')}</th>
              </tr>
            </thead>
            <tbody>
              {props.fundingStreams.map((f) => (
                <tr key={f.id}>
                  <th scope="row">{f.publicBody}</th>
                  <td>{f.service}</td>
                  <td class="num">{t.money(f.annualPence)}</td>
                  <td>{f.isPoolable ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('report.money.pot')}
                </th>
                <td class="num">{t.money(props.potPence)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        ) : (
          <p>{t('report.money.none')}</p>
        )}
      </section>

      <section aria-labelledby={`${id}-comments`}>
        <h2 id={`${id}-comments`}>{t('report.comments.heading')}</h2>
        {props.topComments.length > 0 ? (
          <ul class="report__comments">
            {props.topComments.map((c, i) => (
              <li key={i}>
                <p class="report__comment-on">{t('report.comments.on', { title: c.proposalTitle })}</p>
                <blockquote>{c.text}</blockquote>
                {c.count !== undefined ? (
                  <p class="report__comment-count">{t('report.comments.count', { count: c.count })}</p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('report.comments.none')}</p>
        )}
      </section>
    </article>
  );
}

/** Tablet and paper ballots shown apart (paper ballots are entered by a facilitator or officer). */
function ChannelsTable({ participation }: { participation: Participation }) {
  const t = useT();
  const names: Record<Channel, MessageKey> = {
    kiosk: 'participation.channel.kiosk',
    paper: 'participation.channel.paper',
  };
  return (
    <table class="report__channels">
      <caption>{t('participation.byChannel')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('participation.col.channel')}</th>
          <th scope="col" class="num">
            {t('participation.col.residents')}
          </th>
          <th scope="col" class="num">
            {t('participation.ballotsCounted')}
          </th>
          <th scope="col" class="num">
            {t('participation.ballotsExcluded')}
          </th>
        </tr>
      </thead>
      <tbody>
        {CHANNELS.map((channel) => {
          const c = participation.byChannel[channel];
          return (
            <tr key={channel}>
              <th scope="row">{t(names[channel])}</th>
              <td class="num">{t.number(c.residents)}</td>
              <td class="num">{t.number(c.ballotsCounted)}</td>
              <td class="num">{t.number(c.ballotsExcluded)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function DevicesTable({
  participation,
  deviceNames,
}: {
  participation: Participation;
  deviceNames: ReadonlyMap<string, string>;
}) {
  const t = useT();
  return (
    <table class="report__devices">
      <caption>{t('participation.byDevice')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('participation.col.device')}</th>
          <th scope="col" class="num">
            {t('participation.col.residents')}
          </th>
          <th scope="col" class="num">
            {t('participation.col.proposals')}
          </th>
          <th scope="col" class="num">
            {t('participation.comments')}
          </th>
          <th scope="col" class="num">
            {t('participation.ballotsCounted')}
          </th>
          <th scope="col" class="num">
            {t('participation.ballotsExcluded')}
          </th>
        </tr>
      </thead>
      <tbody>
        {participation.byDevice.map((d) => (
          <tr key={d.deviceId}>
            <th scope="row">{deviceText(t, d.deviceId, { deviceNames })}</th>
            <td class="num">{t.number(d.residents)}</td>
            <td class="num">{t.number(d.ideas)}</td>
            <td class="num">{t.number(d.comments)}</td>
            <td class="num">{t.number(d.ballotsCounted)}</td>
            <td class="num">{t.number(d.ballotsExcluded)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "You said, we did": each decided idea with its decision, the money agreed, why not, and when. */
function Decisions({
  id,
  decisions,
  timeZone,
}: {
  id: string;
  decisions: readonly ReportDecision[];
  timeZone: string;
}) {
  const t = useT();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('report.decisions.heading')}</h2>
      {decisions.length > 0 ? (
        <table class="report__decisions">
          <caption>{t('report.decisions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.col.proposal')}</th>
              <th scope="col">{t('report.decisions.col.decision')}</th>
              <th scope="col" class="num">
                {t('report.decisions.col.amount')}
              </th>
              <th scope="col">{t('report.decisions.col.reason')}</th>
              <th scope="col">{t('report.decisions.col.when')}</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((d, i) => (
              <tr key={i}>
                <th scope="row">{d.title}</th>
                <td>{statusLabel(t, d.status)}</td>
                <td class="num">{d.amountPence === null ? '' : t.money(d.amountPence)}</td>
                <td>{d.reason}</td>
                <td>{momentText(t, d.decidedAt, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('report.decisions.none')}</p>
      )}
    </section>
  );
}
