import './messages';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createSession, updateSettings } from '../../doc/sessionCommands';
import { viewSession } from '../../doc/session';
import { isValidationError } from '../../domain/errors';
import { checkCouncilKey } from '../../domain/answersCrypto';
import { hashPin } from '../../domain/pin';
import type { SessionSettings, Translations } from '../../domain/types';
import { validateSettings } from '../../domain/validateSettings';
import { writtenIn } from '../../domain/wording';
import { SaveStatus } from '../components/SaveStatus';
import { ErrorInWords } from '../errors';
import { useFacilitatorLock } from '../facilitatorLock';
import { useT } from '../i18n';
import { navigate } from '../router';
import { useServices } from '../services';
import { upsertSessionEntry } from '../sessionList';
import { usePageTitle } from '../usePageTitle';
import { useSession, type SaveState } from '../useSession';
import { LoadFailed } from './LoadFailed';
import { emptyForm, formFromSettings, readForm, type FormSettings, type FormValues } from './formModel';
import { SessionForm } from './SessionForm';
import { useFormDraft } from './useFormDraft';
import './facilitator.css';
import '../gateMessages';

/**
 * What a save of the edit form changes: the fields that differ from the session's settings now, but of the wording
 * only the languages typed since the form opened (`loaded`, as the form read it then), so another facilitator's
 * wording saved meanwhile, in any language this facilitator did not touch, is kept.
 */
export function settingsPatch(
  settings: FormSettings,
  current: SessionSettings,
  { loaded, isWithCouncil }: { loaded: Translations | undefined; isWithCouncil: boolean },
): Partial<SessionSettings> {
  const patch: Partial<SessionSettings> = {};
  for (const key of Object.keys(settings) as (keyof FormSettings)[]) {
    // The field is read-only then; a draft typed before the first sync must not carry a change the council refuses.
    if (key === 'neighbourhood' && isWithCouncil) continue;
    // Likewise a council key the council's copy already seals answers to (neighbourhoodRule.ts).
    if (key === 'councilKey' && isWithCouncil && current.councilKey) continue;
    // No key before and none now ('' or absent, older sessions): not a change.
    if (key === 'councilKey' && !settings.councilKey && !current.councilKey) continue;
    if (key === 'translations') {
      const changed = changedWording(settings.translations, loaded ?? current.translations);
      if (changed) patch.translations = changed;
      continue;
    }
    // A session made before the setting reads as typed in its first language: not a change while that stays so
    // after this save. Once the save changes the first language, the setting is written, so the words keep
    // their language (and a wording in the old first language stays shown).
    if (
      key === 'wordingLanguage' &&
      current.wordingLanguage === undefined &&
      settings.wordingLanguage === writtenIn({ ...current, languages: settings.languages })
    ) {
      continue;
    }
    if (JSON.stringify(settings[key]) !== JSON.stringify(current[key])) {
      (patch as Record<string, unknown>)[key] = settings[key];
    }
  }
  return patch;
}

/** The languages whose wording differs from the session's, or null when none does. */
export function changedWording(
  typed: Translations | undefined,
  current: Translations | undefined,
): Translations | null {
  const changed: Translations = {};
  for (const [lang, wording] of Object.entries(typed ?? {})) {
    const was = current && Object.hasOwn(current, lang) ? current[lang] : {};
    if (JSON.stringify(wording) !== JSON.stringify(was)) changed[lang] = wording;
  }
  return Object.keys(changed).length > 0 ? changed : null;
}

/** Create a session (#/new) or change one (#/session/<id>/edit). */
export function SessionFormScreen({ sessionId }: { sessionId?: string }) {
  return sessionId ? <EditSession sessionId={sessionId} /> : <CreateSession />;
}

function Loading({ heading }: { heading: string }) {
  const t = useT();
  return (
    <main class="page" id="main" tabIndex={-1}>
      <h1>{heading}</h1>
      <p>{t('common.loading')}</p>
    </main>
  );
}

