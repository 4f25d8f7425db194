/**
 * "Paper ballots": type in sheets filled in on paper, see the ones entered, import a CSV of them. Used on the
 * facilitator dashboard and in the officer view, so it takes only what it needs: the session view and a way to
 * run a command (the session handle's `run`, which resolves once the change is saved).
 *
 * Rules: a sheet's form keeps what was typed when it is refused, with the reason beside the field; a sheet
 * already entered can be replaced only by choosing "Replace sheet N", except by trying again after "not saved"
 * (the earlier tries are replaced, so the sheet stays one ballot even if one reached the council, and one typed
 * under a sheet number then put right counts under neither number but the new one); the CSV
 * import (src/domain/paperCsv.ts, loaded when a file is chosen) adds every sheet or none, after a preview.
 */
import { useId, useRef, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import { type CommandContext } from '../../doc/commands';
import { enterPaperBallot, enterPaperBallots } from '../../doc/paperCommands';
import type { SessionView } from '../../doc/session';
import { minimumSpendPence } from '../../domain/ballots';
import { isValidationError, ValidationError } from '../../domain/errors';
import { channelOf, ideaNumbers, sheetOf } from '../../domain/paper';
import type { CsvEncoding, CsvProblem } from '../../domain/paperCsv';
import type { PaperEntry } from '../../domain/paper';
import { participation } from '../../domain/results/participation';
import type { BallotChoices } from '../../domain/types';
import { SaveStatus } from '../components/SaveStatus';
import { describeError, useInWords, type InWords } from '../errors';
import { isolate, useT, type MessageKey } from '../i18n';
import { useAction } from '../facilitator/useAction';
import { PaperConflicts } from './PaperConflicts';
import {
  choicesInWords,
  csvProblemInWords,
  excludedInWords,
  sheetRanges,
  sheetRefusalInWords,
} from './words';
import './messages';
// Its sections, counts and tables share the facilitator dashboard's styles (it is also shown in the officer view).
import '../facilitator/facilitator.css';
import './paper.css';
import { sessionChecks } from '../../doc/sessionChecks';

export interface PaperBallotsProps {
  view: SessionView;
  /** Runs a command against the session document; resolves once it is saved, rejects with its error. */
  run: <T>(command: (doc: Y.Doc, ctx: CommandContext) => T) => Promise<T>;
  /** 2 on the dashboard; 3 when the panel sits under a session heading (officer view). */
  headingLevel?: 2 | 3;
}

type Values = Record<string, string>;

/** The choices the form's values make, or a ValidationError the facilitator can fix. */
function choicesFrom(kind: BallotChoices['kind'], order: readonly string[], values: Values): BallotChoices {
  const given = order.map((id) => ({ id, v: (values[id] ?? '').trim() })).filter((x) => x.v !== '');
  if (kind === 'budget') return { kind, selected: given.map((x) => x.id) };
  if (given.some((x) => !/^\d+$/.test(x.v))) throw new ValidationError('notWholeNumber', 'ballot');
  if (kind === 'dots') {
    return {
      kind,
      dots: Object.fromEntries(given.map((x): [string, number] => [x.id, Number(x.v)])),
    };
  }
  const ranked = given.map((x) => ({ id: x.id, n: Number(x.v) })).sort((a, b) => a.n - b.n);
  if (ranked.some((x, i) => x.n !== i + 1)) throw new ValidationError('duplicateChoice', 'places');
  return { kind, ranked: ranked.map((x) => x.id) };
}

type ImportPhase =
  | { name: 'idle' }
  | { name: 'reading'; fileName: string }
  // Problems are put into words as the panel renders, so they follow the staff language switch.
  | { name: 'problems'; fileName: string; encoding: CsvEncoding; problems: InWords[]; more: number }
  | { name: 'preview'; fileName: string; encoding: CsvEncoding; entries: PaperEntry[] }
  | { name: 'applying'; fileName: string; encoding: CsvEncoding; entries: PaperEntry[] }
  | { name: 'done'; count: number }
  | { name: 'failed'; message: InWords };

/** What the import says when a file was not UTF-8 (decodeCsvBytes), so a facilitator can check the names. */
const ENCODING_KEYS = {
  'utf-16le': 'paper.import.encoding.utf16',
  'utf-16be': 'paper.import.encoding.utf16',
  'windows-1252': 'paper.import.encoding.windows1252',
} as const satisfies Record<Exclude<CsvEncoding, 'utf-8'>, MessageKey>;

export function PaperBallotsPanel({ view, run, headingLevel = 2 }: PaperBallotsProps) {
  const t = useT();
  const id = useId();
  const H = `h${headingLevel}` as 'h2';
  const Sub = `h${headingLevel + 1}` as 'h3';
  const action = useAction(run);
  const [sheet, setSheet] = useState('');
  const [values, setValues] = useState<Values>({});
  const [problem, setProblem] = useState<ValidationError | null>(null);
  // Put into words as the panel renders, so it follows the staff language switch.
  const [announcement, setAnnouncement] = useInWords();
  const [phase, setPhase] = useState<ImportPhase>({ name: 'idle' });
  const sheetInput = useRef<HTMLInputElement>(null);
  const choicesMessageRef = useRef<HTMLParagraphElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const importStatus = useRef<HTMLDivElement>(null);
  // The typings of this sheet's tries that were not saved: a try again replaces them, whatever sheet number
  // they were typed under (src/doc/paperCommands.ts). Kept when the number is changed, for that reason.
  const earlierTries = useRef<string[]>([]);
  // The boxes as they were when the sheet was last added: an error names and marks the ideas to blame then, not
  // as the facilitator retypes them.
  const submitted = useRef<Values>({});

  const { method, potPence } = view.settings;
  const numbers = ideaNumbers(view.proposals);
  const ideas = view.visible;
  const order = ideas.map((i) => i.id);
  const costs = new Map(ideas.map((i) => [i.id, i.costPence]));
  const invalid = problem ?? (isValidationError(action.invalid) ? action.invalid : null);
  const sheetError = invalid?.field === 'sheet' ? invalid : null;
  const choicesError = invalid && invalid.field !== 'sheet' ? invalid : null;
  const takenSheet = sheetError?.code === 'sheetTaken' ? Number(sheetError.params.sheet) : null;
  // "Replace" only while the number typed is still the sheet that was refused.
  const canReplace = takenSheet !== null && /^\s*\d+\s*$/.test(sheet) && Number(sheet) === takenSheet;
  const byChannel = participation(view).byChannel;

  const paperBallots = [
    ...view.count.counted.map((c) => ({ ballot: c.ballot, excluded: null })),
    ...view.count.excluded.map((e) => ({ ballot: e.ballot, excluded: e })),
  ]
    .filter((x) => channelOf(x.ballot) === 'paper')
    .map((x) => ({ ...x, sheet: sheetOf(x.ballot.participantId) ?? 0 }))
    .sort((a, b) => a.sheet - b.sheet);

  /**
   * The ideas whose boxes break the rule (typed values), so that only those boxes are marked and named: a sheet
   * with 9 dots on one idea marked every one of the 23 boxes and named none. Empty where no box is to blame on its
   * own (ranking and budget rules say what is wrong with the sheet as a whole).
   */
  const offendingIdeas = (e: ValidationError | null, typed: Values): string[] => {
    if (!e || method.kind !== 'dots') return [];
    const value = (ideaId: string): string => (typed[ideaId] ?? '').trim();
    if (e.code === 'notWholeNumber') return order.filter((i) => value(i) !== '' && !/^\d+$/.test(value(i)));
    if (e.code === 'dotsOverPerProposal')
      return order.filter((i) => Number(value(i)) > method.maxDotsPerProposal);
    if (e.code === 'dotsOverTotal') return order.filter((i) => Number(value(i)) > 0);
    return [];
  };

  // Focus goes to the first box to blame, else to the message: the group itself is not a place to type.
  const focusError = (e: ValidationError): void => {
    const [first] = offendingIdeas(e, submitted.current);
    setTimeout(() => {
      if (e.field === 'sheet') sheetInput.current?.focus();
      else if (first) document.getElementById(`${id}-idea-${numbers.get(first) ?? 0}`)?.focus();
      else choicesMessageRef.current?.focus();
    }, 0);
  };

  const submit = async (replace: boolean): Promise<void> => {
    setAnnouncement(null);
    setProblem(null);
    action.reset();
    submitted.current = values;
    let choices: BallotChoices;
    try {
      choices = choicesFrom(method.kind, order, values);
    } catch (e) {
      if (!isValidationError(e)) throw e;
      setProblem(e);
      focusError(e);
      return;
    }
    const typed = sheet;
    const earlier = [...earlierTries.current];
    const isDone = await action.act(async (doc, ctx) => {
      const typingId = ctx.newId();
      // Signed first in the app (a promise), at once in tests.
      const written = await Promise.resolve(
        enterPaperBallot(doc, { sheet: typed, choices, replace, attempt: { typingId, earlier } }, ctx),
      );
      // Written to the document: if storage now refuses it, the next try replaces it (PaperAttempt).
      earlierTries.current.push(typingId);
      return written;
    });
    if (isDone) {
      earlierTries.current = [];
      const n = Number(typed.trim());
      setAnnouncement((t) => t(replace ? 'paper.form.replaced' : 'paper.form.added', { sheet: n }));
      setSheet('');
      setValues({});
      setTimeout(() => sheetInput.current?.focus(), 0);
    }
  };

  // After a refusal, move the focus to the field it names (the action's error arrives with the next render).
  const lastFocused = useRef<unknown>(null);
  if (action.invalid && action.invalid !== lastFocused.current && isValidationError(action.invalid)) {
    lastFocused.current = action.invalid;
    focusError(action.invalid);
  }

  const setValue = (ideaId: string, value: string): void => setValues((v) => ({ ...v, [ideaId]: value }));

  const choicesMessage = (e: ValidationError): string => {
    if (e.field === 'places') return t('paper.form.badPlaces');
    if (e.code === 'notWholeNumber') return t('paper.form.notWhole');
    if (e.code === 'dotsOverTotal' && method.kind === 'dots') {
      // In the typist's words, with the sheet's figures: not the kiosk's "You have 5 dots in all" to a resident.
      const dots = order.reduce((sum, ideaId) => sum + Number((submitted.current[ideaId] ?? '').trim()), 0);
      return t('paper.form.dotsOverTotal', { dots, max: method.dotsPerParticipant });
    }
    if (e.code === 'dotsOverPerProposal' && method.kind === 'dots') {
      // Each idea over the limit by name, in the CSV import's words (paper.csv.rule.*).
      const over = offendingIdeas(e, submitted.current).map((ideaId) =>
        t('paper.form.onIdea', {
          title: isolate(ideas.find((i) => i.id === ideaId)?.shownTitle ?? ''),
          problem: t('paper.csv.rule.dotsOverPerProposal', {
            dots: Number((submitted.current[ideaId] ?? '').trim()),
            max: method.maxDotsPerProposal,
          }),
        }),
      );
      if (over.length > 0) return over.join(' ');
    }
    return sheetRefusalInWords(t, e) ?? describeError(t, e);
  };

  // CSV import
  const chooseFile = async (file: File): Promise<void> => {
    setPhase({ name: 'reading', fileName: file.name });
    try {
      const csv = await import('../../domain/paperCsv');
      if (file.size > csv.MAX_CSV_BYTES) {
        const tooLarge: CsvProblem = {
          row: 0,
          column: '',
          code: 'tooLarge',
          params: { max: csv.MAX_CSV_BYTES / 1_000_000 },
          error: null,
        };
        setPhase({
          name: 'problems',
          fileName: file.name,
          encoding: 'utf-8',
          problems: [(t) => csvProblemInWords(t, tooLarge, method.kind)],
          more: 0,
        });
        return;
      }
      // Not file.text(), which reads everything as UTF-8: spreadsheets also save UTF-16 and windows-1252.
      const { text, encoding } = csv.decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
      const choosable = new Set(order);
      const result = csv.readPaperCsv(text, {
        method,
        potPence,
        costs,
        taken: new Set(paperBallots.map((b) => b.sheet)),
        ideas: view.proposals.map((p) => ({
          id: p.id,
          number: numbers.get(p.id) ?? 0,
          title: p.shownTitle,
          isChoosable: choosable.has(p.id),
        })),
      });
      if (result.ok) setPhase({ name: 'preview', fileName: file.name, encoding, entries: result.entries });
      else {
        const problems: InWords[] = result.problems.map((p) => (t) => csvProblemInWords(t, p, method.kind));
        setPhase({ name: 'problems', fileName: file.name, encoding, problems, more: result.more });
      }
    } catch {
      setPhase({ name: 'failed', message: (t) => t('paper.import.unreadable', { fileName: file.name }) });
    }
    setTimeout(() => importStatus.current?.focus(), 0);
  };

  const applyImport = async (
    entries: PaperEntry[],
    fileName: string,
    encoding: CsvEncoding,
  ): Promise<void> => {
    setPhase({ name: 'applying', fileName, encoding, entries });
    try {
      await run((doc, ctx) => enterPaperBallots(doc, entries, ctx));
      setPhase({ name: 'done', count: entries.length });
    } catch (e) {
      setPhase({ name: 'failed', message: (t) => t('paper.import.failed', { reason: describeError(t, e) }) });
    }
    setTimeout(() => importStatus.current?.focus(), 0);
  };

  const downloadTemplate = async (): Promise<void> => {
    const csv = await import('../../domain/paperCsv');
    const { toCsv } = await import('../../domain/results/csv');
    const choosable = new Set(order);
    const header = csv.paperCsvTemplate(
      view.proposals.map((p) => ({
        id: p.id,
        number: numbers.get(p.id) ?? 0,
        title: p.shownTitle,
        isChoosable: choosable.has(p.id),
      })),
    );
    const url = URL.createObjectURL(new Blob([toCsv(header, [])], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'paper-ballots.csv';
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const dotsUsed = method.kind === 'dots' ? order.reduce((s, i) => s + (Number(values[i] ?? '') || 0), 0) : 0;
  const spent = order.reduce((s, i) => s + (values[i] ? (costs.get(i) ?? 0) : 0), 0);
  const minimum = minimumSpendPence(method, { potPence, costs });
  const hintId = `${id}-choices-hint`;
  const errorId = `${id}-choices-error`;
  const offenders = new Set(offendingIdeas(choicesError, submitted.current));
  const excludedCount = paperBallots.filter((b) => b.excluded !== null).length;
  const flagged = new Set(sessionChecks(view).paperConflicts.map((c) => c.sheet));

  return (
    <section aria-labelledby={`${id}-heading`} class="card fac-section paper-panel">
      <H id={`${id}-heading`}>{t('paper.heading')}</H>
      <p class="field__hint">{t('paper.intro')}</p>

      <dl class="fac-counts paper-counts" aria-label={t('paper.counts.heading')}>
        <div class="fac-counts__item">
          <dt>{t('paper.counts.kiosk')}</dt>
          <dd data-testid="paper-count-kiosk">{t.number(byChannel.kiosk.ballotsCounted)}</dd>
        </div>
        <div class="fac-counts__item">
          <dt>{t('paper.counts.paper')}</dt>
          <dd data-testid="paper-count-paper">{t.number(byChannel.paper.ballotsCounted)}</dd>
        </div>
      </dl>
      {excludedCount > 0 ? (
        <p class="field__hint">{t('paper.counts.excluded', { count: excludedCount })}</p>
      ) : null}
      <PaperConflicts view={view} run={run} headingLevel={headingLevel === 2 ? 3 : 4} />

      <Sub>{t('paper.form.heading')}</Sub>
      {ideas.length === 0 ? (
        <p>{t('paper.form.noIdeas')}</p>
      ) : (
        <form
          class="paper-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!action.isBusy) void submit(false);
          }}
        >
          <div class={`field${sheetError ? ' field--error' : ''}`}>
            <label for={`${id}-sheet`}>{t('paper.form.sheet')}</label>
            <p class="field__hint" id={`${id}-sheet-hint`}>
              {t('paper.form.sheetHint')}
            </p>
            {sheetError ? (
              <p class="field__error" id={`${id}-sheet-error`}>
                {takenSheet !== null
                  ? t('paper.form.taken', { sheet: takenSheet })
                  : describeError(t, sheetError)}
              </p>
            ) : null}
            <input
              ref={sheetInput}
              id={`${id}-sheet`}
              class="paper-sheet"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              maxLength={7}
              value={sheet}
              aria-describedby={`${id}-sheet-hint${sheetError ? ` ${id}-sheet-error` : ''}`}
              aria-invalid={sheetError ? true : undefined}
              onInput={(e) => setSheet(e.currentTarget.value)}
            />
            {canReplace ? (
              <div class="btn-row">
                <button type="button" class="btn" onClick={() => void submit(true)}>
                  {t('paper.form.replace', { sheet: takenSheet })}
                </button>
              </div>
            ) : null}
          </div>

          <fieldset
            class={`fac-fieldset paper-choices${choicesError && offenders.size === 0 ? ' field--error' : ''}`}
            aria-describedby={`${hintId}${choicesError ? ` ${errorId}` : ''}`}
          >
            <legend>
              {t(
                method.kind === 'dots'
                  ? 'paper.form.dotsLegend'
                  : method.kind === 'budget'
                    ? 'paper.form.budgetLegend'
                    : 'paper.form.rankingLegend',
              )}
            </legend>
            <p class="field__hint" id={hintId}>
              {method.kind === 'dots'
                ? t('paper.form.dotsHint', {
                    total: method.dotsPerParticipant,
                    max: method.maxDotsPerProposal,
                  })
                : method.kind === 'budget'
                  ? minimum > 0
                    ? t('paper.form.budgetMinimumHint', { pot: t.money(potPence), minimum: t.money(minimum) })
                    : t('paper.form.budgetHint', { pot: t.money(potPence) })
                  : t('paper.form.rankingHint', { max: method.maxRanked })}
            </p>
            {choicesError ? (
              <p class="field__error paper-choices__error" id={errorId} ref={choicesMessageRef} tabIndex={-1}>
                {choicesMessage(choicesError)}
              </p>
            ) : null}
            <ul class="paper-ideas">
              {ideas.map((idea) => {
                const number = numbers.get(idea.id) ?? 0;
                const label = t('paper.form.idea', {
                  number,
                  title: idea.shownTitle,
                  cost: t.money(idea.costPence),
                });
                const inputId = `${id}-idea-${number}`;
                if (method.kind === 'budget') {
                  return (
                    <li key={idea.id}>
                      <label class="check paper-check" for={inputId}>
                        <input
                          id={inputId}
                          type="checkbox"
                          checked={(values[idea.id] ?? '') !== ''}
                          onChange={(e) => setValue(idea.id, e.currentTarget.checked ? 'x' : '')}
                        />
                        {label}
                      </label>
                    </li>
                  );
                }
                if (method.kind === 'ranking') {
                  const places = Math.min(method.maxRanked, ideas.length);
                  return (
                    <li key={idea.id} class="paper-idea">
                      <label for={inputId}>{label}</label>
                      <select
                        id={inputId}
                        value={values[idea.id] ?? ''}
                        onChange={(e) => setValue(idea.id, e.currentTarget.value)}
                      >
                        <option value="">{t('paper.form.notRanked')}</option>
                        {Array.from({ length: places }, (_, i) => (
                          <option key={i} value={String(i + 1)}>
                            {t('paper.form.place', { place: i + 1 })}
                          </option>
                        ))}
                      </select>
                    </li>
                  );
                }
                return (
                  <li key={idea.id} class="paper-idea">
                    <label for={inputId}>{label}</label>
                    <input
                      id={inputId}
                      class="paper-dots"
                      type="text"
                      inputMode="numeric"
                      autoComplete="off"
                      maxLength={2}
                      aria-invalid={offenders.has(idea.id) ? true : undefined}
                      aria-describedby={offenders.has(idea.id) ? errorId : undefined}
                      value={values[idea.id] ?? ''}
                      onInput={(e) => setValue(idea.id, e.currentTarget.value)}
                    />
                  </li>
                );
              })}
            </ul>
            <p class="paper-progress" aria-live="polite">
              {method.kind === 'dots'
                ? dotsUsed > method.dotsPerParticipant
                  ? t('paper.form.dotsOver', { count: dotsUsed - method.dotsPerParticipant })
                  : t('paper.form.dotsLeft', { count: method.dotsPerParticipant - dotsUsed })
                : method.kind === 'budget'
                  ? t('paper.form.spent', { spent: t.money(spent), pot: t.money(potPence) })
                  : ''}
            </p>
          </fieldset>
          <div class="btn-row">
            <button type="submit" class="btn btn--primary" aria-disabled={action.isBusy ? 'true' : undefined}>
              {action.isBusy ? t('paper.form.busy') : t('paper.form.submit')}
            </button>
          </div>
          <p role="status" class="paper-announce">
            {announcement?.(t)}
          </p>
          <SaveStatus state={action.state === 'failed' ? 'failed' : 'idle'} error={action.failure} />
        </form>
      )}

      <Sub id={`${id}-list-heading`}>{t('paper.list.heading')}</Sub>
      {paperBallots.length === 0 ? (
        <p>{t('paper.list.empty')}</p>
      ) : (
        <div class="fac-table-wrap" role="region" aria-labelledby={`${id}-list-heading`} tabIndex={0}>
          <table class="fac-board paper-list">
            <caption class="visually-hidden">{t('paper.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('paper.list.sheet')}
                </th>
                <th scope="col">{t('paper.list.choices')}</th>
                <th scope="col">{t('paper.list.status')}</th>
              </tr>
            </thead>
            <tbody>
              {paperBallots.map(({ ballot, excluded, sheet: n }) => (
                <tr key={ballot.participantId} data-sheet={n}>
                  <th scope="row" class="num">
                    {n}
                  </th>
                  <td>{choicesInWords(t, ballot, view.proposals)}</td>
                  <td>
                    {excluded === null
                      ? t('paper.list.counted')
                      : t('paper.list.excluded', { reason: excludedInWords(t, excluded, view.proposals) })}
                    {flagged.has(n) ? <strong class="paper-flag"> {t('checks.paper.inList')}</strong> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Sub>{t('paper.import.heading')}</Sub>
      <p class="field__hint">{t('paper.import.text', { how: t(`paper.import.how.${method.kind}`) })}</p>
      <div class="btn-row">
        <button
          type="button"
          class="btn btn--primary"
          onClick={() => {
            if (phase.name !== 'reading' && phase.name !== 'applying') fileInput.current?.click();
          }}
        >
          {t('paper.import.choose')}
        </button>
        <button type="button" class="btn" onClick={() => void downloadTemplate()}>
          {t('paper.import.template')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          hidden
          aria-label={t('paper.import.choose')}
          onChange={(e) => {
            const el = e.currentTarget;
            const file = el.files?.[0];
            el.value = '';
            if (file) void chooseFile(file);
          }}
        />
      </div>
      <div ref={importStatus} tabIndex={-1} class="paper-import-status" role="status">
        {phase.name === 'reading' ? <p>{t('paper.import.reading', { fileName: phase.fileName })}</p> : null}
        {phase.name === 'preview' || phase.name === 'applying' ? (
          <p class="paper-preview">
            {t('paper.import.preview', {
              count: phase.entries.length,
              sheets: sheetRanges(phase.entries.map((e) => e.sheet)),
              fileName: phase.fileName,
            })}
          </p>
        ) : null}
        {(phase.name === 'preview' || phase.name === 'applying') && phase.encoding !== 'utf-8' ? (
          <p class="paper-encoding">{t(ENCODING_KEYS[phase.encoding])}</p>
        ) : null}
        {phase.name === 'done' ? (
          <p class="paper-done">{t('paper.import.done', { count: phase.count })}</p>
        ) : null}
      </div>
      {phase.name === 'problems' ? (
        <div class="alert paper-problems" role="alert">
          <p>
            {t('paper.import.problems', {
              count: phase.problems.length + phase.more,
              fileName: phase.fileName,
            })}
          </p>
          <ul>
            {phase.problems.map((p, i) => (
              <li key={i}>{p(t)}</li>
            ))}
          </ul>
          {phase.more > 0 ? <p>{t('paper.import.more', { count: phase.more })}</p> : null}
          {phase.encoding !== 'utf-8' ? (
            <p class="paper-encoding">{t(ENCODING_KEYS[phase.encoding])}</p>
          ) : null}
        </div>
      ) : null}
      {phase.name === 'failed' ? (
        <p class="alert" role="alert">
          {phase.message(t)}
        </p>
      ) : null}
      {phase.name === 'preview' || phase.name === 'applying' ? (
        <div class="btn-row">
          <button
            type="button"
            class="btn btn--primary"
            aria-disabled={phase.name === 'applying' ? 'true' : undefined}
            onClick={() => {
              if (phase.name === 'preview') void applyImport(phase.entries, phase.fileName, phase.encoding);
            }}
          >
            {phase.name === 'applying'
              ? t('paper.import.applying')
              : t('paper.import.apply', { count: phase.entries.length })}
          </button>
          <button type="button" class="btn" onClick={() => setPhase({ name: 'idle' })}>
            {t('paper.import.cancel')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
