/**
 * The officer's editor for one idea's status ("You said, we did"): the six statuses in plain words, the amount
 * when funded (with how it is read as it is typed), the reason when not taken forward, and Save. Checked on the device first with the same domain
 * rule the command uses, so a mistake is shown beside its field and what was typed stays. "Saved" appears only
 * once `onSave` resolves: the caller runs `setProposalStatus` and waits for storage to commit (`saveStatusWith`).
 * A save storage refused ("not saved") is kept as an earlier try until a save succeeds: the next save replaces it
 * (src/doc/statusCommands.ts StatusAttempt), so a decision saved on a retry is one record even if the refused
 * one reached the council.
 * The history (newest first) says who decided what, and when: each part in its own element, the reason as the
 * officer typed it (text, never markup), so no sentence runs into the next.
 */
import { useId, useRef, useState } from 'preact/hooks';
import type { CommandContext } from '../../../doc/commands';
import { isValidationError } from '../../../domain/errors';
import { LIMITS } from '../../../domain/limits';
import type { ProposalView } from '../../../domain/proposals';
import { isOverCost, requireFundedAmount, type StatusInput } from '../../../domain/statusRules';
import { withoutBidiControls } from '../../../domain/validate';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../../domain/types';
import { Field } from '../../components/Field';
import { moneyReading } from '../../components/moneyReading';
import { SaveStatus } from '../../components/SaveStatus';
import { fieldErrors, useInWords } from '../../errors';
import { useT } from '../../i18n';
import type { SaveState, SessionHandle } from '../../useSession';
import {
  amountOrNull,
  errorsAfterEdit,
  inputFrom,
  saveStatusTry,
  typedFrom,
  type StatusTries,
  type Typed,
} from './statusForm';
import { deviceText } from '../../format/devices';
import { statusLabel, statusShort, whenText } from './statusWords';
import './messages';
import './status.css';

export interface StatusEditorProps {
  proposal: ProposalView;
  /** This idea's status records, newest first (`statusHistory`). */
  history: readonly ProposalStatus[];
  /**
   * Stores the status as one try (`saveStatusTry`); resolves once it is committed, rejects with a
   * ValidationError or a storage error.
   */
  onSave: (input: StatusInput, tries: StatusTries) => Promise<void>;
  /** A device as people read it, for the history (`deviceText` with the session). */
  deviceLabel?: (deviceId: string) => string;
  /** Names of devices by id, when there is no `deviceLabel`; others show as "Tablet <short code>". */
  deviceNames?: ReadonlyMap<string, string>;
  headingLevel?: 2 | 3 | 4;
}

/** Wires the editor to a session: runs the command and resolves only after storage committed it. */
export function saveStatusWith(
  run: SessionHandle['run'],
): (input: StatusInput, tries: StatusTries) => Promise<void> {
  return async (input, tries) => {
    await run((doc, ctx: CommandContext) => saveStatusTry(doc, input, ctx, tries));
  };
}

