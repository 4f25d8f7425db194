import { useId, useState } from 'preact/hooks';
import { castBallot } from '../../doc/commands';
import type { SessionView } from '../../doc/session';
import { ballotProgress, spentPence } from '../../domain/ballots';
import type { BallotChoices } from '../../domain/types';
import { SaveStatus } from '../components/SaveStatus';
import { isValidationError } from '../../domain/errors';
import { useT } from '../i18n';
import type { SaveState, SessionHandle } from '../useSession';
import { describeError } from '../errors';
import { BallotMinimumText, BallotProgressText } from './BallotProgressText';
import { BudgetBallot } from './BudgetBallot';
import { DotsBallot } from './DotsBallot';
import { costsOf, keepVisible } from './ideas';
import { KioskPage } from './KioskPage';
import { RankingBallot } from './RankingBallot';
import { useStickyBar } from './useStickyBar';
import './laterMessages';

interface PrioritiesStepProps {
  view: SessionView;
  participantId: string;
  choices: BallotChoices;
  isDirty: boolean;
  hasSavedBallot: boolean;
  run: SessionHandle['run'];
  onChange: (choices: BallotChoices) => void;
  onSaved: () => void;
  onBack: () => void;
  onFinish: () => void;
}

/** Setting priorities under the session's method; rules enforced as the resident goes and again on saving. */
export function PrioritiesStep(props: PrioritiesStepProps) {
  const { view, participantId, isDirty, hasSavedBallot, run, onChange, onSaved, onBack, onFinish } = props;
  const t = useT();
  const { settings, visible } = view;
  const method = settings.method;
  const ctx = { potPence: settings.potPence, costs: costsOf(visible) };
  const choices = keepVisible(props.choices, new Set(visible.map((v) => v.id)));
  const progress = ballotProgress(method, choices, ctx);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<unknown>(null);
  const [error, setError] = useState<string | null>(null);
  const { isSticky, barRef } = useStickyBar();
  const rulesId = useId();
  const spent = choices.kind === 'budget' ? spentPence(choices.selected, ctx.costs) : 0;

  const change = (next: BallotChoices): void => {
    setSaveState('idle');
    setError(null);
    onChange(next);
  };

  const save = async (): Promise<void> => {
    if (saveState === 'saving') return;
    setError(null);
    setSaveState('saving');
    try {
      await run((doc, c) => castBallot(doc, participantId, choices, c));
      setSaveState('saved');
      onSaved();
    } catch (e) {
      if (isValidationError(e)) {
        setSaveState('idle');
        setError(describeError(t, e));
      } else {
        setSaveState('failed');
        setSaveError(e);
      }
    }
  };

  const intro =
    method.kind === 'dots'
      ? t('kiosk.dots.intro', { count: method.dotsPerParticipant, max: method.maxDotsPerProposal })
      : method.kind === 'budget'
        ? t('kiosk.budget.intro', { pot: t.money(settings.potPence) })
        : t('kiosk.ranking.intro', { count: method.maxRanked });

  return (
    <KioskPage title={t('kiosk.priorities.title')} back={{ label: t('kiosk.back.hub'), onClick: onBack }}>
      <p class="kiosk-text" id={rulesId}>
        {intro}
      </p>
      {visible.length === 0 ? (
        <p class="notice kiosk-notice">{t('kiosk.priorities.noIdeas')}</p>
      ) : (
        <>
          <div ref={barRef} class={`ballot-progress${isSticky ? ' ballot-progress--sticky' : ''}`}>
            <BallotProgressText
              method={method}
              progress={progress}
              potPence={settings.potPence}
              spent={spent}
            />
          </div>
          {method.kind === 'budget' ? <BallotMinimumText progress={progress} spent={spent} /> : null}
          <div class="ballot" aria-describedby={error ? 'ballot-error' : undefined}>
            {choices.kind === 'dots' && method.kind === 'dots' ? (
              <DotsBallot
                ideas={visible}
                themes={settings.themes}
                potPence={settings.potPence}
                dots={choices.dots}
                dotsLeft={progress.dotsLeft}
                maxPerIdea={method.maxDotsPerProposal}
                rulesId={rulesId}
                onChange={(dots) => change({ kind: 'dots', dots })}
              />
            ) : choices.kind === 'budget' ? (
              <BudgetBallot
                ideas={visible}
                themes={settings.themes}
                potPence={settings.potPence}
                selected={choices.selected}
                onChange={(selected) => change({ kind: 'budget', selected })}
              />
            ) : choices.kind === 'ranking' && method.kind === 'ranking' ? (
              <RankingBallot
                ideas={visible}
                themes={settings.themes}
                potPence={settings.potPence}
                ranked={choices.ranked}
                maxRanked={method.maxRanked}
                onChange={(ranked) => change({ kind: 'ranking', ranked })}
              />
            ) : null}
          </div>
          <div class="ballot-save">
            {error ? (
              <p class="field__error ballot-error" id="ballot-error" role="alert">
                {error}
              </p>
            ) : null}
            {isDirty && hasSavedBallot ? <p class="kiosk-muted">{t('kiosk.priorities.changed')}</p> : null}
            <button
              type="button"
              class="btn btn--primary btn--large"
              onClick={() => void save()}
              aria-disabled={saveState === 'saving' || undefined}
            >
              {t('kiosk.priorities.save')}
            </button>
            <SaveStatus state={saveState} error={saveError} isResident />
            {saveState === 'saved' && !isDirty ? (
              <div class="kiosk-after-save">
                <p>{t('kiosk.priorities.savedText')}</p>
                <button type="button" class="btn btn--large" onClick={onFinish}>
                  {t('kiosk.hub.finish')}
                </button>
              </div>
            ) : null}
          </div>
        </>
      )}
    </KioskPage>
  );
}
