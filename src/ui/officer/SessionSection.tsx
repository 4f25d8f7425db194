import { useMemo, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import type { CommandContext } from '../../doc/commands';
import type { SessionView } from '../../doc/session';
import type { ProposalView } from '../../domain/proposals';
import type { Comment } from '../../domain/types';
import { participation } from '../../domain/results/participation';
import { defaultRule, rulesFor, type RuleName } from '../../domain/results/results';
import { excludedBallots } from '../../domain/results/trace';
import type { MessageKey } from '../i18n';
import { useT } from '../i18n';
import { sessionDate } from '../format/dates';
import { ParticipationChart } from './charts/ParticipationChart';
import { ResultsChart } from './charts/ResultsChart';
import { useSessionResults } from './counting/useResults';
import { ExportsPanel } from './ExportsPanel';
import { PaperBallots } from '../paper/PaperBallots';
import { IdeaDetails } from './IdeaDetails';
import { ExcludedTable } from './ExcludedTable';
import { deviceText } from '../format/devices';
import { SessionChecks } from './SessionChecks';
import type { CleanStatus } from '../../domain/statusRules';
import { statusShort } from './status/statusWords';
import { ruleName } from './words';
import { figureCount, figureKind, figureName } from './figureWords';
import { ScrollRegion } from '../components/ScrollRegion';
import { includedTitles, notOnBallot } from './notOnBallot';
import { NotOnBallotList } from './NotOnBallotList';
import { ProposalTitle } from './ProposalTitle';

type Run = <T>(sessionId: string, command: (doc: Y.Doc, ctx: CommandContext) => T) => Promise<T>;

/**
 * One session in the officer view: money map, results under a chosen rule, the proposals not on the ballot, each
 * proposal, excluded ballots, the day hour by hour, paper ballots, exports.
 */
export function SessionSection({
  view,
  headingLevel,
  run,
  method,
  initialRule,
}: {
  view: SessionView;
  headingLevel: 2 | 3;
  run: Run;
  method: string;
  /** The rule shown first; the method's default rule when not given. */
  initialRule?: RuleName;
}) {
  const t = useT();
  const s = view.settings;
  const sessionId = view.records.sessionId;
  const rules = rulesFor(s.method.kind);
  const [rule, setRule] = useState<RuleName>(initialRule ?? defaultRule(s.method.kind));
  const { result, problem } = useSessionResults(view, rule);
  const excluded = useMemo(() => excludedBallots(view), [view]);
  const took = useMemo(() => participation(view), [view]);
  const hours = took.byHour;
  const ideas = useMemo(() => ideaParts(view), [view]);
  const includes = useMemo(() => includedTitles(view), [view]);
  const apart = useMemo(() => notOnBallot(view), [view]);
  const chartRows = useMemo(
    () => result.rows.map((r) => ({ ...r, includes: includes.get(r.proposalId) })),
    [result.rows, includes],
  );
  const paperResidents = took.byChannel.paper.residents;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const id = (part: string): string => `officer-${part}-${sessionId}`;
  // Each proposal's figure has one name here, on the chart and in the report (figureWords.ts).
  const figure = figureKind(rule, s.method.kind);
  // What the rule would fund and what the council decided are two columns with two names: "Votes only" decides
  // no funding, so it has no column of its own (an idea decided Funded showed "—" under "Funded").
  const decidesFunding = rule !== 'votes';
  const decisionText = (status: CleanStatus | undefined): string =>
    status ? statusShort(t, status) : t('officer.ideas.noDecision');
  const poolable = s.fundingStreams.filter((f) => f.isPoolable).reduce((n, f) => n + f.annualPence, 0);

  const sections = (
    <>
      <section class="card officer-section" aria-labelledby={id('money')}>
        <H id={id('money')}>{t('officer.money.heading')}</H>
        <p data-figure="pot">{t('officer.money.pot', { pot: t.money(s.potPence) })}</p>
        <ScrollRegion class="table-scroll" label={t('officer.money.caption')}>
          <table class="officer-table">
            <caption>{t('officer.money.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('money.col.body')}</th>
                <th scope="col">{t('money.col.service')}</th>
                <th scope="col">{t('money.col.annual')}</th>
                <th scope="col">{t('money.col.poolable')}</th>
              </tr>
            </thead>
            <tbody>
              {s.fundingStreams.map((f) => (
                <tr key={f.id}>
                  <th scope="row">{f.publicBody}</th>
                  <td>{f.service}</td>
                  <td>{t.money(f.annualPence)}</td>
                  <td>{f.isPoolable ? t('officer.yes') : t('officer.no')}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('officer.money.poolableTotal')}
                </th>
                <td colSpan={2}>{t.money(poolable)}</td>
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
      </section>

      <section
        class="card officer-section"
        aria-labelledby={id('results')}
        data-results={sessionId}
        data-results-state={result.counting ? 'counting' : 'ready'}
      >
        <H id={id('results')}>{t('officer.results.heading')}</H>
        <p>{t('officer.results.method', { method })}</p>
        <div class="field">
          <label for={id('rule')}>{t('officer.results.rule')}</label>
          <select
            id={id('rule')}
            class="officer-select"
            value={rule}
            onChange={(e) => setRule(e.currentTarget.value as RuleName)}
          >
            {rules.map((r) => (
              <option key={r} value={r}>
                {ruleName(t, r)}
              </option>
            ))}
          </select>
        </div>
        <p class="officer-rule" data-rule-text>
          {t(`officer.ruleText.${rule}` as MessageKey)} {t('officer.results.tieBreak')}
        </p>
        {/* One live region: "Counting…" while the worker counts, then the money spent (or why not), in the
            report's words. */}
        <p
          role="status"
          data-figure={result.counting ? 'counting' : 'spent'}
          class={problem ? 'alert' : undefined}
        >
          {problem
            ? t('officer.results.countFailed', { reason: problem })
            : result.counting
              ? t('officer.results.counting', { rule: ruleName(t, rule) })
              : decidesFunding
                ? t('results.spent', {
                    spent: t.money(result.spentPence),
                    pot: t.money(result.potPence),
                    left: t.money(result.leftoverPence),
                    count: result.selected.length,
                  })
                : t('results.noFunding', { pot: t.money(result.potPence) })}
        </p>
        <ResultsChart rows={chartRows} potPence={result.potPence} figure={figure} />
        <ScrollRegion class="table-scroll" label={t('officer.results.caption', { rule: ruleName(t, rule) })}>
          <table class="officer-table officer-results" data-table="results">
            <caption>{t('officer.results.caption', { rule: ruleName(t, rule) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.col.rank')}</th>
                <th scope="col">{t('results.col.proposal')}</th>
                <th scope="col">{t('results.col.theme')}</th>
                <th scope="col">{t('results.col.cost')}</th>
                <th scope="col">{figureName(t, figure)}</th>
                <th scope="col">{t('results.col.supporters')}</th>
                {decidesFunding ? <th scope="col">{t('results.col.funded')}</th> : null}
                <th scope="col">{t('officer.results.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.proposalId} data-proposal={r.proposalId}>
                  <td>{r.rank}</td>
                  <th scope="row">
                    <ProposalTitle title={r.title} includes={includes.get(r.proposalId)} />
                  </th>
                  <td>{r.themeName}</td>
                  <td>{t.money(r.costPence)}</td>
                  <td data-points>{t.number(r.points)}</td>
                  <td>{t.number(r.supporters)}</td>
                  {decidesFunding ? (
                    <td data-funded={r.funded === null ? '' : String(r.funded)}>
                      {result.counting
                        ? t('officer.results.fundedCounting')
                        : r.funded
                          ? t('results.funded')
                          : t('results.notFunded')}
                    </td>
                  ) : null}
                  <td data-decision={view.statuses.get(r.proposalId)?.status ?? 'submitted'}>
                    {decisionText(view.statuses.get(r.proposalId))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      {apart.length > 0 ? (
        <section class="card officer-section" aria-labelledby={id('apart')} data-not-on-ballot-of={sessionId}>
          <H id={id('apart')}>{t('notOnBallot.heading')}</H>
          <p>{t('notOnBallot.lead')}</p>
          <NotOnBallotList entries={apart} />
        </section>
      ) : null}

      <SessionChecks view={view} run={run} headingLevel={headingLevel} />

      <section class="card officer-section" aria-labelledby={id('ideas')}>
        <H id={id('ideas')}>{t('officer.ideas.heading')}</H>
        <p>{t('officer.ideas.lead')}</p>
        <ul class="officer-ideas">
          {result.rows.map((r) => (
            <li key={r.proposalId}>
              <IdeaDetails
                view={view}
                row={r}
                proposal={ideas.proposals.get(r.proposalId)}
                comments={ideas.comments.get(r.proposalId) ?? []}
                pointsText={figureCount(t, figure, r.points)}
                run={run}
                headingLevel={headingLevel}
              />
            </li>
          ))}
        </ul>
      </section>

      <section class="card officer-section" aria-labelledby={id('excluded')}>
        <H id={id('excluded')}>{t('officer.excluded.heading')}</H>
        {excluded.length === 0 ? (
          <p>{t('officer.excluded.none')}</p>
        ) : (
          <ExcludedTable
            entries={excluded}
            caption={t('officer.excluded.caption', { count: excluded.length })}
            name="excluded"
            device={(deviceId) => deviceText(t, deviceId, view)}
          />
        )}
      </section>

      <section class="card officer-section" aria-labelledby={id('day')}>
        <H id={id('day')}>{t('officer.day.heading')}</H>
        {hours.length > 0 ? (
          <ParticipationChart hours={hours} paperResidents={paperResidents} />
        ) : paperResidents > 0 ? (
          <p>{t('chart.hours.paperOnly', { count: paperResidents })}</p>
        ) : (
          <p>{t('officer.day.none')}</p>
        )}
      </section>

      <PaperFold
        view={view}
        run={run}
        headingLevel={headingLevel}
        paperCount={took.byChannel.paper.ballotsCounted}
      />

      <ExportsPanel view={view} rule={rule} headingLevel={headingLevel} />
    </>
  );

  if (headingLevel === 2) return sections;
  return (
    <section class="officer-session" aria-labelledby={id('session')} data-session={sessionId}>
      <h2 id={id('session')}>{s.title}</h2>
      <p class="lead">
        {t('officer.sessionLead', {
          neighbourhood: s.neighbourhood,
          date: sessionDate(t, s.date),
          venue: s.venue,
        })}
      </p>
      {sections}
    </section>
  );
}

/**
 * Paper ballots, folded: the entry form lists every idea, so it is only built when an officer opens it (the
 * results view of a 300-idea session stays quick to show).
 */
function PaperFold({
  view,
  run,
  headingLevel,
  paperCount,
}: {
  view: SessionView;
  run: Run;
  headingLevel: 2 | 3;
  paperCount: number;
}) {
  const t = useT();
  const [isOpen, setOpen] = useState(false);
  const sessionId = view.records.sessionId;
  return (
    <details
      class="card officer-section officer-paper no-print"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        <span class="officer-idea__title">{t('officer.paper.summary')}</span>{' '}
        <span class="officer-idea__meta">{t('officer.paper.count', { count: paperCount })}</span>
      </summary>
      {isOpen ? (
        <PaperBallots view={view} run={(command) => run(sessionId, command)} headingLevel={headingLevel} />
      ) : null}
    </details>
  );
}

/** Each idea's view and its comments (its merged duplicates' included, oldest first), worked out once per view. */
function ideaParts(view: SessionView): {
  proposals: Map<string, ProposalView>;
  comments: Map<string, Comment[]>;
} {
  const proposals = new Map(view.proposals.map((p) => [p.id, p]));
  const comments = new Map<string, Comment[]>();
  const sorted = [...view.records.comments].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  for (const c of sorted) {
    const canonical = proposals.get(c.proposalId)?.canonicalId;
    if (canonical === undefined) continue;
    const list = comments.get(canonical);
    if (list) list.push(c);
    else comments.set(canonical, [c]);
  }
  return { proposals, comments };
}
