import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { editProposal, hideProposal } from '../../doc/moderationCommands';
import { isValidationError } from '../../domain/errors';
import { LIMITS } from '../../domain/limits';
import type { ProposalView } from '../../domain/proposals';
import { Field } from '../components/Field';
import { SaveStatus } from '../components/SaveStatus';
import { describeError } from '../errors';
import { isolate, useT } from '../i18n';
import type { SessionHandle } from '../useSession';
import { useAction } from './useAction';

interface Props {
  idea: ProposalView;
  themeName: string;
  mergedTitles: string[];
  session: SessionHandle;
  onHidden: (title: string) => void;
}

type Panel = 'none' | 'hide' | 'edit';
const FIELDS = ['reason', 'title', 'description'];

/** One idea with its moderation: hide it (with a reason) or fix a typo (the original wording is kept). */
export function IdeaCard({ idea, themeName, mergedTitles, session, onHidden }: Props) {
  const t = useT();
  const id = useId();
  const action = useAction(session.run);
  const [panel, setPanel] = useState<Panel>('none');
  const [reason, setReason] = useState('');
  const [title, setTitle] = useState(idea.shownTitle);
  const [description, setDescription] = useState(idea.shownDescription);
  const [isUnchanged, setUnchanged] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const hideButton = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Opening a panel moves the keyboard into it.
    if (panel !== 'none') panelRef.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  }, [panel]);

  useEffect(() => {
    // A refused change takes the keyboard to the field that says why, as on the residents' screens.
    if (isValidationError(action.invalid)) {
      panelRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }, [action.invalid]);

  const open = (next: Panel): void => {
    action.reset();
    setUnchanged(false);
    if (next === 'edit') {
      setTitle(idea.shownTitle);
      setDescription(idea.shownDescription);
    }
    setPanel(next);
  };
  const close = (): void => {
    const back = panel === 'edit' ? editButton : hideButton;
    setPanel('none');
    action.reset();
    setTimeout(() => back.current?.focus(), 0);
  };

  const fieldError = (field: string): string | undefined =>
    isValidationError(action.invalid) && action.invalid.field === field
      ? describeError(t, action.invalid)
      : undefined;
  const otherError =
    action.invalid && !(isValidationError(action.invalid) && FIELDS.includes(action.invalid.field))
      ? describeError(t, action.invalid)
      : null;

  const hide = async (e: Event): Promise<void> => {
    e.preventDefault();
    const shown = idea.shownTitle;
    if (await action.act((doc, ctx) => hideProposal(doc, idea.id, reason, ctx))) onHidden(shown);
  };
  const closeEdit = (): void => {
    setPanel('none');
    setTimeout(() => editButton.current?.focus(), 0);
  };
  const saveEdit = async (e: Event): Promise<void> => {
    e.preventDefault();
    // Saved as typed but for the spaces around it (as the command keeps it): the same words are no correction,
    // and recording one would mark the idea "Corrected by the facilitator" for nothing.
    if (title.trim() === idea.shownTitle && description.trim() === idea.shownDescription) {
      action.reset();
      setUnchanged(true);
      return closeEdit();
    }
    if (await action.act((doc, ctx) => editProposal(doc, idea.id, { title, description }, ctx))) closeEdit();
  };

  const headingId = `${id}-title`;
  return (
    <article class="fac-idea" aria-labelledby={headingId}>
      <div class="fac-idea__body">
        <h3 id={headingId} class="fac-idea__title">
          {idea.shownTitle}
        </h3>
        <p class="fac-idea__meta">
          {t('fac.idea.meta', { theme: themeName, cost: t.money(idea.costPence) })}
          {idea.where ? ` · ${t('fac.idea.where', { where: idea.where })}` : ''}
        </p>
        {idea.shownDescription ? <p class="fac-idea__text">{idea.shownDescription}</p> : null}
        {mergedTitles.length > 0 ? (
          <p class="fac-idea__tag">
            {t('fac.idea.includes', { titles: mergedTitles.map(isolate).join('; ') })}
          </p>
        ) : null}
        {idea.isEdited ? (
          <div class="fac-idea__original">
            <p class="fac-idea__tag">{t('fac.idea.edited')}</p>
            <p>
              <span class="fac-idea__label">{t('fac.idea.originalTitle')}</span> <bdi>{idea.title}</bdi>
            </p>
            {idea.description ? (
              <p>
                <span class="fac-idea__label">{t('fac.idea.originalDescription')}</span>{' '}
                <bdi>{idea.description}</bdi>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      <div class="btn-row fac-idea__actions">
        <button
          ref={hideButton}
          type="button"
          class="btn btn--danger"
          aria-expanded={panel === 'hide'}
          aria-controls={`${id}-panel`}
          aria-label={t('fac.hide.buttonFor', { title: idea.shownTitle })}
          onClick={() => (panel === 'hide' ? close() : open('hide'))}
        >
          {t('fac.hide.button')}
        </button>
        <button
          ref={editButton}
          type="button"
          class="btn"
          aria-expanded={panel === 'edit'}
          aria-controls={`${id}-panel`}
          aria-label={t('fac.edit.buttonFor', { title: idea.shownTitle })}
          onClick={() => (panel === 'edit' ? close() : open('edit'))}
        >
          {t('fac.edit.button')}
        </button>
      </div>

      <div id={`${id}-panel`} ref={panelRef} class="fac-idea__panel">
        {panel === 'hide' ? (
          <form class="fac-panel" onSubmit={(e) => void hide(e)} noValidate>
            <Field
              label={t('fac.hide.reason')}
              hint={t('fac.hide.reasonHint')}
              error={fieldError('reason')}
              limit={{ value: reason, max: LIMITS.reasonLength, isQuiet: true }}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={reason}
                  onInput={(e) => {
                    setReason(e.currentTarget.value);
                    action.standDown('reason');
                  }}
                />
              )}
            </Field>
            {otherError ? <p class="alert">{otherError}</p> : null}
            <div class="btn-row">
              <button type="submit" class="btn btn--danger-solid" disabled={action.isBusy}>
                {t('fac.hide.confirm')}
              </button>
              <button type="button" class="btn" onClick={close}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        ) : null}
        {panel === 'edit' ? (
          <form class="fac-panel" onSubmit={(e) => void saveEdit(e)} noValidate>
            <p class="field__hint">{t('fac.edit.hint')}</p>
            <Field
              label={t('fac.edit.title')}
              error={fieldError('title')}
              limit={{ value: title, max: LIMITS.titleLength, isQuiet: true }}
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  value={title}
                  onInput={(e) => {
                    setTitle(e.currentTarget.value);
                    action.standDown('title');
                  }}
                />
              )}
            </Field>
            <Field
              label={t('fac.edit.description')}
              error={fieldError('description')}
              isOptional
              limit={{ value: description, max: LIMITS.descriptionLength, isQuiet: true }}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={4}
                  value={description}
                  onInput={(e) => {
                    setDescription(e.currentTarget.value);
                    action.standDown('description');
                  }}
                />
              )}
            </Field>
            {otherError ? <p class="alert">{otherError}</p> : null}
            <div class="btn-row">
              <button type="submit" class="btn btn--primary" disabled={action.isBusy}>
                {t('fac.edit.save')}
              </button>
              <button type="button" class="btn" onClick={close}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        ) : null}
      </div>
      <SaveStatus state={action.state} error={action.failure} />
      <p class="fac-idea__note" role="status">
        {isUnchanged ? t('fac.edit.unchanged') : ''}
      </p>
    </article>
  );
}
