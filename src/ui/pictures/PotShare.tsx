import type { Pence } from '../../domain/types';
import { useT } from '../i18n';

/** The share of the pot as a number people read: whole per cent, one decimal under 1% so it never reads 0%. */
export function potShareText(intl: string, costPence: Pence, potPence: Pence): string {
  const share = costPence / potPence;
  const digits = share > 0 && share < 0.01 ? 1 : 0;
  return new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/**
 * An idea's cost as a share of the pot: a small bar and the same in words ("12% of the pot"), beside the cost.
 * A cost above the pot fills the bar and is marked (not by colour alone: the words say more than 100%).
 */
export function PotShare({ costPence, potPence }: { costPence: Pence; potPence: Pence }) {
  const t = useT();
  if (!(potPence > 0)) return null;
  const share = costPence / potPence;
  return (
    <span class={`pot-share${share > 1 ? ' pot-share--over' : ''}`}>
      <span class="pot-share__bar" aria-hidden="true">
        <span class="pot-share__fill" style={{ inlineSize: `${Math.min(1, Math.max(0, share)) * 100}%` }} />
      </span>
      <span class="pot-share__text">
        {t('kiosk.share.ofPot', { percent: potShareText(t.locale.intl, costPence, potPence) })}
      </span>
    </span>
  );
}