function CreateSession() {
  const t = useT();
  const services = useServices();
  const { unlock } = useFacilitatorLock();
  usePageTitle(t('fac.form.createHeading'));
  const draft = useFormDraft(undefined);
  const original = useMemo(() => emptyForm(t), [t]);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<unknown>(null);

  const create = async (settings: FormSettings, pin: string | null): Promise<string> => {
    setSaveState('saving');
    setSaveError(null);
    try {
      await checkCouncilKey(settings.councilKey);
      const full = validateSettings(
        { ...settings, pin: await hashPin(pin ?? ''), isEnded: false },
        { streamsBefore: [] },
      );
      const id = crypto.randomUUID();
      const handle = await services.docs.open(id);
      let isStored = false;
      try {
        createSession(handle.doc, id, full, services.ctx);
        await handle.whenSaved();
        isStored = true;
        const view = viewSession(handle.doc);
        // The list of sessions is a projection that can be rebuilt: a refusal here loses nothing.
        if (view) await upsertSessionEntry(services.db, view).catch(() => undefined);
      } finally {
        await handle.close().catch(() => undefined);
        if (!isStored) await services.docs.remove(id).catch(() => undefined);
      }
      setSaveState('saved');
      return id;
    } catch (e) {
      setSaveState(isValidationError(e) ? 'idle' : 'failed');
      setSaveError(e);
      throw e;
    }
  };

  if (draft.restored === undefined) return <Loading heading={t('fac.form.createHeading')} />;
  return (
    <SessionForm
      heading={t('fac.form.createHeading')}
      lead={t('fac.form.createLead')}
      original={original}
      draft={draft}
      isCreating
      hasBallots={false}
      isReadOnly={false}
      submitLabel={t('fac.form.create')}
      busyLabel={t('fac.form.creating')}
      backHref="#/"
      backLabel={t('common.cancel')}
      onSubmit={create}
      onSaved={(id) => {
        unlock(id);
        navigate({ name: 'facilitator', sessionId: id }, { replace: true });
      }}
    >
      <SaveStatus state={saveState} error={saveError} />
    </SessionForm>
  );
}

function EditSession({ sessionId }: { sessionId: string }) {
  const t = useT();
  const session = useSession(sessionId);
  usePageTitle(t('fac.form.editHeading'), session.view?.settings.title);
  const draft = useFormDraft(sessionId);
  const original = useRef<FormValues | null>(null);
  const [isUnchanged, setUnchanged] = useState(false);
  const services = useServices();
  // A sync mark means the session has synced with the council at least once (useCouncilSync.ts).
  const [isWithCouncil, setWithCouncil] = useState(false);
  useEffect(() => {
    let isLive = true;
    services.db.syncMarks
      .get(sessionId)
      .then((mark) => isLive && setWithCouncil(mark !== undefined))
      .catch(() => undefined);
    return () => {
      isLive = false;
    };
  }, [services.db, sessionId]);
  const view = session.view;
  // Taken once: settings arriving from another device while typing must not wipe the form.
  if (view && !original.current) original.current = formFromSettings(t, view.settings);

  const save = async (settings: FormSettings, pin: string | null): Promise<void> => {
    const current = session.view?.settings;
    if (!current) throw new ErrorInWords((t) => t('session.notFound'), 'The session is not on this device');
    // The wording as the form read it when it opened: only languages typed since are sent (changedWording).
    const opened = original.current ?? formFromSettings(t, current);
    const loaded = readForm(t, opened, null, current.fundingStreams).settings?.translations;
    const patch = settingsPatch(settings, current, { loaded, isWithCouncil });
    if (pin !== null) patch.pin = await hashPin(pin);
    if (patch.councilKey) await checkCouncilKey(patch.councilKey);
    setUnchanged(Object.keys(patch).length === 0);
    if (Object.keys(patch).length === 0) return;
    await session.run((doc, ctx) => updateSettings(doc, patch, ctx));
  };

  if (!view || !original.current || draft.restored === undefined) {
    if (session.state === 'missing' || session.state === 'failed') {
      return (
        <main class="page" id="main" tabIndex={-1}>
          <h1>{t('fac.form.editHeading')}</h1>
          <LoadFailed session={session} sessionId={sessionId} />
          <a class="btn" href="#/">
            {t('fac.backHome')}
          </a>
        </main>
      );
    }
    return <Loading heading={t('fac.form.editHeading')} />;
  }
  return (
    <SessionForm
      heading={t('fac.form.editHeading')}
      lead={t('fac.form.editLead', { title: view.settings.title })}
      original={original.current}
      draft={draft}
      isCreating={false}
      hasBallots={view.records.ballots.length > 0}
      isReadOnly={view.isReadOnly}
      isWithCouncil={isWithCouncil}
      streamsBefore={view.settings.fundingStreams}
      submitLabel={t('fac.form.save')}
      busyLabel={t('common.saving')}
      backHref={`#/session/${sessionId}`}
      backLabel={t('fac.form.backToSession')}
      onSubmit={save}
    >
      <SaveStatus state={isUnchanged ? 'idle' : session.saveState} error={session.saveError} />
      <p role="status" class={isUnchanged ? 'notice' : 'fac-announce'}>
        {isUnchanged ? t('fac.form.noChanges') : ''}
      </p>
    </SessionForm>
  );
}
