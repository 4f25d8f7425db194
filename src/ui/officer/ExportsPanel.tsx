import { useMemo, useState } from 'preact/hooks';
import type { SessionView } from '../../doc/session';
import { ballotsCsv, participationCsv, resultsCsv } from '../../domain/results/csv';
import { writePabulib } from '../../domain/counting';
import { exportJson, exportJsonText } from '../../domain/results/json';
import { participation } from '../../domain/results/participation';
import { sessionToPb, sessionToPbText } from '../../domain/results/pb';
import {
  AUDIENCES,
  cryptoToken,
  publishableBallotsCsv,
  publishableJsonText,
  publishableParticipation,
  publishablePb,
  type Audience,
} from '../../domain/results/publishable';
import type { RuleName } from '../../domain/results/results';
import { describeError, useInWords } from '../errors';
import { useT } from '../i18n';
import { routeHash } from '../router';
import { useOpenedViews } from './councilKeys';
import { resultsNow } from './counting/useResults';
import { downloadText, exportFileName, ruleName } from './words';

type ExportKind = 'results' | 'ballots' | 'participation' | 'json' | 'pb';

/**
 * Downloads of one session for the officer's tools (formats: docs/exports.md): the results under the chosen rule
 * and every ballot as CSV (UTF-8 with BOM, formula cells neutralised), the versioned JSON, and the pabulib file.
 * Two kinds, chosen first: for the council (everything) or for publishing (open data, made by
 * src/domain/results/publishable.ts, with fresh pseudonyms for every file; names end "-for-publishing").
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
  // Put into words as the panel renders, so they follow the staff language switch.
  const [done, setDone] = useInWords();
  const [error, setError] = useInWords();
  const [audience, setAudience] = useState<Audience>(AUDIENCES.council);
  const isPublishing = audience === AUDIENCES.publishing;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const s = view.settings;
  const headingId = `officer-exports-${view.records.sessionId}`;
  // The participation summary (its own file and inside the JSON) counts sealed about-you answers only when the
  // officer has loaded the council key (councilKeys.ts); residents' own answers are never in any file.
  const given = useMemo(() => [view], [view]);
  const summaryView = useOpenedViews(given).views[0] ?? view;

  const save = (kind: ExportKind): void => {
    setError(null);
    setDone(null);
    try {
      // Files for publishing say so in their names, so the two kinds are never mixed up in a downloads folder.
      const suffix = isPublishing ? '-for-publishing' : '';
      let name: string;
      if (kind === 'results') {
        // Only the ideas residents could choose, by the title they were shown: the same for both kinds.
        name = exportFileName(s, `results-${rule}${suffix}`, 'csv');
        downloadText(resultsCsv(resultsNow(view, rule)), name, 'text/csv;charset=utf-8');
      } else if (kind === 'ballots') {
        name = exportFileName(s, `ballots${suffix}`, 'csv');
        const text = isPublishing ? publishableBallotsCsv(view, cryptoToken) : ballotsCsv(view);
        downloadText(text, name, 'text/csv;charset=utf-8');
      } else if (kind === 'participation') {
        name = exportFileName(s, `participation${suffix}`, 'csv');
        const p = participation(summaryView);
        const figures = isPublishing ? publishableParticipation(p, cryptoToken) : p;
        downloadText(participationCsv(figures), name, 'text/csv;charset=utf-8');
      } else if (kind === 'json') {
        name = exportFileName(s, `results${suffix}`, 'json');
        const text = isPublishing
          ? publishableJsonText(exportJson(summaryView), cryptoToken)
          : exportJsonText(summaryView);
        downloadText(text, name, 'application/json');
      } else {
        name = exportFileName(s, `${rule}${suffix}`, 'pb');
        const text = isPublishing
          ? writePabulib(publishablePb(sessionToPb(view, rule), cryptoToken))
          : sessionToPbText(view, rule);
        downloadText(text, name, 'text/plain;charset=utf-8');
      }
      setDone((t) => t('officer.exports.done', { fileName: name }));
    } catch (e) {
      setError((t) => t('officer.exports.failed', { reason: describeError(t, e) }));
    }
  };

  return (
    <section class="card officer-section no-print" aria-labelledby={headingId}>
      <H id={headingId}>{t('officer.exports.heading')}</H>
      <p>{t('officer.exports.lead', { rule: ruleName(t, rule) })}</p>
      <fieldset class="officer-exports__audience">
        <legend>{t('officer.exports.audience')}</legend>
        {Object.values(AUDIENCES).map((a) => (
          <label key={a} class="check">
            <input
              type="radio"
              name={`${headingId}-audience`}
              value={a}
              data-audience={a}
              checked={audience === a}
              onChange={() => {
                setAudience(a);
                setDone(null);
              }}
            />
            <span>
              {t(a === AUDIENCES.council ? 'officer.exports.forCouncil' : 'officer.exports.forPublishing')}
            </span>
          </label>
        ))}
      </fieldset>
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
          {t(isPublishing ? 'officer.exports.jsonPublishing' : 'officer.exports.json')}
        </button>
        <button type="button" class="btn btn--secondary" data-export="pb" onClick={() => save('pb')}>
          {t('officer.exports.pb')}
        </button>
        {/* The report quotes comments and names tablets: it is for the council. */}
        {isPublishing ? null : (
          <a
            class="btn btn--secondary"
            data-export="report"
            href={routeHash({ name: 'officerReport', sessionIds: [view.records.sessionId] })}
          >
            {t('officer.exports.report')}
          </a>
        )}
      </div>
      <p role="status">{done?.(t)}</p>
      {error ? (
        <p class="alert" role="alert">
          {error(t)}
        </p>
      ) : null}
    </section>
  );
}
