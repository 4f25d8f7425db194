import type { RefObject } from 'preact';
import { Suspense } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import { finishParticipant, setAnswers, startParticipant } from '../../doc/commands';
import type { SessionView } from '../../doc/session';
import { choicesOf, emptyChoices } from '../../domain/ballots';
import type { BallotChoices } from '../../domain/types';
import { consentFor, questionsFor, writtenIn } from '../../domain/wording';
import { describeErrorToResident, fieldErrors, withoutError } from '../errors';
import { availableLanguages, loadLanguage, useT } from '../i18n';
import { navigate } from '../router';
import { useServices } from '../services';
import type { SessionHandle } from '../useSession';
import { ConsentStep } from './ConsentStep';
import {
  AboutYouStep,
  AddIdeaStep,
  FinishCheckStep,
  HubStep,
  IdeaStep,
  IdeasStep,
  loadLaterSteps,
  MoneyMapStep,
  onDemand,
  PrioritiesReminderStep,
  ThanksStep,
} from './lazySteps';

import { useEarlierSessions } from './useEarlierIdeas';
import { loadPictures } from '../pictures/lazy';
import { loadReadAloudButton } from '../speech/ReadAloud';

// Steps a resident opens from the menu are not in the script every tablet parses before its first screen:
// "what happened to earlier ideas" (only when this device holds decisions) and priorities (the three ballots).
// Like the later steps, each waits ("Loading…") and tries again while it cannot be fetched (lazySteps.tsx).
const earlierIdeas = onDemand(() => import('./EarlierIdeasStep'), 'What happened to earlier ideas');
const priorities = onDemand(() => import('./PrioritiesStep'), 'The priorities');
const loadEarlierIdeasStep = earlierIdeas.load;
const loadPrioritiesStep = priorities.load;
const EarlierIdeasStep = earlierIdeas.step((m) => m.EarlierIdeasStep);
const PrioritiesStep = priorities.step((m) => m.PrioritiesStep);

/**
 * Loads the kiosk's on-demand steps into memory right after the app's first screen. A tablet that goes offline
 * before its service worker has finished caching the app (a tablet set up in a hurry) must still be able to open
 * every step of a resident's turn: once loaded, a module is in memory for as long as the page lives.
 */
export function preloadKioskSteps(): void {
  for (const load of [loadLaterSteps, loadPrioritiesStep, loadEarlierIdeasStep])
    void load().catch(() => undefined);
  void loadPictures();
  void loadReadAloudButton().catch(() => undefined);
}
import { FacilitatorStep } from './FacilitatorStep';
import { IdleDialog } from './IdleDialog';
import { KioskBar } from './KioskBar';
import { NO_TURN, TurnMarker, type LiveTurn, type ResumedTurn } from './liveTurn';
import { BALLOT_DRAFT, ballotDraft, choicesFromDraft } from './ballotDraft';
import { TurnDrafts } from './turnDrafts';
import { TypedInContext } from './typedWords';
import { BACK_STEP, TURN_STEPS, type TurnStep } from './turnSteps';
import { DEFAULT_IDLE_MS, idleMsFrom, useIdle } from './useIdle';
import { WelcomeStep } from './WelcomeStep';

/** Steps that only make sense once the resident has agreed and a participant has started. */
const NEEDS_PARTICIPANT: ReadonlySet<TurnStep> = new Set<TurnStep>([
  TURN_STEPS.aboutYou,
  TURN_STEPS.hub,
  TURN_STEPS.moneyMap,
  TURN_STEPS.ideas,
  TURN_STEPS.idea,
  TURN_STEPS.addIdea,
  TURN_STEPS.earlierIdeas,
  TURN_STEPS.priorities,
  TURN_STEPS.finishCheck,
  TURN_STEPS.prioritiesReminder,
]);

/** How long the thank-you screen stays before the kiosk starts again (never longer than the idle time). */
const THANKS_MS = 20_000;

