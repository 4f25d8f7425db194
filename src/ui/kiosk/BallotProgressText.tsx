import type { BallotProgress } from '../../domain/ballots';
import type { Pence, PriorityMethod } from '../../domain/types';
import { useT } from '../i18n';

interface BallotProgressTextProps {
  method: PriorityMethod;
  progress: BallotProgress;
  potPence: Pence;
  spent: Pence;
}

/**
 * What is left, said in words and announced politely as it changes ("3 dots left", "money left"): the one figure
 * the bar at the top of the priorities screen keeps in view. A budget ballot's minimum is said apart, under the
 * bar (`BallotMinimumText`), so the bar stays small enough to stay in view on a small or zoomed screen.
 */
export function BallotProgressText({ method, progress, potPence, spent }: BallotProgressTextProps) {
  const t = useT();
  if (method.kind === 'dots') {
    return (
      <p class="ballot-progress__main" id={NONE_LEFT_ID} role="status" aria-live="polite">
        {progress.dotsLeft > 0
          ? t('kiosk.dots.left', { count: progress.dotsLeft })
          : t('kiosk.dots.noneLeft')}
      </p>
    );
  }
  if (method.kind === 'ranking') {
    return (
      <p class="ballot-progress__main" role="status" aria-live="polite">
        {progress.placesLeft > 0
          ? t('kiosk.ranking.placesLeft', { count: progress.placesLeft })
          : t('kiosk.ranking.full')}
      </p>
    );
  }
  const left = progress.moneyLeftPence;
  const share = potPence > 0 ? Math.min(100, Math.round((spent / potPence) * 100)) : 0;
  return (
    <div role="status" aria-live="polite">
      <p class="ballot-progress__main">
        {left >= 0
          ? t('kiosk.budget.left', { left: t.money(left), pot: t.money(potPence) })
          : t('kiosk.budget.over', { over: t.money(-left), pot: t.money(potPence) })}
      </p>
      <div class={`money-bar${left < 0 ? ' money-bar--over' : ''}`} aria-hidden="true">
        <span class="money-bar__fill" style={{ width: `${share}%` }} />
      </div>
    </div>
  );
}

/** The id of the words "3 dots left" / "You have used all your dots.": why "+" does nothing once none are left. */
export const NONE_LEFT_ID = 'ballot-dots-left';

/**
 * A budget ballot's minimum, the one that applies now (`progress.minimumSpendPence`, src/domain/ballots.ts), under
 * the bar and announced politely as it changes. Nothing is said of a minimum when none applies, so a resident is
 * never asked to back an idea they do not want; the live region is there all the same, so a minimum that starts to
 * apply is announced.
 */
export function BallotMinimumText({ progress, spent }: { progress: BallotProgress; spent: Pence }) {
  const t = useT();
  const minimum = progress.minimumSpendPence;
  return (
    <div class="ballot-minimum" role="status" aria-live="polite">
      {minimum > 0 ? (
        <p>
          {spent >= minimum
            ? t('kiosk.budget.minimumMet', { minimum: t.money(minimum) })
            : t('kiosk.budget.minimumAny', { minimum: t.money(minimum), spent: t.money(spent) })}
        </p>
      ) : null}
    </div>
  );
}
