/**
 * "Sheet N was typed differently on two devices": each flagged sheet with every version nobody replaced (the
 * one counted now first), who typed it and when, and "Keep this one", which writes a new typing of the sheet
 * that replaces them all (keepPaperTyping). Shown in the paper ballots panel and in the officer view's "Things
 * to check"; renders nothing when no sheet is flagged.
 */
import type * as Y from 'yjs';
import type { CommandContext } from '../../doc/commands';
import { keepPaperTyping } from '../../doc/paperCommands';
import type { SessionView } from '../../doc/session';
import { compareTypings, type PaperSheet } from '../../domain/paper';
import type { PaperTyping } from '../../domain/types';
import { SaveStatus } from '../components/SaveStatus';
import { describeError, useInWords } from '../errors';
import { deviceText } from '../format/devices';
import { momentText } from '../format/dates';
import { useT } from '../i18n';
import { useAction } from '../facilitator/useAction';
import { choicesInWords } from './words';
import './messages';
import './paper.css';
import { sessionChecks } from '../../doc/sessionChecks';

export interface PaperConflictsProps {
  view: SessionView;
  run: <T>(command: (doc: Y.Doc, ctx: CommandContext) => T) => Promise<T>;
  /** The level of each sheet's heading. */
  headingLevel: 3 | 4 | 5;
}

/** The versions shown for a flagged sheet: the counted one first, then the others by the survivor rule. */
export function sheetVersions(sheet: PaperSheet): PaperTyping[] {
  const rest = sheet.current.filter((t) => t !== sheet.survivor).sort((a, b) => compareTypings(b, a));
  return [sheet.survivor, ...rest];
}

export function PaperConflicts({ view, run, headingLevel }: PaperConflictsProps) {
  const t = useT();
  const action = useAction(run);
  // Put into words as it renders, so the line follows the staff language switch.
  const [kept, setKept] = useInWords();
  if (sessionChecks(view).paperConflicts.length === 0) {
    return kept ? (
      <p role="status" class="paper-announce">
        {kept(t)}
      </p>
    ) : null;
  }
  const H = `h${headingLevel}` as 'h3';
  const keep = async (sheet: number, typing: PaperTyping, number: number): Promise<void> => {
    setKept(null);
    if (action.isBusy) return;
    const isDone = await action.act((doc, ctx) => keepPaperTyping(doc, { sheet, typingId: typing.id }, ctx));
    if (isDone) setKept((t) => t('checks.paper.kept', { sheet, number }));
  };
  return (
    <div class="paper-conflicts">
      {sessionChecks(view).paperConflicts.map((sheet) => {
        const versions = sheetVersions(sheet);
        return (
          <section key={sheet.sheet} class="notice paper-conflict" data-conflict-sheet={sheet.sheet}>
            <H>
              {versions.length === 2
                ? t('checks.paper.title', { sheet: sheet.sheet })
                : t('checks.paper.titleMore', { sheet: sheet.sheet, count: versions.length })}
            </H>
            <p>{t('checks.paper.lead')}</p>
            <ol class="paper-versions">
              {versions.map((typing, i) => {
                const words = choicesInWords(t, typing.ballot, view.proposals);
                return (
                  <li key={typing.id} data-typing={typing.id}>
                    <p class="paper-version__title">
                      {t('checks.paper.version', { number: i + 1 })}
                      {i === 0 ? ` (${t('checks.paper.counted')})` : ''}
                    </p>
                    <p>{words || t('checks.paper.nothing')}</p>
                    <p class="field__hint">
                      {t('checks.paper.typed', {
                        device: deviceText(t, typing.deviceId, view),
                        time: momentText(t, typing.at),
                      })}
                    </p>
                    <button
                      type="button"
                      class="btn"
                      aria-label={t('checks.paper.keepLabel', { number: i + 1, sheet: sheet.sheet })}
                      aria-disabled={action.isBusy ? 'true' : undefined}
                      onClick={() => void keep(sheet.sheet, typing, i + 1)}
                    >
                      {t('checks.paper.keep')}
                    </button>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
      {action.invalid ? (
        <p class="alert" role="alert">
          {describeError(t, action.invalid)}
        </p>
      ) : null}
      <p role="status" class="paper-announce">
        {kept?.(t)}
      </p>
      <SaveStatus state={action.state === 'failed' ? 'failed' : 'idle'} error={action.failure} />
    </div>
  );
}