interface KioskTurnProps {
  sessionId: string;
  view: SessionView;
  run: SessionHandle['run'];
  /** Shared with the kiosk screen, so it can end this turn if the screen goes away. */
  live: RefObject<LiveTurn>;
  /** Set to this turn's "back one step", for the browser's Back button. */
  backRef: RefObject<(() => void) | null>;
  onLanguage: (code: string) => void;
  /** The turn is over: start a fresh one for the next person. */
  onTurnOver: () => void;
  /** A turn cut short by a reload within the idle time, taken up again (the kiosk decided it may be). */
  resume?: ResumedTurn | null;
}

/** One resident's turn, held only in this component's state; the kiosk remounts it for every new person. */
export function KioskTurn({
  sessionId,
  view,
  run,
  live,
  backRef,
  onLanguage,
  onTurnOver,
  resume = null,
}: KioskTurnProps) {
  const t = useT();
  const services = useServices();
  const { settings } = view;
  const languages = availableLanguages(settings.languages);
  const defaultLanguage = languages[0] ?? 'en';

  const [step, setStep] = useState<TurnStep>(resume?.step ?? TURN_STEPS.welcome);
  const [returnTo, setReturnTo] = useState<TurnStep>(TURN_STEPS.welcome);
  const [language, setLanguage] = useState(resume?.language ?? defaultLanguage);
  // Large text lasts for one resident's turn: the next resident starts with the usual size.
  const [isLargeText, setLargeText] = useState(false);
  const [participantId, setParticipantId] = useState<string | null>(resume?.participantId ?? null);
  // A resumed turn keeps its participant's drafts (keyed by participant id) and its saved answers.
  const [drafts, setDrafts] = useState<TurnDrafts | null>(() =>
    resume ? new TurnDrafts(services.db, sessionId, resume.participantId) : null,
  );
  const [answers, setAnswerState] = useState<Record<string, string>>(
    () => view.records.participants.find((p) => p.id === resume?.participantId)?.answers ?? {},
  );
  const [ideaId, setIdeaId] = useState<string | null>(resume?.ideaId ?? null);
  const [returnToIdea, setReturnToIdea] = useState<string | null>(null);
  const [justAdded, setJustAdded] = useState(false);
  const [choices, setChoices] = useState<BallotChoices | null>(null);
  const [isBallotDirty, setBallotDirty] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [idleMs, setIdleMs] = useState<number | null>(null);
  const isEnding = useRef(false);
  /** The resident changed their priorities in this page: a draft read back later must not replace them. */
  const ballotTouched = useRef(false);
  // Read only once this turn reaches the hub, so the first screen never waits for earlier sessions.
  const earlier = useEarlierSessions(
    services,
    { id: sessionId, neighbourhood: settings.neighbourhood, date: settings.date },
    participantId !== null,
  );

  // Every turn starts in the session's first language (a resumed one in its own) and reads the idle time once.
  useEffect(() => {
    if (resume && drafts && !isEnding.current) {
      const marker = new TurnMarker(services.db, { sessionId, ...resume });
      live.current = { participantId: resume.participantId, drafts, marker };
    }
    // Priorities set before the reload and not saved come back too (a draft, as a half-typed idea does), unless
    // the resident has already changed them since.
    if (resume && drafts) {
      void drafts.load(BALLOT_DRAFT).then((values) => {
        const kept = choicesFromDraft(values, settings.method);
        if (!kept || isEnding.current || ballotTouched.current) return;
        setChoices(kept);
        setBallotDirty(true);
      });
    }
    onLanguage(resume?.language ?? defaultLanguage);
    // Every language the session offers is fetched now, so a tap on it later changes the screen at once, offline too.
    for (const code of languages) void loadLanguage(code).catch(() => undefined);
    let isCurrent = true;
    services.db.settings.get('kioskIdleMs').then(
      (entry) => isCurrent && setIdleMs(idleMsFrom(entry?.value)),
      () => isCurrent && setIdleMs(DEFAULT_IDLE_MS),
    );
    return () => {
      isCurrent = false;
    };
  }, []);

  const go = (next: TurnStep): void => {
    setErrors({});
    setReturnToIdea(null);
    setStep(next);
  };

  /** Finishes the participant (what they saved stays saved) and deletes their drafts. Runs once per turn. */
  const endTurn = async (): Promise<void> => {
    if (isEnding.current) return;
    isEnding.current = true;
    const { participantId: pid, drafts: d, marker } = live.current;
    live.current = NO_TURN;
    await marker?.close().catch(() => undefined);
    if (pid) {
      try {
        await run((doc, ctx) => finishParticipant(doc, pid, ctx));
      } catch {
        // Already finished, or storage refused: nothing of this turn is shown again either way.
      }
    }
    await d?.close().catch(() => undefined);
  };

  // On the welcome screen only a choice made there (a language, larger text) needs the idle time to undo it for
  // the next person.
  const hasWelcomeChoice = language !== defaultLanguage || isLargeText;
  const idle = useIdle(
    idleMs,
    step !== TURN_STEPS.thanks && (step !== TURN_STEPS.welcome || hasWelcomeChoice),
    () => void endTurn().then(onTurnOver),
    { idleSince: resume?.lastActiveAt ?? null, onActivity: () => live.current.marker?.touch() },
  );

  // The device's marker follows the resident, so a reload brings back this step (and nothing after the turn).
  useEffect(() => {
    live.current.marker?.move(step, step === TURN_STEPS.idea ? ideaId : null, language);
  }, [step, ideaId, language]);

  backRef.current = () => {
    idle.poke();
    if (isBusy) return;
    if (step === TURN_STEPS.facilitator) go(returnTo);
    else if (step === TURN_STEPS.idea && justAdded) go(TURN_STEPS.hub);
    else if (step === TURN_STEPS.idea) toIdeas();
    else {
      const to = BACK_STEP[step];
      if (to) go(to);
    }
  };

  useEffect(() => {
    document.documentElement.classList.toggle('large-text', isLargeText);
    return () => document.documentElement.classList.remove('large-text');
  }, [isLargeText]);

  const chooseLanguage = (code: string): void => {
    setLanguage(code);
    onLanguage(code);
  };

  const agree = async (): Promise<void> => {
    setBusy(true);
    setErrors({});
    try {
      const lang = settings.languages.includes(language) ? language : (settings.languages[0] ?? language);
      const pid = await run((doc, ctx) => startParticipant(doc, { language: lang, hasConsented: true }, ctx));
      if (isEnding.current) {
        // The turn timed out while this was being saved: close it straight away.
        await run((doc, ctx) => finishParticipant(doc, pid, ctx)).catch(() => undefined);
        return;
      }
      const d = new TurnDrafts(services.db, sessionId, pid);
      const next: TurnStep = settings.aboutYou.length > 0 ? TURN_STEPS.aboutYou : TURN_STEPS.hub;
      const marker = new TurnMarker(services.db, {
        sessionId,
        participantId: pid,
        step: next,
        language,
        ideaId: null,
      });
      live.current = { participantId: pid, drafts: d, marker };
      setParticipantId(pid);
      setDrafts(d);
      go(next);
    } catch (e) {
      setErrors({ form: describeErrorToResident(t, e) });
    } finally {
      setBusy(false);
    }
  };

  const saveAnswers = async (): Promise<void> => {
    const chosen = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== ''));
    if (!participantId || Object.keys(chosen).length === 0) return go(TURN_STEPS.hub);
    setBusy(true);
    try {
      // A session with a council key: sealed here, before anything reaches the document (answersCrypto.ts).
      const councilKey = view.settings.councilKey;
      const place = { sessionId: view.records.sessionId, participantId };
      const sealed = councilKey
        ? await loadLaterSteps().then((m) => m.sealForSession(councilKey, chosen, place))
        : undefined;
      await run((doc, ctx) => setAnswers(doc, participantId, chosen, ctx, sealed));
      go(TURN_STEPS.hub);
    } catch (e) {
      setErrors(fieldErrors(t, e, describeErrorToResident));
    } finally {
      setBusy(false);
    }
  };

  const finish = async (force: boolean): Promise<void> => {
    if (isBallotDirty && !force) return go(TURN_STEPS.finishCheck);
    // Only where there are ideas to prioritise and the tablet can still take a ballot.
    const canSetPriorities = view.visible.length > 0 && !view.isReadOnly;
    if (!force && !savedBallot && canSetPriorities) return go(TURN_STEPS.prioritiesReminder);
    setBusy(true);
    await endTurn();
    setBusy(false);
    go(TURN_STEPS.thanks);
  };

  const openFacilitator = (): void => {
    setReturnTo(step);
    go(TURN_STEPS.facilitator);
  };

  const confirmFacilitator = async (): Promise<void> => {
    setBusy(true);
    await endTurn();
    onLanguage(defaultLanguage);
    navigate({ name: 'facilitator', sessionId });
  };

  const savedBallot = participantId
    ? view.records.ballots.find((b) => b.participantId === participantId)
    : undefined;
  const ballotChoices =
    choices ??
    (savedBallot && savedBallot.kind === settings.method.kind
      ? choicesOf(savedBallot)
      : emptyChoices(settings.method));

  const toHub = (): void => go(TURN_STEPS.hub);
  // Back from an idea: the list puts focus on that idea again, not on its heading.
  const toIdeas = (): void => {
    go(TURN_STEPS.ideas);
    setReturnToIdea(ideaId);
  };
  const isInTurn = participantId !== null && drafts !== null;

  let screen;
  switch (isInTurn || !NEEDS_PARTICIPANT.has(step) ? step : TURN_STEPS.welcome) {
    case TURN_STEPS.welcome:
      screen = (
        <WelcomeStep
          settings={settings}
          isReadOnly={view.isReadOnly}
          languages={languages}
          language={language}
          onLanguage={chooseLanguage}
          isLargeText={isLargeText}
          onLargeText={setLargeText}
          onStart={() => go(TURN_STEPS.consent)}
        />
      );
      break;
    case TURN_STEPS.consent:
      screen = (
        <ConsentStep
          consent={consentFor(settings, language)}
          isBusy={isBusy}
          error={errors.form ?? null}
          onAgree={() => void agree()}
          onDecline={() => go(TURN_STEPS.welcome)}
        />
      );
      break;
    case TURN_STEPS.aboutYou:
      screen = (
        <AboutYouStep
          questions={questionsFor(settings, language)}
          answers={answers}
          onAnswer={(q, option) => {
            setAnswerState((a) => ({ ...a, [q]: option }));
            setErrors((was) => withoutError(was, `answers.${q}`));
          }}
          isBusy={isBusy}
          errors={errors}
          onNext={() => void saveAnswers()}
          onSkip={toHub}
        />
      );
      break;
    case TURN_STEPS.hub:
      screen = (
        <HubStep
          settings={settings}
          ideaCount={view.visible.length}
          hasEarlierIdeas={earlier.length > 0}
          hasSavedBallot={savedBallot !== undefined}
          isBallotDirty={isBallotDirty}
          isBusy={isBusy}
          error={errors.form ?? null}
          onGo={go}
          onFinish={() => void finish(false)}
        />
      );
      break;
    case TURN_STEPS.moneyMap:
      screen = <MoneyMapStep settings={settings} onBack={toHub} />;
      break;
    case TURN_STEPS.ideas:
      screen = (
        <IdeasStep
          view={view}
          onOpen={(id) => {
            setIdeaId(id);
            setJustAdded(false);
            go(TURN_STEPS.idea);
          }}
          onAdd={() => go(TURN_STEPS.addIdea)}
          onBack={toHub}
          returnTo={returnToIdea}
        />
      );
      break;
    case TURN_STEPS.idea:
      screen = (
        <IdeaStep
          key={ideaId}
          view={view}
          ideaId={ideaId ?? ''}
          participantId={participantId ?? ''}
          drafts={drafts!}
          run={run}
          justAdded={justAdded}
          onBack={toIdeas}
        />
      );
      break;
    case TURN_STEPS.addIdea:
      screen = (
        <AddIdeaStep
          themes={settings.themes}
          participantId={participantId ?? ''}
          drafts={drafts!}
          run={run}
          onAdded={(id) => {
            setIdeaId(id);
            setJustAdded(true);
            go(TURN_STEPS.idea);
          }}
          onBack={toHub}
        />
      );
      break;
    case TURN_STEPS.earlierIdeas:
      screen = (
        <Suspense fallback={<p class="kiosk-loading">{t('common.loading')}</p>}>
          <EarlierIdeasStep neighbourhood={settings.neighbourhood} sessions={earlier} onBack={toHub} />
        </Suspense>
      );
      break;
    case TURN_STEPS.priorities:
      screen = (
        <Suspense fallback={<p class="kiosk-loading">{t('common.loading')}</p>}>
          <PrioritiesStep
            view={view}
            participantId={participantId ?? ''}
            choices={ballotChoices}
            isDirty={isBallotDirty}
            hasSavedBallot={savedBallot !== undefined}
            run={run}
            onChange={(next) => {
              ballotTouched.current = true;
              setChoices(next);
              setBallotDirty(true);
              drafts?.schedule(BALLOT_DRAFT, ballotDraft(next));
            }}
            onSaved={() => {
              setBallotDirty(false);
              // Saved: nothing left to bring back.
              drafts?.schedule(BALLOT_DRAFT, null);
            }}
            onBack={toHub}
            onFinish={() => void finish(false)}
          />
        </Suspense>
      );
      break;
    case TURN_STEPS.finishCheck:
      screen = (
        <FinishCheckStep
          isBusy={isBusy}
          onReview={() => go(TURN_STEPS.priorities)}
          onFinishAnyway={() => void finish(true)}
        />
      );
      break;
    case TURN_STEPS.prioritiesReminder:
      screen = (
        <PrioritiesReminderStep
          isBusy={isBusy}
          onSetPriorities={() => go(TURN_STEPS.priorities)}
          onFinishAnyway={() => void finish(true)}
        />
      );
      break;
    case TURN_STEPS.facilitator:
      screen = (
        <FacilitatorStep
          isBusy={isBusy}
          onConfirm={() => void confirmFacilitator()}
          onCancel={() => go(returnTo)}
        />
      );
      break;
    case TURN_STEPS.thanks:
      screen = <ThanksStep afterMs={Math.min(THANKS_MS, idleMs ?? THANKS_MS)} onNext={onTurnOver} />;
      break;
  }

  return (
    // data-idle-ms: the idle time this turn read (absent until read); tests wait for it before stopping their clock.
    <div class="kiosk" data-idle-ms={idleMs ?? undefined}>
      <TypedInContext.Provider value={writtenIn(settings)}>
        <div class="kiosk__screen" inert={idle.isWarning}>
          <KioskBar
            sessionTitle={settings.title}
            onFacilitator={step === TURN_STEPS.facilitator ? undefined : openFacilitator}
          />
          {/* A later step opened before its code has arrived (lazySteps.tsx): "Loading…" under the kiosk's bar. */}
          <Suspense fallback={<p class="kiosk-loading">{t('common.loading')}</p>}>{screen}</Suspense>
        </div>
      </TypedInContext.Provider>
      {idle.isWarning ? <IdleDialog onStay={idle.poke} /> : null}
    </div>
  );
}
