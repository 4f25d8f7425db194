/**
 * "Check this tablet's date and time": shown on the facilitator's dashboard when the session holds records stamped
 * more than an hour after this tablet's clock (src/domain/clockCheck.ts). Every record is stamped with its
 * tablet's clock, and the order of ideas, "after the end" and the officer's charts read those stamps, so a clock
 * reset to 2000 by a dead battery is best put right before residents take part. Neutral about which clock is wrong:
 * the records alone cannot tell this tablet being behind from another being ahead, so it names where the later
 * stamps started.
 */
import type { SessionView } from '../../doc/session';
import { clockBehind } from '../../domain/clockCheck';
import { deviceText } from '../format/devices';
import { momentText } from '../format/dates';
import { useT } from '../i18n';
import { useServices } from '../services';

export function ClockWarning({ view, now = Date.now() }: { view: SessionView; now?: number }) {
  const t = useT();
  const services = useServices();
  const behind = clockBehind(now, view.records);
  if (!behind) return null;
  const device =
    behind.firstDeviceId === services.device.id
      ? t('fac.clock.thisTablet')
      : deviceText(t, behind.firstDeviceId, view);
  return (
    <section class="notice fac-clock" aria-labelledby="fac-clock-heading" data-testid="clock-warning">
      <h2 id="fac-clock-heading">{t('fac.clock.heading')}</h2>
      <p>
        {t('fac.clock.text', {
          now: momentText(t, behind.now),
          latest: momentText(t, behind.latestAt),
          device,
          first: momentText(t, behind.firstAt),
        })}
      </p>
      <p>{t('fac.clock.do')}</p>
    </section>
  );
}
