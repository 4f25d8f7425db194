import { useMemo } from 'preact/hooks';
import type { SessionView } from '../../doc/session';
import { participation } from '../../domain/results/participation';
import { defaultRule, sessionResults } from '../../domain/results/results';
import { decidedIdeas } from '../../domain/statuses';
import type { Enrolment } from '../../storage/appDb';
import { methodInWords } from '../facilitator/format';
import type { MessageKey } from '../i18n';
import { useT } from '../i18n';
import { routeHash } from '../router';
import { usePageTitle } from '../usePageTitle';
import { Report, type ReportDecision } from './report/Report';
import { useOpenedViews } from './councilKeys';
import { useOfficerSessions } from './useOfficerSessions';
import { ruleName } from './words';
import { figureKind } from './figureWords';
import { includedTitles, notOnBallot } from './notOnBallot';

/** How many comments the report quotes per session: the ideas with most comments first. */
const TOP_COMMENTS = 10;

/**
 * The printable report of one session (or a neighbourhood's sessions, one after another): the browser's print
 * dialog saves it as PDF. Each session is counted under its method's default rule.
 */
export function ReportScreen({ enrolment, sessionIds }: { enrolment: Enrolment; sessionIds: string[] }) {
  const t = useT();
  const { sessions } = useOfficerSessions(sessionIds, enrolment);
  const views = sessions.map((s) => s.view).filter((v): v is SessionView => v !== null);
  // One session's report is headed by its title; a neighbourhood's sessions one after another share its name.
  const first = views[0]?.settings;
  usePageTitle(t('report.label'), sessionIds.length === 1 ? first?.title : first?.neighbourhood);
  const back =
    sessionIds.length === 1
      ? routeHash({ name: 'officerSession', sessionId: sessionIds[0]! })
      : routeHash({ name: 'officer' });

  return (
    <main class="page officer officer-report" id="main" tabIndex={-1}>
      <nav class="officer__crumbs no-print" aria-label={t('officer.crumbs')}>
        <a href={back}>{t('officer.report.back')}</a>
      </nav>
      <div class="officer-actions no-print">
        <button type="button" class="btn btn--primary" onClick={() => window.print()}>
          {t('officer.report.print')}
        </button>
      </div>
      {views.length === 0 ? (
        <p role="status">{t('officer.waitingForContent')}</p>
      ) : (
        views.map((view) => <SessionReport key={view.records.sessionId} view={view} />)
      )}
    </main>
  );
}

function SessionReport({ view }: { view: SessionView }) {
  const t = useT();
  const s = view.settings;
  const rule = defaultRule(s.method.kind);
  const result = useMemo(() => sessionResults(view, rule), [view, rule]);
  const rows = useMemo(() => {
    const includes = includedTitles(view);
    return result.rows.map((r) => ({ ...r, includes: includes.get(r.proposalId) }));
  }, [view, result]);
  // The report may be published: a hidden proposal's title and reason are withheld, as in the open-data export.
  const apart = useMemo(() => notOnBallot(view, { forPublishing: true }), [view]);
  // Sealed about-you answers count once the officer has loaded the council key (councilKeys.ts).
  const given = useMemo(() => [view], [view]);
  const opened = useOpenedViews(given).views[0] ?? view;
  const p = useMemo(() => participation(opened), [opened]);
  // "You said, we did": what residents will read, each with when the officer recorded it.
  const decisions = useMemo(
    (): ReportDecision[] =>
      decidedIdeas(view.proposals, view.records.statuses).map((d) => ({
        title: d.title,
        status: d.status,
        amountPence: d.amountPence,
        reason: d.reason,
        decidedAt: view.statuses.get(d.proposalId)?.at ?? 0,
      })),
    [view],
  );
  const titles = new Map(view.proposals.map((v) => [v.id, v.shownTitle]));
  const canonical = new Map(view.proposals.map((v) => [v.id, v.canonicalId]));
  const counts = new Map<string, number>();
  for (const c of view.records.comments) {
    const id = canonical.get(c.proposalId) ?? c.proposalId;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const topComments = [...view.records.comments]
    .filter((c) => view.visible.some((v) => v.id === (canonical.get(c.proposalId) ?? c.proposalId)))
    .sort((a, b) => {
      const ca = counts.get(canonical.get(a.proposalId) ?? a.proposalId) ?? 0;
      const cb = counts.get(canonical.get(b.proposalId) ?? b.proposalId) ?? 0;
      return cb - ca || a.at - b.at || (a.id < b.id ? -1 : 1);
    })
    .slice(0, TOP_COMMENTS)
    .map((c) => {
      const id = canonical.get(c.proposalId) ?? c.proposalId;
      return { proposalTitle: titles.get(id) ?? '', text: c.text, count: counts.get(id) ?? 0 };
    });

  return (
    <Report
      title={s.title}
      neighbourhood={s.neighbourhood}
      sessions={[{ title: s.title, date: s.date, venue: s.venue }]}
      methodText={methodInWords(t, s.method)}
      ruleText={`${ruleName(t, rule)}: ${t(`officer.ruleText.${rule}` as MessageKey)}`}
      tieBreakText={t('officer.results.tieBreak')}
      participation={p}
      deviceNames={view.deviceNames}
      rows={rows}
      notOnBallot={apart}
      figure={figureKind(rule, s.method.kind)}
      potPence={result.potPence}
      fundingStreams={s.fundingStreams}
      topComments={topComments}
      decisions={decisions}
      generatedAt={new Date()}
    />
  );
}
