/**
 * "Things to check" in the officer view of one session: what merging devices can leave for a person to decide.
 * - Paper sheets typed differently on two devices, with both versions and "Keep this one" (PaperConflicts).
 * - Decisions recorded on an idea before it was merged into another, shown with the kept idea's title
 *   (decisionsOnMergedIdeas): residents only see the kept idea.
 * - Records made after the session was ended (recordsAfterEnd): how many, when and on which device it was
 *   ended, and each record with its device and time. They stay counted; the officer decides what to say.
 */
import type * as Y from 'yjs';
import type { CommandContext } from '../../doc/commands';
import type { SessionView } from '../../doc/session';
import type { AfterEnd } from '../../domain/afterEnd';
import { statusShort } from './status/statusWords';
import { deviceText } from '../format/devices';
import { momentText } from '../format/dates';
import { useT, type Translator } from '../i18n';
import { PaperConflicts } from '../paper/PaperConflicts';
import '../paper/messages';
import './status/messages';
import { sessionChecks } from '../../doc/sessionChecks';
import { ScrollRegion } from '../components/ScrollRegion';

type Run = <T>(sessionId: string, command: (doc: Y.Doc, ctx: CommandContext) => T) => Promise<T>;

interface AfterEndRow {
  key: string;
  what: string;
  deviceId: string;
  at: number;
}

/** Every record after the end as one row, oldest first (then by kind and id, the same on every device). */
export function afterEndRows(t: Translator, after: AfterEnd, view: SessionView): AfterEndRow[] {
  const title = (id: string): string => view.proposals.find((p) => p.id === id)?.shownTitle ?? id;
  const rows: AfterEndRow[] = [
    ...after.participants.map((p) => ({
      key: `p-${p.id}`,
      what: t('checks.afterEnd.participant'),
      deviceId: p.deviceId,
      at: p.at,
    })),
    ...after.ballots.map((b) => ({
      key: `b-${b.participantId}`,
      what: t('checks.afterEnd.ballot'),
      deviceId: b.deviceId,
      at: b.at,
    })),
    ...after.proposals.map((p) => ({
      key: `i-${p.id}`,
      what: t('checks.afterEnd.proposal', { title: title(p.id) }),
      deviceId: p.deviceId,
      at: p.at,
    })),
    ...after.comments.map((c) => ({
      key: `c-${c.id}`,
      what: t('checks.afterEnd.comment', { title: title(c.proposalId) }),
      deviceId: c.deviceId,
      at: c.at,
    })),
  ];
  return rows.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function SessionChecks({
  view,
  run,
  headingLevel,
}: {
  view: SessionView;
  run: Run;
  headingLevel: 2 | 3;
}) {
  const t = useT();
  const sessionId = view.records.sessionId;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const id = `officer-checks-${sessionId}`;
  const device = (deviceId: string): string => deviceText(t, deviceId, view);
  const checks = sessionChecks(view);
  const titles = new Map(view.proposals.map((p) => [p.id, p.shownTitle]));
  const after = checks.afterEnd && checks.afterEnd.total > 0 ? checks.afterEnd : null;
  const isEmpty = checks.paperConflicts.length === 0 && checks.mergedDecisions.length === 0 && !after;

  return (
    <section class="card officer-section officer-checks" aria-labelledby={id} data-checks={sessionId}>
      <H id={id}>{t('checks.heading')}</H>
      {isEmpty ? <p>{t('checks.none')}</p> : null}
      <PaperConflicts
        view={view}
        run={(command) => run(sessionId, command)}
        headingLevel={headingLevel === 2 ? 3 : 4}
      />
      {checks.mergedDecisions.length > 0 ? (
        <div data-check="merged">
          <Sub>{t('checks.merged.heading')}</Sub>
          <p>{t('checks.merged.lead')}</p>
          <ul>
            {checks.mergedDecisions.map((d) => (
              <li key={d.duplicateId} data-kept={d.keptId} data-duplicate={d.duplicateId}>
                {t('checks.merged.item', {
                  kept: titles.get(d.keptId) ?? d.keptId,
                  title: d.duplicateTitle,
                  decision: statusShort(t, d.status),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {after ? (
        <div data-check="after-end">
          <Sub>{t('checks.afterEnd.heading')}</Sub>
          <p class="officer-checks__summary" data-figure="after-end">
            {t('checks.afterEnd.summary', {
              count: after.total,
              device: device(after.end.deviceId),
              time: momentText(t, after.end.at),
            })}
          </p>
          <p>{t('checks.afterEnd.lead')}</p>
          <ScrollRegion class="table-scroll" label={t('checks.afterEnd.caption')}>
            <table class="officer-table">
              <caption>{t('checks.afterEnd.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('checks.afterEnd.what')}</th>
                  <th scope="col">{t('checks.afterEnd.device')}</th>
                  <th scope="col">{t('checks.afterEnd.time')}</th>
                </tr>
              </thead>
              <tbody>
                {afterEndRows(t, after, view).map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.what}</th>
                    <td>{device(r.deviceId)}</td>
                    <td>{momentText(t, r.at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      ) : null}
    </section>
  );
}
