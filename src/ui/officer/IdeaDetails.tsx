import { useState } from 'preact/hooks';
import type * as Y from 'yjs';
import type { CommandContext } from '../../doc/commands';
import type { SessionView } from '../../doc/session';
import type { ProposalView } from '../../domain/proposals';
import type { Comment } from '../../domain/types';
import type { ResultRow } from '../../domain/results/results';
import { traceProposal } from '../../domain/results/trace';
import { statusHistory } from '../../domain/statusRules';
import { saveStatusWith, StatusEditor } from './status/StatusEditor';
import { statusShort } from './status/statusWords';
import type { MessageKey } from '../i18n';
import { useT } from '../i18n';
import { ExcludedTable } from './ExcludedTable';
import { deviceText } from '../format/devices';
import { shortId, timeText } from './words';
import { sessionChecks } from '../../doc/sessionChecks';
import { ScrollRegion } from '../components/ScrollRegion';

type Run = <T>(sessionId: string, command: (doc: Y.Doc, ctx: CommandContext) => T) => Promise<T>;

/**
 * One idea, folded: its figure traced to the ballots behind it (participant, device, time; merged duplicates
 * once per participant), the ballots naming it that were excluded and why, and its comments. The trace is only
 * worked out when opened: a session of 10,000 ballots stays quick to show.
 */
export function IdeaDetails({
  view,
  row,
  proposal,
  comments,
  pointsText,
  run,
  headingLevel,
}: {
  view: SessionView;
  row: ResultRow;
  proposal: ProposalView | undefined;
  /** Its comments and its merged duplicates', oldest first. */
  comments: readonly Comment[];
  /** The idea's figure with its unit, e.g. "4 votes". */
  pointsText: string;
  run: Run;
  headingLevel: 2 | 3;
}) {
  const t = useT();
  const [isOpen, setOpen] = useState(false);
  const H = headingLevel === 2 ? 'h3' : 'h4';
  const sessionId = view.records.sessionId;
  const status = view.statuses.get(row.proposalId);

  return (
    <details class="officer-idea" data-idea={row.proposalId} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span class="officer-idea__title" dir="auto">
          {row.title}
        </span>{' '}
        <span class="officer-idea__meta">
          {t('officer.ideas.summary', {
            points: pointsText,
            comments: t('officer.ideas.comments', { count: comments.length }),
            cost: t.money(row.costPence),
          })}
        </span>{' '}
        <span class="officer-idea__status" data-status={status?.status ?? 'submitted'}>
          {status ? statusShort(t, status) : t('officer.ideas.noDecision')}
        </span>
        {sessionChecks(view)
          .mergedDecisions.filter((d) => d.keptId === row.proposalId)
          .map((d) => (
            <span key={d.duplicateId} class="officer-idea__flag" data-merged-decision={d.duplicateId}>
              {t('checks.merged.onIdea', { title: d.duplicateTitle, decision: statusShort(t, d.status) })}
            </span>
          ))}
      </summary>
      {isOpen && proposal ? (
        <StatusEditor
          proposal={proposal}
          history={statusHistory(view.records.statuses, row.proposalId)}
          onSave={saveStatusWith((command) => run(sessionId, command))}
          headingLevel={headingLevel === 2 ? 3 : 4}
          deviceLabel={(deviceId) => deviceText(t, deviceId, view)}
        />
      ) : null}
      {isOpen ? <TraceTables view={view} row={row} H={H} /> : null}
      {isOpen ? (
        <>
          <H>{t('officer.comments.heading', { count: comments.length })}</H>
          {comments.length === 0 ? (
            <p>{t('officer.comments.none')}</p>
          ) : (
            <ul class="officer-comments">
              {comments.map((c) => (
                <li key={c.id}>
                  <blockquote>{c.text}</blockquote>
                  <p class="officer-comments__meta">{timeText(t, c.at)}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </details>
  );
}

function TraceTables({ view, row, H }: { view: SessionView; row: ResultRow; H: 'h3' | 'h4' }) {
  const t = useT();
  const trace = traceProposal(view, row.proposalId);
  return (
    <>
      <H>{t('officer.trace.heading')}</H>
      <p data-trace-total>
        {t('officer.trace.total', { points: t.number(trace.points), count: trace.supporters })}
      </p>
      {trace.ballots.length > 0 ? (
        <ScrollRegion class="table-scroll" label={t('officer.trace.caption', { title: row.title })}>
          <table class="officer-table" data-table="trace">
            <caption>{t('officer.trace.caption', { title: row.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('officer.trace.participant')}</th>
                <th scope="col">{t('officer.trace.device')}</th>
                <th scope="col">{t('officer.trace.time')}</th>
                <th scope="col">{t('officer.trace.points')}</th>
                <th scope="col">{t('officer.trace.via')}</th>
              </tr>
            </thead>
            <tbody>
              {trace.ballots.map((b) => (
                <tr key={b.participantId} data-participant={b.participantId}>
                  <th scope="row">{shortId(b.participantId)}</th>
                  <td>{deviceText(t, b.deviceId, view)}</td>
                  <td>{timeText(t, b.at)}</td>
                  <td>{t.number(b.points)}</td>
                  <td>{t(`officer.trace.via.${b.via}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {trace.excluded.length > 0 ? (
        <ExcludedTable
          entries={trace.excluded}
          caption={t('officer.trace.excludedCaption', { count: trace.excluded.length })}
          name="trace-excluded"
          device={(deviceId) => deviceText(t, deviceId, view)}
        />
      ) : null}
    </>
  );
}
