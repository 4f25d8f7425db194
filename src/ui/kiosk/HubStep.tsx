import type { SessionSettings } from '../../domain/types';
import { useT } from '../i18n';
import { HubTile } from './HubTile';
import { KioskPage } from './KioskPage';
import { TURN_STEPS, type TurnStep } from './turnSteps';

interface HubStepProps {
  settings: SessionSettings;
  ideaCount: number;
  /** Earlier workshops here have decided ideas to show ("You said, we did"). */
  hasEarlierIdeas: boolean;
  hasSavedBallot: boolean;
  isBallotDirty: boolean;
  isBusy: boolean;
  error: string | null;
  onGo: (step: TurnStep) => void;
  onFinish: () => void;
}

/**
 * The menu of the turn: the money map, the ideas, adding an idea, priorities, what happened to earlier ideas
 * (only when there are some), and Finish.
 */
export function HubStep({
  settings,
  ideaCount,
  hasEarlierIdeas,
  hasSavedBallot,
  isBallotDirty,
  isBusy,
  error,
  onGo,
  onFinish,
}: HubStepProps) {
  const t = useT();
  const method = settings.method;
  const prioritiesText =
    method.kind === 'dots'
      ? t('kiosk.hub.prioritiesDots', { count: method.dotsPerParticipant })
      : method.kind === 'budget'
        ? t('kiosk.hub.prioritiesBudget', { pot: t.money(settings.potPence) })
        : t('kiosk.hub.prioritiesRanking', { count: method.maxRanked });
  const ballotState = isBallotDirty
    ? t('kiosk.hub.prioritiesNotSaved')
    : hasSavedBallot
      ? t('kiosk.hub.prioritiesSaved')
      : t('kiosk.hub.prioritiesNotDone');
  return (
    <KioskPage title={t('kiosk.hub.title')}>
      <ul class="kiosk-tiles">
        <HubTile
          title={t('kiosk.hub.moneyMap')}
          description={t('kiosk.hub.moneyMapText', { neighbourhood: settings.neighbourhood })}
          onOpen={() => onGo(TURN_STEPS.moneyMap)}
        />
        <HubTile
          title={t('kiosk.hub.ideas')}
          description={t('kiosk.hub.ideasText', { count: ideaCount })}
          onOpen={() => onGo(TURN_STEPS.ideas)}
        />
        <HubTile
          title={t('kiosk.hub.addIdea')}
          description={t('kiosk.hub.addIdeaText', { neighbourhood: settings.neighbourhood })}
          onOpen={() => onGo(TURN_STEPS.addIdea)}
        />
        <HubTile
          title={t('kiosk.hub.priorities')}
          description={prioritiesText}
          onOpen={() => onGo(TURN_STEPS.priorities)}
        >
          <p class="kiosk-tile__state">{ballotState}</p>
        </HubTile>
        {hasEarlierIdeas ? (
          <HubTile
            title={t('kiosk.hub.earlier')}
            description={t('kiosk.hub.earlierText', { neighbourhood: settings.neighbourhood })}
            onOpen={() => onGo(TURN_STEPS.earlierIdeas)}
          />
        ) : null}
      </ul>
      <section class="kiosk-finish" aria-labelledby="kiosk-finish-heading">
        <h2 id="kiosk-finish-heading">{t('kiosk.hub.finishHeading')}</h2>
        <p>{t('kiosk.hub.finishText')}</p>
        {error ? (
          <p class="alert" role="alert">
            {error}
          </p>
        ) : null}
        <button type="button" class="btn btn--primary btn--large" onClick={onFinish} disabled={isBusy}>
          {t('kiosk.hub.finish')}
        </button>
      </section>
    </KioskPage>
  );
}
