import { useState } from 'preact/hooks';
import type { SessionView } from '../../doc/session';
import { ballotsCsv, participationCsv, resultsCsv } from '../../domain/results/csv';
import { exportJsonText } from '../../domain/results/json';
import { participation } from '../../domain/results/participation';
import { sessionToPbText } from '../../domain/results/pb';
import type { RuleName } from '../../domain/results/results';
import { describeError } from '../errors';
import { useT } from '../i18n';
import { routeHash } from '../router';
import { resultsNow } from './counting/useResults';
import { downloadText, exportFileName, ruleName } from './words';

type ExportKind = 'results' | 'ballots' | 'participation' | 'json' | 'pb';

/**
 * Downloads of one session for the officer's tools (formats: docs/exports.md): the results under the chosen rule
 * and every ballot as CSV (UTF-8 with BOM, formula cells neutralised), the versioned JSON, and the pabulib file.
 */
export function ExportsPanel({
  view,
  rule,
  headingLevel,
}: {
  view: SessionView;
  rule: RuleName;
  headingLevel: 2 | 3;
}) {
  const t = useT();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const s = view.settings;
  const headingId = `officer-exports-${view.records.sessionId}`;

  const save = (kind: ExportKind): void => {
    setError(null);
    setDone(null);
    try {
      let name: string;
      if (kind === 'results') {
        name = exportFileName(s, `results-${rule}`, 'csv');
        downloadText(resultsCsv(resultsNow(view, rule)), name, 'text/csv;charset=utf-8');
      } else if (kind === 'ballots') {
        name = exportFileName(s, 'ballots', 'csv');
        downloadText(ballotsCsv(view), name, 'text/csv;charset=utf-8');
      } else if (kind === 'participation') {
        name = exportFileName(s, 'participation', 'csv');
        downloadText(participationCsv(participation(view)), name, 'text/csv;charset=utf-8');
      } else if (kind === 'json') {
        name = exportFileName(s, 'results', 'json');
        downloadText(exportJsonText(view), name, 'application/json');
      } else {
        name = exportFileName(s, rule, 'pb');
        downloadText(sessionToPbText(view, rule), name, 'text/plain;charset=utf-8');
      }
      setDone(t('officer.exports.done', { fileName: name }));
    } catch (e) {
      setError(t('officer.exports.failed', { reason: describeError(t, e) }));
    }
  };

  return (
    <section class="card officer-section no-print" aria-labelledby={headingId}>
      <H id={headingId}>{t('officer.exports.heading')}</H>
      <p>{t('officer.exports.lead', { rule: ruleName(t, rule) })}</p>
      <div class="officer-actions">
        <button
          type="button"
          class="btn btn--secondary"
          data-export="results"
          onClick={() => save('results')}
        >
          {t('officer.exports.results')}
        </button>
        <button
          type="button"
          class="btn btn--secondary"
          data-export="ballots"
          onClick={() => save('ballots')}
        >
          {t('officer.exports.ballots')}
        </button>
        <button
          type="button"
          class="btn btn--secondary"
          data-export="participation"
          onClick={() => save('participation')}
        >
          {t('officer.exports.participation')}
        </button>
        <button type="button" class="btn btn--secondary" data-export="json" onClick={() => save('json')}>
          {t('officer.exports.json')}
        </button>
        <button type="button" class="btn btn--secondary" data-export="pb" onClick={() => save('pb')}>
          {t('officer.exports.pb')}
        </button>
        <a
          class="btn btn--secondary"
          data-export="report"
          href={routeHash({ name: 'officerReport', sessionIds: [view.records.sessionId] })}
        >
          {t('officer.exports.report')}
        </a>
      </div>
      <p role="status">{done}</p>
      {error ? (
        <p class="alert" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