export function StatusEditor({
  proposal,
  history,
  onSave,
  deviceLabel,
  deviceNames,
  headingLevel = 3,
}: StatusEditorProps) {
  const t = useT();
  const id = useId();
  const current = history[0];
  const [typed, setTyped] = useState<Typed>(() => typedFrom(current));
  // Put into words as the editor renders, so a problem on screen follows the staff language switch.
  const [errorsInWords, setErrors] = useInWords<Record<string, string>>();
  const errors = errorsInWords?.(t) ?? {};
  const [state, setState] = useState<SaveState>('idle');
  const [failure, setFailure] = useState<unknown>(null);
  // The records of tries storage refused: the next save replaces them (src/doc/statusCommands.ts).
  const earlierTries = useRef<string[]>([]);
  const Heading = (['h2', 'h3', 'h4'] as const)[headingLevel - 2] ?? 'h3';
  const SubHeading = (['h3', 'h4', 'h5'] as const)[headingLevel - 2] ?? 'h4';

  const change = (patch: Partial<Typed>): void => {
    setTyped((was) => ({ ...was, ...patch }));
    // A field's error goes; one about the idea or the session (merged meanwhile, a newer app) waits for Save.
    const held = errorsInWords;
    const isAnyStanding = Object.keys(errorsAfterEdit(errors)).length > 0;
    setErrors(held && isAnyStanding ? (t) => errorsAfterEdit(held(t)) : null);
    if (state !== 'saving') setState('idle');
  };

  const save = async (): Promise<void> => {
    setErrors(null);
    setFailure(null);
    let input: StatusInput;
    try {
      input = inputFrom(proposal.id, typed);
    } catch (e) {
      setErrors((t) => fieldErrors(t, e));
      return;
    }
    setState('saving');
    try {
      await onSave(input, {
        earlier: [...earlierTries.current],
        wrote: (recordId) => earlierTries.current.push(recordId),
      });
      earlierTries.current = [];
      setState('saved');
    } catch (e) {
      if (isValidationError(e)) {
        setState('idle');
        setErrors((t) => fieldErrors(t, e));
      } else {
        setState('failed');
        setFailure(e);
      }
    }
  };

  const amount = typed.status === 'funded' ? amountOrNull(typed.amountText) : null;
  const isOver =
    amount !== null && isOverCost({ status: 'funded', amountPence: amount, reason: '' }, proposal.costPence);
  // The form's name and its Save button's: a title stored before bidi overrides were refused reads in order.
  const title = withoutBidiControls(proposal.shownTitle);
  const who = (deviceId: string): string =>
    deviceLabel ? deviceLabel(deviceId) : deviceText(t, deviceId, { deviceNames: deviceNames ?? new Map() });

  return (
    <form
      class="status-editor"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Heading id={`${id}-title`} class="status-editor__title">
        {title}
      </Heading>
      <p class="status-editor__meta">
        {t('status.editor.cost', { cost: t.money(proposal.costPence) })}
        {' · '}
        {t('status.editor.now', { status: current ? statusShort(t, current) : statusLabel(t, 'submitted') })}
      </p>
      {proposal.isHidden ? <p class="status-editor__meta">{t('status.editor.hidden')}</p> : null}
      <fieldset
        class="status-editor__choices"
        aria-describedby={errors.status ? `${id}-status-error` : undefined}
      >
        <legend>{t('status.editor.legend')}</legend>
        {errors.status ? (
          <p class="field__error" id={`${id}-status-error`}>
            {errors.status}
          </p>
        ) : null}
        {PROPOSAL_STATUSES.map((kind) => (
          <label key={kind} class="check status-editor__choice">
            <input
              type="radio"
              name={`${id}-status`}
              value={kind}
              checked={typed.status === kind}
              onChange={() => change({ status: kind })}
            />
            <span>{statusLabel(t, kind)}</span>
          </label>
        ))}
      </fieldset>
      {typed.status === 'funded' ? (
        <Field
          label={t('status.editor.amountLabel')}
          hint={
            isOver
              ? t('status.editor.overCost', { cost: t.money(proposal.costPence) })
              : t('status.editor.amountHint')
          }
          error={errors.amountPence}
          reading={moneyReading(t, typed.amountText, 'status.editor.amountReadAs', (amount) =>
            requireFundedAmount(amount, 'amountPence'),
          )}
        >
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="decimal"
              autocomplete="off"
              value={typed.amountText}
              onInput={(e) => change({ amountText: e.currentTarget.value })}
            />
          )}
        </Field>
      ) : null}
      {typed.status === 'not-taken-forward' ? (
        <Field
          label={t('status.editor.reasonLabel')}
          hint={t('status.editor.reasonHint')}
          error={errors.reason}
          limit={{ value: typed.reason, max: LIMITS.reasonLength, isQuiet: true }}
        >
          {(props) => (
            <textarea
              {...props}
              value={typed.reason}
              onInput={(e) => change({ reason: e.currentTarget.value })}
            />
          )}
        </Field>
      ) : null}
      {errors.form || errors.proposalId ? (
        <p class="alert" role="alert">
          {errors.form ?? errors.proposalId}
        </p>
      ) : null}
      <div class="btn-row">
        <button
          type="submit"
          class="btn btn--primary"
          disabled={state === 'saving'}
          aria-label={t('status.editor.saveFor', { title })}
        >
          {t('status.editor.save')}
        </button>
        <SaveStatus state={state} error={failure} />
      </div>
      <section class="status-editor__history" aria-labelledby={`${id}-history`}>
        <SubHeading id={`${id}-history`} class="status-editor__history-heading">
          {t('status.editor.historyHeading')}
        </SubHeading>
        {history.length === 0 ? (
          <p class="status-editor__meta">{t('status.editor.historyNone')}</p>
        ) : (
          <ol class="status-editor__history-list">
            {history.map((r) => (
              <li key={r.id} class="status-editor__history-item">
                <span class="status-editor__history-status">
                  {r.status === 'not-taken-forward' ? statusLabel(t, r.status) : statusShort(t, r)}
                </span>{' '}
                {r.reason !== '' ? (
                  <>
                    <span class="status-editor__history-reason">
                      {t('status.editor.historyReason')}{' '}
                      <q>
                        <bdi>{r.reason}</bdi>
                      </q>
                    </span>{' '}
                  </>
                ) : null}
                <span class="status-editor__history-by">
                  {t('status.editor.historyBy', { who: who(r.deviceId), when: whenText(t, r.at) })}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </form>
  );
}
