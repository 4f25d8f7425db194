import type { SessionView } from '../../doc/session';
import { sessionCounts } from '../../domain/results/participation';
import { useT } from '../i18n';

/**
 * How many residents took part and what they added, as big numbers. "Residents taking part" is the one
 * definition of src/domain/results/participation.ts (someone who did something), the same figure as the officer
 * view, the report and the exports; turns that ended with nothing done are shown apart, never in it.
 */
export function CountsPanel({ view }: { view: SessionView }) {
  const t = useT();
  const c = sessionCounts(view);
  const items: [string, number, string][] = [
    [t('fac.counts.residents'), c.residents, 'residents'],
    [t('fac.counts.ideas'), c.ideasShown, 'ideas'],
    [t('fac.counts.hidden'), c.ideasHidden, 'hidden'],
    [t('fac.counts.comments'), c.comments, 'comments'],
    [t('fac.counts.counted'), c.ballotsCounted, 'counted'],
    [t('fac.counts.excluded'), c.ballotsExcluded, 'excluded'],
  ];
  return (
    <section aria-labelledby="fac-counts-heading">
      <h2 id="fac-counts-heading">{t('fac.counts.heading')}</h2>
      <dl class="fac-counts">
        {items.map(([label, n, key]) => (
          <div class="fac-counts__item" key={key}>
            <dt>{label}</dt>
            <dd>{t.number(n)}</dd>
          </div>
        ))}
      </dl>
      <p class="field__hint" data-figure="nothing-done">
        {t('fac.counts.nothingDone', { count: c.turnsWithNothingDone })}
      </p>
      {c.ballotsExcluded > 0 ? <p class="field__hint">{t('fac.counts.excludedHint')}</p> : null}
    </section>
  );
}
